import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Atomic output files: unique temporary names across threads, checked writes.
@Suite struct OutputFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-output-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func temporaryNamesDifferAcrossThreads() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("same.txt").path
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for k in 0..<16 {
                group.addTask {
                    let file = try TemporaryFile(for: target)
                    try file.writer.write("writer \(k)\n")
                    let name = file.temporaryPath
                    try file.rename()
                    return name
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(names).count == 16)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["same.txt"])
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("writer ") && text.split(separator: "\n").count == 1)
    }

    @Test func aFailedStreamLeavesNoTemporaryFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try OutputFile.stream(to: folder.appendingPathComponent("x.tex").path) { stream in
                stream.write("partial")
                throw Stop()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func writingToAFullDeviceThrowsAnIOError() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let writer = CheckedWriter(descriptor: descriptor, name: "/dev/full")
        #expect(throws: RNNGraphError.io("cannot write /dev/full: No space left on device; free space or choose "
                                         + "another destination")) {
            try writer.write("x")
        }
        var stream = FileTextStream(writer)
        stream.write(String(repeating: "y", count: 1 << 17))
        #expect(stream.hasFailed)
        #expect(throws: RNNGraphError.self) { try stream.flush() }
    }
}
