import Foundation
import Testing

/// A model file that cannot be read is refused with the reason: missing, a
/// folder, a device; a pipe (`<(…)`) is read.
@Suite struct ModelFileReadTests {
    @Test func eachReasonIsNamed() throws {
        let folder = try OutputDestinationTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.rnn"), withIntermediateDirectories: true)
        var cases = [("dir.rnn", "cannot read model file dir.rnn: it is a folder; give a file"),
                     ("gone.rnn", "cannot read model file gone.rnn: No such file or directory; check the path")]
        if OutputDestinationTests.isRoot {
            cases.append(("./null", "cannot read model file ./null: it is a device or socket, not a file; give a file"))
        }
        for (model, message) in cases {
            let result = try CLI.run(["--model", model, "--count"], in: folder)
            #expect(result.status == 65)
            #expect(result.stderr == "rnngraph: error: \(message)\n", "\(model)")
        }
    }

    @Test func aPipeIsRead() throws {
        let model = try CLI.run(["--print-model"]).stdout
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s' \"$1\" | \"$0\" --model /dev/stdin --count", CLI.executable.path, model]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text == "6\n")
    }
}
