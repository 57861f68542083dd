import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNumerics
import RNNGraphPaths

/// Prints a model's defining equations as LaTeX, in the model's notation:
/// `h_{t} = \sigma\left(\mathbf{U} x_{t} + \mathbf{V} h_{t-1}\right)`.
///
/// ``equation(for:in:)`` prints one variable of the unrolled graph with concrete
/// times; ``stepEquations(_:)`` prints one equation per family of the rolled
/// graph with symbolic times (`t`) and the loss as a sum over its steps.
public struct EquationPrinter: Sendable {
    /// The printer for variables and indices.
    public let printer: LaTeXPrinter

    /// An equation printer with the given settings.
    public init(settings: LaTeXSettings = LaTeXSettings()) { printer = LaTeXPrinter(settings: settings) }

    /// `name = definition` for one variable of `graph`; `nil` for a leaf.
    public func equation(for variable: Variable, in graph: ComputationGraph) -> String? {
        guard let definition = variable.definition else { return nil }
        let name: (NodeID) -> String = { printer.variable(IndexedVariable(graph[$0])) }
        return "\(name(variable.id)) = \(latex(definition, name, top: true))"
    }

    /// One equation per defined family of the model, with time written `t`.
    public func stepEquations(_ model: Model) throws -> [String] {
        let rolled = try RolledGraph.shared(for: model.options)
        let graph = rolled.representative
        let middle = rolled.representativeLength / 2
        var result: [String] = []
        for node in rolled.nodes {
            let members = graph.variables.filter { RolledGraph.Node.same($0, node) && $0.definition != nil }
            guard let representative = members.first(where: { $0.time == middle }) ?? members.last,
                  let definition = representative.definition else { continue }
            if let time = representative.time {
                let name: (NodeID) -> String = { id in
                    let v = graph[id]
                    return printer.variable(IndexedVariable(symbol: v.symbol, time: v.time.map { .index("t", $0 - time) },
                                                            isCopy: v.kind == .parameterCopy))
                }
                result.append("\(name(representative.id)) = \(latex(definition, name, top: true))")
            } else if let (terms, isMean) = Self.steps(definition), let summand = terms.dropFirst(terms.count / 2).first,
                      let anchor = summand.references.filter({ graph[$0].time != nil })
                          .min(by: { graph[$0].time! < graph[$1].time! }),
                      let step = graph[anchor].time, let family = rolled.family(of: graph[anchor]),
                      let range = rolled.edges.first(where: { rolled.nodes[$0.to] == node && $0.from == family })?.range {
                let name: (NodeID) -> String = { id in
                    let v = graph[id]
                    return printer.variable(IndexedVariable(symbol: v.symbol, time: v.time.map { .index("t", $0 - step) },
                                                            isCopy: v.kind == .parameterCopy))
                }
                var scale = ""
                if isMean {
                    let size = range.upper.base == range.lower.base
                        ? IndexExpression.constant(range.upper.offset - range.lower.offset + 1)
                        : range.upper.shifted(by: 1 - range.lower.offset)
                    scale = "\\frac{1}{\(printer.index(size))} "
                }
                let sum = "\\sum_{t=\(printer.index(range.lower))}^{\(printer.index(range.upper))}"
                result.append("\(printer.variable(IndexedVariable(representative))) = \(scale)\(sum) \(latex(summand, name, top: false))")
            } else {
                result.append(equation(for: representative, in: graph) ?? "")
            }
        }
        return result
    }

    /// The per-step terms of a sum or mean over steps.
    private static func steps(_ e: Expression) -> ([Expression], Bool)? {
        if case .sum(let terms) = e { return (terms, false) }
        if case .mean(let terms) = e { return (terms, true) }
        return nil
    }

    /// The precedence of an equation's outermost operation, in the table formulas are printed by.
    private static func precedence(_ e: Expression) -> Precedence {
        switch e {
        case .sum: return .additive
        case .apply(.negate, _): return .signed
        case .constant(let c): return c < 0 ? .signed : .atom
        case .apply(.hadamard, _): return .elementwise
        case .product: return .multiplicative
        case .variable, .apply(.stack, _): return .atom
        default: return .application
        }
    }

    /// `e` as LaTeX, each variable written by `name`; `times` separates the factors of a product
    /// (a space for symbols, `\cdot` when numbers stand in for them).
    func latex(_ e: Expression, _ name: (NodeID) -> String, top: Bool, times: String = " ") -> String {
        func sub(_ x: Expression) -> String { latex(x, name, top: false, times: times) }
        func placed(_ x: Expression, _ context: PrintContext) -> String {
            Self.precedence(x) < context.least ? "\\left(\(sub(x))\\right)" : sub(x)
        }
        func operand(_ x: Expression) -> String { placed(x, .factor) }
        func base(_ x: Expression) -> String { placed(x, .superscriptBase) }
        switch e {
        case .variable(let id): return name(id)
        case .product(let a, let b): return "\(operand(a))\(times)\(operand(b))"
        case .sum(let terms):
            var text = ""
            for (k, term) in terms.enumerated() {
                if k > 0, case .apply(.negate, let negated) = term {
                    text += " - " + operand(negated[0])
                } else {
                    text += (k > 0 ? " + " : "") + sub(term)
                }
            }
            return text
        case .activation(let f, let a):
            switch f {
            case .relu, .sigmoid: return "\\sigma\\left(\(sub(a))\\right)"
            case .tanh: return "\\tanh\\left(\(sub(a))\\right)"
            case .identity: return sub(a)
            }
        case .softmax(let a): return "\\operatorname{softmax}\\left(\(sub(a))\\right)"
        case .squaredError(let y, let o): return "\\left(\(sub(y)) - \(sub(o))\\right)^{2}"
        case .crossEntropy(let y, let p): return "-\\log \\left[\(sub(p))\\right]_{\(sub(y))}"
        case .inner(let g, let h): return "\\left\\langle \(sub(g)), \(sub(h)) \\right\\rangle"
        case .mean(let terms): return "\\frac{1}{\(terms.count)} \\left(\(terms.map(sub).joined(separator: " + "))\\right)"
        case .constant(let c): return NumberFormat.exact(c)
        case .apply(let operation, let x):
            switch operation {
            case .hadamard: return "\(operand(x[0])) \\odot \(operand(x[1]))"
            case .negate: return "-\(operand(x[0]))"
            case .power(let k): return "\(base(x[0]))^{\(k)}"
            case .transpose: return "\(base(x[0]))^{\\top}"
            case .exp: return "\\exp\\left(\(sub(x[0]))\\right)"
            case .log: return "\\log\\left(\(sub(x[0]))\\right)"
            case .entrySum: return "\\mathbf{1}^{\\top} \(base(x[0]))"
            case .stack: return "\\begin{bmatrix} \(x.map(sub).joined(separator: " \\\\ ")) \\end{bmatrix}"
            case .catalogued(let operation): return OperationTemplate.fill(operation.definition.latex, x.map(sub))
            }
        }
    }
}

extension RolledGraph.Node {
    /// Whether `variable` belongs to the family `node`.
    static func same(_ variable: Variable, _ node: RolledGraph.Node) -> Bool {
        variable.symbol == node.symbol && (variable.time != nil) == node.isTimed
            && (variable.kind == .parameterCopy) == node.isCopy
    }
}
