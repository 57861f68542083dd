import ArgumentParser
import RNNGraphKit

/// A subcommand (`rnngraph draw …`): another name for the command with the same options, which
/// runs only the requests of its mode, so that a script says what it expects.
protocol ModeSubcommand: ParsableCommand {
    var options: RunOptions { get }
    /// What the subcommand writes, as its refusal says it.
    static var purpose: String { get }
    /// The options that ask for its mode, as its refusal names them.
    static var needs: String { get }
    /// Whether the subcommand runs `request`.
    static func runs(_ request: Request) -> Bool
}

extension ModeSubcommand {
    func run() throws {
        // The mode is checked before the option rules, which name the fix for the mode asked for.
        let chosen = Request.chosen(by: options)
        guard Self.runs(chosen) else {
            throw RNNGraphError.usage("rnngraph \(Self._commandName) \(Self.purpose): add \(Self.needs), or leave out "
                                      + "\(Self._commandName)")
        }
        try options.perform(try Request(options))
    }
}

/// `rnngraph draw`: figures of the graph (with the chain rule's text when asked for too).
struct DrawCommand: ModeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "draw", abstract: "Draw the graph: the options of rnngraph, with a figure output.")
    static let purpose = "writes a figure"
    static let needs = "an output such as --svg FILE or --pdf FILE"
    @OptionGroup var options: RunOptions

    static func runs(_ request: Request) -> Bool {
        if case .draw(let figures, _, _, _) = request { return !figures.isEmpty }
        return false
    }
}

/// `rnngraph derive`: the chain rule as text (with figures when asked for too).
struct DeriveCommand: ModeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "derive", abstract: "Derive the chain rule: the options of rnngraph, with --latex, --paths or --count.")
    static let purpose = "writes the chain rule"
    static let needs = "--latex, --latex-out FILE, --paths or --count"
    @OptionGroup var options: RunOptions

    static func runs(_ request: Request) -> Bool {
        if case .draw(_, _, let text, _) = request { return text != nil }
        return false
    }
}

/// `rnngraph compute`: numbers of a values file (the report, a Jacobian or a worked solution).
struct ComputeCommand: ModeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "compute", abstract: "Compute with numbers: the options of rnngraph, with --values FILE.")
    static let purpose = "evaluates a values file"
    static let needs = "--values FILE"
    @OptionGroup var options: RunOptions

    static func runs(_ request: Request) -> Bool {
        [.numbers, .jacobian, .workedSolution].contains(request.mode)
    }
}

/// `rnngraph document`: a document through a template.
struct DocumentCommand: ModeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "document", abstract: "Write a document: the options of rnngraph, with --document FILE.")
    static let purpose = "writes a document"
    static let needs = "--document FILE"
    @OptionGroup var options: RunOptions

    static func runs(_ request: Request) -> Bool { request.mode == .document }
}

/// `rnngraph code`: the forward and backward passes as a Python module.
struct CodeCommand: ModeSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "code", abstract: "Generate code: the options of rnngraph, with --code numpy or --code torch.")
    static let purpose = "writes a Python module"
    static let needs = "--code numpy or --code torch"
    @OptionGroup var options: RunOptions

    static func runs(_ request: Request) -> Bool { request.mode == .code }
}
