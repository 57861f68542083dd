import RNNGraphCore
import RNNGraphPaths

/// Where every drawn variable sits, read off the graph alone: one column per
/// time index, rows by dependency depth within a step, parameters in a band
/// left of the columns, untimed results (the loss) above what they read.
///
/// Positions are in points, y upwards (Graphviz's convention); `EdgeRouter`
/// routes the edges between them.
struct FigureLayout {
    /// Horizontal distance between neighbouring nodes of one row of a column.
    static let slot = 66.0
    /// Empty space between two columns.
    static let columnGap = 30.0
    /// Vertical distance between rows.
    static let rowGap = 72.0
    /// Extra height of an untimed result for each edge on one side of it past the second.
    static let fanLevel = 6.0
    /// Vertical distance between stacked parameters.
    static let parameterGap = 46.0
    /// Vertical step between consecutive parameters when the band has several
    /// sub-columns (so that one sub-column's parameters are this far apart, times
    /// the number of sub-columns, and an edge fits between them).
    static let staggerStep = 30.0
    /// Extra width of each gap between columns, and extra height of each gap between rows,
    /// when nodes carry annotations: room for a note beside each node, clear of the edges
    /// that pass it.
    static let noteRoom = (width: 80.0, height: 60.0)

    /// The centre of each kept variable.
    private(set) var positions: [NodeID: (x: Double, y: Double)] = [:]
    /// The column (time index) each timed variable is drawn in.
    private(set) var columns: [NodeID: Int] = [:]

    /// Places `kept`; a node of `raised` (an operation of the operations view) sits in
    /// the row right below the lowest variable of its step that reads it, instead of
    /// right above the highest it reads, so that it stays next to what it feeds. `labelled`
    /// are the edges that carry a label (see `rowHeights`). With `notes`, the gaps between
    /// columns and between rows grow by `noteRoom`.
    init(_ graph: ComputationGraph, kept: [NodeID], edges: [(from: NodeID, to: NodeID)],
         labelled: [(from: NodeID, to: NodeID)] = [], raised: Set<NodeID> = [], notes: Bool = false) {
        let columnGap = Self.columnGap + (notes ? Self.noteRoom.width : 0)
        let noteRow = notes ? Self.noteRoom.height : 0
        let keptSet = Set(kept)
        var parents: [NodeID: [NodeID]] = [:]
        for edge in edges { parents[edge.to, default: []].append(edge.from) }
        let partners = Self.partners(graph, kept: kept, keptSet: keptSet)

        // Rows: the depth of each symbol within its step, the deepest instance deciding.
        let stepNodes = kept.filter { graph[$0].time != nil && partners[$0] == nil }
        let stepSet = Set(stepNodes)
        var row: [String: Int] = [:]
        for id in stepNodes { row[graph[id].symbol.ascii] = 0 }
        var changed = true
        var passes = 0
        while changed && passes <= row.count {
            changed = false
            passes += 1
            for id in stepNodes {
                let variable = graph[id]
                let depth = (parents[id] ?? []).filter { stepSet.contains($0) && graph[$0].time == variable.time }
                    .map { (row[graph[$0].symbol.ascii] ?? 0) + 1 }.max() ?? 0
                if depth > row[variable.symbol.ascii] ?? 0 {
                    row[variable.symbol.ascii] = depth
                    changed = true
                }
            }
        }

        var readers: [NodeID: [NodeID]] = [:]
        if !raised.isEmpty {
            for edge in edges where stepSet.contains(edge.to) && graph[edge.to].time == graph[edge.from].time {
                readers[edge.from, default: []].append(edge.to)
            }
            let lifted = stepNodes.filter(raised.contains)
            changed = true
            while changed {
                changed = false
                var highest: [String: Int] = [:]
                for id in lifted {
                    guard let lowest = readers[id]?.map({ row[graph[$0].symbol.ascii] ?? 0 }).min() else { continue }
                    let symbol = graph[id].symbol.ascii
                    highest[symbol] = min(highest[symbol] ?? .max, lowest - 1)
                }
                for (symbol, r) in highest where r > row[symbol] ?? 0 {
                    row[symbol] = r
                    changed = true
                }
            }
        }

        // Lanes: the symbols of one row side by side in order of first appearance,
        // a target right of the variable it is compared with.
        var lanes: [Int: [String]] = [:]
        var rowOf: [NodeID: Int] = [:]
        var laneKey: [NodeID: String] = [:]
        for id in stepNodes {
            let symbol = graph[id].symbol.ascii
            let r = row[symbol] ?? 0
            rowOf[id] = r
            laneKey[id] = symbol
            if !(lanes[r] ?? []).contains(symbol) { lanes[r, default: []].append(symbol) }
            columns[id] = graph[id].time
        }
        for id in kept {
            guard let partner = partners[id] else { continue }
            let partnerKey = graph[partner].symbol.ascii
            let r = row[partnerKey] ?? 0
            let key = graph[id].symbol.ascii + "\u{1}" + partnerKey
            rowOf[id] = r
            laneKey[id] = key
            columns[id] = graph[partner].time
            var list = lanes[r] ?? []
            if !list.contains(key) {
                let after = list.firstIndex(of: partnerKey).map { $0 + 1 } ?? list.count
                list.insert(key, at: after)
            }
            lanes[r] = list
        }

        // Columns: one per time index, in order, each as wide as its widest row.
        // Each column keeps, row by row, the lanes it has (in the common order),
        // so a target present at one step only does not shift the others.
        var present: [Int: [Int: Set<String>]] = [:]
        for (id, t) in columns { present[t, default: [:]][rowOf[id] ?? 0, default: []].insert(laneKey[id] ?? "") }
        func columnLanes(_ t: Int, _ r: Int) -> [String] {
            let here = present[t]?[r] ?? []
            return (lanes[r] ?? []).filter { here.contains($0) }
        }
        let times = present.keys.sorted()
        var columnCentre: [Int: Double] = [:]
        var height: (Int) -> Double = { Double($0) * Self.rowGap }
        // Twice when an edge up a column passes a row too close to its nodes: the second
        // time with a lane of its own in that row (see `skipLanes`).
        for pass in 0..<2 {
            var left = 0.0
            for t in times {
                let width = Double(present[t]!.keys.map { columnLanes(t, $0).count }.max() ?? 1) * Self.slot
                columnCentre[t] = left + width / 2
                left += width + columnGap
            }
            var xs: [NodeID: Double] = [:]
            for (id, t) in columns {
                let list = columnLanes(t, rowOf[id] ?? 0)
                let lane = Double(list.firstIndex(of: laneKey[id] ?? "") ?? 0)
                xs[id] = (columnCentre[t] ?? 0) + (lane - Double(list.count - 1) / 2) * Self.slot
            }
            let rowHeight = Self.rowHeights(graph, edges: edges, labelled: labelled, rows: rowOf, columns: columns,
                                            xs: xs, lanes: { columnLanes($0, $1).count }, top: lanes.keys.max() ?? 0)
            height = { rowHeight($0) + Double($0) * noteRow }
            for (id, x) in xs { positions[id] = (x, height(rowOf[id] ?? 0)) }
            guard pass == 0, raised.isEmpty else { break }
            let skips = Self.skipLanes(graph, edges: edges, rows: rowOf, columns: columns, positions: positions)
            guard !skips.isEmpty else { break }
            for skip in skips {
                var list = lanes[skip.row] ?? []
                guard !list.contains(skip.key) else { continue }
                // Among the lanes of the first column that has it, where its line passes.
                let here = columnLanes(skip.columns[0], skip.row)
                let before = here.filter { key in
                    columns.contains { (id, t) in
                        t == skip.columns[0] && rowOf[id] == skip.row && laneKey[id] == key && positions[id]!.x < skip.x
                    }
                }.count
                list.insert(skip.key, at: before < here.count ? list.firstIndex(of: here[before])! : list.count)
                lanes[skip.row] = list
                for t in skip.columns { present[t, default: [:]][skip.row, default: []].insert(skip.key) }
            }
        }
        if !raised.isEmpty { alignBelowReaders(raised, readers: readers, parents: parents, rows: rowOf) }

        // Untimed results (the loss): a row above everything they read, centred over it.
        let topRow = (lanes.keys.max() ?? -1) + 1
        let centre = times.isEmpty ? 0 : ((columnCentre[times.first!] ?? 0) + (columnCentre[times.last!] ?? 0)) / 2
        var taken: [Int: [Double]] = [:]
        var untimedRow: [NodeID: Int] = [:]
        for id in kept where graph[id].time == nil && !Self.isParameterLike(graph[id]) {
            let read = (parents[id] ?? []).filter { positions[$0] != nil && !Self.isParameterLike(graph[$0]) }
            let r = max(topRow, (read.compactMap { untimedRow[$0] }.max() ?? -1) + 1)
            var x = read.isEmpty ? centre : read.map { positions[$0]!.x }.reduce(0, +) / Double(read.count)
            while (taken[r] ?? []).contains(where: { abs($0 - x) < Self.slot }) { x += Self.slot }
            taken[r, default: []].append(x)
            untimedRow[id] = r
            // Higher when it reads many: room for the last legs of the fan, and a level of its own
            // below them for each edge (`FanRouting`).
            let fan = read.count >= FanRouting.minimumEdges ? FanRouting.approach : 0
            positions[id] = (x, height(r) + fan + Double(max(0, read.count / 2 - 2)) * Self.fanLevel)
        }

        // Parameters: a band left of the first column, each as near as it can be
        // to the height of what it feeds, stacked in sub-columns when many.
        let parameters = kept.filter { positions[$0] == nil }
        guard !parameters.isEmpty else { return }
        var children: [NodeID: [NodeID]] = [:]
        for edge in edges { children[edge.from, default: []].append(edge.to) }
        let wanted = parameters.map { id -> (NodeID, Double) in
            let ys = (children[id] ?? []).compactMap { positions[$0]?.y }
            // Half a row above its uses, so that its edges slant into the gap
            // between rows instead of running along a row through its nodes.
            return (id, ys.isEmpty ? 0 : ys.reduce(0, +) / Double(ys.count) + Self.rowGap / 2)
        }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        let perColumn = max(3, Int(height(max(topRow, 1)) / Self.parameterGap) + 1)
        let bandColumns = (wanted.count + perColumn - 1) / perColumn
        // Several sub-columns take the parameters in turn, up the band, each a fixed
        // step above the one before: every parameter then faces a gap of each
        // sub-column right of it, through which its edges leave the band.
        let step = bandColumns == 1 ? Self.parameterGap : Self.staggerStep
        var previous = -Double.infinity
        var placed: [(NodeID, x: Double, y: Double)] = []
        for (k, (id, y)) in wanted.enumerated() {
            previous = max(y, previous + step)
            let column = Double(k % bandColumns)  // 0 is the rightmost
            placed.append((id, -columnGap - Self.slot / 2 - column * Self.slot, previous))
        }
        // No higher than the loss: the band slides down as a whole.
        let excess = max(0, previous - height(topRow))
        for (id, x, y) in placed { positions[id] = (x, y - excess) }
    }

    /// Moves each raised node straight below the node it feeds, when that node reads
    /// nothing else from the row below and no other node of that row stands in the way:
    /// the edge from an operation to what it feeds is then short and vertical. Top rows
    /// first, so that a chain of operations lines up under its variable.
    private mutating func alignBelowReaders(_ raised: Set<NodeID>, readers: [NodeID: [NodeID]],
                                            parents: [NodeID: [NodeID]], rows: [NodeID: Int]) {
        var cell: [Int: [Int: [NodeID]]] = [:]
        for (id, t) in columns { cell[t, default: [:]][rows[id] ?? 0, default: []].append(id) }
        let order = columns.keys.filter(raised.contains).sorted { (rows[$1] ?? 0, $0) < (rows[$0] ?? 0, $1) }
        for id in order {
            guard let t = columns[id], let r = rows[id], let targets = readers[id], targets.count == 1,
                  let reader = targets.first, columns[reader] == t, rows[reader] == r + 1,
                  (parents[reader] ?? []).filter({ columns[$0] == t && rows[$0] == r }) == [id],
                  let x = positions[reader]?.x else { continue }
            let others = (cell[t]?[r] ?? []).filter { $0 != id }
            guard others.allSatisfy({ abs((positions[$0]?.x ?? .infinity) - x) >= Self.slot }) else { continue }
            positions[id]?.x = x
        }
    }

    /// A parameter or another untimed leaf: drawn in the parameter band.
    private static func isParameterLike(_ variable: Variable) -> Bool {
        variable.time == nil && (variable.kind == .parameter || variable.kind.isLeaf)
    }

    /// For each kept target, the kept variable it is compared with: the first other
    /// non-parameter variable of the smallest subexpression, in the definition of
    /// something the target feeds, that reads both.
    private static func partners(_ graph: ComputationGraph, kept: [NodeID], keptSet: Set<NodeID>) -> [NodeID: NodeID] {
        let targets = kept.filter { graph[$0].kind == .target }
        guard !targets.isEmpty else { return [:] }
        let targetSet = Set(targets)
        var readers: [NodeID] = []
        var seen = Set<NodeID>()
        for target in targets {
            for child in graph.children[target.index] where seen.insert(child).inserted { readers.append(child) }
        }
        var found: [NodeID: NodeID] = [:]
        var settled = Set<NodeID>()
        func visit(_ expression: Expression) -> [NodeID] {
            if case .variable(let id) = expression { return [id] }
            let references = expression.children.flatMap(visit)
            let partner = references.first {
                !targetSet.contains($0) && graph[$0].time != nil
                    && graph[$0].kind != .parameter && graph[$0].kind != .parameterCopy
            }
            if let partner {
                for id in references where targetSet.contains(id) && !settled.contains(id) {
                    settled.insert(id)
                    if keptSet.contains(partner) { found[id] = partner }
                }
            }
            // What is paired already needs no passing up.
            return references.filter { !targetSet.contains($0) || !settled.contains($0) }
        }
        for reader in readers {
            if let definition = graph[reader].definition { _ = visit(definition) }
        }
        return found
    }
}
