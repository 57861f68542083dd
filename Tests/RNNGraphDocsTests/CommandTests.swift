import Foundation
import RNNGraphKit
import Testing

/// The `rnngraph --document` command and the example generator, run as programs.
@Suite struct CommandTests {
    @Test func documentFromCommandLine() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rnngraph = try Support.product("rnngraph")
        let out = folder.appendingPathComponent("walk.tex").path
        let result = try Support.run(rnngraph, ["--model", "goodfellow", "--length", "2", "--detail",
                                                "--document", out, "--template", "slides"])
        #expect(result.status == 0, "\(result.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["walk-graph.tikz", "walk-path-1.tikz", "walk-path-2.tikz", "walk-path-3.tikz", "walk.tex"])
        #expect(try Support.compile(URL(fileURLWithPath: out)) == 6, "title, graph, three paths, the whole sum")

        let markdown = folder.appendingPathComponent("page.md").path
        #expect(try Support.run(rnngraph, ["--document", markdown]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("page-graph.svg").path))
    }

    @Test func documentWithValuesShowsWorkedNumbers() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rnngraph = try Support.product("rnngraph")
        let values = Support.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path
        let out = folder.appendingPathComponent("lab.tex")
        // No --length: N = 2 follows from the three inputs of the values file.
        let result = try Support.run(rnngraph, ["--document", out.path, "--values", values])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty, "the numbers go into the document, not onto standard output")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.contains("N = 2"))
        #expect(text.contains("$L$ & $0.25165$"), "the lab's loss L = 0.25165")
        #expect(text.contains("\\begin{bmatrix} -0.16702 & 0.01502 \\\\ -0.56486 & -0.09514 \\end{bmatrix}"),
                "∂L/∂W by reverse accumulation")
        #expect(text.contains("the three computations agree"))
        #expect(try Support.compile(out) >= 1)

        let refused = try Support.run(rnngraph, ["--document", out.path, "--values", values, "--json"])
        #expect(refused.status == 64 && refused.error.contains("--json does not apply to --document"))
    }

    @Test func commandLineErrorsAreOneLine() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rnngraph = try Support.product("rnngraph")
        let out = folder.appendingPathComponent("d.tex").path
        let cases: [([String], Int32, String)] = [
            (["--document", out, "--template", "poster"], 64, "unknown template 'poster'"),
            (["--document", out, "--templates", "/nonexistent"], 65, "cannot read the templates folder"),
            (["--document", "/nonexistent/d.tex"], 73, "folder /nonexistent does not exist"),
            (["--template", "slides"], 64, "--template and --templates need --document FILE"),
            (["--document", "-"], 64, "a document needs a file name, not '-'"),
        ]
        for (arguments, status, message) in cases {
            let result = try Support.run(rnngraph, arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.error.hasPrefix("rnngraph: error: ") && result.error.contains(message), "\(result.error)")
            #expect(result.error.split(separator: "\n").count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func exampleGeneratorWritesThreeDocuments() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Support.run(Support.product("DocsGeneratorExample"), [folder.path, "pytorch", "2"])
        #expect(result.status == 0, "\(result.error)")
        for document in ["article.tex", "slides.tex", "section.md", "article-graph.tikz", "section-graph.svg",
                         "slides-path-1.tikz"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(document).path), "\(document)")
        }
        #expect(try Support.compile(folder.appendingPathComponent("article.tex")) >= 1)
    }
}
