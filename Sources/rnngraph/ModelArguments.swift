import ArgumentParser
import RNNGraphKit

extension Preset: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension OutputLoss: ExpressibleByArgument {}
extension LossPlacement: ExpressibleByArgument {}
extension LossReduction: ExpressibleByArgument {}
extension TimeIndexStyle: ExpressibleByArgument {}

/// Options that choose and shape the model.
struct ModelArguments: ParsableArguments {
    @Option(help: "Model: cs187 (default), goodfellow or pytorch.")
    var model: Preset = .cs187

    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: ArgumentHelp(
        "Sequence length N (1…\(ModelOptions.maximumLength)).", valueName: "N"))
    var length: Int?

    @Option(help: "Hidden activation: relu, tanh, sigmoid or identity (default: relu for cs187, tanh otherwise).")
    var activation: Activation?

    @Flag(help: "Make pre-activations a_t, predictions ŷ_t and step losses L_t variables of their own.")
    var detail = false

    @Option(help: "goodfellow output: softmax (with cross-entropy, default) or squared (linear, squared error).")
    var outputLoss: OutputLoss = .softmax

    @Option(help: "Steps with a loss: every (default) or last (many-to-one).")
    var lossAt: LossPlacement = .every

    @Option(help: "Combine step losses by sum (default) or mean.")
    var reduction: LossReduction = .sum

    @Flag(help: "goodfellow: index steps from 0, with no recurrent input at the first step.")
    var startAtZero = false

    @Flag(help: "goodfellow and pytorch: leave out the biases.")
    var noBiases = false

    @Flag(help: "Give every step its own copy U^(t) of each parameter (Goodfellow's device).")
    var parameterCopies = false

    /// The model options; `defaultLength` applies when --length is absent.
    func options(defaultLength: Int = 3) -> ModelOptions {
        ModelOptions(preset: model, length: length ?? defaultLength, activation: activation, detail: detail,
                     outputLoss: outputLoss, lossPlacement: lossAt, reduction: reduction,
                     startsAtZero: startAtZero, biases: !noBiases, parameterCopies: parameterCopies)
    }
}
