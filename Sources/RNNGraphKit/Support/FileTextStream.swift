import Foundation

/// A `TextOutputStream` that writes to a file handle through a small buffer,
/// so long outputs go out as they are produced instead of piling up in memory.
public struct FileTextStream: TextOutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// A stream writing to `handle`.
    public init(_ handle: FileHandle) { self.handle = handle }

    /// A stream writing to standard output.
    public static var standardOutput: FileTextStream { FileTextStream(.standardOutput) }

    /// Appends `string`, flushing whenever the buffer is full.
    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { flush() }
    }

    /// Writes out what is buffered.
    public mutating func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

extension OutputFile {
    /// Streams text to `path` (standard output for `-`): written to a temporary
    /// file as produced and renamed over `path` only when `body` succeeds.
    public static func stream(to path: String, _ body: (inout FileTextStream) throws -> Void) throws {
        if path == "-" {
            var stream = FileTextStream.standardOutput
            try body(&stream)
            stream.flush()
            return
        }
        try check(path)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw RNNGraphError.output("cannot write \(path): creating a temporary file failed")
        }
        do {
            var stream = FileTextStream(handle)
            try body(&stream)
            stream.flush()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RNNGraphError.output("cannot write \(path): \(reason)")
        }
    }
}
