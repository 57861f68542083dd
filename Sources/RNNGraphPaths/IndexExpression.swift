import RNNGraphCore

/// A time index in a formula: a constant (`2`), the sequence length plus an
/// offset (`N`, `N+1`), or a summation index plus an offset (`t`, `j-1`).
public struct IndexExpression: Hashable, Sendable, CustomStringConvertible {
    /// What the offset is added to.
    public enum Base: Hashable, Sendable {
        /// Nothing: the expression is the constant ``IndexExpression/offset``.
        case constant
        /// The sequence length `N`.
        case length
        /// A summation or product index, by name.
        case index(String)
    }

    /// What the offset is added to.
    public let base: Base
    /// The added constant.
    public let offset: Int

    /// Creates `base + offset`.
    public init(_ base: Base, _ offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    /// The constant `value`.
    public static func constant(_ value: Int) -> IndexExpression { IndexExpression(.constant, value) }
    /// The length `N` plus `offset`.
    public static func length(_ offset: Int = 0) -> IndexExpression { IndexExpression(.length, offset) }
    /// The index `name` plus `offset`.
    public static func index(_ name: String, _ offset: Int = 0) -> IndexExpression {
        IndexExpression(.index(name), offset)
    }

    /// The same expression plus `amount`.
    public func shifted(by amount: Int) -> IndexExpression { IndexExpression(base, offset + amount) }

    /// The name of the index this expression depends on, if any.
    public var indexName: String? {
        if case .index(let name) = base { return name }
        return nil
    }

    /// The value for sequence length `length` and index values `bindings`; `nil` when an index is unbound.
    public func value(length: Int, bindings: [String: Int] = [:]) -> Int? {
        switch base {
        case .constant: return offset
        case .length: return length + offset
        case .index(let name): return bindings[name].map { $0 + offset }
        }
    }

    /// Replaces index `name` by `replacement` (keeping this expression's offset).
    public func substituting(_ name: String, with replacement: IndexExpression) -> IndexExpression {
        guard indexName == name else { return self }
        return replacement.shifted(by: offset)
    }

    /// Plain text such as `t-1`, `N+1` or `3`.
    public var description: String {
        let head: String
        switch base {
        case .constant: return String(offset)
        case .length: head = "N"
        case .index(let name): head = name
        }
        if offset == 0 { return head }
        return offset > 0 ? "\(head)+\(offset)" : "\(head)\(offset)"
    }
}
