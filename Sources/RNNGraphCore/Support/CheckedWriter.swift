#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes bytes to an open file descriptor with `write(2)`, checking every
/// call: a full disk, a closed pipe or `/dev/full` becomes an
/// ``RNNGraphError/io(_:)`` naming the destination, never a crash and never
/// silently lost output. Every byte the library and the command line write
/// goes through one of these.
public struct CheckedWriter: Sendable {
    private let descriptor: Int32
    /// The destination in messages: a path or `standard output`.
    public let name: String

    /// A writer on the open descriptor `descriptor`, called `name` in messages.
    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    /// Standard output.
    public static let standardOutput = CheckedWriter(descriptor: 1, name: "standard output")

    /// Standard error.
    public static let standardError = CheckedWriter(descriptor: 2, name: "standard error")

    /// Whether the destination is a terminal.
    public var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Writes all of `bytes`, retrying after interruptions and partial writes.
    /// - Throws: ``RNNGraphError/io(_:)`` with the system's reason.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure(name)
            }
            offset += written
        }
    }

    /// Writes `data`.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Writes `text` as UTF-8.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// The error for a failed call on `name`, with the reason `errno` gives.
    static func failure(_ name: String) -> RNNGraphError {
        let reason = String(cString: strerror(errno))
        return .io("cannot write \(name): \(reason); free space or choose another destination")
    }
}
