import Foundation
import Testing

/// An output never replaces what its path names: devices and FIFOs are
/// written in place, links are followed to their targets, modes are kept,
/// read-only files, folders and sockets are refused, and a run with several
/// outputs writes all of them or none. Device nodes are made in a fresh folder
/// (never the machine's own `/dev`).
@Suite struct OutputDestinationTests {
    static let isRoot = getuid() == 0

    /// A fresh folder with `null` (1,3) and `full` (1,7) character devices when run as root.
    static func folder() throws -> URL {
        let folder = try CLI.temporaryFolder()
        if isRoot {
            #expect(mknod(folder.appendingPathComponent("null").path, S_IFCHR | 0o666, device(1, 3)) == 0)
            #expect(mknod(folder.appendingPathComponent("full").path, S_IFCHR | 0o666, device(1, 7)) == 0)
        }
        return folder
    }

    /// glibc's `makedev` (a macro Swift does not import).
    static func device(_ major: UInt64, _ minor: UInt64) -> dev_t {
        dev_t(((major & 0xfff) << 8) | ((major & ~0xfff) << 32) | (minor & 0xff) | ((minor & ~0xff) << 12))
    }

    static func type(_ url: URL) -> mode_t {
        var status = stat()
        return lstat(url.path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    static func text(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    @Test(.enabled(if: isRoot)) func aCharacterDeviceIsWrittenInPlace() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let null = try CLI.run(["--svg", "null", "--latex-out", "null2"], in: folder)
        #expect(null.status == 0, "\(null.stderr)")
        #expect(Self.type(folder.appendingPathComponent("null")) == S_IFCHR)
        let full = try CLI.run(["--svg", "full"], in: folder)
        #expect(full.status == 74)
        #expect(full.stderr == "rnngraph: error: cannot write full: No space left on device; "
                + "free space or choose another destination\n")
        #expect(Self.type(folder.appendingPathComponent("full")) == S_IFCHR)
        #expect(CLI.files(in: folder) == ["full", "null", "null2"])
    }

    @Test(.enabled(if: isRoot)) func aFullDeviceAmongSeveralOutputsWritesNone() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old".utf8).write(to: folder.appendingPathComponent("p.pdf"))
        let result = try CLI.run(["--pdf", "p.pdf", "--png", "p.png", "--svg", "full"], in: folder)
        #expect(result.status == 74 && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(CLI.files(in: folder) == ["full", "null", "p.pdf"], "no p.png, no temporary file")
        #expect(Self.text(folder.appendingPathComponent("p.pdf")) == "old")
        let document = try CLI.run(["--document", "d.tex", "--svg", "full"], in: folder)
        #expect(document.status == 74)
        #expect(CLI.files(in: folder) == ["full", "null", "p.pdf"], "no document and none of its figures")
    }

    /// A note ("no path, the derivative is 0") comes after the outputs are
    /// written, so a failed run's standard error is its one error line.
    @Test(.enabled(if: isRoot)) func aNoteNeverPrecedesAnError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let failed = try CLI.run(["--latex", "--loss-at", "last", "--wrt", "o_1", "--latex-out", "full"], in: folder)
        #expect(failed.status == 74)
        #expect(failed.stderr.split(separator: "\n").count == 1 && failed.stderr.hasPrefix("rnngraph: error:"))
        let noted = try CLI.run(["--count", "--loss-at", "last", "--wrt", "o_1"], in: folder)
        #expect(noted.status == 0 && noted.stdout == "0\n")
        #expect(noted.stderr == "rnngraph: note: L does not depend on o_1: no path, the derivative is 0\n")
    }

    @Test func aFIFOIsWrittenInPlaceAndWithoutAReaderRefusedWithinSeconds() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("f.fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let start = Date()
        let alone = try CLI.run(["--dot", "f.fifo"], in: folder)
        #expect(alone.status == 73 && alone.stderr.contains("no process reads this FIFO"), "\(alone.stderr)")
        #expect(Date().timeIntervalSince(start) < 10)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo.path]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let written = try CLI.run(["--dot", "f.fifo"], in: folder)
        let received = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(written.status == 0)
        #expect(received.hasPrefix("digraph"))
        #expect(Self.type(fifo) == S_IFIFO)
    }

    @Test func aLinkIsFollowedAndStaysALink() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        try Data("old".utf8).write(to: folder.appendingPathComponent("real.svg"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("link.svg").path, withDestinationPath: "real.svg")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.svg").path,
                                       withDestinationPath: "made.svg")
        let result = try CLI.run(["--svg", "link.svg", "--dot", "dangling.svg"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.type(folder.appendingPathComponent("link.svg")) == S_IFLNK)
        #expect(Self.type(folder.appendingPathComponent("dangling.svg")) == S_IFLNK)
        #expect(Self.text(folder.appendingPathComponent("real.svg"))?.contains("<svg") == true)
        #expect(Self.text(folder.appendingPathComponent("made.svg"))?.hasPrefix("digraph") == true)
    }

    @Test func aLinkLoopIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("a").path, withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b").path, withDestinationPath: "a")
        let result = try CLI.run(["--svg", "a"], in: folder)
        #expect(result.status == 73 && result.stderr.contains("cannot write a: more than 32 symbolic links"))
        #expect(Self.type(folder.appendingPathComponent("a")) == S_IFLNK)
    }

    @Test func aReplacedFileKeepsItsModeAndAReadOnlyFileIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept = folder.appendingPathComponent("kept.svg"), locked = folder.appendingPathComponent("locked.svg")
        try Data("old".utf8).write(to: kept)
        try Data("old".utf8).write(to: locked)
        #expect(chmod(kept.path, 0o640) == 0 && chmod(locked.path, 0o444) == 0)
        let result = try CLI.run(["--svg", "kept.svg"], in: folder)
        #expect(result.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: kept.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(Self.text(kept)?.contains("<svg") == true)
        if Self.isRoot {  // run as root, the owner is kept too
            #expect(chown(kept.path, 65534, 65534) == 0)
            #expect(try CLI.run(["--dot", "kept.svg"], in: folder).status == 0)
            var status = stat()
            #expect(stat(kept.path, &status) == 0 && status.st_uid == 65534 && status.st_gid == 65534)
            #expect(status.st_mode & 0o7777 == 0o640 && Self.text(kept)?.hasPrefix("digraph") == true)
        }
        let refused = try CLI.run(["--svg", "o.svg", "--pdf", "locked.svg"], in: folder)
        #expect(refused.status == 73)
        #expect(refused.stderr == "rnngraph: error: cannot write locked.svg: it is read-only; "
                + "chmod u+w it or choose another path\n")
        #expect(Self.text(locked) == "old")
        #expect(CLI.files(in: folder).filter { !["full", "null"].contains($0) } == ["kept.svg", "locked.svg"])
    }

    @Test func folderSocketAndEmptyPathAreRefusedBeforeAnyWork() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir"), withIntermediateDirectories: true)
        let socket = try Self.makeSocket(folder.appendingPathComponent("s.sock").path)
        defer { close(socket) }
        for (arguments, message) in [(["--svg", "dir"], "cannot write dir: it is a folder"),
                                     (["--svg", "s.sock"], "cannot write s.sock: it is a socket"),
                                     (["--svg", ""], "--svg names an empty path; give a file name"),
                                     (["--latex", "--latex-out", ""], "--latex-out names an empty path")] {
            let result = try CLI.run(arguments + ["--length", "2000"], in: folder)
            #expect(result.status == 73 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    static func makeSocket(_ path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (k, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[k] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        return descriptor
    }

    /// `/dev/stdout` names the process's own standard output, here a file the
    /// test opened: the figure arrives in it, and `/dev/stdout` is not replaced.
    @Test func devStdoutIsTheProcesssStandardOutput() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let captured = folder.appendingPathComponent("captured.txt")
        FileManager.default.createFile(atPath: captured.path, contents: nil)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out").path,
                                                   withDestinationPath: "/dev/stdout")
        for path in ["/dev/stdout", "out"] {
            let handle = try FileHandle(forWritingTo: captured)
            let result = try CLI.run(["--svg", path], in: folder, output: handle)
            try handle.close()
            #expect(result.status == 0, "\(path): \(result.stderr)")
            #expect(Self.text(captured)?.hasPrefix("<?xml") == true, "\(path)")
            try Data().write(to: captured)
        }
        #expect(Self.type(URL(fileURLWithPath: "/dev/stdout")) == S_IFLNK)
        #expect(Self.type(folder.appendingPathComponent("out")) == S_IFLNK)
        let twice = try CLI.run(["--svg", "-", "--dot", "out"], in: folder)
        #expect(twice.status == 64 && twice.stderr.contains("--svg and --dot both write to standard output"))
    }

    /// Standard output redirected to a file is that file: no other output may replace it.
    @Test func theFileStandardOutputGoesToIsClaimed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let captured = folder.appendingPathComponent("captured.txt")
        try FileManager.default.copyItem(at: OutputPlanTests.lab, to: folder.appendingPathComponent("v.json"))
        for arguments in [["--latex", "--svg", "captured.txt"], ["--values", "v.json", "--svg", "./captured.txt"]] {
            FileManager.default.createFile(atPath: captured.path, contents: nil)
            let handle = try FileHandle(forWritingTo: captured)
            let result = try CLI.run(arguments, in: folder, output: handle)
            try handle.close()
            #expect(result.status == 73, "\(arguments)")
            #expect(result.stderr.contains("is the file standard output goes to, which --"), "\(result.stderr)")
            #expect(try Data(contentsOf: captured).isEmpty)
        }
    }

    @Test func spellingsAndHardLinksOfAnInputCollide() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("d"), withIntermediateDirectories: true)
        let model = try CLI.run(["--print-model"]).stdout
        try Data(model.utf8).write(to: folder.appendingPathComponent("m.rnn"))
        try manager.linkItem(atPath: folder.appendingPathComponent("m.rnn").path,
                             toPath: folder.appendingPathComponent("hard.svg").path)
        try manager.copyItem(at: OutputPlanTests.lab, to: folder.appendingPathComponent("v.json"))
        let cases: [([String], String)] = [
            (["--model", "m.rnn", "--svg", "d/../m.rnn"], "--svg d/../m.rnn would overwrite the model file m.rnn"),
            (["--model", "m.rnn", "--svg", "hard.svg"], "--svg hard.svg would overwrite the model file m.rnn"),
            (["--values", "v.json", "--svg", "d/../v.json"], "would overwrite the values file v.json"),
            (["--svg", "d/../a.svg", "--png", "a.svg"], "--svg and --png both write a.svg"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(arguments, in: folder)
            #expect(result.status == 73 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(Self.text(folder.appendingPathComponent("m.rnn")) == model)
        #expect(CLI.files(in: folder).filter { !["full", "null"].contains($0) } == ["d", "hard.svg", "m.rnn", "v.json"])
    }
}
