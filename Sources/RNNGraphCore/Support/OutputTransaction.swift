#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The outputs of one run, written all or none, each as its path asks.
///
/// - A regular file, or a new name, is staged in a temporary file beside it
///   (`.name.pid.n.tmp`, keeping an existing file's mode, and owner when run as
///   root) and renamed over it at ``commit()``; a symbolic link is followed,
///   so its target is written and the link stays a link.
/// - Standard output (`-`, `/dev/stdout`), the other descriptors (`/dev/stderr`,
///   `/dev/fd/N`), character devices and FIFOs are written directly: data at
///   ``commit()``, streams as they are produced.
/// - Folders, block devices, sockets and read-only files are refused by
///   ``OutputFile/check(_:)`` before any work.
///
/// ``commit()`` writes the direct outputs and only then renames the
/// temporary files; any failure before the renames discards every temporary
/// file, so no existing file is replaced.
public final class OutputTransaction {
    private var staged: [TemporaryFile] = []
    private var pending: [(destination: OutputDestination, path: String, data: Data)] = []
    private var finished = false

    /// An empty transaction.
    public init() {}

    /// Writes `data` to `path`: staged now for a file, written at ``commit()``
    /// for standard output, a descriptor, a device or a FIFO.
    /// - Throws: ``RNNGraphError/output(_:)`` when `path` cannot be written,
    ///   ``RNNGraphError/io(_:)`` when writing fails; the transaction is then
    ///   discarded.
    public func write(_ data: Data, to path: String) throws {
        try discarding {
            let destination = try OutputDestination.of(path)
            guard case .file(let target, let existing) = destination else {
                pending.append((destination, path, data))
                return
            }
            let file = try stage(target, existing: existing, name: path)
            try file.writer.write(data)
        }
    }

    /// Writes `text` as UTF-8 to `path`, as the `Data` form does.
    public func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Streams text to `path` as `body` produces it: into a staged temporary
    /// file for a file, directly for standard output, a descriptor, a device
    /// or a FIFO.
    /// - Throws: what `body` throws, or ``RNNGraphError`` when writing fails;
    ///   the transaction is then discarded.
    public func stream(to path: String, _ body: (inout FileTextStream) throws -> Void) throws {
        try discarding {
            let destination = try OutputDestination.of(path)
            if case .file(let target, let existing) = destination {
                var stream = FileTextStream(try stage(target, existing: existing, name: path).writer)
                try body(&stream)
                try stream.flush()
                return
            }
            let direct = try DirectOutput(destination, name: path)
            defer { direct.close() }
            var stream = FileTextStream(direct.writer)
            try body(&stream)
            try stream.flush()
        }
    }

    /// Writes the pending direct outputs, then renames every staged file over
    /// its destination.
    /// - Throws: ``RNNGraphError`` for the first failure; when it happens
    ///   before the renames, no file is replaced.
    public func commit() throws {
        try discarding {
            for output in pending {
                let direct = try DirectOutput(output.destination, name: output.path)
                defer { direct.close() }
                try direct.writer.write(output.data)
            }
            pending = []
            for file in staged { try file.close() }
            while !staged.isEmpty {
                try staged[0].rename()
                staged.removeFirst()
            }
            finished = true
        }
    }

    /// Removes every staged file and forgets the pending outputs: nothing is replaced.
    public func discard() {
        for file in staged { file.discard() }
        staged = []
        pending = []
        finished = true
    }

    deinit { if !finished { discard() } }

    /// A temporary file for `target` (the path with links followed), written as `name`.
    private func stage(_ target: String, existing: stat?, name: String) throws -> TemporaryFile {
        let file = try TemporaryFile(for: target, name: name, keeping: existing)
        staged.append(file)
        return file
    }

    /// Runs `body`, discarding the transaction when it throws.
    private func discarding(_ body: () throws -> Void) throws {
        precondition(!finished, "an OutputTransaction is used after commit or discard")
        do {
            try body()
        } catch {
            discard()
            throw error
        }
    }
}

/// An output written in place: a descriptor of the process, or a device or
/// FIFO opened for writing without creating or truncating it.
struct DirectOutput {
    let writer: CheckedWriter
    private let opened: Int32?

    /// How long opening a FIFO waits for a reader.
    static let readerWait: Double = 2

    /// Opens `destination` (`.descriptor` or `.device`), called `name` in messages.
    /// - Throws: ``RNNGraphError/output(_:)`` when it cannot be opened, or a
    ///   FIFO finds no reader within ``readerWait`` seconds.
    init(_ destination: OutputDestination, name: String) throws {
        switch destination {
        case .descriptor(let number):
            writer = CheckedWriter(descriptor: number, name: number == 1 ? "standard output" : name)
            opened = nil
        case .device(let path):
            let descriptor = try Self.open(path, name: name)
            writer = CheckedWriter(descriptor: descriptor, name: name)
            opened = descriptor
        case .file:
            preconditionFailure("a regular file is staged, not written directly")
        }
    }

    /// Closes what was opened.
    func close() {
        if let opened { _ = Foundation.close(opened) }
    }

    /// Opens without blocking, so a FIFO with no reader is an error after a
    /// short wait rather than a hang, then makes the descriptor blocking.
    private static func open(_ path: String, name: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(readerWait)
        while true {
            let descriptor = Foundation.open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
                return descriptor
            }
            let code = errno
            if code == EINTR { continue }
            if code == ENXIO && Date() < deadline {
                usleep(20_000)
                continue
            }
            let reason = code == ENXIO ? "no process reads this FIFO; start its reader first or choose another path"
                : String(cString: strerror(code))
            throw RNNGraphError.output("cannot write \(name): \(reason)")
        }
    }
}
