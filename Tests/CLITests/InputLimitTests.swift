import Foundation
import Testing

/// Inputs are bounded: values files by size (read in chunks, stopping past the
/// limit), `--highlight all` by the number of paths; special files are read.
@Suite struct InputLimitTests {
    @Test func endlessStandardInputIsRefusedPastTheLimit() throws {
        let zero = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/zero"))
        let result = try CLI.run(["--values", "-"], input: zero)
        #expect(result.status == 65)
        #expect(result.stderr.contains("standard input has more than 16777216 bytes, above the limit of 16777216"))
    }

    @Test func aLargeFileIsRefusedWithItsSize() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.json")
        try Data(count: 20 << 20).write(to: file)
        let result = try CLI.run(["--values", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("has 20971520 bytes, above the limit of 16777216 (16 MiB)"))
    }

    @Test func devNullIsReadAsAnEmptyFile() throws {
        let result = try CLI.run(["--values", "/dev/null"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("/dev/null: malformed JSON at line 1, column 1"))
    }

    @Test func aFIFOIsRead() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("values.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let lab = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json"))
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) { handle.write(lab); try? handle.close() }
        }
        writer.start()
        let result = try CLI.run(["--values", fifo])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Values"))
    }

    @Test func highlightingEveryPathIsBounded() throws {
        let start = Date()
        let result = try CLI.run(["--highlight", "all", "--length", "300", "--svg", "-"])
        #expect(result.status == 64 && result.stdout.isEmpty)
        #expect(result.stderr.contains("--highlight all would draw 45150 paths"))
        #expect(Date().timeIntervalSince(start) < 10)
        let allowed = try CLI.run(["--highlight", "all", "--length", "4", "--svg", "-"])
        #expect(allowed.status == 0)
    }
}
