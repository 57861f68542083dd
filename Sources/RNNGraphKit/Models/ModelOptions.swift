import Foundation
/// The built-in model families, each in the notation of the source it imitates.
public enum Preset: String, Sendable, CaseIterable, Codable {
    /// CS187 lab 2-2: `h_t = σ(U x_t + V h_{t-1})`, `o_t = W h_t`, `L = Σ (x_{t+1} − o_t)²`.
    case cs187
    /// Deep Learning book §10.2: `a = b + W h + U x`, `h = tanh(a)`, `o = c + V h`, softmax and cross-entropy.
    case goodfellow
    /// CS231n/PyTorch row vectors: `h_t = tanh(x_t W_x + h_{t-1} W_h + b)`, loss through upstream gradients on every `h_t`.
    case pytorch
}

/// How the output of a ``Preset/goodfellow`` network meets its target.
public enum OutputLoss: String, Sendable, CaseIterable, Codable {
    /// `ŷ_t = softmax(o_t)`, `L_t = −log ŷ_t[y_t]`.
    case softmax
    /// Linear output with squared error `L_t = Σ (y_t − o_t)²` (regression, Lab 9).
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

    /// The model family, when ``definition`` is `nil`.
    public var preset: Preset
    /// A model defined by equations; when set, it is unrolled instead of ``preset``.
    public var definition: ModelDefinition?
    /// Sequence length N (≥ 1).
    public var length: Int
    /// Hidden nonlinearity; `nil` takes the preset's (ReLU for cs187, tanh otherwise).
    public var activation: Activation?
    /// Whether pre-activations, predictions and step losses are variables of their own.
    public var detail: Bool
    /// Output and loss of the goodfellow preset.
    public var outputLoss: OutputLoss
    /// Steps that contribute to the loss.
    public var lossPlacement: LossPlacement
    /// Sum or mean of the step losses.
    public var reduction: LossReduction
    /// Index steps 0…N−1, with no recurrent input at the first step (goodfellow only).
    public var startsAtZero: Bool
    /// Include the biases `b` and `c` (goodfellow and pytorch).
    public var biases: Bool
    /// Draw and differentiate per-step copies `U^{(t)}` of every parameter.
    public var parameterCopies: Bool

    /// Options with every choice at its default.
    public init(preset: Preset = .cs187, definition: ModelDefinition? = nil, length: Int = 3, activation: Activation? = nil,
                detail: Bool = false, outputLoss: OutputLoss = .softmax,
                lossPlacement: LossPlacement = .every, reduction: LossReduction = .sum,
                startsAtZero: Bool = false, biases: Bool = true, parameterCopies: Bool = false) {
        self.preset = preset
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
        activation ?? resolvedDefinition.syntax.activations.first?.function ?? .tanh
    }

    /// The notation's default time-index style.
    public var defaultTimeStyle: TimeIndexStyle { resolvedDefinition.timeStyle }

    /// The definition the model is read from: ``definition``, or the preset's bundled
    /// text (which unrolls to the same graph as the preset's builder).
    public var resolvedDefinition: ModelDefinition {
        guard let definition else {
            guard let bundled = BundledModels.definition(named: preset.rawValue) else {
                preconditionFailure("the bundled text of \(preset.rawValue) does not parse")
            }
            return bundled
        }
        return definition
    }

    /// The model's short name: the preset's; for a definition, the bundled model's whose
    /// text it is, else its file's name without folder and extension.
    public var modelName: String {
        guard let definition else { return preset.rawValue }
        if let bundled = BundledModels.names.first(where: { BundledModels.text(named: $0) == definition.text }) {
            return bundled
        }
        return ((definition.name as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The time indices of the steps: `1…N`, or `0…N−1` when ``startsAtZero``
    /// (for a definition, its `time` range, shifted one earlier when ``startsAtZero``).
    public var steps: ClosedRange<Int> {
        if let definition {
            let shift = startsAtZero ? -1 : 0
            let first = definition.syntax.firstStep + shift
            return first...max(first, length + definition.syntax.lastStepOffset + shift)
        }
        return startsAtZero ? 0...(length - 1) : 1...length
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
        if definition != nil {
            _ = try validatedGraph()
            return
        }
        if startsAtZero && preset != .goodfellow {
            throw RNNGraphError.usage("--start-at-zero applies to the goodfellow model only; add --model goodfellow")
        }
        if outputLoss != .softmax && preset != .goodfellow {
            throw RNNGraphError.usage("--output-loss applies to the goodfellow model only; add --model goodfellow")
        }
        if !biases && preset == .cs187 {
            throw RNNGraphError.usage("the cs187 model has no biases; drop --no-biases or choose --model goodfellow")
        }
    }
}

extension ModelOptions {
    /// Definitions are validated by unrolling them at up to this length.
    static let definitionProbeLength = 70

    /// Checks the options a definition cannot take, each with the reason, and unrolls the
    /// definition at up to ``definitionProbeLength`` steps: that meets every problem a longer
    /// sequence can have (time offsets are at most 64), so that `Model(validated:)` cannot fail.
    /// - Returns: the graph at `min(length, definitionProbeLength)`.
    func validatedGraph() throws -> ComputationGraph {
        guard length >= 1, length <= Self.maximumLength else {
            throw RNNGraphError.usage(length < 1 ? "length must be at least 1, got \(length)"
                : "length \(length) is above the maximum of \(Self.maximumLength); choose a smaller --length")
        }
        guard let definition else { preconditionFailure("validatedGraph() is for definitions") }
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
        probe.length = min(options.length, Self.definitionProbeLength)
        do {
            var unroller = try ModelUnroller(definition: definition, options: probe)
            return try unroller.build()
        } catch let error as ModelParseError {
            throw error.error(source: definition.name, text: definition.text)
        }
    }
}
