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
        // Nothing may stick out into the margin: every line fits the page.
        let logFile = texFile.deletingPathExtension().appendingPathExtension("log")
        let overfull = try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("Overfull \\hbox") }
        #expect(overfull.isEmpty, "\(texFile.lastPathComponent): \(overfull.joined(separator: " | "))")
        let pdf = texFile.deletingPathExtension().appendingPathExtension("pdf")
        let info = try run(tool("pdfinfo"), [pdf.path])
        let pages = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
        return pages ?? 0
    }

    /// A values file for `options` (2 features everywhere, a batch of 2 for
    /// `pytorch`), with fixed numbers; for the CS187 model at N = 2 the lab's own
    /// file `Docs/examples/lab-2x2.json`.
    static func valuesFile(for options: ModelOptions) throws -> ValuesFile {
        if options.bundled == .cs187, options.length == 2, !options.startsAtZero {
            return try ValuesFile.read(packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        }
        let pool = [0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 0.2, -0.1, 0.4, -0.3, 0.7, 0.05]
        var next = 0
        func number() -> String { defer { next += 1 }; return "\(pool[next % pool.count])" }
        func vector() -> String { "[\(number()), \(number())]" }
        func matrix() -> String { "[\(vector()), \(vector())]" }
        let n = options.length
        var parameters: [String]
        var members: [String] = []
        switch options.bundled {
        case .cs187:
            parameters = ["\"U\": \(matrix())", "\"V\": \(matrix())", "\"W\": \(matrix())"]
            members = ["\"h0\": \(vector())", "\"inputs\": [\((0...n).map { _ in vector() }.joined(separator: ", "))]"]
        case .goodfellow:
            parameters = ["\"U\": \(matrix())", "\"W\": \(matrix())", "\"V\": \(matrix())"]
            if options.biases { parameters += ["\"b\": \(vector())", "\"c\": \(vector())"] }
            if !options.startsAtZero { members.append("\"h0\": \(vector())") }
            members.append("\"inputs\": [\((0..<n).map { _ in vector() }.joined(separator: ", "))]")
            let targets = (0..<n).map { t in options.outputLoss == .softmax ? String(t % 2) : vector() }
            members.append("\"targets\": [\(targets.joined(separator: ", "))]")
        case .pytorch:
            parameters = ["\"Wx\": \(matrix())", "\"Wh\": \(matrix())"]
            if options.biases { parameters.append("\"b\": \(vector())") }
            members.append("\"h0\": \(matrix())")
            members.append("\"inputs\": [\((0..<n).map { _ in matrix() }.joined(separator: ", "))]")
            members.append("\"targets\": [\((0..<n).map { _ in matrix() }.joined(separator: ", "))]")
        default:
            preconditionFailure("no values file written for \(options.modelName)")
        }
        let json = "{\"parameters\": {\(parameters.joined(separator: ", "))}, \(members.joined(separator: ", "))}"
        return try ValuesFile(json: json, source: "\(options.modelName)-N\(n).json")
    }

    /// Real worked numbers for `model`: its values file evaluated through the public numerics API.
    static func numbers(for model: Model) throws -> WorkedNumbers {
        let report = try NumericReport(try valuesFile(for: model.options).values(for: model))
        return WorkedNumbers(report, timeStyle: model.options.defaultTimeStyle)
    }
}

/// The three models of the course material the documents were first written for.
let labModels: [BundledModel] = [.cs187, .goodfellow, .pytorch]

extension ModelOptions {
    /// The bundled model these options hold (tests build options from bundled models only).
    var bundled: BundledModel { BundledModel(rawValue: modelName)! }
}
