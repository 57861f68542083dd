#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// A file written under a temporary name beside its destination
/// (`.name.pid.n.tmp`) and renamed over it only when complete, so that a
/// failed or interrupted run leaves the destination as it was.
///
/// Every temporary file is registered while it exists: SIGINT, SIGTERM and
/// SIGHUP remove the registered files and end the process with status
/// 128 + the signal's number.
public final class TemporaryFile {
    /// The destination path.
    public let path: String
    /// The temporary path, in the destination's folder.
    public let temporaryPath: String
    /// Writes to the temporary file.
    public let writer: CheckedWriter
    private var descriptor: Int32
    private let registration: Int

    /// Creates an empty temporary file for `path`.
    /// - Throws: ``RNNGraphError/output(_:)`` when it cannot be created.
    public init(for path: String) throws {
        let url = URL(fileURLWithPath: path)
        let (number, temporary) = TemporaryFileRegistry.shared.reserve { number in
            url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(number).tmp").path
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryFileRegistry.shared.release(number)
            throw RNNGraphError.output("cannot write \(path): creating a temporary file failed: \(reason)")
        }
        self.path = path
        self.temporaryPath = temporary
        self.descriptor = descriptor
        self.registration = number
        self.writer = CheckedWriter(descriptor: descriptor, name: path)
    }

    /// Closes the file and renames it over the destination.
    /// - Throws: ``RNNGraphError/io(_:)`` when closing fails (the data did not reach
    ///   the disk), ``RNNGraphError/output(_:)`` when the rename fails; either way the
    ///   temporary file is removed.
    public func commit() throws {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let error = CheckedWriter.failure(path)
            discard()
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw RNNGraphError.output("cannot write \(path): \(reason)")
        }
        TemporaryFileRegistry.shared.release(registration)
    }

    /// Closes and removes the temporary file, leaving the destination as it was.
    public func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
        TemporaryFileRegistry.shared.release(registration)
    }

    deinit { if descriptor >= 0 { discard() } }
}

/// The temporary files of the process that exist now, for removal on a signal.
/// Numbers come from one process-wide counter, so that no two temporary files
/// of the process, on any thread, share a name.
final class TemporaryFileRegistry: @unchecked Sendable {
    static let shared = TemporaryFileRegistry()

    private let lock = NSLock()
    private var counter = 0
    private var paths: [Int: String] = [:]
    private var sources: [any DispatchSourceSignal] = []

    /// Registers the path `name` gives for a fresh number, before the file is created.
    func reserve(_ name: (Int) -> String) -> (Int, String) {
        lock.lock()
        defer { lock.unlock() }
        installSignalHandlers()
        counter += 1
        let path = name(counter)
        paths[counter] = path
        return (counter, path)
    }

    /// Forgets a temporary file that was renamed or removed.
    func release(_ number: Int) {
        lock.lock()
        paths[number] = nil
        lock.unlock()
    }

    /// On SIGINT, SIGTERM and SIGHUP: remove every registered file, exit 128 + signal.
    /// Installed once, at the first temporary file; the caller holds the lock.
    private func installSignalHandlers() {
        guard sources.isEmpty else { return }
        let queue = DispatchQueue(label: "rnngraph.signals")
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [unowned self] in
                self.lock.lock()
                for path in self.paths.values { unlink(path) }
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
