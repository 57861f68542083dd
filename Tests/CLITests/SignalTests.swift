import Foundation
import Testing

/// SIGINT, SIGTERM and SIGHUP during a streamed write remove the temporary
/// file and end the run with 128 + the signal's number.
@Suite struct SignalTests {
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func anInterruptedWriteLeavesNoTemporaryFile(_ signalNumber: Int32) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["--latex", "--length", "300", "--latex-out", "F.tex"]
        process.currentDirectoryURL = folder
        process.standardError = FileHandle.nullDevice
        try process.run()
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
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signalNumber)
        #expect(CLI.files(in: folder).isEmpty, "no temporary file and no F.tex")
    }
}
