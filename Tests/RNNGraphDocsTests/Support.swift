import Foundation
import RNNGraphDocs
import RNNGraphKit
import Testing

/// Helpers shared by the document tests: temporary folders, the package's
/// folders and the products built next to the test runner.
enum Support {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rnngraph-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An executable product built with the tests (`rnngraph`, `DocsGeneratorExample`).
    static func product(_ name: String) throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            folder = folder.deletingLastPathComponent()
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        Issue.record("product \(name) not found next to \(CommandLine.arguments[0]); run swift build first")
        throw RNNGraphError.failure("missing product \(name)")
    }

    /// Runs a program; returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ program: URL, _ arguments: [String], in folder: URL? = nil)
        throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self))
    }

    /// A program on the PATH.
    static func tool(_ name: String) throws -> URL {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        Issue.record("\(name) is not installed; run scripts/install-deps.sh --test")
        throw RNNGraphError.failure("missing tool \(name)")
    }

    /// Compiles a LaTeX file in its folder with pdflatex and returns the PDF's page count.
    static func compile(_ texFile: URL) throws -> Int {
        let folder = texFile.deletingLastPathComponent()
        let result = try run(tool("pdflatex"), ["-interaction=nonstopmode", "-halt-on-error",
                                                texFile.lastPathComponent], in: folder)
        let log = result.output.split(separator: "\n").filter { $0.hasPrefix("!") || $0.hasPrefix("l.") }
        #expect(result.status == 0, "pdflatex failed on \(texFile.path): \(log.joined(separator: " | "))")
        let pdf = texFile.deletingPathExtension().appendingPathExtension("pdf")
        let info = try run(tool("pdfinfo"), [pdf.path])
        let pages = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
        return pages ?? 0
    }

    /// Placeholder worked numbers for every leaf and the variable, to exercise the template's numbers section.
    static func numbers(for model: Model) -> WorkedNumbers {
        let leaves = model.graph.variables.filter { $0.definition == nil }
        return WorkedNumbers(
            values: leaves.enumerated().map { k, v in NumberRow(name: v.symbol.latex, value: "\(k).5") },
            loss: "1.25",
            gradients: [NumberRow(name: "\\frac{\\partial L}{\\partial \\theta}",
                                  value: "\\begin{bmatrix} 0.1 & -0.2 \\end{bmatrix}")])
    }
}
