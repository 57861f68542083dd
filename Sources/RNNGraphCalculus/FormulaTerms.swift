import RNNGraphCore

/// The terms of closed-form values and slopes as formulas (``SlopeAlgebra``), for one call:
/// products entry by entry are `a b` in scalars and `a ⊙ b` in the vector layouts, and values
/// are written out only when a term reads them.
struct FormulaTerms: SlopeAlgebra {
    /// The call's value, written out on demand.
    let value: () -> Formula
    let isWhole: Bool
    /// The defined variable, for a whole definition.
    let defined: Formula?
    /// The call's arguments.
    let arguments: [Expression]
    /// An argument's value as a formula.
    let argumentValue: (Expression) -> Formula
    /// `1 / n` for a mean of `n` terms.
    let countReciprocal: (Int) -> Formula
    /// Whether products entry by entry are written `⊙`.
    let hadamard: Bool

    var output: Formula { defined ?? value() }
    var count: Int { arguments.count }
    func argument(_ k: Int) -> Formula { argumentValue(arguments[k]) }
    var one: Formula { .one }
    func integer(_ k: Int) -> Formula { .integer(k) }
    func reciprocalCount(_ n: Int) -> Formula { countReciprocal(n) }
    func add(_ terms: [Formula]) -> Formula { Formula.add(terms) }
    func difference(_ a: Formula, _ b: Formula) -> Formula { .difference(a, b) }
    func negation(_ a: Formula) -> Formula { .negation(a) }
    func multiply(_ factors: [Formula]) -> Formula { Formula.multiply(factors) }
    func product(_ factors: [Formula]) -> Formula { .product(factors) }
    func entrywise(_ a: Formula, _ b: Formula) -> Formula { hadamard ? .hadamard(a, b) : .product([a, b]) }
    func hadamard(_ a: Formula, _ b: Formula) -> Formula { .hadamard(a, b) }
    func transpose(_ a: Formula) -> Formula { .transpose(a) }
    func stacked(_ parts: [Formula]) -> Formula { .stacked(parts) }
    func activation(_ function: Activation, _ a: Formula) -> Formula { .activation(function, a) }
    func softmax(_ a: Formula) -> Formula { .softmax(a) }
    func exp(_ a: Formula) -> Formula { .elementwise(.exp, a) }
    func log(_ a: Formula) -> Formula { .elementwise(.log, a) }
    func indicator(_ a: Formula) -> Formula { .indicator(a) }
    func oneMinusSquare(_ a: Formula) -> Formula { .oneMinusSquare(a) }
    func reciprocal(_ a: Formula) -> Formula { .elementwise(.reciprocal, a) }
    func power(_ a: Formula, _ k: Int) -> Formula { .elementwise(.power(k), a) }
    func definedValue(_ operation: CataloguedOperation) -> Formula {
        .operation(operation, .value, arguments.map(argumentValue))
    }
    func definedSlope(_ operation: CataloguedOperation, argument: Int) -> Formula {
        operation.partial(argument: argument, arguments.map(argumentValue))
    }
}

extension LocalPartials {
    /// The terms of the call `e` (`whole`: the child's entire definition, whose variable then
    /// stands for its value).
    private func terms(_ e: Expression, _ arguments: [Expression], child: NodeID?, hadamard: Bool) -> FormulaTerms {
        FormulaTerms(value: { value(e) }, isWhole: child != nil, defined: child.map { .variable(rename($0)) },
                     arguments: arguments, argumentValue: value, countReciprocal: { .reciprocal(count($0)) },
                     hadamard: hadamard)
    }

    /// The value of an expression as a formula, each operation's as its entry states it
    /// (``OperationEntry/value(_:)``).
    func value(_ e: Expression) -> Formula {
        if case .variable(let id) = e { return .variable(rename(id)) }
        if case .constant(let c) = e { return Formula.constant(c) }
        if case .apply(.hadamard, let xs) = e {
            // A number scales: `0.25 h_t`, not `h_t ⊙ 0.25`.
            if isNumber(xs[1]), !isNumber(xs[0]) { return Formula.multiply([value(xs[1]), value(xs[0])]) }
            if isNumber(xs[0]) { return Formula.multiply([value(xs[0]), value(xs[1])]) }
        }
        let (entry, arguments) = e.call!
        guard let value = entry.value(terms(e, arguments, child: nil, hadamard: false)) else {
            preconditionFailure("closed forms are built only where hasClosedForm holds")
        }
        return value
    }

    /// The slope of an element-wise call `e` by each of its arguments, as its operation states it
    /// (``OperationEntry/slope(_:argument:)``); `nil` for a call that is not element-wise.
    /// `whole` says `e` is the child's entire definition, whose variable then stands for its value.
    func slopes(_ e: Expression, child: NodeID, whole: Bool, hadamard: Bool) -> [Formula]? {
        guard let (entry, xs) = e.call else { return nil }
        let algebra = terms(e, xs, child: whole ? child : nil, hadamard: hadamard)
        var result: [Formula] = []
        for k in xs.indices {
            guard let slope = entry.slope(algebra, argument: k) else { return nil }
            result.append(slope)
        }
        return result
    }
}
