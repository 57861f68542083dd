import RNNGraphCore

/// A variable as it appears in a formula: a symbol and, for per-step
/// variables, a time index that may be symbolic (`h_{t-1}`).
public struct IndexedVariable: Hashable, Sendable {
    /// The base symbol, spelled for each output language.
    public let symbol: Symbol
    /// The time index; `nil` for variables shared by all steps.
    public let time: IndexExpression?
    /// Whether this is a per-step copy of a parameter (written `U^{(t)}` in every style).
    public let isCopy: Bool

    /// Creates a formula variable.
    public init(symbol: Symbol, time: IndexExpression?, isCopy: Bool = false) {
        self.symbol = symbol
        self.time = time
        self.isCopy = isCopy
    }

    /// The same variable with index `name` replaced by `replacement`.
    public func substituting(_ name: String, with replacement: IndexExpression) -> IndexedVariable {
        IndexedVariable(symbol: symbol, time: time?.substituting(name, with: replacement), isCopy: isCopy)
    }

    /// The same variable with `N` replaced by `length` in its time (`g_{N+1}` → `g_4` at 3 steps).
    public func atLength(_ length: Int) -> IndexedVariable {
        guard let t = time, t.base == .length else { return self }
        return IndexedVariable(symbol: symbol, time: .constant(length + t.offset), isCopy: isCopy)
    }

    /// The same variable with a step after the last (`g_4` at 3 steps) counted from N (`g_{N+1}`), as the
    /// forms that hold for every N write it.
    public func countedFromEnd(length: Int) -> IndexedVariable {
        guard let t = time, t.base == .constant, t.offset > length else { return self }
        return IndexedVariable(symbol: symbol, time: .length(t.offset - length), isCopy: isCopy)
    }

    /// The variable of graph node `variable` at its concrete time.
    public init(_ variable: Variable) {
        self.init(symbol: variable.symbol, time: variable.time.map { .constant($0) },
                  isCopy: variable.kind == .parameterCopy)
    }
}

/// One entry of a partial derivative's argument list (`∂h_t(U, V, h_{t-1}, x_t)/∂U`).
public enum PartialArgument: Hashable, Sendable {
    /// A single argument.
    case single(IndexedVariable)
    /// A run of one symbol over consecutive times, written `o_1, …, o_N`.
    case run(IndexedVariable, IndexedVariable)

    /// The same argument with index `name` replaced.
    public func substituting(_ name: String, with replacement: IndexExpression) -> PartialArgument {
        switch self {
        case .single(let v): return .single(v.substituting(name, with: replacement))
        case .run(let a, let b): return .run(a.substituting(name, with: replacement), b.substituting(name, with: replacement))
        }
    }
}
