/// A recurrent network unrolled for a fixed length: its options and its graph.
///
/// ```swift
/// let model = try Model(ModelOptions(model: .cs187, length: 3))
/// print(model.graph.names)   // ["U", "V", "W", "h_0", "x_1", …, "L"]
/// ```
public struct Model: Sendable {
    /// The options the model was built with.
    public let options: ModelOptions
    /// The unrolled computation graph.
    public let graph: ComputationGraph

    /// Validates the options and unrolls the model they name.
    public init(_ options: ModelOptions = ModelOptions()) throws {
        // Unrolling at the full length meets every problem validation looks for: one unrolling, kept.
        self = Model(options: options, graph: try options.validatedGraph(length: options.length))
    }

    private init(options: ModelOptions, graph: ComputationGraph) {
        self.options = options
        self.graph = graph
    }

    /// Validates the options and unrolls the model, as ``ModelOptions/validate()`` followed by
    /// ``init(validated:)``, with the same errors: a sequence no longer than validation's probe is
    /// the probe itself, so it is unrolled once (as ``init(_:)`` does) instead of twice.
    package init(validating options: ModelOptions) throws {
        if options.length <= options.probeLength {
            self = try Model(options)
        } else {
            try options.validate()
            self = Model(validated: options)
        }
    }

    /// Unrolls options that ``ModelOptions/validate()`` accepted.
    package init(validated options: ModelOptions) {
        self.options = options
        // validate() unrolled the definition's first steps, so unrolling cannot fail here.
        do {
            var unroller = try ModelUnroller(definition: options.definition, options: options)
            self.graph = try unroller.build()
        } catch {
            preconditionFailure("a validated model failed to unroll: \(error)")
        }
    }
}
