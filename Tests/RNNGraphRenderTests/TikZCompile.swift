import Foundation
import RNNGraphFigure

/// Runs the real pdflatex on a document that inputs a TikZ picture.
enum TikZCompile {
    /// What one run left: its exit status, the PDF (empty when none) and pdflatex's log.
    struct Result {
        let status: Int32
        let pdf: Data
        let log: String
    }

    /// A large page holding the picture alone.
    static func onLargePage(_ tikz: String) throws -> Result {
        try run(tikz, document: "\\documentclass{article}\n\\usepackage[paperwidth=60cm,paperheight=30cm,margin=1cm]{geometry}\n"
                + "\\usepackage{amsmath}\n" + TikZPrinter.preamble
                + "\\begin{document}\n\\input{graph.tikz}\n\\end{document}\n")
    }

    /// A plain `article` with the picture in a figure, `before` written just before its `\input`.
    static func inArticle(_ tikz: String, before: String = "") throws -> Result {
        try run(tikz, document: "\\documentclass{article}\n\\usepackage{amsmath}\n" + TikZPrinter.preamble
                + "\\begin{document}\nText before.\n\n\\begin{figure}[h]\\centering\n" + before + "\\input{graph.tikz}\n"
                + "\\caption{The graph.}\\end{figure}\n\\end{document}\n")
    }

    private static func run(_ tikz: String, document: String) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-tikz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(tikz.utf8).write(to: folder.appendingPathComponent("graph.tikz"))
        try Data(document.utf8).write(to: folder.appendingPathComponent("doc.tex"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      pdf: (try? Data(contentsOf: folder.appendingPathComponent("doc.pdf"))) ?? Data(),
                      log: (try? String(contentsOf: folder.appendingPathComponent("doc.log"), encoding: .utf8)) ?? "")
    }
}
