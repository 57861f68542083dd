#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// A file written under a temporary name beside its destination
/// (`.name.pid.n.tmp`) and renamed over it only when complete, so that a
/// failed or interrupted run leaves the destination as it was. Used by
/// ``OutputTransaction``.
///
/// Every temporary file is registered while it exists: the fatal signals
/// (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM) remove the
/// registered files and end the process with status 128 + the signal's number.
final class TemporaryFile {
    /// The destination path, links followed.
    let path: String
    /// The destination as the caller named it, in messages.
    let name: String
    /// The temporary path, in the destination's folder.
    let temporaryPath: String
    /// Writes to the temporary file.
    let writer: CheckedWriter
    private var descriptor: Int32
    private let registration: Int

    /// Creates an empty temporary file for `path` (called `name` in messages),
    /// with the mode of `existing`, and its owner when run as root.
    /// - Throws: ``RNNGraphError/output(_:)`` when it cannot be created.
    init(for path: String, name: String? = nil, keeping existing: stat? = nil) throws {
        let name = name ?? path
        let url = URL(fileURLWithPath: path)
        let (number, temporary) = TemporaryFileRegistry.shared.reserve { number in
            url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(number).tmp").path
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryFileRegistry.shared.release(number)
            throw RNNGraphError.output("cannot write \(name): creating a temporary file failed: \(reason)")
        }
        if let existing {
            // The owner first: changing it clears set-user-ID bits that fchmod then restores.
            if geteuid() == 0 { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
        }
        self.path = path
        self.name = name
        self.temporaryPath = temporary
        self.descriptor = descriptor
        self.registration = number
        self.writer = CheckedWriter(descriptor: descriptor, name: name)
    }

    /// Closes the file.
    /// - Throws: ``RNNGraphError/io(_:)`` when closing fails (the data did not
    ///   reach the disk); the temporary file is then removed.
    func close() throws {
        guard descriptor >= 0 else { return }
        let closed = Foundation.close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let error = CheckedWriter.failure(name)
            discard()
            throw error
        }
    }

    /// Closes the file and renames it over the destination.
    /// - Throws: ``RNNGraphError/io(_:)`` when closing fails,
    ///   ``RNNGraphError/output(_:)`` when the rename fails; either way the
    ///   temporary file is removed.
    func rename() throws {
        try close()
        guard Foundation.rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw RNNGraphError.output("cannot write \(name): \(reason)")
        }
        TemporaryFileRegistry.shared.release(registration)
    }

    /// Closes and removes the temporary file, leaving the destination as it was.
    func discard() {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
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
    private var installed = false

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

    /// The signals that end the process by default and so must not leave
    /// temporary files behind.
    static let fatalSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM]

    /// On each of ``fatalSignals``: remove every registered file, exit 128 + signal.
    /// A signal the process inherited as ignored (`nohup`, `trap '' HUP`) stays
    /// ignored. Installed once, at the first temporary file; the caller holds the lock.
    private func installSignalHandlers() {
        guard !installed else { return }
        installed = true
        let queue = DispatchQueue(label: "rnngraph.signals")
        for signalNumber in Self.fatalSignals {
            guard !Self.isIgnored(signalNumber) else { continue }
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

    /// Whether `signalNumber` is ignored now (inherited from the parent as ignored).
    static func isIgnored(_ signalNumber: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(signalNumber, nil, &current) == 0 else { return false }
#if canImport(Glibc)
        let handler = current.__sigaction_handler.sa_handler
#else
        let handler = current.__sigaction_u.__sa_handler
#endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
