import Foundation
import Testing

/// A run that fails writes nothing: every output is checked (names, folders,
/// collisions with each other and with inputs, standard output claimed once)
/// before any work.
@Suite struct OutputPlanTests {
    static let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json")

    /// Runs in a fresh folder holding `old.tex` and a copy of the lab's values file `v.json`.
    static func runInFolder(_ arguments: [String]) throws -> (CLI.Result, [String], URL) {
        let folder = try CLI.temporaryFolder()
        try Data("old".utf8).write(to: folder.appendingPathComponent("old.tex"))
        try FileManager.default.copyItem(at: lab, to: folder.appendingPathComponent("v.json"))
        let result = try CLI.run(arguments, in: folder)
        return (result, CLI.files(in: folder), folder)
    }

    @Test(arguments: [
        ["--latex-out", "old.tex", "--svg", "o.svg", "--show", "U,bogus"],
        ["--latex-out", "old.tex", "--svg", "o.svg", "--length", "2000"],
        ["--latex-out", "old.tex", "--svg", "o.svg", "--highlight", "99"],
        ["--latex-out", "old.tex", "--tikz", "o.tikz", "--show", "U,bogus"],
        ["--document", "old.tex", "--svg", "o.svg", "--show", "U,bogus"],
        ["--document", "old.tex", "--values", "v.json", "--svg", "o.svg", "--show", "U,bogus"],
        ["--values", "v.json", "--svg", "o.svg", "--show", "U,bogus"],
    ])
    func aFailedRunWritesNothing(_ arguments: [String]) throws {
        let (result, files, folder) = try Self.runInFolder(arguments)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(files == ["old.tex", "v.json"], "\(arguments)")
        #expect(try String(contentsOf: folder.appendingPathComponent("old.tex"), encoding: .utf8) == "old")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--svg", "o.svg", "--dot", "./o.svg"], "--svg and --dot both write ./o.svg"),
        (["--values", "v.json", "--svg", "v.json"], "would overwrite the values file v.json"),
        (["--values", "./v.json", "--latex", "--latex-out", "v.json"], "would overwrite the values file"),
        (["--document", "d.tex", "--svg", "d-graph.tikz"], "would overwrite the figure d-graph.tikz"),
        (["--document", "d.tex", "--template", "slides", "--pdf", "d-path-3.tikz"], "would overwrite the figure"),
        (["--document", "old.tex", "--template", "old.tex"], "--document old.tex would overwrite the template old.tex"),
    ])
    func collisionsAreRefused(_ arguments: [String], _ message: String) throws {
        let (result, files, folder) = try Self.runInFolder(arguments)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 73, "\(arguments)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(files == ["old.tex", "v.json"])
    }

    @Test func spellingsOfOnePathThroughAFolderCollide() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link"),
                                                   withDestinationURL: folder.appendingPathComponent("sub"))
        let result = try CLI.run(["--pdf", "sub/o.pdf", "--svg", "sub/../sub/x.svg", "--latex-out", "link/o.pdf",
                                  "--latex"], in: folder)
        #expect(result.status == 73 && result.stderr.contains("--pdf and --latex-out both write link/o.pdf"))
        #expect(CLI.files(in: folder.appendingPathComponent("sub")).isEmpty)
    }

    @Test func standardOutputIsClaimedOnce() throws {
        let result = try CLI.run(["--svg", "-", "--dot", "-"])
        #expect(result.status == 64 && result.stdout.isEmpty)
        #expect(result.stderr.contains("--svg and --dot both write to standard output"))
        let latex = try CLI.run(["--latex", "--dot", "-"])
        #expect(latex.status == 64 && latex.stdout.isEmpty)
    }

    @Test func aRepeatedOptionIsAnError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--pdf", "a.pdf", "--pdf", "b.pdf"], in: folder)
        #expect(result.status == 64 && result.stderr.contains("--pdf is given more than once"))
        let length = try CLI.run(["--length", "2", "-n", "3", "--latex"])
        #expect(length.status == 64 && length.stderr.contains("--length is given more than once"))
        #expect(CLI.files(in: folder).isEmpty)
    }

    @Test func aFolderNameIsNotAFileName() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--svg", "missing/"], in: folder)
        #expect(result.status == 73 && result.stderr.contains("cannot write missing/"))
        #expect(CLI.files(in: folder).isEmpty)
    }
}
