import Foundation
import Testing

/// A model's names written in Unicode Greek (`α`, `β`, a capital `Β`, `φ`) are LaTeX commands in
/// every LaTeX output, which pdflatex (without a Unicode font) must compile.
@Suite struct GreekNameTests {
    static let model = """
    time t = 1..N
    h_t = tanh(α * (W x_t) + β * h_{t-1} + Β φ_t)
    φ_t = tanh(W_α x_t)
    L = sum_t (y_t - V h_t)^2
    """

    /// Runs pdflatex on `file` in its folder; returns the log's error lines (empty when it compiled).
    static func pdflatex(_ file: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", file.lastPathComponent]
        process.currentDirectoryURL = file.deletingLastPathComponent()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let log = (try? String(contentsOf: file.deletingPathExtension().appendingPathExtension("log"), encoding: .utf8)) ?? ""
        let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }.map(String.init)
        return process.terminationStatus == 0 ? errors : errors + ["pdflatex exit \(process.terminationStatus)"]
    }

    @Test func standaloneDocumentAndTikZCompile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("greek.rnn")
        try Self.model.write(to: file, atomically: true, encoding: .utf8)
        for form in ["expanded", "compact", "recursive"] {
            let standalone = try CLI.run(["--model", file.path, "--latex", "--standalone", "--form", form, "--local", "closed",
                                          "--wrt", "β", "--length", "2"])
            #expect(standalone.status == 0, "\(standalone.stderr)")
            #expect(standalone.stdout.contains("\\beta") && !standalone.stdout.contains("β"))
            let tex = folder.appendingPathComponent("\(form).tex")
            try standalone.stdout.write(to: tex, atomically: true, encoding: .utf8)
            #expect(try Self.pdflatex(tex) == [], "\(form)")
        }
        let document = folder.appendingPathComponent("doc.tex")
        let written = try CLI.run(["--model", file.path, "--document", document.path, "--length", "2"])
        #expect(written.status == 0, "\(written.stderr)")
        let text = try String(contentsOf: document, encoding: .utf8)
        #expect(text.contains("\\alpha") && text.contains("\\varphi") && text.contains("\\mathbf{B}"))
        #expect(try Self.pdflatex(document) == [])
        let tikz = try CLI.run(["--model", file.path, "--tikz", "-", "--length", "2"])
        #expect(tikz.status == 0, "\(tikz.stderr)")
        #expect(!tikz.stdout.contains { "αβΒφ".contains($0) }, "\(tikz.stdout)")
        #expect(tikz.stdout.contains("\\alpha"))
    }
}
