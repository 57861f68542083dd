import Foundation
import Testing

/// Write errors (a full disk, `/dev/full`, a closed pipe) are one line on
/// standard error and exit 74, never a crash, never exit 0, and leave no file.
@Suite struct WriteErrorTests {
    static let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path

    static func full() throws -> FileHandle { try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full")) }

    @Test(arguments: [["--latex"], ["--dot", "-"], ["--svg", "-"], ["--paths", "--count"], ["--values", lab],
                      ["--values", lab, "--json"], ["--latex", "--values", lab], ["--latex", "--form", "compact"]])
    func standardOutputOnAFullDevice(_ arguments: [String]) throws {
        let result = try CLI.run(arguments, output: try Self.full())
        #expect(result.status == 74, "\(arguments)")
        #expect(result.stderr.hasPrefix("rnngraph: error: cannot write standard output: No space left on device"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func helpOnAFullDevice() throws {
        let result = try CLI.run(["--help"], output: try Self.full())
        #expect(result.status == 74)
    }

    @Test func aClosedPipeIsAnError() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["--latex", "--length", "60"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        try out.fileHandleForReading.close()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 74)
        #expect(String(decoding: message, as: UTF8.self).contains("cannot write standard output"))
    }

    /// A file that cannot grow past 1 KiB (`ulimit -f 1`): write(2) fails with
    /// EFBIG part-way, as on a full disk.
    @Test(arguments: [["--latex", "--length", "40", "--latex-out", "d.tex"],
                      ["--latex", "--standalone", "--values", lab, "--latex-out", "d.tex"],
                      ["--svg", "d.svg"], ["--document", "d.tex"]])
    func aFileThatCannotGrowLeavesNothingBehind(_ arguments: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f 1; exec \"$0\" \"$@\"", CLI.executable.path] + arguments
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 74, "\(arguments)")
        #expect(message.contains("cannot write") && message.contains("File too large"), "\(message)")
        #expect(CLI.files(in: folder).isEmpty, "no temporary file and no partial output")
    }
}
