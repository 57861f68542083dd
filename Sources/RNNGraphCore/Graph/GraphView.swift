/// The edges of a graph restricted to chosen variables: `a → b` whenever a
/// path leads from `a` to `b` whose inner variables are all hidden — what a
/// lab shows when it keeps "only the variables that we are interested in".
public struct GraphView: Sendable {
    /// The variables kept, in graph order.
    public let kept: [NodeID]
    /// Contracted edges, ordered by head then tail in graph order.
    public let edges: [(from: NodeID, to: NodeID)]

    /// The view of `graph` keeping `names` (canonical or short names).
    /// - Throws: ``RNNGraphError/usage(_:)`` for a name the graph lacks, listing the valid ones.
    public init(_ graph: ComputationGraph, keeping names: [String]) throws {
        var keep = Set<NodeID>()
        for name in names {
            guard let variable = graph.variable(named: name) else {
                throw graph.unknownVariable(name, "in --show")
            }
            keep.insert(variable.id)
        }
        self.init(graph, keeping: keep)
    }

    /// The view keeping every variable (no contraction).
    public init(_ graph: ComputationGraph) {
        self.init(graph, keeping: Set(graph.variables.map(\.id)))
    }

    /// The view of `graph` keeping the nodes `keep`.
    package init(_ graph: ComputationGraph, keeping keep: Set<NodeID>) {
        kept = graph.variables.map(\.id).filter(keep.contains)
        // For each variable, the kept variables reachable through hidden ones only.
        // Walk in reverse topological order so children are done first.
        var reach = Array(repeating: [NodeID](), count: graph.count)
        for variable in graph.variables.reversed() {
            var targets: [NodeID] = []
            var seen = Set<NodeID>()
            for child in graph.children[variable.id.index] {
                let via = keep.contains(child) ? [child] : reach[child.index]
                for target in via where seen.insert(target).inserted { targets.append(target) }
            }
            reach[variable.id.index] = targets
        }
        var edges: [(from: NodeID, to: NodeID)] = []
        for from in kept { for to in reach[from.index] { edges.append((from, to)) } }
        self.edges = edges.sorted { ($0.to, $0.from) < ($1.to, $1.from) }
    }
}
