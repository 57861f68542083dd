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
public struct ModelOptions: Hashable, Sendable, Codable {
    /// The largest sequence length a model may be built with.
    public static let maximumLength = 1_000_000

    /// The model family.
    public var preset: Preset
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
    public init(preset: Preset = .cs187, length: Int = 3, activation: Activation? = nil,
                detail: Bool = false, outputLoss: OutputLoss = .softmax,
                lossPlacement: LossPlacement = .every, reduction: LossReduction = .sum,
                startsAtZero: Bool = false, biases: Bool = true, parameterCopies: Bool = false) {
        self.preset = preset
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

    /// The activation in force: the explicit choice or the preset's default.
    public var resolvedActivation: Activation {
        activation ?? (preset == .cs187 ? .relu : .tanh)
    }

    /// The notation's default time-index style.
    public var defaultTimeStyle: TimeIndexStyle {
        preset == .goodfellow ? .parenthesized : .subscript_
    }

    /// The time indices of the steps: `1…N`, or `0…N−1` when ``startsAtZero``.
    public var steps: ClosedRange<Int> {
        startsAtZero ? 0...(length - 1) : 1...length
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
        if startsAtZero && preset != .goodfellow {
            throw RNNGraphError.usage("--start-at-zero applies to the goodfellow model only; add --model goodfellow")
        }
        if outputLoss != .softmax && preset != .goodfellow {
            throw RNNGraphError.usage("--output applies to the goodfellow model only; add --model goodfellow")
        }
        if !biases && preset == .cs187 {
            throw RNNGraphError.usage("the cs187 model has no biases; drop --no-biases or choose --model goodfellow")
        }
    }
}
