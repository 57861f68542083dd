import RNNGraphCore

/// Where every node of a cell diagram (`CellGraph`) sits, in points, y upwards:
/// the flow runs left to right, one column per operation depth (what the step
/// reads from outside in the first column, results that nothing in the step reads
/// in the last); each state line is one straight row on top, the states of the
/// step before at its left end; below it each column's nodes are stacked as near
/// to the height of their neighbours as their order and sizes allow (an isotonic
/// fit, so a chain of single operations stays straight), inputs at the bottom left.
struct CellLayout {
    /// Empty space between two columns, room for the edges to slant.
    static let columnGap = 30.0
    /// Empty space after the first column, where the inputs fan out to every gate.
    static let inputGap = 60.0
    /// Empty space between two nodes of one column.
    static let nodeGap = 18.0
    /// Empty space between the state line and the highest node under it.
    static let lineGap = 34.0
    /// Passes of alternate left-to-right and right-to-left neighbour averaging.
    static let passes = 4

    /// The centre of each node, by node index.
    private(set) var positions: [(x: Double, y: Double)] = []
    /// The column of each node, by node index.
    private(set) var columns: [Int] = []
    /// The left and right end of each column's widest node.
    private(set) var spans: [(left: Double, right: Double)] = []

    /// Lays out `cell`, whose nodes are `sizes` points wide and high.
    init(_ cell: CellGraph, sizes: [(width: Double, height: Double)]) {
        let count = cell.nodes.count
        var predecessors = Array(repeating: [Int](), count: count), successors = predecessors
        for edge in cell.edges {
            predecessors[edge.to].append(edge.from)
            successors[edge.from].append(edge.to)
        }
        let onLine = Dictionary(cell.stateLines.enumerated().flatMap { line, nodes in nodes.map { ($0, line) } },
                                uniquingKeysWith: { first, _ in first })

        // Columns: depth from the inputs; targets just before what reads them; results at the end.
        var column = Array(repeating: 0, count: count)
        for k in 0..<count where !predecessors[k].isEmpty {
            column[k] = (predecessors[k].map { column[$0] }.max() ?? -1) + 1
        }
        let last = column.max() ?? 0
        for k in 0..<count where cell.nodes[k].role == .input && cell.nodes[k].kind == .target {
            column[k] = max(0, (successors[k].map { column[$0] }.min() ?? 1) - 1)
        }
        for k in 0..<count where successors[k].isEmpty && cell.nodes[k].role == .variable { column[k] = last }
        // Then every step as late as what reads it allows: a result is computed next to its use.
        for k in (0..<count).reversed() where cell.nodes[k].role != .input && !successors[k].isEmpty && onLine[k] == nil {
            column[k] = max(column[k], (successors[k].map { column[$0] }.min() ?? last + 1) - 1)
        }
        columns = column

        // x: each column as wide as its widest node.
        var width = Array(repeating: 0.0, count: last + 1)
        for k in 0..<count { width[column[k]] = max(width[column[k]], sizes[k].width) }
        var centre = Array(repeating: 0.0, count: last + 1)
        for c in 1..<max(1, last + 1) {
            centre[c] = centre[c - 1] + (width[c - 1] + width[c]) / 2 + (c == 1 ? Self.inputGap : Self.columnGap)
        }

        // y: the first column from the bottom, inputs lowest, then the rest by neighbours;
        // equal wishes ordered by node, or by the heights so far, whichever crosses less.
        func heights(keepingOrder: Bool) -> [Double] {
            var y = Array(repeating: 0.0, count: count)
            var members = Array(repeating: [Int](), count: last + 1)
            for k in 0..<count where onLine[k] == nil { members[column[k]].append(k) }
            let first = members[0].sorted { a, b in
                let (ia, ib) = (cell.nodes[a].kind == .input, cell.nodes[b].kind == .input)
                return ia != ib ? ia : a < b
            }
            var height = 0.0
            for (n, k) in first.enumerated() {
                if n > 0 { height += (sizes[first[n - 1]].height + sizes[k].height) / 2 + Self.nodeGap }
                y[k] = height
            }
            var top = 0.0
            var placed = Set(first)
            func setLines() {
                for (k, line) in onLine { y[k] = top + Double(line) * (Self.lineGap + 20) }
            }
            for pass in 0..<Self.passes {
                let forward = pass % 2 == 0
                let order = forward ? Array(1...max(1, last)) : Array((0..<last).reversed())
                for c in order where c <= last {
                    let nodes = members[c]
                    guard !nodes.isEmpty else { continue }
                    let desired = nodes.map { k -> Double in
                        let neighbours = (forward ? predecessors[k] : successors[k])
                            .filter { placed.contains($0) || onLine[$0] != nil && pass > 0 }
                        if neighbours.isEmpty { return y[k] }
                        // An input enters at the bottom, under the lowest node it feeds.
                        if !forward && cell.nodes[k].kind == .input { return neighbours.map { y[$0] }.min()! - Self.nodeGap }
                        return neighbours.map { y[$0] }.reduce(0, +) / Double(neighbours.count)
                    }
                    // In the first column the inputs stay under the states of other steps.
                    let rank = { (n: Int) in c == 0 && cell.nodes[nodes[n]].kind != .input ? 1 : 0 }
                    let tie = { (n: Int) in keepingOrder ? y[nodes[n]] : 0 }
                    let sorted = nodes.indices.sorted {
                        (rank($0), desired[$0], tie($0), nodes[$0]) < (rank($1), desired[$1], tie($1), nodes[$1])
                    }
                    let fitted = Self.fit(sorted.map { desired[$0] },
                                          gaps: zip(sorted, sorted.dropFirst()).map { a, b in
                                              (sizes[nodes[a]].height + sizes[nodes[b]].height) / 2 + Self.nodeGap
                                          })
                    // Under the state lines: the whole column slides down when it reaches them.
                    let highest = zip(sorted, fitted).map { $1 + sizes[nodes[$0]].height / 2 }.max() ?? 0
                    let shift = pass > 0 && !onLine.isEmpty ? min(0, top - Self.lineGap - 10 - highest) : 0
                    for (n, value) in zip(sorted, fitted) { y[nodes[n]] = value + shift }
                    placed.formUnion(nodes)
                }
                if pass == 0 {
                    top = (0..<count).filter { onLine[$0] == nil }.map { y[$0] + sizes[$0].height / 2 }.max() ?? 0
                    top += Self.lineGap + 10
                    setLines()
                }
            }
            setLines()
            return y
        }
        let y = [false, true].map { heights(keepingOrder: $0) }.min { a, b in
            Self.crossings(cell.edges, column.map { centre[$0] }, a) < Self.crossings(cell.edges, column.map { centre[$0] }, b)
        }!
        positions = (0..<count).map { (centre[column[$0]], y[$0]) }
        spans = (0...last).map { c -> (left: Double, right: Double) in
            let half = width[c] / 2
            return (centre[c] - half, centre[c] + half)
        }
    }

    /// The number of pairs of edges without a common end whose straight lines cross,
    /// nodes at (`x`, `y`).
    static func crossings(_ edges: [(from: Int, to: Int)], _ x: [Double], _ y: [Double]) -> Int {
        func side(_ a: Int, _ b: Int, _ c: Int) -> Double {
            (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a])
        }
        var count = 0
        for (i, e) in edges.enumerated() {
            for f in edges[(i + 1)...] where Set([e.from, e.to, f.from, f.to]).count == 4 {
                if side(e.from, e.to, f.from) * side(e.from, e.to, f.to) < 0
                    && side(f.from, f.to, e.from) * side(f.from, f.to, e.to) < 0 { count += 1 }
            }
        }
        return count
    }

    /// The values nearest `desired` (least squares) that keep their order with at least
    /// `gaps[k]` between value k and k + 1: pool adjacent violators on the values minus
    /// the gaps below them.
    static func fit(_ desired: [Double], gaps: [Double]) -> [Double] {
        var offset = [0.0]
        for gap in gaps { offset.append(offset.last! + gap) }
        var blocks: [(sum: Double, count: Int)] = []
        for (value, below) in zip(desired, offset) {
            blocks.append((value - below, 1))
            while blocks.count > 1 {
                let b = blocks[blocks.count - 1], a = blocks[blocks.count - 2]
                guard a.sum / Double(a.count) > b.sum / Double(b.count) else { break }
                blocks.removeLast(2)
                blocks.append((a.sum + b.sum, a.count + b.count))
            }
        }
        var result: [Double] = []
        for block in blocks {
            result += Array(repeating: block.sum / Double(block.count), count: block.count)
        }
        return zip(result, offset).map { $0 + $1 }
    }
}
