/// A directed acyclic graph of named variables, in a fixed topological order.
///
/// The graph knows nothing about recurrent networks: model builders produce
/// it, and every analysis (paths, formulas, numbers, figures) reads it.
/// Iteration order is the insertion order, so every output derived from a
/// graph is deterministic.
public struct ComputationGraph: Sendable {
    /// All variables; every variable comes after its parents.
    public let variables: [Variable]
    /// For each variable, the variables it is a direct argument of, in order.
    public let children: [[NodeID]]
    /// The variables that are `1 × 1` whatever the sizes of the others: the leaves declared
    /// as scalars (`scalars a, c`) and every variable computed from numbers alone or as a
    /// scalar (an inner product, a squared error, an entry sum), so that a closed form can
    /// tell a number broadcast over a vector (`c ⊙ h`, gradient `h^⊤ g`) from a vector.
    public let numbers: Set<NodeID>
    private let index: [NameKey: NodeID]

    /// A canonical name taken apart: base and time index. Hashing this costs far
    /// less than formatting `h_123` for every variable of a large graph.
    private struct NameKey: Hashable {
        let base: String
        let time: Int?
    }

    /// Creates a graph from variables whose parents precede them.
    /// - Precondition: ids are positions, names are unique, parents come first.
    init(variables: [Variable], numbers: Set<NodeID> = []) {
        // Count children first, so each list is allocated once at its final size.
        var childCounts = [Int](repeating: 0, count: variables.count)
        for (position, variable) in variables.enumerated() {
            precondition(variable.id.index == position, "variable ids must be positions")
            for parent in variable.parents {
                precondition(parent.index < position, "parents must precede children")
                childCounts[parent.index] += 1
            }
        }
        var children = childCounts.map { count -> [NodeID] in
            var list: [NodeID] = []
            list.reserveCapacity(count)
            return list
        }
        var index: [NameKey: NodeID] = [:]
        index.reserveCapacity(variables.count)
        // An untimed base that itself looks like `a_1` could clash with `a` at time 1.
        var underscoredBases: Set<String> = []
        for variable in variables {
            let key = NameKey(base: variable.symbol.ascii, time: variable.time)
            precondition(index.updateValue(variable.id, forKey: key) == nil, "duplicate variable \(variable.name)")
            if variable.time == nil, variable.symbol.ascii.contains("_") {
                underscoredBases.insert(variable.symbol.ascii)
            }
            for parent in variable.parents { children[parent.index].append(variable.id) }
        }
        if !underscoredBases.isEmpty {
            for variable in variables where variable.time != nil {
                precondition(!underscoredBases.contains(variable.name), "duplicate variable \(variable.name)")
            }
        }
        self.variables = variables
        self.children = children
        self.numbers = numbers
        self.index = index
    }

    /// The variable whose canonical name is exactly `name`.
    private func lookUp(canonical name: String) -> NodeID? {
        if let id = index[NameKey(base: name, time: nil)] { return id }
        guard let separator = name.lastIndex(of: "_") else { return nil }
        let suffix = name[name.index(after: separator)...]
        guard let time = Int(suffix), String(time) == suffix else { return nil }
        return index[NameKey(base: String(name[..<separator]), time: time)]
    }

    /// The variable at `id`.
    @inlinable public subscript(id: NodeID) -> Variable { variables[id.index] }

    /// Number of variables.
    public var count: Int { variables.count }

    /// Number of edges (parent → child pairs).
    public var edgeCount: Int { children.reduce(0) { $0 + $1.count } }

    /// All edges, grouped by child in topological order, parents in argument order.
    public var edges: [(from: NodeID, to: NodeID)] {
        variables.flatMap { child in child.parents.map { (from: $0, to: child.id) } }
    }

    /// Looks a variable up by name. Accepts the canonical name (`h_1`), the
    /// short form without underscore (`h1`) and the name as the model text writes
    /// it, braces and all (`h_{1}`, `W^{(2)}_{hh}`).
    public func variable(named written: String) -> Variable? {
        let name = Symbol.unbraced(written)
        if let id = lookUp(canonical: name) { return self[id] }
        // "h1" → "h_1": split trailing digits.
        let digits = name.reversed().prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count < name.count else { return nil }
        let base = name.dropLast(digits.count)
        let trimmed = base.hasSuffix("_") ? base.dropLast() : base
        if let id = lookUp(canonical: "\(trimmed)_\(String(digits.reversed()))") { return self[id] }
        return nil
    }

    /// Canonical names of all variables, in graph order.
    public var names: [String] { variables.map(\.name) }

    /// The variables of one kind, in graph order.
    public func variables(of kind: VariableKind) -> [Variable] {
        variables.filter { $0.kind == kind }
    }

    /// The single variable of kind ``VariableKind/loss``, if the graph has one.
    public var loss: Variable? { variables.last { $0.kind == .loss } }

    /// Whether `target` can be reached from `source` along edges.
    public func reaches(_ source: NodeID, _ target: NodeID) -> Bool {
        if source == target { return true }
        guard source < target else { return false }
        var reached = Array(repeating: false, count: count)
        reached[source.index] = true
        for position in source.index...target.index where reached[position] {
            for child in children[position] where child <= target { reached[child.index] = true }
        }
        return reached[target.index]
    }
}

/// Accumulates variables in topological order and produces a ``ComputationGraph``.
public struct GraphBuilder {
    private var variables: [Variable] = []
    private var numbers: Set<NodeID> = []

    /// The variables added so far, in order.
    public var variablesSoFar: [Variable] { variables }

    /// An empty builder.
    public init() {}

    /// Adds a leaf (a variable given from outside) and returns its id.
    @discardableResult
    public mutating func leaf(_ kind: VariableKind, _ symbol: Symbol, time: Int? = nil) -> NodeID {
        append(kind, symbol, time: time, definition: nil)
    }

    /// Adds a variable defined by `definition` and returns its id; it is a number (``ComputationGraph/numbers``)
    /// when its definition is one.
    @discardableResult
    public mutating func define(_ kind: VariableKind, _ symbol: Symbol, time: Int? = nil,
                                as definition: Expression) -> NodeID {
        let id = append(kind, symbol, time: time, definition: definition)
        if definition.isNumber(where: { numbers.contains($0) }) { numbers.insert(id) }
        return id
    }

    /// Declares the leaf `id` a number, `1 × 1` (a scalar parameter broadcast over the vectors it multiplies).
    public mutating func declareNumber(_ id: NodeID) {
        precondition(variables[id.index].definition == nil, "only a leaf is declared a number")
        numbers.insert(id)
    }

    private mutating func append(_ kind: VariableKind, _ symbol: Symbol, time: Int?,
                                 definition: Expression?) -> NodeID {
        let id = NodeID(variables.count)
        variables.append(Variable(id: id, kind: kind, symbol: symbol, time: time,
                                  definition: definition, parents: definition?.references ?? []))
        return id
    }

    /// The finished graph.
    public func build() -> ComputationGraph { ComputationGraph(variables: variables, numbers: numbers) }
}
