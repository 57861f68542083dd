/// Unrolls a ``ModelDefinition`` for a sequence length into a ``ComputationGraph``.
///
/// Every step variable defined with `=` gets one node per step; inline
/// definitions (`:=`) are substituted into their uses, or become nodes of their
/// own with ``ModelOptions/detail``. Leaves are created where they are read.
/// The graph lists parameters first, then initial states, then the other
/// leaves family by family, then the defined variables step by step (each
/// after what it reads), and the loss last.
///
/// The options transform any model: `startsAtZero` indexes the steps from one
/// earlier and drops the sum terms that read an initial state;
/// `lossPlacement == .last` keeps only the last step of the loss's sums;
/// `reduction == .mean` averages them; `biases == false` drops the declared
/// biases from their sums; `outputLoss == .squared` turns `ce(y, softmax(o))`
/// into `(y - o)^2`; `activation` rebinds the model's activation symbols.
struct ModelUnroller {
    let definition: ModelDefinition
    let options: ModelOptions
    let steps: ClosedRange<Int>

    /// One variable of the unrolled graph, before it has its position.
    struct Key: Hashable {
        let family: String
        let time: Int?
        let isCopy: Bool
    }

    var keys: [Key] = []
    var provisional: [Key: Int] = [:]
    var expressions: [Int: Expression] = [:]
    var pending: [Int] = []
    var lossKey: Int?
    var lossSummandFamilies: Set<String> = []

    init(definition: ModelDefinition, options: ModelOptions) throws {
        self.definition = definition
        self.options = options
        let syntax = definition.syntax
        let shift = options.startsAtZero ? -1 : 0
        let first = syntax.firstStep + shift
        let last = options.length + syntax.lastStepOffset + shift
        guard last >= first else {
            throw RNNGraphError.usage("length \(options.length) leaves no steps for \(syntax.timeVariable) = "
                                      + "\(syntax.firstStep)..N\(syntax.lastStepOffset == 0 ? "" : "\(syntax.lastStepOffset)"); "
                                      + "choose a larger --length")
        }
        steps = first...last
    }

    var syntax: ModelSyntax { definition.syntax }

    func family(_ key: String) -> ModelDefinition.FamilyInfo? { definition.families[key] }

    func equation(of familyKey: String) -> Equation? {
        family(familyKey)?.equation.map { syntax.equations[$0] }
    }

    /// The provisional id of `key`, registering it (and queueing its translation) on first sight.
    mutating func id(_ key: Key) -> Int {
        if let known = provisional[key] { return known }
        let id = keys.count
        keys.append(key)
        provisional[key] = id
        pending.append(id)
        return id
    }

    /// Builds the graph.
    mutating func build() throws -> ComputationGraph {
        lossSummandFamilies = lossSummands()
        // Every step variable at every step, then the untimed equations.
        for step in steps {
            for equation in syntax.equations where equation.target.time != nil && !equation.isInline {
                _ = id(Key(family: ModelDefinition.key(equation.target.name, timed: true), time: step, isCopy: false))
            }
        }
        for equation in syntax.equations where equation.target.time == nil && !equation.isInline {
            let key = id(Key(family: equation.target.name, time: nil, isCopy: false))
            if equation.target.name == definition.lossName { lossKey = key }
        }
        if lossKey == nil {
            lossKey = id(Key(family: definition.lossName, time: nil, isCopy: false))
        }
        var next = 0
        while next < pending.count {
            let id = pending[next]
            next += 1
            try translateNode(id)
        }
        return try emit()
    }

    // MARK: Translation

    private mutating func translateNode(_ id: Int) throws {
        let key = keys[id]
        if key.isCopy {
            expressions[id] = .variable(NodeID(self.id(Key(family: key.family, time: nil, isCopy: false))))
            return
        }
        // A leaf: an undefined name, or a state read before its first step or after its last.
        guard let equation = equation(of: key.family), key.time.map(steps.contains) ?? true else { return }
        let inLoss = (key.family == definition.lossName && key.time == nil) || lossSummandFamilies.contains(key.family)
        expressions[id] = try translate(equation.expression, at: key.time, inLoss: inLoss, depth: 0)
    }

    func error(_ message: String, _ location: SourceLocation) -> ModelParseError {
        ModelParseError(message: message, location: location)
    }

    /// `term` as an expression at `step` (nil for untimed equations).
    private mutating func translate(_ term: Term, at step: Int?, inLoss: Bool, depth: Int) throws -> Expression {
        func sub(_ t: Term) throws -> Expression { try translate(t, at: step, inLoss: inLoss, depth: depth) }
        switch term {
        case .name(let reference):
            return try resolve(reference, at: step, inLoss: inLoss, depth: depth)
        case .number(let value):
            return .constant(value)
        case .call(let function, let arguments, let location):
            return try call(function, arguments, location, at: step, inLoss: inLoss, depth: depth)
        case .add, .subtract:
            return try sum(term, at: step, inLoss: inLoss, depth: depth)
        case .negate(let a):
            let value = try sub(a)
            if case .constant(let c) = value { return .constant(-c) }
            return .apply(.negate, [value])
        case .matrixProduct(let a, let b):
            let left = try sub(a), right = try sub(b)
            if case .constant = left { return .apply(.hadamard, [left, right]) }
            if case .constant = right { return .apply(.hadamard, [left, right]) }
            return .product(left, right)
        case .elementwise(let a, let b):
            return .apply(.hadamard, [try sub(a), try sub(b)])
        case .power(let a, let k):
            if inLoss, k == 2, case .subtract(let y, let o) = a {
                return .squaredError(target: try sub(y), prediction: try sub(o))
            }
            return .apply(.power(k), [try sub(a)])
        case .transpose(let a):
            return .apply(.transpose, [try sub(a)])
        case .stack(let parts):
            let values = try parts.map(sub)
            return values.count == 1 ? values[0] : .apply(.stack, values)
        case .inner(let a, let b):
            return .inner(weights: try sub(a), value: try sub(b))
        case .overTime(let mean, let lower, let upper, let body, let location):
            guard step == nil else {
                throw error("a sum over time belongs in an equation without a time index", location)
            }
            var low = lower.map { $0.at(step: steps.lowerBound, length: options.length) } ?? steps.lowerBound
            let high = upper.map { $0.at(step: steps.upperBound, length: options.length) } ?? steps.upperBound
            if options.startsAtZero, lower != nil { low -= 1 }
            guard low <= high else {
                throw error("the sum over \(syntax.timeVariable) runs from \(low) to \(high) and has no terms at this length", location)
            }
            // A bound may reach a few steps past the sequence (an initial state, a later input), not arbitrarily far.
            let reach = 2 * ModelDefinition.maximumOffset
            guard low >= steps.lowerBound - reach, high <= steps.upperBound + reach else {
                throw RNNGraphError.usage("the sum over \(syntax.timeVariable) at line \(location.line) runs from \(low) "
                                          + "to \(high), far outside the steps \(steps.lowerBound)…\(steps.upperBound) "
                                          + "of a sequence of length \(options.length); bound it by N or choose a longer length")
            }
            let range = inLoss && options.lossPlacement == .last ? high...high : low...high
            var terms: [Expression] = []
            for t in range {
                let summand = try translate(body, at: t, inLoss: inLoss, depth: depth)
                let scalar = isScalar(body, depth: 0) || summand.isScalar
                terms.append(scalar ? summand : .apply(.entrySum, [summand]))
            }
            let averaged = mean || (inLoss && options.reduction == .mean)
            return averaged ? .mean(terms) : .sum(terms)
        }
    }

    /// Whether a summand of a loss is `1 × 1` whatever the sizes, as written: a squared
    /// difference, a cross-entropy, an inner product, or a name defined as one.
    private func isScalar(_ term: Term, depth: Int) -> Bool {
        guard depth < 64 else { return false }
        switch term {
        case .power(.subtract, 2), .call("ce", _, _), .inner, .number, .overTime: return true
        case .negate(let a): return isScalar(a, depth: depth + 1)
        case .call(let function, let arguments, _) where function == "log" || function == "exp":
            return arguments.count == 1 && isScalar(arguments[0], depth: depth + 1)
        case .name(let reference):
            return equation(of: ModelDefinition.key(reference)).map { isScalar($0.expression, depth: depth + 1) } ?? false
        default: return false
        }
    }

    /// A sum of terms, flattened, with the terms that the options drop left out.
    private mutating func sum(_ term: Term, at step: Int?, inLoss: Bool, depth: Int) throws -> Expression {
        var flat: [(Term, negated: Bool)] = []
        func collect(_ t: Term, _ negated: Bool) {
            switch t {
            case .add(let a, let b):
                collect(a, negated)
                collect(b, negated)
            case .subtract(let a, let b):
                collect(a, negated)
                collect(b, !negated)
            default:
                flat.append((t, negated))
            }
        }
        collect(term, false)
        var terms: [Expression] = []
        for (part, negated) in flat {
            if !options.biases, case .name(let reference) = part, reference.time == nil,
               definition.biases.contains(reference.name) {
                continue
            }
            let value = try translate(part, at: step, inLoss: inLoss, depth: depth)
            if options.startsAtZero, value.references.contains(where: { isInitialState($0) }) { continue }
            if negated {
                if case .constant(let c) = value { terms.append(.constant(-c)) } else { terms.append(.apply(.negate, [value])) }
            } else {
                terms.append(value)
            }
        }
        if terms.isEmpty { return .constant(0) }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    func isInitialState(_ id: NodeID) -> Bool {
        guard id.index < keys.count else { return false }
        let key = keys[id.index]
        guard let time = key.time, !key.isCopy else { return false }
        return family(key.family)?.equation != nil && !steps.contains(time)
    }

    private mutating func resolve(_ reference: NameReference, at step: Int?, inLoss: Bool, depth: Int) throws -> Expression {
        let familyKey = ModelDefinition.key(reference)
        guard let info = family(familyKey) else {
            throw error("\(reference.name) is not defined", reference.location)
        }
        guard let index = reference.time else {
            if !options.biases, definition.biases.contains(reference.name) {
                throw error("\(reference.name) is a bias used outside a sum, so it cannot be left out", reference.location)
            }
            if let equation = info.equation.map({ syntax.equations[$0] }) {
                if equation.isInline && !options.detail {
                    return try inline(equation, at: nil, reference: reference, inLoss: inLoss, depth: depth)
                }
                return .variable(NodeID(id(Key(family: familyKey, time: nil, isCopy: false))))
            }
            let isParameter = info.declared == nil || info.declared == .parameters
            if isParameter, options.parameterCopies, let step {
                return .variable(NodeID(id(Key(family: familyKey, time: step, isCopy: true))))
            }
            return .variable(NodeID(id(Key(family: familyKey, time: nil, isCopy: false))))
        }
        guard let current = step ?? (index == .relative(0) ? nil : 0) else {
            if ["Σ", "∑"].contains(reference.name) {
                throw error("\(reference.name) is not a sum in the model language: write a sum over time as "
                            + "sum_\(syntax.timeVariable) (…)", reference.location)
            }
            throw error("\(reference.name)_\(syntax.timeVariable) is read outside a sum over \(syntax.timeVariable); "
                        + "write a step such as \(reference.name)_N", reference.location)
        }
        let time = index.at(step: step ?? current, length: options.length + (options.startsAtZero ? -1 : 0))
        if let equation = info.equation.map({ syntax.equations[$0] }), steps.contains(time) {
            if equation.isInline && !options.detail {
                return try inline(equation, at: time, reference: reference, inLoss: inLoss, depth: depth)
            }
        } else if let equation = info.equation.map({ syntax.equations[$0] }), equation.isInline {
            throw error("\(reference.name) is read at step \(time), outside the steps \(steps.lowerBound)…\(steps.upperBound) "
                        + "where it is defined; only a state defined with = can have an initial value", reference.location)
        }
        return .variable(NodeID(id(Key(family: familyKey, time: time, isCopy: false))))
    }

    private mutating func inline(_ equation: Equation, at time: Int?, reference: NameReference, inLoss: Bool,
                                 depth: Int) throws -> Expression {
        guard depth < 64 else {
            throw error("the inline definition of \(reference.name) reaches itself", reference.location)
        }
        return try translate(equation.expression, at: time, inLoss: inLoss, depth: depth + 1)
    }

    private mutating func call(_ function: String, _ arguments: [Term], _ location: SourceLocation, at step: Int?,
                               inLoss: Bool, depth: Int) throws -> Expression {
        func sub(_ t: Term) throws -> Expression { try translate(t, at: step, inLoss: inLoss, depth: depth) }
        if let binding = syntax.activations.first(where: { $0.symbol == function }) {
            return .activation(options.activation ?? binding.function, try sub(arguments[0]))
        }
        switch function {
        case "tanh": return .activation(.tanh, try sub(arguments[0]))
        case "sigmoid": return .activation(.sigmoid, try sub(arguments[0]))
        case "relu": return .activation(.relu, try sub(arguments[0]))
        case "identity": return .activation(.identity, try sub(arguments[0]))
        case "softmax": return .softmax(try sub(arguments[0]))
        case "exp": return .apply(.exp, [try sub(arguments[0])])
        case "log": return .apply(.log, [try sub(arguments[0])])
        case _ where OperationCatalogue.named(function) != nil:
            return .apply(.catalogued(OperationCatalogue.named(function)!), try arguments.map(sub))
        case "ce":
            if options.outputLoss == .squared {
                guard let scores = try softmaxArgument(arguments[1], at: step, inLoss: inLoss, depth: depth) else {
                    throw error("squared output loss needs ce(y, softmax(o)) here, to become (y - o)^2", location)
                }
                return .squaredError(target: try sub(arguments[0]), prediction: scores)
            }
            return .crossEntropy(target: try sub(arguments[0]), prediction: try sub(arguments[1]))
        default:
            // `W(h_t + b)`: a matrix against its parenthesized argument.
            let matrix = try resolve(NameReference(name: function, time: nil, location: location), at: step,
                                     inLoss: inLoss, depth: depth)
            return .product(matrix, try sub(arguments[0]))
        }
    }

    /// The scores `o` of `softmax(o)`, written directly or through an inline definition.
    private mutating func softmaxArgument(_ term: Term, at step: Int?, inLoss: Bool, depth: Int) throws -> Expression? {
        switch term {
        case .call("softmax", let arguments, _):
            return try translate(arguments[0], at: step, inLoss: inLoss, depth: depth)
        case .name(let reference):
            guard let equation = equation(of: ModelDefinition.key(reference)), equation.isInline else { return nil }
            let time = reference.time.map { $0.at(step: step ?? 0, length: options.length) }
            return try softmaxArgument(equation.expression, at: time, inLoss: inLoss, depth: depth + 1)
        default:
            return nil
        }
    }
}
