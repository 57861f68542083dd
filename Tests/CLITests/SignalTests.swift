import Foundation
import Testing

/// The fatal signals (INT, TERM, HUP, QUIT, USR1, USR2, ALRM) during a
/// streamed write remove the temporary file and end the run with 128 + the
/// signal's number; a signal inherited as ignored stays ignored.
@Suite struct SignalTests {
    static let arguments = ["--latex", "--length", "300", "--latex-out", "F.tex"]

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM])
    func anInterruptedWriteLeavesNoTemporaryFile(_ signalNumber: Int32) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = Self.arguments
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        try Self.waitForTemporaryFile(in: folder, of: process)
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signalNumber)
        #expect(CLI.files(in: folder).isEmpty, "no temporary file and no F.tex")
    }

    /// As under `nohup`: the shell ignores HUP (or QUIT) and runs the tool in
    /// its place; the signal does not end the run, which writes F.tex whole.
    @Test(arguments: [("HUP", SIGHUP), ("QUIT", SIGQUIT)])
    func anInheritedIgnoredSignalStaysIgnored(_ name: String, _ signalNumber: Int32) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' \(name); exec \"$0\" \"$@\"", CLI.executable.path,
                             "--latex", "--length", "200", "--latex-out", "F.tex"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
        try Self.waitForTemporaryFile(in: folder, of: process)
        #expect(process.isRunning, "the signal arrives during the write")
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(CLI.files(in: folder) == ["F.tex"])
        let text = try String(contentsOf: folder.appendingPathComponent("F.tex"), encoding: .utf8)
        #expect(text.hasSuffix("\\end{align*}\n"))
    }

    /// Waits until the run's temporary file has started to grow.
    static func waitForTemporaryFile(in folder: URL, of process: Process) throws {
        // Wait until the temporary file has started to grow.
        let deadline = Date().addingTimeInterval(60)
        var started = false
        while Date() < deadline, process.isRunning, !started {
            started = CLI.files(in: folder).contains { name in
                name.hasPrefix(".F.tex.") && name.hasSuffix(".tmp")
                    && ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[
                        .size] as? Int) ?? 0) > 0
            }
            usleep(2_000)
        }
        #expect(started, "the run wrote into a temporary file before the signal")
    }
}
