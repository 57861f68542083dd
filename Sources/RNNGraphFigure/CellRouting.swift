extension Figure {
    /// Empty space between a lane under the cell and the lowest node, and between lanes.
    static let cellLaneGap = 10.0
    /// Distance between neighbouring vertical runs in the gap between two columns.
    static let cellRunGap = 6.0

    /// Redraws each edge from an input of the cell (not on a state line) to a column
    /// further than the next that `route()` had to bend: out of the input to the left and
    /// down beside the inputs, where no other edge runs (the lowest input straight down), along a lane of the input's
    /// own under the cell, up the gap before the head's column and into the head from
    /// the left, as Colah's diagram runs `x_t` along the bottom. Every input has its own
    /// lane and run down, every edge its own run up, so unrelated edges never share a line.
    mutating func routeCellInputs(_ cell: CellGraph, _ layout: CellLayout,
                                  sizes: [(width: Double, height: Double)]) {
        let onLine = Set(cell.stateLines.flatMap { $0 })
        let long = cell.edges.enumerated().filter { k, edge in
            cell.nodes[edge.from].role == .input && !onLine.contains(edge.from)
                && layout.columns[edge.to] > layout.columns[edge.from] + 1
                && edges[k].attributes.contains { $0.name == "pos" }
        }
        guard !long.isEmpty else { return }
        let outlines = layout.positions.indices.map { k in
            NodeOutline(form: CellOperationGroup(cell.nodes[k].role) == .nonlinearity ? .box : .ellipse,
                        x: layout.positions[k].x, y: layout.positions[k].y,
                        width: sizes[k].width, height: sizes[k].height)
        }
        let router = EdgeRouter(outlines: outlines, rowGap: FigureLayout.rowGap)
        let bottom = (outlines.map { $0.y - $0.height / 2 }.min() ?? 0) - Self.cellLaneGap
        // The highest input takes the outermost lane and the run furthest left, and every
        // outer lane rises nearer the head's column: no run crosses another lane.
        var tails: [Int] = []
        for (_, edge) in long where !tails.contains(edge.from) { tails.append(edge.from) }
        tails.sort { (-outlines[$0].y, $0) < (-outlines[$1].y, $1) }
        var runs: [Int: [Int]] = [:]  // by column: the edges' runs up, nearest the column first
        let byLane = long.sorted { (tails.firstIndex(of: $0.1.from)!, $0.0) < (tails.firstIndex(of: $1.1.from)!, $1.0) }
        for (k, edge) in byLane { runs[layout.columns[edge.to], default: []].append(k) }
        for (k, edge) in long {
            let tail = tails.firstIndex(of: edge.from)!
            let column = layout.columns[edge.to]
            let run = runs[column]!.firstIndex(of: k)!
            let lane = bottom - Double(tails.count - 1 - tail) * Self.cellLaneGap
            // The lowest input, with nothing under it, leaves straight down.
            let lowest = tail == tails.count - 1 && !outlines.indices.contains { other in
                layout.columns[other] == layout.columns[edge.from] && outlines[other].y < outlines[edge.from].y
            }
            let out = lowest ? outlines[edge.from].x
                : layout.spans[layout.columns[edge.from]].left - Self.cellRunGap * Double(tails.count - tail)
            let into = layout.spans[column].left - Self.cellRunGap * Double(run + 1)
            let bends = [(x: out, y: outlines[edge.from].y), (out, lane), (into, lane), (into, outlines[edge.to].y)]
            edges[k].attributes.removeAll { $0.name == "pos" }
            edges[k].attributes.append(Attribute("pos", router.spline(from: edge.from, to: edge.to, bends: bends).pos))
        }
    }
}
