import ArgumentParser
import Foundation
import RNNGraphKit

/// Shell completion for options that name variables of the model (`--wrt`,
/// `--of`, `--show`): the names of the graph that the command line's `--model`
/// and `--length` give (N = 3 when no length is typed, at most 20).
enum VariableCompletion {
    /// Completes one name, or with `list` the last of a comma-separated list.
    static func kind(list: Bool = false) -> CompletionKind {
        .custom { words, _, prefix in candidates(words: words, prefix: prefix, list: list) }
    }

    /// The variable names that start with what is typed after the last comma (`list`) or at all.
    static func candidates(words: [String], prefix: String, list: Bool) -> [String] {
        let head = list ? prefix.lastIndex(of: ",").map { String(prefix[...$0]) } ?? "" : ""
        let typed = String(prefix.dropFirst(head.count))
        return names(words: words).filter { $0.hasPrefix(typed) }.map { head + $0 }
    }

    /// The graph's names for the `--model` and `--length` among `words`; none when the model cannot be read.
    static func names(words: [String]) -> [String] {
        func value(of options: [String]) -> String? {
            guard let k = words.lastIndex(where: options.contains), k + 1 < words.count else { return nil }
            return words[k + 1]
        }
        let model = value(of: ["--model"]) ?? "cs187"
        let length = min(max(Int(value(of: ["--length", "-n"]) ?? "") ?? 3, 1), 20)
        guard let definition = BundledModels.definition(named: model) ?? (try? ModelDefinition.read(model)),
              let built = try? Model(ModelOptions(definition: definition, length: length)) else { return [] }
        return built.graph.names
    }
}
