import RNNGraphCore

/// Where a variable between two states of its own step stands: a peephole LSTM's output gate o_t reads
/// c_t and h_t reads it. By depth it stands in a row of its own between them, and h_{t−1}'s edges to
/// the next step's gates cross every row down to theirs; sunk, it stands among the other gates (its
/// edge from c_t points down), with the state it reads above the state that reads it, as in the
/// textbook diagram of the cell (c_t on top). Chosen by the crossings each makes, as `LaneOrder` chooses
/// the order of a row: sunk only where it crosses strictly less.
enum GateRows {
    /// Rows by depth within the step.
    case byDepth
    /// The gate in the row its other inputs give it.
    case sunk
    /// Sunk, and the state it reads above the state that reads it.
    case sunkUnderState

    /// The rows that cross least for the drawn graph of `kept` and `edges`, laid out `drawn` by depth:
    /// `layout(kept, edges, rows)` lays out a part of them. `.byDepth` when no variable stands between two
    /// states of its step, or when no other choice crosses less.
    static func best(_ graph: ComputationGraph, kept: [NodeID], edges: [(from: NodeID, to: NodeID)], drawn: FigureLayout,
                     layout: ([NodeID], [(from: NodeID, to: NodeID)], GateRows) -> FigureLayout) -> GateRows {
        guard drawn.gatesBetweenStates else { return .byDepth }
        // On the first steps, without the parameters' nodes, as the lane order (every step is drawn alike).
        let times = Set(kept.compactMap { graph[$0].time }).sorted().prefix(LaneOrder.window)
        guard let last = times.last else { return .byDepth }
        let part = kept.filter { graph[$0].time.map { $0 <= last } ?? (graph[$0].kind != .parameter) }
        let partSet = Set(part)
        let partEdges = edges.filter { partSet.contains($0.from) && partSet.contains($0.to) }
        var best = (rows: GateRows.byDepth, crossings: LaneOrder.crossings(layout(part, partEdges, .byDepth).positions,
                                                                         edges: partEdges))
        for rows in [GateRows.sunk, .sunkUnderState] {
            let count = LaneOrder.crossings(layout(part, partEdges, rows).positions, edges: partEdges)
            if count < best.crossings { best = (rows, count) }
        }
        return best.rows
    }
}
