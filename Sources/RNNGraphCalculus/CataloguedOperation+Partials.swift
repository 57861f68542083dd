import RNNGraphCore

/// The closed-form partials of a catalogued operation, generated from its rule: the
/// element-wise slope or the Jacobian, as a formula and as a number.
extension CataloguedOperation {
    /// `∂value/∂argument` at the arguments' values: the slope of an element-wise
    /// operation, the Jacobian of a vector one.
    func partial(argument: Int, _ arguments: [Formula]) -> Formula {
        switch rule {
        case .elementwise: return .operation(self, .slope(argument), arguments)
        case .vector: return .operation(self, .jacobian, arguments)
        }
    }

    /// The LaTeX template of a part, `#1`, `#2`, … the arguments.
    public func latex(_ part: OperationPart) -> String {
        switch (rule, part) {
        case (_, .value): return definition.latex
        case (.elementwise(let rule), .slope(let k)): return rule.slopeLaTeX(argument: k)
        case (.vector(let rule), .jacobian): return rule.jacobianLaTeX
        case (.elementwise, .jacobian), (.vector, .slope): preconditionFailure("\(name) has no \(part)")
        }
    }

    /// The number a part stands for when every value is a scalar.
    func scalar(_ part: OperationPart, _ x: [Double]) -> Double {
        switch (rule, part) {
        case (.elementwise(let rule), .value): return rule.value(x)
        case (.elementwise(let rule), .slope(let k)): return rule.slope(x, argument: k)
        case (.vector(let rule), .value): return rule.value(x)[0]
        case (.vector(let rule), .jacobian): return rule.jacobian(x)[0][0]
        case (.elementwise, .jacobian), (.vector, .slope): preconditionFailure("\(name) has no \(part)")
        }
    }
}
