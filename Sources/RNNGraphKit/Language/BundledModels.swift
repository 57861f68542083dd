import Foundation

/// The models shipped with rnngraph, as model texts (the files of `Models/`).
public enum BundledModels {
    /// The bundled names, in a fixed order: `cs187`, `goodfellow`, `pytorch`, `lstm`, …
    public static var names: [String] { BundledModelTexts.files.map { String($0.fileName.dropLast(4)) } }

    /// The text of a bundled model, or `nil` for an unknown name.
    public static func text(named name: String) -> String? {
        BundledModelTexts.files.first { $0.fileName == "\(name).rnn" }?.text
    }

    /// The definition of a bundled model, or `nil` for an unknown name.
    public static func definition(named name: String) -> ModelDefinition? { parsed[name] }

    /// Every bundled text, parsed once.
    private static let parsed: [String: ModelDefinition] = Dictionary(uniqueKeysWithValues: BundledModelTexts.files.compactMap {
        let name = String($0.fileName.dropLast(4))
        return (try? ModelDefinition(parsing: $0.text, name: name)).map { (name, $0) }
    })
}

extension ModelDefinition {
    /// The largest model file read, in bytes.
    public static let maximumFileBytes = ModelParser.maximumBytes

    /// Reads a model from a file.
    /// - Throws: ``RNNGraphError/input(_:)`` when the file cannot be read, with a parse error
    ///   formatted as `file:line:column: message`, the line and a caret.
    public static func read(_ path: String) throws -> ModelDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RNNGraphError.input("cannot read model file \(path): no such readable file")
        }
        guard data.count <= maximumFileBytes else {
            throw RNNGraphError.input("model file \(path) has \(data.count) bytes, above the limit of \(maximumFileBytes)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RNNGraphError.input("model file \(path) is not UTF-8 text; save it as UTF-8")
        }
        do {
            return try ModelDefinition(parsing: text, name: path)
        } catch {
            throw error.error(source: path, text: text)
        }
    }
}
