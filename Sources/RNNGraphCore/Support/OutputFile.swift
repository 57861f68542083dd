import Foundation

/// Writes output files atomically: a ``TemporaryFile`` in the same folder,
/// renamed over the target only when complete. `-` means standard output.
/// Every write is checked (``CheckedWriter``).
public enum OutputFile {
    /// Checks before any work is done that `path` can be written: its folder
    /// exists and is writable, and the path is not a folder.
    /// - Throws: ``RNNGraphError/output(_:)`` naming the problem.
    public static func check(_ path: String) throws {
        guard path != "-" else { return }
        if path.hasSuffix("/") {
            throw RNNGraphError.output("cannot write \(path): it names a folder; give a file name")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RNNGraphError.output("cannot write \(path): folder \(folder) does not exist; create it first")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw RNNGraphError.output("cannot write \(path): folder \(folder) is not writable; choose another path")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw RNNGraphError.output("cannot write \(path): it is a folder; give a file name")
        }
    }

    /// Writes `data` to `path` (or standard output for `-`) atomically.
    /// - Throws: ``RNNGraphError/output(_:)`` when the file cannot be created,
    ///   ``RNNGraphError/io(_:)`` when writing fails; no temporary file is left.
    public static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            try CheckedWriter.standardOutput.write(data)
            return
        }
        try check(path)
        let file = try TemporaryFile(for: path)
        do {
            try file.writer.write(data)
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }

    /// Writes text as UTF-8.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Streams text to `path` (standard output for `-`): written to a temporary
    /// file as produced and renamed over `path` only when `body` succeeds.
    /// - Throws: what `body` throws, or ``RNNGraphError/io(_:)`` when writing
    ///   fails; no temporary file is left.
    public static func stream(to path: String, _ body: (inout FileTextStream) throws -> Void) throws {
        if path == "-" {
            var stream = FileTextStream.standardOutput
            try body(&stream)
            try stream.flush()
            return
        }
        try check(path)
        let file = try TemporaryFile(for: path)
        do {
            var stream = FileTextStream(file.writer)
            try body(&stream)
            try stream.flush()
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }
}
