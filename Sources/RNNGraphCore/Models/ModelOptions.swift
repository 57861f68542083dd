import Foundation

/// How the output of a model with a cross-entropy `ce(y, softmax(o))` meets its target.
public enum OutputLoss: String, Sendable, CaseIterable, Codable {
    /// As written: `ŷ_t = softmax(o_t)`, `L_t = −log ŷ_t[y_t]`.
    case softmax
    /// Linear output with squared error: `ce(y, softmax(o))` becomes `(y − o)^2` (regression, Lab 9).
    case squared
}

/// Which steps contribute to the loss.
public enum LossPlacement: String, Sendable, CaseIterable, Codable {
    /// Every step (many-to-many).
    case every
    /// The last step only (many-to-one).
    case last
}

/// How step losses combine into `L`.
public enum LossReduction: String, Sendable, CaseIterable, Codable {
    case sum, mean
}

/// How a time index is written: `h_t`, `h^{(t)}` or `h^{[t]}`.
public enum TimeIndexStyle: String, Sendable, CaseIterable, Codable {
    case subscript_ = "subscript"
    case parenthesized
    case bracketed
}

/// Everything that decides the shape of a model's graph.
public struct ModelOptions: Hashable, Sendable {
    /// The largest sequence length a model may be built with.
    public static let maximumLength = 1_000_000

    /// The model, as equations.
    public var definition: ModelDefinition
    /// Sequence length N (≥ 1).
    public var length: Int
    /// Hidden nonlinearity; `nil` takes the text's `activation` binding.
    public var activation: Activation?
    /// Whether inline definitions (`:=`) such as pre-activations and step losses are variables of their own.
    public var detail: Bool
    /// The output and loss: as written, or a squared error in place of `ce(y, softmax(o))`.
    public var outputLoss: OutputLoss
    /// Steps that contribute to the loss.
    public var lossPlacement: LossPlacement
    /// Sum or mean of the step losses.
    public var reduction: LossReduction
    /// Shift the steps one earlier (0…N−1 for a text with `time t = 1..N`), dropping
    /// the terms that read an initial state.
    public var startsAtZero: Bool
    /// Include the biases the text declares (`biases b, c`).
    public var biases: Bool
    /// Draw and differentiate per-step copies `U^{(t)}` of every parameter.
    public var parameterCopies: Bool

    /// Options for a bundled model, every other choice at its default.
    public init(model: BundledModel = .cs187, length: Int = 3, activation: Activation? = nil,
                detail: Bool = false, outputLoss: OutputLoss = .softmax,
                lossPlacement: LossPlacement = .every, reduction: LossReduction = .sum,
                startsAtZero: Bool = false, biases: Bool = true, parameterCopies: Bool = false) {
        self.init(definition: model.definition, length: length, activation: activation, detail: detail,
                  outputLoss: outputLoss, lossPlacement: lossPlacement, reduction: reduction,
                  startsAtZero: startsAtZero, biases: biases, parameterCopies: parameterCopies)
    }

    /// Options for a model defined by equations (read with ``ModelDefinition/read(_:)``
    /// or ``ModelDefinition/init(parsing:name:)``), every other choice at its default.
    public init(definition: ModelDefinition, length: Int = 3, activation: Activation? = nil,
                detail: Bool = false, outputLoss: OutputLoss = .softmax,
                lossPlacement: LossPlacement = .every, reduction: LossReduction = .sum,
                startsAtZero: Bool = false, biases: Bool = true, parameterCopies: Bool = false) {
        self.definition = definition
        self.length = length
        self.activation = activation
        self.detail = detail
        self.outputLoss = outputLoss
        self.lossPlacement = lossPlacement
        self.reduction = reduction
        self.startsAtZero = startsAtZero
        self.biases = biases
        self.parameterCopies = parameterCopies
    }

    /// The activation in force: the explicit choice or the model text's `activation` binding.
    public var resolvedActivation: Activation {
        activation ?? definition.syntax.activations.first?.function ?? .tanh
    }

    /// The notation's default time-index style.
    public var defaultTimeStyle: TimeIndexStyle { definition.timeStyle }

    /// The model's short name: the bundled model's whose text it is, else its
    /// file's name without folder and extension.
    public var modelName: String {
        if let bundled = BundledModels.names.first(where: { BundledModels.text(named: $0) == definition.text }) {
            return bundled
        }
        return ((definition.name as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The time indices of the steps: the text's `time` range (`1…N` for `time t = 1..N`),
    /// shifted one earlier when ``startsAtZero``.
    public var steps: ClosedRange<Int> {
        let shift = startsAtZero ? -1 : 0
        let first = definition.syntax.firstStep + shift
        return first...max(first, length + definition.syntax.lastStepOffset + shift)
    }

    /// Checks ranges and combinations; throws a ``RNNGraphError`` naming the fix.
    public func validate() throws {
        guard length >= 1 else {
            throw RNNGraphError.usage("length must be at least 1, got \(length)")
        }
        guard length <= Self.maximumLength else {
            throw RNNGraphError.usage(
                "length \(length) is above the maximum of \(Self.maximumLength); choose a smaller --length")
        }
        _ = try validatedGraph()
    }
}

extension ModelOptions {
    /// Definitions are validated by unrolling them at up to this length (offsets reach at most 64).
    static let definitionProbeLength = 70

    /// The length a definition is validated at: the sequence's, up to a few steps more than twice
    /// the text's reach in time (10 steps for `h_{t-1}`), so that checking costs the same at every N.
    var probeLength: Int { min(length, Self.definitionProbeLength, 2 * definition.timeReach + 8) }

    /// Checks the options a definition cannot take, each with the reason, and unrolls the
    /// definition at ``probeLength`` steps: that meets every problem a longer sequence can have,
    /// so that `Model(validated:)` cannot fail.
    /// - Parameter length: the length to unroll at instead (at least the probe's, or the whole
    ///   sequence), for a caller that keeps the graph.
    /// - Returns: the graph at `length`, by default ``probeLength``.
    func validatedGraph(length unrolled: Int? = nil) throws -> ComputationGraph {
        guard length >= 1, length <= Self.maximumLength else {
            throw RNNGraphError.usage(length < 1 ? "length must be at least 1, got \(length)"
                : "length \(length) is above the maximum of \(Self.maximumLength); choose a smaller --length")
        }
        let options = self
        if !options.biases && definition.biases.isEmpty {
            throw RNNGraphError.usage("the model \(definition.name) declares no biases (a line such as biases b, c); "
                                      + "drop --no-biases")
        }
        if options.activation != nil && definition.syntax.activations.isEmpty {
            throw RNNGraphError.usage("the model \(definition.name) has no activation symbol to rebind "
                                      + "(a line such as activation sigma = tanh); drop --activation")
        }
        if options.outputLoss == .squared && !definition.text.contains("ce(") {
            throw RNNGraphError.usage("the model \(definition.name) has no cross-entropy ce(y, softmax(o)) to turn into "
                                      + "a squared error; drop --output-loss")
        }
        var probe = options
        probe.length = unrolled ?? options.probeLength
        do {
            var unroller = try ModelUnroller(definition: definition, options: probe)
            return try unroller.build()
        } catch let error as ModelParseError {
            throw error.error(source: definition.name, text: definition.text)
        }
    }
}
