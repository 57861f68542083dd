import ArgumentParser
import Foundation

/// Shell completion for options that take either a name or a file path
/// (`--model cs187` or `--model lab.rnn`, `--template slides` or `--template my.tex`).
enum NameOrFileCompletion {
    /// Completes to the given names and to the files with one of `extensions`
    /// (any file when empty) and folders, in the folder the typed word points into.
    static func kind(names: [String], extensions: [String]) -> CompletionKind {
        .custom { _, _, prefix in candidates(prefix: prefix, names: names, extensions: extensions) }
    }

    /// The names and paths that start with `prefix`; folders end with `/`, sorted.
    static func candidates(prefix: String, names: [String], extensions: [String],
                           fileManager: FileManager = .default) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let typed = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let entries = (try? fileManager.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        var paths: [String] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") || typed.hasPrefix(".") {
            let path = folder + entry
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                paths.append(path + "/")
            } else if extensions.isEmpty || extensions.contains((entry as NSString).pathExtension) {
                paths.append(path)
            }
        }
        return (names + paths).filter { $0.hasPrefix(prefix) }
    }
}
