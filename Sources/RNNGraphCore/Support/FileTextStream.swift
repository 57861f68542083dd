/// A `TextOutputStream` that writes through a ``CheckedWriter`` with a small
/// buffer, so long outputs go out as they are produced instead of piling up in
/// memory.
///
/// `TextOutputStream.write` cannot throw: the first write error is kept, later
/// text is dropped, and ``flush()`` throws it. Call ``flush()`` when done.
public struct FileTextStream: TextOutputStream {
    private let writer: CheckedWriter
    private var buffer: [UInt8] = []
    private var failure: (any Error)?
    private let capacity = 1 << 16

    /// A stream writing through `writer`.
    public init(_ writer: CheckedWriter) { self.writer = writer }

    /// A stream writing to standard output.
    public static var standardOutput: FileTextStream { FileTextStream(.standardOutput) }

    /// Whether a write has failed; the text written since then was dropped.
    public var hasFailed: Bool { failure != nil }

    /// Appends `string`, writing the buffer out whenever it is full.
    public mutating func write(_ string: String) {
        guard failure == nil else { return }
        var string = string
        string.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { writeBuffer() }
    }

    /// Writes out what is buffered.
    /// - Throws: ``RNNGraphError/io(_:)`` for the first write that failed.
    public mutating func flush() throws {
        writeBuffer()
        if let failure { throw failure }
    }

    private mutating func writeBuffer() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try buffer.withUnsafeBytes { try writer.write($0) }
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
