import Foundation
import Testing
@testable import rnngraph

/// `rnngraph draw|derive|compute|document|code` take the command's options and make the same
/// request as the flat form; each refuses options that ask for another mode.
@Suite struct SubcommandTests {
    static let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path

    /// A subcommand and flat options of its mode.
    static let runs: [(subcommand: String, arguments: [String])] = [
        ("draw", ["--length", "2", "--dot", "-"]),
        ("draw", ["--model", "lstm", "--cell", "--dot", "-"]),
        ("derive", ["--latex", "--length", "3", "--wrt", "W"]),
        ("derive", ["--paths", "--count", "--length", "3"]),
        ("compute", ["--values", lab, "--json"]),
        ("compute", ["--values", lab, "--of", "h1[1]", "--wrt", "U"]),
        ("compute", ["--values", lab, "--latex"]),
        ("code", ["--model", "pytorch", "--code", "torch"]),
    ]

    @Test(arguments: runs.indices)
    func aSubcommandMakesTheFlatRequestAndWritesTheSameBytes(_ index: Int) throws {
        let (subcommand, arguments) = Self.runs[index]
        let named = try #require(try RNNGraphCommand.parseAsRoot([subcommand] + arguments) as? any ModeSubcommand)
        let flat = try #require(try RNNGraphCommand.parseAsRoot(arguments) as? RNNGraphCommand)
        #expect(try Request(named.options) == Request(flat.options))
        let viaSubcommand = try CLI.run([subcommand] + arguments), viaFlags = try CLI.run(arguments)
        #expect(viaSubcommand.status == 0, "\(viaSubcommand.stderr)")
        #expect(viaSubcommand.stdout == viaFlags.stdout && !viaFlags.stdout.isEmpty)
        #expect(viaSubcommand.stderr == viaFlags.stderr)
    }

    @Test func documentWritesTheSameFiles() throws {
        let named = try CLI.temporaryFolder(), flat = try CLI.temporaryFolder()
        defer { for folder in [named, flat] { try? FileManager.default.removeItem(at: folder) } }
        #expect(try CLI.run(["document", "--document", "d.md", "--length", "2"], in: named).status == 0)
        #expect(try CLI.run(["--document", "d.md", "--length", "2"], in: flat).status == 0)
        let files = CLI.files(in: flat)
        #expect(CLI.files(in: named) == files && files.contains("d.md"))
        for file in files {
            #expect(try Data(contentsOf: named.appendingPathComponent(file)) == Data(contentsOf: flat.appendingPathComponent(file)))
        }
    }

    @Test(arguments: [
        (["draw", "--latex"], "rnngraph draw writes a figure, but --latex asks for rnngraph derive: add an output such as "
            + "--svg FILE or --pdf FILE, or use rnngraph derive"),
        (["draw", "--latex-out", "x.tex"], "rnngraph draw writes a figure, but --latex-out asks for rnngraph derive"),
        (["draw", "--values", lab, "--svg", "g.svg"], "rnngraph draw writes a figure, but --values asks for rnngraph compute: "
            + "leave out --values, or use rnngraph compute"),
        (["draw", "--print-roles", "--svg", "g.svg"], "rnngraph draw writes a figure, but --print-roles asks for a run "
            + "without draw: leave out --print-roles, or leave out draw"),
        (["derive", "--svg", "g.svg"], "rnngraph derive writes the chain rule, but --svg asks for rnngraph draw: add --latex, "
            + "--latex-out FILE, --paths or --count, or use rnngraph draw"),
        (["derive", "--values", lab, "--latex"], "rnngraph derive writes the chain rule, but --values asks for rnngraph compute: "
            + "leave out --values, or use rnngraph compute"),
        (["derive", "--length", "3"], "rnngraph derive writes the chain rule: add --latex, --latex-out FILE, --paths or --count, "
            + "or leave out derive"),
        (["compute", "--count"], "rnngraph compute evaluates a values file, but --count asks for rnngraph derive: "
            + "add --values FILE, or use rnngraph derive"),
        (["compute", "--document", "d.tex", "--values", lab], "rnngraph compute evaluates a values file, but --document asks "
            + "for rnngraph document: leave out --document, or use rnngraph document"),
        (["compute", "--code", "numpy"], "rnngraph compute evaluates a values file, but --code asks for rnngraph code: "
            + "leave out --code and add --values FILE, or use rnngraph code"),
        (["document", "--svg", "g.svg"], "rnngraph document writes a document, but --svg asks for rnngraph draw: "
            + "add --document FILE, or use rnngraph draw"),
        (["code", "--latex"], "rnngraph code writes a Python module, but --latex asks for rnngraph derive: "
            + "add --code numpy or --code torch, or use rnngraph derive"),
        (["compute", "--values", lab, "--count"], "--count does not apply to --values without --latex"),
    ])
    func anotherModeIsRefused(_ arguments: [String], _ message: String) throws {
        let (result, files) = try CLI.runInEmptyFolder(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("rnngraph: error: " + message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty && files.isEmpty)
    }

    @Test func helpAndCompletionsNameTheSubcommands() throws {
        let help = try CLI.run(["--help"])
        for name in ["draw", "derive", "compute", "document", "code"] {
            #expect(help.stdout.contains("\n  \(name) "), "\(name)")
            #expect(try CLI.run(["help", name]).stdout.contains("USAGE: rnngraph \(name) <options>"))
        }
        #expect(help.stdout.contains("USAGE: rnngraph <options>\n       rnngraph draw|derive|compute|document|code <options>"))
        #expect(try CLI.run(["help", "compute"]).stdout
            .contains("rnngraph compute --values lab.json writes what rnngraph --values lab.json"))
        let bash = try CLI.run(["--generate-completion-script", "bash"]).stdout
        #expect(bash.contains("compgen -W 'draw derive compute document code help'"))
        let wrt = try CLI.run(["---completion", "compute", "--", "--wrt", "5", "3",
                               "rnngraph", "compute", "--model", "lstm", "--wrt", "W_h"])
        #expect(wrt.stdout == "W_hi\nW_hf\nW_hg\nW_ho\nW_hq\n")
    }
}
