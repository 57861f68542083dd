import RNNGraphCore

extension FigureLayout {
    /// Extra height of the gap below a row for each labelled edge a node of the row below sends
    /// up its own column past the second (an LSTM's `x_t` into four gates), so that each label
    /// finds a spot nearest its own edge where the fan has spread.
    static let fanRoom = 22.0
    /// Extra height of the gap a recurrence runs along when it has to go around another node
    /// of its row (a bidirectional model's two chains, a recurrence two steps back), so that the labels of the edges
    /// crossing that gap fit between the run and the row beyond.
    static let detourRoom = 18.0

    /// The height of each row (`FigureLayout.rowGap` apart, gaps grown by `fanRoom` and
    /// `detourRoom` where needed), as a function of the row; rows above `top` (the loss)
    /// follow the last at `rowGap`.
    static func rowHeights(_ graph: ComputationGraph, edges: [(from: NodeID, to: NodeID)], rows: [NodeID: Int],
                           columns: [NodeID: Int], lanes: (Int, Int) -> Int, top: Int) -> (Int) -> Double {
        // Extra room of the gap right below each row.
        var extra: [Int: Double] = [:]
        var upward: [NodeID: Int] = [:]
        for edge in edges {
            guard let a = rows[edge.from], let b = rows[edge.to], let s = columns[edge.from], let t = columns[edge.to]
            else { continue }
            if s == t, b > a { upward[edge.from, default: 0] += 1 }
            // A recurrence along its row past another lane: rightwards above the row, leftwards below;
            // one from further back (`h_{t-2}`) on either side, alternating.
            guard a == b, graph[edge.from].symbol == graph[edge.to].symbol else { continue }
            if abs(s - t) > 1 {
                for gap in [a, a + 1] { extra[gap] = max(extra[gap] ?? 0, detourRoom) }
            } else if lanes(s, a) > 1 || lanes(t, a) > 1 {
                let gap = t > s ? a + 1 : a
                extra[gap] = max(extra[gap] ?? 0, detourRoom)
            }
        }
        for (id, count) in upward where count > 2 {
            let gap = (rows[id] ?? 0) + 1
            extra[gap] = max(extra[gap] ?? 0, Double(count - 2) * fanRoom)
        }
        var below: [Double] = [0]
        for r in 1...max(1, top) { below.append(below[r - 1] + (extra[r] ?? 0)) }
        return { r in Double(r) * rowGap + below[max(0, min(r, below.count - 1))] }
    }
}
