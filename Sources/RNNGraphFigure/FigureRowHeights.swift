import RNNGraphCore

extension FigureLayout {
    /// Extra height of the gap below a row for each labelled edge a node of the row below sends
    /// up its own column past the second (an LSTM's `x_t` into four gates), so that each label
    /// finds a spot nearest its own edge where the fan has spread.
    static let fanRoom = 22.0
    /// Extra height of the gap a recurrence runs along when it has to go around another node
    /// of its row (a bidirectional model's two chains, a recurrence two steps back), or an edge from
    /// another column around a node of a row it passes, so that the labels of the edges
    /// crossing that gap fit between the run and the row beyond.
    static let detourRoom = 18.0

    /// The height of each row (`FigureLayout.rowGap` apart, gaps grown by `fanRoom` and
    /// `detourRoom` where needed), as a function of the row; rows above `top` (the loss)
    /// follow the last at `rowGap`. `xs` holds the x of every node in a column; `labelled`
    /// are the edges that carry a label.
    static func rowHeights(_ graph: ComputationGraph, edges: [(from: NodeID, to: NodeID)],
                           labelled: [(from: NodeID, to: NodeID)], rows: [NodeID: Int], columns: [NodeID: Int],
                           xs: [NodeID: Double], lanes: (Int, Int) -> Int, top: Int) -> (Int) -> Double {
        // Extra room of the gap right below each row.
        var extra: [Int: Double] = [:]
        // The gaps (by the row above them) that a labelled edge crosses up or down its column.
        var labelledGaps = Set<Int>()
        for edge in labelled {
            guard let a = rows[edge.from], let b = rows[edge.to], abs(a - b) == 1,
                  columns[edge.from] != nil, columns[edge.from] == columns[edge.to] else { continue }
            labelledGaps.insert(max(a, b))
        }
        var upward: [NodeID: Int] = [:]
        var xsByRow: [Int: [(id: NodeID, x: Double)]] = [:]
        for (id, x) in xs { xsByRow[rows[id] ?? 0, default: []].append((id, x)) }
        for edge in edges {
            guard let a = rows[edge.from], let b = rows[edge.to], let s = columns[edge.from], let t = columns[edge.to]
            else { continue }
            if s == t, b > a { upward[edge.from, default: 0] += 1 }
            // An edge from another column across a row that passes a node on its way (a layer-normalised
            // LSTM's `h_{t-1} → o_t` past `g_t`) runs along the gap beside its tail, across the edges up the
            // columns there: where those carry labels (`w_c ⊙` on `c_t → h_t`), the labels need room on
            // one side of the run.
            if s != t, abs(b - a) >= 2, labelledGaps.contains(b > a ? a + 1 : a), let p = xs[edge.from],
               let q = xs[edge.to], passesNode(from: (p, a), to: (q, b), rowsOf: xsByRow, except: [edge.from, edge.to]) {
                let gap = b > a ? a + 1 : a
                extra[gap] = max(extra[gap] ?? 0, detourRoom)
            }
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

    /// Whether the straight line from (x, row) `p` to `q` comes within half a slot of a node of a
    /// row it crosses or ends in, other than `except`, sampled at each row and half a row before it.
    private static func passesNode(from p: (x: Double, row: Int), to q: (x: Double, row: Int),
                                   rowsOf xsByRow: [Int: [(id: NodeID, x: Double)]], except: Set<NodeID>) -> Bool {
        let step = q.row > p.row ? 1 : -1
        return stride(from: p.row + step, through: q.row, by: step).contains { k in
            [Double(k), Double(k) - 0.5 * Double(step)].contains { y in
                let x = p.x + (q.x - p.x) * (y - Double(p.row)) / Double(q.row - p.row)
                return (xsByRow[k] ?? []).contains { !except.contains($0.id) && abs($0.x - x) < slot / 2 }
            }
        }
    }
}
