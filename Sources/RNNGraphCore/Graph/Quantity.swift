import Foundation

/// What is differentiated or differentiated by: a whole variable (`h_1`, `U`) or
/// one entry of it (`h_1[1]`, `U[1,2]`), written with 1-based indices as the labs write them.
public struct Quantity: Sendable, Hashable {
    /// The variable.
    public let variable: Variable
    /// The entry's position in the variable's row-major entries (0-based), or `nil` for the whole variable.
    public let entry: Int?
    /// The entry's 1-based indices as written (`[1]`, `[1, 2]`), empty for the whole variable.
    public let indices: [Int]

    /// The whole of `variable`.
    public init(_ variable: Variable) {
        self.variable = variable
        self.entry = nil
        self.indices = []
    }

    /// The name as the report prints it: `h_1`, `h_1[1]`, `U[1,2]`.
    public var name: String {
        indices.isEmpty ? variable.name : variable.name + "[" + indices.map(String.init).joined(separator: ",") + "]"
    }

    /// Splits `h1[1]` or `U[1, 2]` into the variable's name and its 1-based indices;
    /// `nil` indices when the text names a whole variable.
    /// - Throws: ``RNNGraphError/usage(_:)`` for a malformed index (`option` names the flag).
    public static func split(_ text: String, option: String) throws -> (name: String, indices: [Int]?) {
        guard let open = text.firstIndex(of: "[") else { return (text, nil) }
        let name = String(text[..<open])
        let malformed = RNNGraphError.usage(
            "\(option) '\(text)': write an entry with 1-based indices, as h1[2] for a vector or U[1,2] for a matrix")
        guard text.hasSuffix("]"), !name.isEmpty else { throw malformed }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count, (1...2).contains(numbers.count) else { throw malformed }
        return (name, numbers)
    }

    /// One entry of `variable`, at row-major position `entry`, written with `indices`.
    package init(variable: Variable, entry: Int, indices: [Int]) {
        self.variable = variable
        self.entry = entry
        self.indices = indices
    }
}
