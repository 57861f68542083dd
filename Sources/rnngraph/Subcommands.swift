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
    /// Whether `options` include one of ``needs``.
    static func isAsked(by options: RunOptions) -> Bool
    /// The first of the modes it runs, as the options outrank each other (``Request/Mode``).
    static var mode: Request.Mode { get }
    /// Whether the subcommand runs `request`.
    static func runs(_ request: Request) -> Bool
}

extension ModeSubcommand {
    func run() throws {
        // The mode is checked before the option rules, which name the fix for the mode asked for.
        let chosen = Request.chosen(by: options)
        guard Self.runs(chosen) else { throw RNNGraphError.usage(Self.refusal(of: chosen, options: options)) }
        try options.perform(try Request(options))
    }

    /// The one line that refuses `chosen`, a request of another mode: it names the option that
    /// asks for that mode and the fix, either adding what this mode needs (and leaving that option
    /// out when it outranks this mode) or running the subcommand of that mode instead.
    private static func refusal(of chosen: Request, options: RunOptions) -> String {
        let name = _commandName
        let other = RNNGraphCommand.configuration.subcommands.lazy
            .compactMap { $0 as? any ModeSubcommand.Type }.first { $0.runs(chosen) }?._commandName
        guard let option = choosingOption(of: chosen, in: options) else {
            return "rnngraph \(name) \(purpose): add \(needs), or leave out \(name)"
        }
        let asked = other.map { "rnngraph \($0)" } ?? "a run without \(name)"
        let fix = chosen.mode >= mode ? "add \(needs)"
            : isAsked(by: options) ? "leave out \(option)" : "leave out \(option) and add \(needs)"
        return "rnngraph \(name) \(purpose), but \(option) asks for \(asked): \(fix), or "
            + (other.map { "use rnngraph \($0)" } ?? "leave out \(name)")
    }

    /// The option that gives `request` its mode, as a refusal names it: a figure output before the
    /// chain rule's text, which share a mode; nil when no option asks for the mode.
    private static func choosingOption(of request: Request, in options: RunOptions) -> String? {
        switch request {
        case .printModel: return "--print-model"
        case .printRoles: return "--print-roles"
        case .code: return "--code"
        case .explorer: return "--html"
        case .document: return "--document"
        case .workedSolution, .jacobian, .numbers: return "--values"
        case .draw(let figures, _, let text, _):
            if let first = figures.first { return "--\(first.format.rawValue)" }
            guard text != nil else { return nil }
            let d = options.derivation
            return d.latex ? "--latex" : d.latexOut != nil ? "--latex-out" : d.paths ? "--paths" : "--count"
        }
    }
}

extension CommandConfiguration {
    /// The configuration of the subcommand `name`, whose help shows that its `example` options
    /// write the same without it.
    static func mode(_ name: String, abstract: String, example: String) -> CommandConfiguration {
        CommandConfiguration(commandName: name, abstract: abstract, discussion: """
            rnngraph \(name) \(example) writes what rnngraph \(example) writes; the options keep \
            working without \(name).
            """)
    }
}

/// `rnngraph draw`: figures of the graph (with the chain rule's text when asked for too).
struct DrawCommand: ModeSubcommand {
    static let configuration = CommandConfiguration.mode(
        "draw", abstract: "Draw the graph: the options of rnngraph, with a figure output.",
        example: "--length 3 --svg g.svg")
    static let purpose = "writes a figure"
    static let needs = "an output such as --svg FILE or --pdf FILE"
    static let mode = Request.Mode.draw
    @OptionGroup var options: RunOptions

    static func isAsked(by options: RunOptions) -> Bool { !options.figure.outputs.isEmpty }

    static func runs(_ request: Request) -> Bool {
        if case .draw(let figures, _, _, _) = request { return !figures.isEmpty }
        return false
    }
}

/// `rnngraph derive`: the chain rule as text (with figures when asked for too).
struct DeriveCommand: ModeSubcommand {
    static let configuration = CommandConfiguration.mode(
        "derive", abstract: "Derive the chain rule: the options of rnngraph, with --latex, --paths or --count.",
        example: "--latex --wrt U")
    static let purpose = "writes the chain rule"
    static let needs = "--latex, --latex-out FILE, --paths or --count"
    static let mode = Request.Mode.draw
    @OptionGroup var options: RunOptions

    static func isAsked(by options: RunOptions) -> Bool { options.derivation.requested }

    static func runs(_ request: Request) -> Bool {
        if case .draw(_, _, let text, _) = request { return text != nil }
        return false
    }
}

/// `rnngraph compute`: numbers of a values file (the report, a Jacobian or a worked solution).
struct ComputeCommand: ModeSubcommand {
    static let configuration = CommandConfiguration.mode(
        "compute", abstract: "Compute with numbers: the options of rnngraph, with --values FILE.",
        example: "--values lab.json")
    static let purpose = "evaluates a values file"
    static let needs = "--values FILE"
    static let mode = Request.Mode.workedSolution
    @OptionGroup var options: RunOptions

    static func isAsked(by options: RunOptions) -> Bool { options.numbers.values != nil }

    static func runs(_ request: Request) -> Bool {
        [.numbers, .jacobian, .workedSolution].contains(request.mode)
    }
}

/// `rnngraph document`: a document through a template.
struct DocumentCommand: ModeSubcommand {
    static let configuration = CommandConfiguration.mode(
        "document", abstract: "Write a document: the options of rnngraph, with --document FILE.",
        example: "--document notes.tex")
    static let purpose = "writes a document"
    static let needs = "--document FILE"
    static let mode = Request.Mode.document
    @OptionGroup var options: RunOptions

    static func isAsked(by options: RunOptions) -> Bool { options.document.document != nil }

    static func runs(_ request: Request) -> Bool { request.mode == .document }
}

/// `rnngraph code`: the forward and backward passes as a Python module.
struct CodeCommand: ModeSubcommand {
    static let configuration = CommandConfiguration.mode(
        "code", abstract: "Generate code: the options of rnngraph, with --code numpy or --code torch.",
        example: "--code numpy")
    static let purpose = "writes a Python module"
    static let needs = "--code numpy or --code torch"
    static let mode = Request.Mode.code
    @OptionGroup var options: RunOptions

    static func isAsked(by options: RunOptions) -> Bool { options.code.code != nil }

    static func runs(_ request: Request) -> Bool { request.mode == .code }
}
