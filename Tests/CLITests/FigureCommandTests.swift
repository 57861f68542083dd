import Foundation
import Testing

@Suite struct FigureCommandTests {
    @Test func writesEveryRequestedFormat() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--length", "3", "--pdf", "out.pdf", "--svg", "out.svg", "--png", "out.png",
                                  "--dot", "out.dot"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(CLI.files(in: folder) == ["out.dot", "out.pdf", "out.png", "out.svg"])
        let pdf = try Data(contentsOf: folder.appendingPathComponent("out.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        let dot = try String(contentsOf: folder.appendingPathComponent("out.dot"), encoding: .utf8)
        #expect(dot.hasPrefix("digraph"))
    }

    @Test func dotToStandardOutputIsStable() throws {
        let first = try CLI.run(["--dot", "-", "--model", "goodfellow", "--detail"])
        let second = try CLI.run(["--dot", "-", "--model", "goodfellow", "--detail"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("\"a_1\""))
    }

    @Test func overwritesAnExistingFileAtomically() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.svg")
        try Data("old".utf8).write(to: target)
        #expect(try CLI.run(["--svg", target.path]).status == 0)
        let svg = try String(contentsOf: target, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(CLI.files(in: folder) == ["out.svg"], "no temporary file left behind")
    }

    @Test func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("rnngraph --length 3 --pdf out.pdf"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).first?.isNumber == true)
    }

    /// Bad input: one line naming the problem, the exit code, and no output file.
    @Test(arguments: [
        (["--length", "0"], 64, "length must be at least 1"),
        (["--length", "-3"], 64, "length"),
        (["--length", "abc"], 64, "abc"),
        (["--length", "2000000"], 64, "above the maximum"),
        (["--model", "nosuchmodel"], 64, "unknown model nosuchmodel"),
        (["--activation", "gelu"], 64, "gelu"),
        (["--show", "U,h9,L"], 64, "unknown variable 'h9'"),
        (["--output-loss", "squared"], 64, "no cross-entropy"),
        (["--tikz-width", "8cm"], 64, "--tikz-width scales the TikZ picture"),
        (["--tikz-width", "8cm}\\evil{", "--tikz", "out.tikz"], 64, "is not a TeX dimension"),
    ] as [([String], Int32, String)])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(arguments + ["--pdf", "out.pdf"], in: folder)
        #expect(result.status == status)
        #expect(result.stderr.contains(message))
        #expect(result.stderr.hasPrefix("rnngraph: error:"))
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(CLI.files(in: folder).isEmpty, "nothing written")
    }

    /// `--tikz-width` sets the width the picture is scaled to; by default the column's.
    @Test func tikzWidthScalesThePicture() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["--length", "2", "--tikz", "a.tikz"], in: folder).status == 0)
        #expect(try CLI.run(["--length", "2", "--tikz", "b.tikz", "--tikz-width", "0.6\\textwidth"], in: folder).status == 0)
        let a = try String(contentsOf: folder.appendingPathComponent("a.tikz"), encoding: .utf8)
        let b = try String(contentsOf: folder.appendingPathComponent("b.tikz"), encoding: .utf8)
        #expect(a.contains("\\else \\linewidth\\fi}{!}{\\usebox\\rnnfigurebox}"))
        #expect(b.contains("\\else 0.6\\textwidth\\fi}{!}{\\usebox\\rnnfigurebox}"))
    }

    @Test func missingFolderIsRefusedBeforeAnyWork() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--svg", "good.svg", "--pdf", "missing/out.pdf"], in: folder)
        #expect(result.status == 73)
        #expect(result.stderr.contains("does not exist"))
        #expect(CLI.files(in: folder).isEmpty, "the valid output was not written either")
    }

    @Test func folderThatIsAFileIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("plain"))
        let result = try CLI.run(["--pdf", "plain/out.pdf"], in: folder)
        #expect(result.status == 73)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func outputPathThatIsAFolderIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--svg", folder.path])
        #expect(result.status == 73)
        #expect(result.stderr.contains("is a folder"))
    }

    @Test func nothingRequestedIsAUsageError() throws {
        let result = try CLI.run(["--length", "3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("nothing to write"))
    }

    @Test func noArgumentsPrintsHelp() throws {
        let result = try CLI.run([])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout.contains("USAGE: rnngraph") && result.stdout.contains("--latex"))
    }
}
