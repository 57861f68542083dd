import ArgumentParser
import Foundation
import RNNGraphKit

extension Activation: SpelledArgument {}
extension OutputLoss: SpelledArgument {}
extension LossPlacement: SpelledArgument {}
extension LossReduction: SpelledArgument {}
extension TimeIndexStyle: SpelledArgument {}

/// Options that choose and shape the model.
struct ModelArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Model: a bundled name (cs187 (default), goodfellow, pytorch, lstm, gru, elman, stacked, bidirectional, bigram, "
        + "layernorm-lstm) or a model file (.rnn).", valueName: "name|file"),
            completion: NameOrFileCompletion.kind(names: BundledModels.names, extensions: ["rnn"]))
    var model: String = "cs187"

    @Flag(help: "Print the model's text (a bundled model's, to copy and edit) and exit.")
    var printModel = false

    @Flag(help: ArgumentHelp("Print every name of the model with its role (parameter, input, state, …), where it is "
                             + "defined and read, then any warnings, and exit."))
    var printRoles = false

    @Flag(help: "Treat the model's warnings (a name that looks like a misspelt state or parameter) as errors.")
    var strict = false

    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: ArgumentHelp(
        "Sequence length N (1…\(ModelOptions.maximumLength)).", valueName: "N"))
    var length: Int?

    @Option(help: "Rebind the model's activation symbols (activation sigma = …) to relu, tanh, sigmoid or identity.")
    var activation: Activation?

    @Flag(help: "Make pre-activations a_t, predictions ŷ_t and step losses L_t variables of their own.")
    var detail = false

    @Option(help: "Output loss: softmax (as written, default) or squared (ce(y, softmax(o)) becomes (y - o)^2).")
    var outputLoss: OutputLoss = .softmax

    @Option(help: "Steps with a loss: every (default) or last (many-to-one).")
    var lossAt: LossPlacement = .every

    @Option(help: "Combine step losses by sum (default) or mean.")
    var reduction: LossReduction = .sum

    @Flag(help: "Shift the steps one earlier (0…N−1), with no recurrent input at the first step.")
    var startAtZero = false

    @Flag(help: "Leave out the biases the model declares (biases b, c).")
    var noBiases = false

    @Flag(help: "Give every step its own copy U^(t) of each parameter (Goodfellow's device).")
    var parameterCopies = false

    @Flag(help: ArgumentHelp("Refuse notation lines whose TeX could read or write files or redefine commands "
                             + "(\\input, \\write, \\def, \\catcode, …): for model files from elsewhere."))
    var safeNotation = false

    /// The model text `--model` names: a bundled model's, or a file's.
    /// - Throws: ``RNNGraphError`` for an unknown name or an unreadable file.
    func modelText() throws -> String {
        if let text = BundledModels.text(named: model) { return text }
        return try definition().text
    }

    /// The definition `--model` names: a bundled model's, or a file's.
    func definition() throws -> ModelDefinition {
        if let bundled = BundledModels.definition(named: model) { return bundled }
        let looksLikeFile = model.contains("/") || model.contains(".")
        guard looksLikeFile || FileManager.default.fileExists(atPath: model) else {
            throw RNNGraphError.usage("unknown model \(model); use one of \(BundledModels.names.joined(separator: ", ")) "
                                      + "or the path of a model file (.rnn)")
        }
        // Read once per run: a pipe (`/dev/stdin`, `<(…)`) cannot be read twice.
        if let read = Self.read, read.path == model { return read.definition }
        let definition = try ModelDefinition.read(model)
        if safeNotation {
            do { try definition.checkSafeNotation() } catch {
                throw error.error(source: definition.name, text: definition.text)
            }
        }
        Self.read = (model, definition)
        return definition
    }

    /// The model file this run has read, and its definition.
    nonisolated(unsafe) private static var read: (path: String, definition: ModelDefinition)?

    /// The model's warnings, each as one line `file:line:column: warning: …`.
    /// - Throws: ``RNNGraphError/model(_:excerpt:)`` for the first warning under `--strict`.
    func warnings() throws -> [String] {
        let definition = try definition()
        let warnings = definition.warnings
        if strict, let first = warnings.first {
            throw first.error(in: definition, adding: "--strict makes this an error")
        }
        return warnings.map { "\(definition.name):\($0.location): warning: \($0.message)" }
    }

    /// The roles table `--print-roles` prints, followed by the warnings.
    func rolesTable() throws -> String {
        let definition = try definition()
        let roles = definition.roles
        let rows = [["name", "role", "defined", "read on lines"]] + roles.map { role in
            [role.name, Self.roleName(role.kind) + (role.isDeclared ? " (declared)" : ""),
             role.definedOnLine.map { "line \($0)" } ?? "",
             role.readOnLines.map(String.init).joined(separator: ", ")]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = rows.map { row in
            row.enumerated().map { column, cell in
                column == 3 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
        for warning in definition.warnings {
            text += "warning: line \(warning.location.line): \(warning.message)\n"
        }
        return text
    }

    /// A role as the roles table names it.
    private static func roleName(_ kind: VariableKind) -> String {
        switch kind {
        case .parameter: return "parameter"
        case .parameterCopy: return "parameter copy"
        case .input: return "input"
        case .target: return "target"
        case .initialState: return "initial state"
        case .state: return "state"
        case .preActivation: return "step variable (feeds a state)"
        case .output: return "output"
        case .prediction: return "prediction"
        case .stepLoss: return "step loss"
        case .loss: return "loss"
        }
    }

    /// The model options; `defaultLength` applies when --length is absent.
    /// - Throws: ``RNNGraphError`` when the model cannot be read.
    func options(defaultLength: Int = 3) throws -> ModelOptions {
        ModelOptions(definition: try definition(), length: length ?? defaultLength,
                     activation: activation, detail: detail, outputLoss: outputLoss, lossPlacement: lossAt,
                     reduction: reduction, startsAtZero: startAtZero, biases: !noBiases, parameterCopies: parameterCopies)
    }
}
