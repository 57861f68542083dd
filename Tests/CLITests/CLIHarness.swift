import Foundation

/// Runs the built `rnngraph` executable, found beside the test bundle.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("rnngraph")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/rnngraph")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `rnngraph arguments…` (or another `program`) with optional standard input, in `directory`.
    /// `output` and `input` replace the pipes of standard output and input with
    /// open files (`/dev/full`, `/dev/zero`); the result's stdout is then empty.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                    output: FileHandle? = nil, input: FileHandle? = nil, program: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inputPipe = Pipe()
        process.standardOutput = output ?? out
        process.standardError = err
        process.standardInput = input ?? inputPipe
        try process.run()
        if let stdin { inputPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inputPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        let errors = Collected()
        let reader = Thread { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = output == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Bytes read on another thread, handed over after it finishes.
    private final class Collected: @unchecked Sendable { var data = Data() }

    /// A fresh empty folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-cli-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `rnngraph arguments…` in a fresh empty folder, removed afterwards, and returns the
    /// result with the names of the files the run left there.
    static func runInEmptyFolder(_ arguments: [String]) throws -> (result: Result, files: [String]) {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(arguments, in: folder)
        return (result, files(in: folder))
    }

    /// Names of the files in `folder`, sorted.
    static func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}
