/// A recurrent network unrolled for a fixed length: its options and its graph.
///
/// ```swift
/// let model = try Model(ModelOptions(preset: .cs187, length: 3))
/// print(model.graph.names)   // ["U", "V", "W", "h_0", "x_1", …, "L"]
/// ```
public struct Model: Sendable {
    /// The options the model was built with.
    public let options: ModelOptions
    /// The unrolled computation graph.
    public let graph: ComputationGraph

    /// Validates the options and unrolls the model they name.
    public init(_ options: ModelOptions = ModelOptions()) throws {
        if options.definition != nil, options.length <= ModelOptions.definitionProbeLength {
            // Validating a definition unrolls it at this length already: keep that graph.
            self = Model(options: options, graph: try options.validatedGraph())
            return
        }
        try options.validate()
        self.init(validated: options)
    }

    private init(options: ModelOptions, graph: ComputationGraph) {
        self.options = options
        self.graph = graph
    }

    /// The number of variables the model unrolls to, computed from its rolled
    /// graph without unrolling it, so that large requests can be refused first.
    /// - Throws: ``RNNGraphError/usage(_:)`` for invalid options.
    public static func variableCount(for options: ModelOptions) throws -> Int {
        try options.validate()
        guard let rolled = try? RolledGraph(options: options) else { return Model(validated: options).graph.count }
        return rolled.variableCount(length: options.length)
    }

    /// Unrolls options that ``ModelOptions/validate()`` accepted.
    init(validated options: ModelOptions) {
        self.options = options
        if let definition = options.definition {
            // validate() unrolled the definition's first steps, so unrolling cannot fail here.
            do {
                var unroller = try ModelUnroller(definition: definition, options: options)
                self.graph = try unroller.build()
            } catch {
                preconditionFailure("a validated model failed to unroll: \(error)")
            }
            return
        }
        var builder = UnrollingBuilder(options: options)
        switch options.preset {
        case .cs187: builder.buildCS187()
        case .goodfellow: builder.buildGoodfellow()
        case .pytorch: builder.buildPyTorch()
        }
        self.graph = builder.finish()
    }
}

/// Shared machinery of the preset builders: parameters (with optional
/// per-step copies), the step loop and the final loss.
struct UnrollingBuilder {
    let options: ModelOptions
    var graph = GraphBuilder()
    private var parameters: [String: NodeID] = [:]
    private var stepLosses: [Expression] = []

    init(options: ModelOptions) { self.options = options }

    var activation: Activation { options.resolvedActivation }

    /// Declares a parameter (drawn once, shared by all steps).
    mutating func parameter(_ symbol: Symbol) {
        parameters[symbol.ascii] = graph.leaf(.parameter, symbol)
    }

    /// The parameter to use at step `t`: the shared one, or its per-step copy.
    mutating func use(_ name: String, at t: Int) -> Expression {
        guard let shared = parameters[name] else { preconditionFailure("undeclared parameter \(name)") }
        guard options.parameterCopies else { return .variable(shared) }
        let symbol = graph.symbol(of: shared)
        return .variable(graph.define(.parameterCopy, symbol, time: t, as: .variable(shared)))
    }

    /// Whether step `t` contributes to the loss.
    func contributes(_ t: Int) -> Bool {
        options.lossPlacement == .every || t == options.steps.upperBound
    }

    /// Records the loss of step `t`, as a node `L_t` when detail is on.
    mutating func stepLoss(_ expression: Expression, at t: Int) {
        if options.detail {
            let node = graph.define(.stepLoss, Notation.loss, time: t, as: expression)
            stepLosses.append(.variable(node))
        } else {
            stepLosses.append(expression)
        }
    }

    /// The hidden state, with a pre-activation node `a_t` when detail is on.
    mutating func hidden(_ preActivation: Expression, at t: Int, symbol: Symbol = Notation.hidden) -> NodeID {
        if options.detail {
            let a = graph.define(.preActivation, Notation.preActivation, time: t, as: preActivation)
            return graph.define(.state, symbol, time: t, as: .activation(activation, .variable(a)))
        }
        return graph.define(.state, symbol, time: t, as: .activation(activation, preActivation))
    }

    /// Adds `L` and returns the graph.
    mutating func finish() -> ComputationGraph {
        let total: Expression = options.reduction == .mean ? .mean(stepLosses) : .sum(stepLosses)
        graph.define(.loss, Notation.loss, as: total)
        return graph.build()
    }
}

extension GraphBuilder {
    /// The symbol of an already added variable.
    func symbol(of id: NodeID) -> Symbol { variablesSoFar[id.index].symbol }
}
