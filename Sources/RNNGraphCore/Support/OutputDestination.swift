#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What an output path names, found with `lstat` after following symbolic
/// links (at most ``maximumLinks`` of them), and so how it is written.
enum OutputDestination: Equatable {
    /// An open descriptor of the process: `-` (1), `/dev/stdout` (1),
    /// `/dev/stderr` (2), `/dev/fd/N` and `/proc/self/fd/N`. Written directly.
    case descriptor(Int32)
    /// A character device or a FIFO at `path` (links followed): opened for
    /// writing without creating or truncating it, and written directly.
    case device(path: String)
    /// A regular file at `path` (links followed), or a new name there: written
    /// to a temporary file beside it and renamed over it. `existing` holds the
    /// file's mode and owner when it exists.
    case file(path: String, existing: stat?)

    /// The most symbolic links followed from one output path.
    static let maximumLinks = 32

    static func == (lhs: OutputDestination, rhs: OutputDestination) -> Bool {
        switch (lhs, rhs) {
        case (.descriptor(let a), .descriptor(let b)): return a == b
        case (.device(let a), .device(let b)): return a == b
        case (.file(let a, _), .file(let b, _)): return a == b
        default: return false
        }
    }

    /// Classifies `path`, refusing what cannot be written before any work: an
    /// empty path, a folder, a block device, a socket, a link loop, a missing
    /// or unwritable folder, a read-only file, a descriptor that is not open
    /// for writing.
    /// - Throws: ``RNNGraphError/output(_:)`` naming the problem and the fix.
    static func of(_ path: String) throws -> OutputDestination {
        if path == "-" { return .descriptor(1) }
        guard !path.isEmpty else { throw RNNGraphError.output("cannot write an empty path; give a file name") }
        if path.hasSuffix("/") {
            throw RNNGraphError.output("cannot write \(path): it names a folder; give a file name")
        }
        var current = path
        for _ in 0...maximumLinks {
            if let descriptor = descriptorNumber(current) {
                try checkOpenForWriting(descriptor, path: path)
                return .descriptor(descriptor)
            }
            var status = stat()
            guard lstat(current, &status) == 0 else {
                let code = errno
                guard code == ENOENT else { throw refusal(path, String(cString: strerror(code)) + "; check the path") }
                try checkFolder(of: current, for: path)
                return .file(path: current, existing: nil)
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                current = try linkTarget(current, for: path)
            case S_IFREG:
                try checkFolder(of: current, for: path)
                guard status.st_mode & 0o222 != 0 else {
                    throw refusal(path, "it is read-only; chmod u+w it or choose another path")
                }
                guard faccessat(AT_FDCWD, current, W_OK, AT_EACCESS) == 0 else {
                    throw refusal(path, "no permission to write it; choose another path")
                }
                return .file(path: current, existing: status)
            case S_IFCHR, S_IFIFO:
                return .device(path: current)
            case S_IFDIR:
                throw refusal(path, "it is a folder; give a file name")
            case S_IFBLK:
                throw refusal(path, "it is a block device; write to a file instead")
            case S_IFSOCK:
                throw refusal(path, "it is a socket; write to a file instead")
            default:
                throw refusal(path, "it is not a file; give a file name")
            }
        }
        throw refusal(path, "more than \(maximumLinks) symbolic links (a loop?); give the file's own path")
    }

    /// The destination's identity for collisions: two paths have the same key
    /// exactly when they name one file. Existing files (links followed) are
    /// compared by device and inode, so hard links and `d/../f` are caught; a
    /// new name by its folder's real path and its name; standard output and
    /// the other descriptors by number, unless they are regular files.
    static func key(of path: String) -> String {
        var status = stat()
        if let destination = try? of(path) {
            switch destination {
            case .descriptor(let number):
                if fstat(number, &status) == 0, status.st_mode & S_IFMT == S_IFREG { return inodeKey(status) }
                return "descriptor \(number)"
            case .device(let target), .file(let target, _):
                if stat(target, &status) == 0 { return inodeKey(status) }
                return resolvedName(target)
            }
        }
        if stat(path, &status) == 0 { return inodeKey(status) }
        return resolvedName(path)
    }

    private static func inodeKey(_ status: stat) -> String { "inode \(status.st_dev):\(status.st_ino)" }

    /// `path`'s folder resolved with `realpath` (`.`, `..`, links), then its name.
    static func resolvedName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent().path
        guard let pointer = realpath(folder, nil) else { return "name " + url.standardized.path }
        defer { free(pointer) }
        let real = String(cString: pointer)
        return "name " + (real == "/" ? "/" + name : real + "/" + name)
    }

    /// The descriptor `path` names: `/dev/stdout`, `/dev/stderr`, `/dev/stdin`,
    /// `/dev/fd/N` and `/proc/self/fd/N` however spelled (the folder is resolved).
    static func descriptorNumber(_ path: String) -> Int32? {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent().path
        guard let pointer = realpath(folder, nil) else { return nil }
        defer { free(pointer) }
        switch String(cString: pointer) {
        case "/dev":
            return ["stdin": 0, "stdout": 1, "stderr": 2][name]
        case "/proc/self/fd", "/proc/\(getpid())/fd":
            guard !name.isEmpty, name.allSatisfy(\.isASCII), name.allSatisfy(\.isNumber) else { return nil }
            return Int32(name)
        default:
            return nil
        }
    }

    /// The path a symbolic link points to, relative targets taken from its folder.
    private static func linkTarget(_ link: String, for path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { throw refusal(path, String(cString: strerror(errno))) }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let folder = URL(fileURLWithPath: link).deletingLastPathComponent().path
        return folder == "/" ? "/" + target : folder + "/" + target
    }

    /// Refuses a missing or unwritable folder for the file at `target`.
    private static func checkFolder(of target: String, for path: String) throws {
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var status = stat()
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw refusal(path, "folder \(folder) does not exist; create it first")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw refusal(path, "folder \(folder) is not writable; choose another path")
        }
    }

    /// Refuses a descriptor that is not open, or open only for reading.
    private static func checkOpenForWriting(_ descriptor: Int32, path: String) throws {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0 else { throw refusal(path, "descriptor \(descriptor) is not open; redirect it or give a file name") }
        guard flags & O_ACCMODE != O_RDONLY else {
            throw refusal(path, "descriptor \(descriptor) is open for reading only; give a file name")
        }
    }

    private static func refusal(_ path: String, _ reason: String) -> RNNGraphError {
        .output("cannot write \(path): \(reason)")
    }
}
