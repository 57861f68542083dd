import Foundation
import RNNGraphCore
import RNNGraphPaths

/// A values file: the numbers for a model's leaves, read from JSON and keyed by leaf names.
///
/// ```json
/// {"U": [[…]], "V": [[…]], "W": [[…]], "h_0": […], "x": [[…], […], […]]}
/// ```
/// Scalars are numbers, vectors arrays, matrices arrays of rows; a timed family
/// (`x`) is a list with one entry per step. The older layout
/// `{"parameters": {…}, "h0": …, "inputs": […], "targets": […]}` reads too. The model
/// and its options come from elsewhere; read the file first to learn the
/// sequence length it implies (``impliedLength(for:)``), build the model,
/// then bind the numbers to it with ``values(for:)``.
public struct ValuesFile: Sendable {
    /// Where the numbers came from (a path, or `standard input`), for messages.
    public let source: String
    /// The members of the file's object, in order.
    let members: [(key: String, value: JSONValue)]
    /// The position of each member by key, and by key without braces (the first such member).
    private let index: [String: Int]
    private let unbracedIndex: [String: Int]

    /// The largest values file read, in bytes (16 MiB). Parsing takes 10 to 20
    /// bytes of memory per byte of JSON (a 12 MB file peaks at 132 MB, a 200 MB
    /// file at 4.5 GB), and no model's tensors need a larger file.
    public static let maximumBytes = 16 << 20

    /// Reads a values file; `-` reads standard input. Pipes, FIFOs and devices are
    /// read in chunks, and reading stops once the file is past ``maximumBytes``.
    /// - Throws: `RNNGraphError/input(_:)` when the file cannot be read, is larger
    ///   than ``maximumBytes`` or is not a values file; `RNNGraphError/io(_:)` when
    ///   reading fails part-way.
    public static func read(_ path: String) throws -> ValuesFile {
        let source = path == "-" ? "standard input" : path
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw RNNGraphError.input("cannot read values file \(path): \(reason); check the path")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        func tooLarge(_ size: String) -> RNNGraphError {
            .input("values file \(source) has \(size) bytes, above the limit of \(maximumBytes) (\(maximumBytes >> 20) MiB); "
                   + "a values file holds one model's tensors: check that this is the right file")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > maximumBytes {
            throw tooLarge("\(status.st_size)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw errno == EISDIR
                    ? RNNGraphError.input("cannot read values file \(path): it is a folder; give a JSON file")
                    : RNNGraphError.io("cannot read values file \(source): \(reason)")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumBytes { throw tooLarge("more than \(maximumBytes)") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RNNGraphError.input("\(source): not UTF-8 text; save the values file as UTF-8 JSON")
        }
        return try ValuesFile(json: text, source: source)
    }

    /// Parses the JSON text of a values file.
    /// - Throws: `RNNGraphError/input(_:)` for malformed JSON (with line and column) or a value that is not an object.
    public init(json text: String, source: String = "values") throws {
        self.source = source
        guard case .object(let members) = try JSONValue.parse(text, source: source) else {
            throw RNNGraphError.input("\(source): expected a JSON object with \"parameters\" and \"inputs\", "
                                      + "or one member per leaf of the model")
        }
        self.members = members
        index = Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        unbracedIndex = Dictionary(members.enumerated().map { (Symbol.unbraced($1.key), $0) },
                                   uniquingKeysWith: { first, _ in first })
    }

    /// The member named `key`; braces do not count (`g_{4}` is `g_4`, `W_{hh}` is `W_hh`).
    func member(_ key: String) -> JSONValue? {
        (index[key] ?? unbracedIndex[key]).map { members[$0].value }
    }


    /// Reads a number, an array of numbers or an array of rows; returns the tensor and the rank given.
    static func tensor(from json: JSONValue, name: String, vectorIsRow: Bool) throws -> (Tensor, Int) {
        func number(_ value: JSONValue, _ position: String) throws -> Double {
            guard case .number(let x, _) = value else {
                throw RNNGraphError.input("\(name)\(position): expected a number, got \(value.kindDescription)")
            }
            guard x.isFinite else {
                throw RNNGraphError.input("\(name)\(position): \(x.isNaN ? "NaN" : "infinity") is not allowed; values must be finite numbers")
            }
            return x
        }
        switch json {
        case .number:
            return (.scalar(try number(json, "")), 0)
        case .array(let elements):
            guard !elements.isEmpty else { throw RNNGraphError.input("\(name): empty array; give at least one number") }
            if case .array = elements[0] {
                var rowValues: [[Double]] = []
                for (i, element) in elements.enumerated() {
                    guard case .array(let row) = element else {
                        throw RNNGraphError.input("\(name)[\(i)]: expected a row (an array), got \(element.kindDescription)")
                    }
                    guard !row.isEmpty else { throw RNNGraphError.input("\(name)[\(i)]: empty row; give at least one number") }
                    guard row.count == (rowValues.first?.count ?? row.count) else {
                        throw RNNGraphError.input(
                            "\(name): rows have different lengths (row 0 has \(rowValues.first?.count ?? 0), row \(i) has \(row.count))")
                    }
                    rowValues.append(try row.enumerated().map { try number($1, "[\(i)][\($0)]") })
                }
                return (Tensor(rowValues), 2)
            }
            let values = try elements.enumerated().map { try number($1, "[\($0)]") }
            return (vectorIsRow ? .row(values) : .column(values), 1)
        default:
            throw RNNGraphError.input("\(name): expected a number, a vector or a matrix, got \(json.kindDescription)")
        }
    }
}
