import Foundation

/// Writes one output as its path asks, through an ``OutputTransaction``:
/// a regular file (or a link to one) atomically, keeping its mode; standard
/// output (`-`, `/dev/stdout`), descriptors, character devices and FIFOs
/// directly; anything else refused. Every write is checked (``CheckedWriter``).
public enum OutputFile {
    /// Checks before any work is done that `path` can be written: not empty,
    /// not a folder, a block device or a socket; a file's folder exists and is
    /// writable; an existing file is not read-only; links followed (at most 32).
    /// - Throws: ``RNNGraphError/output(_:)`` naming the problem.
    public static func check(_ path: String) throws {
        _ = try OutputDestination.of(path)
    }

    /// Whether `path` is written in place rather than replaced: standard output,
    /// a descriptor, a character device or a FIFO (links followed).
    /// - Throws: ``RNNGraphError/output(_:)`` when `path` cannot be written.
    public static func isWrittenInPlace(_ path: String) throws -> Bool {
        if case .file = try OutputDestination.of(path) { return false }
        return true
    }

    /// Whether `path` names the process's standard output: `-`, `/dev/stdout`,
    /// `/dev/fd/1`, `/proc/self/fd/1` or a link to one of them.
    public static func isStandardOutput(_ path: String) -> Bool {
        (try? OutputDestination.of(path)) == .descriptor(1)
    }

    /// A key equal for two paths exactly when they name one file: device and
    /// inode for an existing file (links followed, so hard links, `d/../f` and
    /// links compare equal), the real path of the folder and the name for a new
    /// one, the descriptor's number for standard output and the other
    /// descriptors unless they are regular files.
    public static func identity(of path: String) -> String {
        OutputDestination.key(of: path)
    }

    /// Writes `data` to `path` (standard output for `-`).
    /// - Throws: ``RNNGraphError/output(_:)`` when the path cannot be written,
    ///   ``RNNGraphError/io(_:)`` when writing fails; no temporary file is left.
    public static func write(_ data: Data, to path: String) throws {
        let transaction = OutputTransaction()
        try transaction.write(data, to: path)
        try transaction.commit()
    }

    /// Writes text as UTF-8.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Streams text to `path` (standard output for `-`): a file is written to a
    /// temporary file as produced and renamed over `path` only when `body`
    /// succeeds.
    /// - Throws: what `body` throws, or ``RNNGraphError/io(_:)`` when writing
    ///   fails; no temporary file is left.
    public static func stream(to path: String, _ body: (inout FileTextStream) throws -> Void) throws {
        let transaction = OutputTransaction()
        try transaction.stream(to: path, body)
        try transaction.commit()
    }
}
