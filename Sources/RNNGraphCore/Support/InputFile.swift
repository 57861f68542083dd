#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads an input file whole, with a reason in every refusal: a missing file,
/// no permission, a folder, a device or socket (not a file), or a file above
/// a size limit. Regular files, FIFOs and pipes (`<(…)`) are read, the latter
/// in chunks that stop past the limit.
enum InputFile {
    /// The bytes of the file at `path`, called `description` in messages
    /// (`model file`), refused above `limit` bytes.
    /// - Throws: ``RNNGraphError/input(_:)`` naming the reason and the fix,
    ///   ``RNNGraphError/io(_:)`` when reading fails part-way.
    static func read(_ path: String, description: String, limit: Int) throws -> Data {
        func refusal(_ reason: String) -> RNNGraphError {
            .input("cannot read \(description) \(path): \(reason)")
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw refusal(String(cString: strerror(errno)) + "; check the path")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw refusal("it is a folder; give a file")
        default: throw refusal("it is a device or socket, not a file; give a file")
        }
        func tooLarge(_ size: String) -> RNNGraphError {
            .input("\(description) \(path) has \(size) bytes, above the limit of \(limit)")
        }
        if status.st_mode & S_IFMT == S_IFREG, status.st_size > limit { throw tooLarge("\(status.st_size)") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw refusal(String(cString: strerror(errno)) + "; check its permissions") }
        defer { close(descriptor) }
        var bytes = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RNNGraphError.io("cannot read \(description) \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw tooLarge("more than \(limit)") }
        }
    }
}
