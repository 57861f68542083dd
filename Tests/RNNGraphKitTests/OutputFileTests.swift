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

/// A transaction commits all of its outputs or none.
@Suite struct OutputTransactionTests {
    @Test func aFailureBeforeCommitReplacesNothing() throws {
        let folder = try OutputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.txt").path, b = folder.appendingPathComponent("b.txt").path
        try Data("old a".utf8).write(to: URL(fileURLWithPath: a))
        struct Stop: Error {}
        let transaction = OutputTransaction()
        try transaction.write("new a", to: a)
        #expect(throws: Stop.self) {
            try transaction.stream(to: b) { stream in
                stream.write("partial b")
                throw Stop()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old a")
    }

    @Test func everyOutputAppearsOnlyAtCommit() throws {
        let folder = try OutputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = (1...3).map { folder.appendingPathComponent("f\($0).txt").path }
        let transaction = OutputTransaction()
        for (k, path) in paths.enumerated() { try transaction.write("file \(k)", to: path) }
        #expect(paths.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        try transaction.commit()
        #expect(try paths.map { try String(contentsOfFile: $0, encoding: .utf8) } == ["file 0", "file 1", "file 2"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["f1.txt", "f2.txt", "f3.txt"])
    }

    @Test func identitySeesThroughSpellingsLinksAndHardLinks() throws {
        let folder = try OutputFileTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("d"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("m.rnn").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        try manager.linkItem(atPath: file, toPath: folder.appendingPathComponent("hard").path)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("soft").path, withDestinationPath: "m.rnn")
        let key = OutputFile.identity(of: file)
        for spelling in ["d/../m.rnn", "hard", "soft", "./d/../soft"] {
            #expect(OutputFile.identity(of: folder.appendingPathComponent(spelling).path) == key, "\(spelling)")
        }
        #expect(OutputFile.identity(of: folder.appendingPathComponent("d/../new").path)
                == OutputFile.identity(of: folder.appendingPathComponent("new").path))
        #expect(OutputFile.identity(of: folder.appendingPathComponent("other").path) != key)
        #expect(OutputFile.isStandardOutput("-") && OutputFile.isStandardOutput("/dev/stdout")
                && OutputFile.isStandardOutput("/dev/fd/1") && !OutputFile.isStandardOutput("/dev/stderr"))
    }
}
