import Foundation
import Testing

/// The built `rnngraph` binary, run end to end.
@Suite struct CLITests {
    /// Runs `rnngraph` through the shared ``CLI`` harness.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try CLI.run(arguments)
        return (result.status, result.stdout, result.stderr)
    }

    static var expectedFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RNNGraphKitTests/Expected")
    }

    @Test func latexMatchesTheLabsExpectedFile() throws {
        for n in 1...3 {
            let r = try Self.run(["--latex", "--length", "\(n)"])
            #expect(r.status == 0)
            let expected = try String(contentsOf: Self.expectedFolder.appendingPathComponent("cs187-N\(n)-wrt-U.tex"),
                                      encoding: .utf8)
            #expect(r.out == expected)
        }
    }

    @Test func pathsAndCount() throws {
        let r = try Self.run(["--paths", "--count", "--length", "3"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "6")
        #expect(lines.count == 7)
        #expect(lines[3] == "3: U → h₁ → h₂ → o₂ → L")
        let w = try Self.run(["--count", "--wrt", "W", "--length", "5"])
        #expect(w.out == "5\n")
    }

    @Test func longestSequenceIsCountedAndDerivedWithoutUnrolling() throws {
        let n = 1_000_000
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // U → L: one path per pair 1 ≤ i ≤ t ≤ N (U enters at h_i, leaves through o_t), N(N+1)/2 in all.
        let u = try Self.run(["--count", "--length", "\(n)"])
        #expect(u.status == 0 && u.out == "\(n * (n + 1) / 2)\n")
        // W → L: one path per step.
        let w = try Self.run(["--count", "--wrt", "W", "--length", "\(n)", "--model", "cs187"])
        #expect(w.out == "\(n)\n")
        // The compact and recursive forms hold for every N: the same text as at N = 10.
        for form in ["compact", "recursive"] {
            let large = try Self.run(["--latex", "--form", form, "--length", "\(n)"])
            let small = try Self.run(["--latex", "--form", form, "--length", "10"])
            #expect(large.status == 0 && large.out == small.out && !large.out.isEmpty, "\(form)")
        }
        // A figure of 3N + 6 nodes is refused from the rolled graph's size, before unrolling.
        let pdf = try Self.run(["--pdf", folder.appendingPathComponent("big.pdf").path, "--length", "\(n)"])
        #expect(pdf.status == 64 && pdf.err.contains("the figure has \(3 * n + 6) nodes"))
        let dot = try Self.run(["--dot", "-", "--length", "\(n)"])
        #expect(dot.status == 64 && dot.err.contains("DOT text would have \(3 * n + 6) nodes") && dot.out.isEmpty)
        // So are a document of N(N+1)/2 paths and a values file with too few inputs.
        let document = try Self.run(["--document", folder.appendingPathComponent("big.tex").path, "--length", "\(n)"])
        #expect(document.status == 64 && document.err.contains("\(n * (n + 1) / 2) paths from U to L"))
        let values = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path
        let short = try Self.run(["--values", values, "--length", "\(n)"])
        #expect(short.status == 65 && short.err.contains("too few entries in \"inputs\" for --length \(n): the model needs \(n + 1)"))
        #expect(CLI.files(in: folder).isEmpty, "refusals write nothing")
        let beyond = try Self.run(["--count", "--wrt", "h_\(n + 1)", "--length", "\(n)"])
        #expect(beyond.status == 64 && beyond.err.contains("h_0, …, h_\(n)"))
    }

    @Test func everyFormAndModel() throws {
        for model in ["cs187", "goodfellow", "pytorch"] {
            let wrt = model == "pytorch" ? "Wx" : "U"
            for form in ["expanded", "compact", "merged", "recursive"] {
                for local in ["symbolic", "closed"] {
                    let r = try Self.run(["--latex", "--model", model, "--wrt", wrt, "--form", form, "--local", local])
                    if model == "pytorch" && local == "closed" && (form == "compact" || form == "merged") {
                        // A batch of rows: each step acts element-wise (⊙), so there is no matrix Π to print.
                        #expect(r.status != 0 && r.out.isEmpty && r.err.contains("--form recursive"), "\(r.err)")
                        #expect(r.err.split(separator: "\n").count == 1)
                        continue
                    }
                    #expect(r.status == 0, "\(model) \(form) \(local): \(r.err)")
                    #expect(r.out.hasPrefix("\\begin{align*}"))
                }
            }
        }
    }

    @Test func hadamardNotation() throws {
        let r = try Self.run(["--latex", "--model", "goodfellow", "--form", "recursive", "--local", "closed", "--hadamard"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("\\odot") && !r.out.contains("\\operatorname{diag}"))
        for arguments in [["--latex", "--hadamard"], ["--latex", "--model", "goodfellow", "--form", "compact", "--local", "closed", "--hadamard"]] {
            let refused = try Self.run(arguments)
            #expect(refused.status == 64 && refused.out.isEmpty, "\(arguments)")
            #expect(refused.err.split(separator: "\n").count == 1 && refused.err.contains("--hadamard"))
        }
    }

    @Test func standaloneDocumentAndFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("d.tex").path
        let r = try Self.run(["--latex-out", file, "--standalone", "--form", "compact"])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("\\documentclass{article}"))
        #expect(text.hasSuffix("\\end{document}\n"))
    }

    @Test func unknownVariableListsValidNames() throws {
        let r = try Self.run(["--latex", "--wrt", "Q"])
        #expect(r.status == 64)
        #expect(r.err.contains("unknown variable 'Q'"))
        #expect(r.err.contains("h_0"))
        #expect(r.err.split(separator: "\n").count == 1)
    }

    @Test func noPathPrintsZeroAndSaysSo() throws {
        // Many-to-one: the first output meets no loss.
        let r = try Self.run(["--latex", "--model", "goodfellow", "--loss-at", "last", "--wrt", "o1", "--length", "2"])
        #expect(r.status == 0)
        #expect(r.out.contains("&= 0\n"))
        #expect(r.err.contains("does not depend on"))
        let count = try Self.run(["--count", "--model", "goodfellow", "--loss-at", "last", "--wrt", "o1", "--length", "2"])
        #expect(count.out == "0\n")
    }

    @Test func ofNotDependingOnWrtIsAnError() throws {
        let r = try Self.run(["--latex", "--of", "o1", "--wrt", "x2"])
        #expect(r.status == 64)
        #expect(r.err.contains("does not depend on"))
    }

    @Test func highlightOutOfRangeIsAnError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dot = folder.appendingPathComponent("g.dot").path
        let bad = try Self.run(["--highlight", "7", "--dot", dot, "--length", "3"])
        #expect(bad.status == 64)
        #expect(bad.err.contains("from 1 to 6"))
        let good = try Self.run(["--highlight", "3", "--dot", "-", "--length", "3"])
        #expect(good.status == 0)
        #expect(good.out.contains("term 3"))
        let all = try Self.run(["--highlight", "all", "--dot", "-", "--length", "2"])
        #expect(all.status == 0)
        #expect(all.out.contains("term 1") && all.out.contains("term 3"))
        let noFigure = try Self.run(["--highlight", "1", "--latex"])
        #expect(noFigure.status == 64)
    }

    @Test func tooManyTermsIsRefused() throws {
        let r = try Self.run(["--latex", "--length", "1000"])
        #expect(r.status == 64)
        #expect(r.err.contains("500500"))
        #expect(r.err.contains("--form compact"))
        #expect(r.out.isEmpty)
        let limited = try Self.run(["--paths", "--length", "4", "--max-terms", "5"])
        #expect(limited.status == 64)
        let compact = try Self.run(["--latex", "--length", "1000", "--form", "compact"])
        #expect(compact.status == 0)
    }
}
