import Foundation

/// Writes output files atomically: a temporary file in the same folder,
/// renamed over the target only when complete. `-` means standard output.
public enum OutputFile {
    /// Checks before any work is done that `path` can be written: its folder
    /// exists and is writable, and the path is not a folder.
    public static func check(_ path: String) throws {
        guard path != "-" else { return }
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
    public static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        try check(path)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw RNNGraphError.output("cannot write \(path): creating a temporary file failed")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RNNGraphError.output("cannot write \(path): \(reason)")
        }
    }

    /// Writes text as UTF-8.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
