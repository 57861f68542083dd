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
    private let index: [String: NodeID]

    /// Creates a graph from variables whose parents precede them.
    /// - Precondition: ids are positions, names are unique, parents come first.
    init(variables: [Variable]) {
        var children = Array(repeating: [NodeID](), count: variables.count)
        var index: [String: NodeID] = [:]
        for (position, variable) in variables.enumerated() {
            precondition(variable.id.index == position, "variable ids must be positions")
            precondition(index[variable.name] == nil, "duplicate variable \(variable.name)")
            index[variable.name] = variable.id
            for parent in variable.parents {
                precondition(parent.index < position, "parents must precede children")
                children[parent.index].append(variable.id)
            }
        }
        self.variables = variables
        self.children = children
        self.index = index
    }

    /// The variable at `id`.
    public subscript(id: NodeID) -> Variable { variables[id.index] }

    /// Number of variables.
    public var count: Int { variables.count }

    /// Number of edges (parent → child pairs).
    public var edgeCount: Int { children.reduce(0) { $0 + $1.count } }

    /// All edges, grouped by child in topological order, parents in argument order.
    public var edges: [(from: NodeID, to: NodeID)] {
        variables.flatMap { child in child.parents.map { (from: $0, to: child.id) } }
    }

    /// Looks a variable up by name. Accepts the canonical name (`h_1`) and the
    /// short form without underscore (`h1`).
    public func variable(named name: String) -> Variable? {
        if let id = index[name] { return self[id] }
        // "h1" → "h_1": split trailing digits.
        let digits = name.reversed().prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count < name.count else { return nil }
        let base = name.dropLast(digits.count)
        let trimmed = base.hasSuffix("_") ? base.dropLast() : base
        if let id = index["\(trimmed)_\(String(digits.reversed()))"] { return self[id] }
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

    /// The variables added so far, in order.
    public var variablesSoFar: [Variable] { variables }

    /// An empty builder.
    public init() {}

    /// Adds a leaf (a variable given from outside) and returns its id.
    @discardableResult
    public mutating func leaf(_ kind: VariableKind, _ symbol: Symbol, time: Int? = nil) -> NodeID {
        append(kind, symbol, time: time, definition: nil)
    }

    /// Adds a variable defined by `definition` and returns its id.
    @discardableResult
    public mutating func define(_ kind: VariableKind, _ symbol: Symbol, time: Int? = nil,
                                as definition: Expression) -> NodeID {
        append(kind, symbol, time: time, definition: definition)
    }

    private mutating func append(_ kind: VariableKind, _ symbol: Symbol, time: Int?,
                                 definition: Expression?) -> NodeID {
        let id = NodeID(variables.count)
        variables.append(Variable(id: id, kind: kind, symbol: symbol, time: time,
                                  definition: definition, parents: definition?.references ?? []))
        return id
    }

    /// The finished graph.
    public func build() -> ComputationGraph { ComputationGraph(variables: variables) }
}
