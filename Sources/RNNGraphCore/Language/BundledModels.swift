import Foundation
import Synchronization

/// A model shipped with rnngraph: one of the texts of `Models/`, by its name.
///
/// Nothing but its text distinguishes a bundled model: ``definition`` parses
/// the file, and every analysis reads that definition.
public enum BundledModel: String, Sendable, CaseIterable, Codable {
    /// CS187 lab 2-2 (`cs187.rnn`): ReLU, scalars by default, targets the next inputs.
    case cs187
    /// Deep Learning §10.2 (`goodfellow.rnn`): tanh, softmax output, cross-entropy.
    case goodfellow
    /// CS231n/PyTorch row vectors (`pytorch.rnn`): upstream gradients on every `h_t`.
    case pytorch
    /// torch.nn.LSTM's equations (`lstm.rnn`).
    case lstm
    /// torch.nn.GRU's equations (`gru.rnn`).
    case gru
    /// An Elman network in d2l's notation (`elman.rnn`).
    case elman
    /// Two stacked tanh layers (`stacked.rnn`).
    case stacked
    /// A bidirectional network (`bidirectional.rnn`).
    case bidirectional
    /// The CS187 lab's bigram model as an RNN (`bigram.rnn`).
    case bigram
    /// An LSTM with layer normalisation after Ba et al. 2016 (`layernorm-lstm.rnn`).
    case layernormLSTM = "layernorm-lstm"

    /// The model's text, byte for byte its file in `Models/`.
    public var text: String {
        guard let text = BundledModels.text(named: rawValue) else { preconditionFailure("no bundled text \(rawValue).rnn") }
        return text
    }

    /// The parsed text (parsed once per process).
    public var definition: ModelDefinition {
        guard let definition = BundledModels.definition(named: rawValue) else {
            preconditionFailure("the bundled text \(rawValue).rnn does not parse")
        }
        return definition
    }
}

/// The models shipped with rnngraph, as model texts (the files of `Models/`).
public enum BundledModels {
    /// The bundled names, in a fixed order: `cs187`, `goodfellow`, `pytorch`, `lstm`, …
    public static var names: [String] { BundledModelTexts.files.map { String($0.fileName.dropLast(4)) } }

    /// The text of a bundled model, or `nil` for an unknown name.
    public static func text(named name: String) -> String? {
        BundledModelTexts.files.first { $0.fileName == "\(name).rnn" }?.text
    }

    /// The definition of a bundled model, or `nil` for an unknown name.
    public static func definition(named name: String) -> ModelDefinition? {
        parsed.withLock { parsed in
            if let definition = parsed[name] { return definition }
            guard let text = text(named: name), let definition = try? ModelDefinition(parsing: text, name: name) else {
                return nil
            }
            parsed[name] = definition
            return definition
        }
    }

    /// The bundled texts parsed so far: each when first asked for, once (a run reads one model, not all).
    private static let parsed = Mutex<[String: ModelDefinition]>([:])
}

extension ModelDefinition {
    /// The largest model file read, in bytes.
    public static let maximumFileBytes = ModelParser.maximumBytes

    /// Reads a model from a file.
    /// - Throws: ``RNNGraphError/input(_:)`` when the file cannot be read (with the reason: missing,
    ///   no permission, a folder, a device), with a parse error formatted as
    ///   `file:line:column: message`, the line and a caret.
    public static func read(_ path: String) throws -> ModelDefinition {
        let data = try InputFile.read(path, description: "model file", limit: maximumFileBytes)
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
