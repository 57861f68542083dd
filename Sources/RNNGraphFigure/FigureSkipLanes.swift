import RNNGraphCore

extension FigureLayout {
    /// How near to a node of a row an edge up a column may pass that row before it gets a lane of its own there.
    static let skipClearance = 0.6 * slot

    /// The rows that edges up a column pass too close to a node of (a GRU's `x_t → n_t` between
    /// `r_t` and `z_t`): per pair of symbols and row, a lane key of its own, the columns it is in and
    /// the x at which its straight line passes the row in the first of them. Like Graphviz's `dot`,
    /// which gives a long edge a virtual node in each rank it crosses, the edge then keeps a lane of
    /// that row free for its line and its label. `ends` are the symbols the edge joins.
    static func skipLanes(_ graph: ComputationGraph, edges: [(from: NodeID, to: NodeID)], rows: [NodeID: Int],
                          columns: [NodeID: Int], positions: [NodeID: (x: Double, y: Double)])
        -> [(row: Int, key: String, columns: [Int], x: Double, ends: Set<String>)] {
        var byCell: [Int: [Int: [NodeID]]] = [:]
        for (id, t) in columns { byCell[t, default: [:]][rows[id] ?? 0, default: []].append(id) }
        var found: [String: (row: Int, key: String, columns: [Int], x: Double, ends: Set<String>)] = [:]
        for edge in edges {
            guard let a = rows[edge.from], let b = rows[edge.to], b - a >= 2, let t = columns[edge.from],
                  columns[edge.to] == t, let p = positions[edge.from], let q = positions[edge.to] else { continue }
            for k in (a + 1)..<b {
                let row = byCell[t]?[k] ?? []
                guard let y = row.first.flatMap({ positions[$0]?.y }) else { continue }
                let x = p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y)
                guard row.contains(where: { abs(positions[$0]!.x - x) < Self.skipClearance }) else { continue }
                let key = "\u{2}" + graph[edge.from].symbol.ascii + "\u{1}" + graph[edge.to].symbol.ascii + "\u{1}\(k)"
                if found[key] == nil {
                    found[key] = (k, key, [], x, [graph[edge.from].symbol.ascii, graph[edge.to].symbol.ascii])
                }
                if !found[key]!.columns.contains(t) { found[key]!.columns.append(t) }
            }
        }
        return found.values.sorted { $0.row != $1.row ? $0.row < $1.row : $0.key < $1.key }
            .map { ($0.row, $0.key, $0.columns.sorted(), $0.x, $0.ends) }
    }
}
