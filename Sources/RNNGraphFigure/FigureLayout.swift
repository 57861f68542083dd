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
    /// The fewest edges from a node into one row of another step that put it at its column's edge on their side.
    static let fanEdges = 2
    /// Least space between the outlines of two nodes side by side in a row (a wider gap than
    /// `slot` leaves between the widest bundled nodes, a GRU's gates).
    static let laneClearance = 10.0
    /// Least space between the outlines of nodes in neighbouring rows, room for an edge label between
    /// them (what `rowGap` leaves between the tallest bundled nodes, a GRU's gates).
    static let rowClearance = 15.0
    /// The same where an edge between the two rows up one column carries a label, which sits between them.
    static let labelledRowClearance = 24.0
    /// Least space each side of the label of an edge along a row, between it and the nodes the edge joins
    /// (room for the arrowhead at one end).
    static let rowLabelMargin = 12.0

    /// The centre of each kept variable.
    private(set) var positions: [NodeID: (x: Double, y: Double)] = [:]
    /// The column (time index) each timed variable is drawn in.
    private(set) var columns: [NodeID: Int] = [:]
    /// The symbols side by side in each row, left to right (without the targets beside them).
    private(set) var rowLanes: [Int: [String]] = [:]
    /// Whether a variable stands between two states of its own step (see `GateRows`).
    private(set) var gatesBetweenStates = false
    /// The number of parameters' edges given room for lanes of their own (see `ParameterLanes`).
    private(set) var parameterLaneTurns = 0

    /// Places `kept`; a node of `raised` (an operation of the operations view) sits in
    /// the row right below the lowest variable of its step that reads it, instead of
    /// right above the highest it reads, so that it stays next to what it feeds. `labelled`
    /// are the edges that carry a label (see `rowHeights`). With `notes`, the gaps between
    /// columns and between rows grow by `noteRoom`. `sizes` are the drawn sizes of nodes: neighbours in a
    /// row keep `laneClearance` apart, neighbouring rows `rowClearance` (a node without a size counts as
    /// the smallest). `laneOrder` puts the symbols of a row in its order (see `LaneOrder`) instead of
    /// their order of first appearance; an order that does not list exactly the row's symbols is ignored.
    /// With `parameterLanes`, rows and the strip left of the first column grow to hold the lanes of
    /// parameters drawn as nodes (see `ParameterLanes`).
    init(_ graph: ComputationGraph, kept: [NodeID], edges: [(from: NodeID, to: NodeID)],
         labelled: [(from: NodeID, to: NodeID)] = [], labelWidths: [NodeID: [NodeID: Double]] = [:],
         raised: Set<NodeID> = [], notes: Bool = false,
         sizes: [NodeID: (width: Double, height: Double)] = [:], laneOrder: [Int: [String]] = [:],
         gateRows: GateRows = .byDepth, parameterLanes laneRoom: Bool = true) {
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
        // A computed variable that reads nothing of its own step (a gate of the state before alone) stands
        // at least a row above the step's inputs, not among them, so that its edges do not cross theirs.
        let inputsBelow = stepNodes.contains { graph[$0].kind.isLeaf && graph[$0].time != 0 }
        for id in stepNodes { row[graph[id].symbol.ascii] = 0 }
        for id in stepNodes where inputsBelow && !graph[id].kind.isLeaf && graph[id].kind != .parameterCopy { row[graph[id].symbol.ascii] = 1 }
        let gates = Self.gatesBetweenStates(graph, stepNodes: stepNodes, edges: edges)
        gatesBetweenStates = !gates.isEmpty
        // Sunk (see `GateRows`): a gate's edges from the states of its own step do not count for its depth.
        let sunk = gateRows == .byDepth ? [:] : gates
        var changed = true
        var passes = 0
        while changed && passes <= row.count {
            changed = false
            passes += 1
            for id in stepNodes {
                let variable = graph[id]
                let ignored = sunk[variable.symbol.ascii]?.read ?? []
                let depth = (parents[id] ?? []).filter {
                    stepSet.contains($0) && graph[$0].time == variable.time && !ignored.contains(graph[$0].symbol.ascii)
                }.map { (row[graph[$0].symbol.ascii] ?? 0) + 1 }.max() ?? 0
                if depth > row[variable.symbol.ascii] ?? 0 {
                    row[variable.symbol.ascii] = depth
                    changed = true
                }
            }
        }

        // A state a sunk gate reads goes above the state that reads the gate (c_t above h_t).
        if gateRows == .sunkUnderState {
            for (_, ends) in sunk.sorted(by: { $0.key < $1.key }) {
                for upper in ends.read.sorted() {
                    for lower in ends.readers.sorted() {
                        guard let a = row[upper], let b = row[lower], a < b else { continue }
                        for (symbol, r) in row where r == a || r == b { row[symbol] = r == a ? b : a }
                    }
                }
            }
        }

        // Not in the operations view, whose operations stand right below what they feed.
        if raised.isEmpty { Self.raiseChains(graph, stepNodes: stepNodes, edges: edges, rows: &row) }

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
        // a target right of the variable it is compared with (left of a state that fans out to the right).
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
        for (r, order) in laneOrder where order.count == lanes[r]?.count && Set(order) == Set(lanes[r] ?? []) {
            lanes[r] = order
        }
        rowLanes = lanes
        // The symbols with two or more edges into one row of a later step (side 1) or an earlier one
        // (side -1): every step's node alike, the last step's too (which has no step after it). Two are
        // enough: a GRU's h_{t-1} into r_t and z_t crosses half as often from its column's edge (3 crossings
        // instead of 6 at N = 3), the lower layer's state of two stacked LSTMs into the upper gates 19 instead of 25.
        var fanSide: [String: Double] = [:]
        do {
            var fans: [NodeID: [Int: Int]] = [:]
            for edge in edges where raised.isEmpty && stepSet.contains(edge.from) && stepSet.contains(edge.to) {
                guard let s = graph[edge.from].time, let t = graph[edge.to].time, s != t, let r = rowOf[edge.to] else { continue }
                fans[edge.from, default: [:]][t > s ? r + 1 : -r - 1, default: 0] += 1
            }
            var sides: [String: Set<Double>] = [:]
            for (id, rows) in fans {
                let found = rows.filter { $0.value >= Self.fanEdges }.keys.map { $0 > 0 ? 1.0 : -1.0 }
                sides[laneKey[id] ?? "", default: []].formUnion(found)
            }
            for (symbol, found) in sides where found.count == 1 { fanSide[symbol] = found.first! }
        }
        // A target whose partner stands in or under a row along which a state runs from step to step (an
        // LSTM's cell-state chain over h_t, which the loss reads; a GRU's h_t itself) stands in a row of its
        // own above the steps instead: beside its partner, it would stand on the chain or in the way of the
        // edges up to it, and its edge to the loss would cross the chain.
        let chainRows = Set(edges.compactMap { edge -> Int? in
            guard stepSet.contains(edge.from), stepSet.contains(edge.to), graph[edge.from].time != graph[edge.to].time
            else { return nil }
            let symbol = graph[edge.from].symbol.ascii
            return symbol == graph[edge.to].symbol.ascii ? row[symbol] : nil
        })
        let targetRow = (lanes.keys.max() ?? 0) + 1
        var aboveSteps: [NodeID: NodeID] = [:]
        for id in kept {
            guard let partner = partners[id] else { continue }
            let partnerKey = graph[partner].symbol.ascii
            let partnerRow = row[partnerKey] ?? 0
            let r = chainRows.contains { $0 >= partnerRow } ? targetRow : partnerRow
            if chainRows.contains(partnerRow) { aboveSteps[id] = partner }
            let key = graph[id].symbol.ascii + "\u{1}" + partnerKey
            rowOf[id] = r
            laneKey[id] = key
            columns[id] = graph[partner].time
            var list = lanes[r] ?? []
            if !list.contains(key) {
                // On the other side of a state whose fan leaves towards the next step, out of its way.
                let beside = fanSide[partnerKey] == 1 ? 0 : 1
                let after = list.firstIndex(of: partnerKey).map { $0 + beside } ?? list.count
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
        // Lanes as wide as their widest node, rows as tall as their tallest.
        var laneWidth: [String: Double] = [:], rowTall: [Int: Double] = [:]
        for (id, size) in sizes {
            guard let key = laneKey[id], let r = rowOf[id] else { continue }
            laneWidth[key] = max(laneWidth[key] ?? 0, size.width)
            rowTall[r] = max(rowTall[r] ?? 0, size.height)
        }
        let offsets = { (list: [String]) in Self.laneOffsets(list.map { laneWidth[$0] ?? NodeOutline.minimumWidth }) }
        let labelledGaps = Set(labelled.compactMap { edge -> Int? in
            guard let a = rowOf[edge.from], let b = rowOf[edge.to], abs(a - b) == 1,
                  columns[edge.from] != nil, columns[edge.from] == columns[edge.to] else { return nil }
            return max(a, b)
        })
        // Under each row into which a parameter drawn as a node sends enough edges, a lane for each
        // parameter's edge into the row (see `ParameterLanes`), and their turns left of the first column.
        let parameterLanes: (rows: [Int: Int], turns: Int) = laneRoom
            ? Self.parameterLanes(graph, kept: kept, edges: edges, rows: rowOf) : ([:], 0)
        parameterLaneTurns = parameterLanes.turns
        var tall: [Double] = [0]
        for r in 1...max(1, lanes.keys.max() ?? 0) {
            let clearance = labelledGaps.contains(r) ? Self.labelledRowClearance : Self.rowClearance
            let outlines = ((rowTall[r - 1] ?? 0) + (rowTall[r] ?? 0)) / 2
            let wanted = outlines + clearance - Self.rowGap
            let lanesWanted = parameterLanes.rows[r].map {
                outlines + Double($0 + 1) * ParameterLanes.laneGap + 2 * EdgeRouter.clearance - Self.rowGap - noteRow
            } ?? 0
            tall.append(tall[r - 1] + max(0, wanted, lanesWanted))
        }
        // The labelled edges along a row from one column to another, by the tail's column.
        var rowLabels: [Int: [(tail: NodeID, head: NodeID, width: Double)]] = [:]
        for (tail, heads) in labelWidths {
            guard let a = columns[tail] else { continue }
            for (head, width) in heads where columns[head] != nil && columns[head] != a && rowOf[head] == rowOf[tail] {
                rowLabels[a, default: []].append((tail, head, width))
            }
        }
        // The extra room between columns `a` and `b` (their centres `gap` apart) that a label on an
        // edge along a row between them needs: its width and `rowLabelMargin` each side, between the
        // row's last node in column `a` and its first in column `b`.
        func rowLabelRoom(from a: Int, to b: Int, gap: Double) -> Double {
            var room = 0.0
            for (tail, head, width) in rowLabels[a] ?? [] where columns[head] == b {
                let r = rowOf[tail] ?? 0
                let (tails, ends) = (columnLanes(a, r), columnLanes(b, r))
                guard let i = tails.firstIndex(of: laneKey[tail] ?? ""), let j = ends.firstIndex(of: laneKey[head] ?? "")
                else { continue }
                // The free stretch of the row: past the last node right of the tail, before the first left
                // of the head (an edge bent around a target beside the tail has its label there).
                guard i < tails.count, j < ends.count else { continue }
                let tailRight = offsets(tails).xs.last! + (laneWidth[tails.last!] ?? NodeOutline.minimumWidth) / 2
                let headLeft = offsets(ends).xs.first! - (laneWidth[ends.first!] ?? NodeOutline.minimumWidth) / 2
                room = max(room, width + 2 * Self.rowLabelMargin - (gap + headLeft - tailRight))
            }
            return room
        }
        var columnCentre: [Int: Double] = [:]
        var height: (Int) -> Double = { Double($0) * Self.rowGap }
        // Twice when an edge up a column passes a row too close to its nodes: the second
        // time with a lane of its own in that row (see `skipLanes`).
        for pass in 0..<2 {
            var left = 0.0
            var before: (t: Int, width: Double)?
            for t in times {
                let width = present[t]!.keys.map { offsets(columnLanes(t, $0)).width }.max() ?? Self.slot
                if let before {
                    left += rowLabelRoom(from: before.t, to: t, gap: before.width / 2 + columnGap + width / 2)
                }
                columnCentre[t] = left + width / 2
                left += width + columnGap
                before = (t, width)
            }
            var xs: [NodeID: Double] = [:]
            for (id, t) in columns {
                let list = columnLanes(t, rowOf[id] ?? 0)
                let lane = list.firstIndex(of: laneKey[id] ?? "") ?? 0
                xs[id] = (columnCentre[t] ?? 0) + (lane < list.count ? offsets(list).xs[lane] : 0)
            }
            // A node that fans out into a later step (an LSTM's h_t into the next step's gates) moves to
            // its column's edge on that side when it is the last of its row there: its fan then starts
            // past the nodes of its own step instead of over them (and the mirror for an earlier step).
            for id in stepNodes {
                guard let side = fanSide[laneKey[id] ?? ""] else { continue }
                guard let t = columns[id], let r = rowOf[id] else { continue }
                let list = columnLanes(t, r)
                guard let key = laneKey[id], key == (side > 0 ? list.last : list.first) else { continue }
                let edge = present[t]!.keys.map { row -> Double in
                    let offsets = offsets(columnLanes(t, row)).xs
                    return side > 0 ? offsets.last ?? 0 : offsets.first ?? 0
                }
                let x = (columnCentre[t] ?? 0) + (side > 0 ? edge.max() ?? 0 : edge.min() ?? 0)
                xs[id] = side > 0 ? max(xs[id]!, x) : min(xs[id]!, x)
            }
            let rowHeight = Self.rowHeights(graph, edges: edges, labelled: labelled, rows: rowOf, columns: columns,
                                            xs: xs, lanes: { columnLanes($0, $1).count }, top: lanes.keys.max() ?? 0)
            height = { rowHeight($0) + Double($0) * noteRow + tall[max(0, min($0, tall.count - 1))] }
            for (id, x) in xs { positions[id] = (x, height(rowOf[id] ?? 0)) }
            guard pass == 0, raised.isEmpty else { break }
            let skips = Self.skipLanes(graph, edges: edges, rows: rowOf, columns: columns, positions: positions)
            guard !skips.isEmpty else { break }
            for skip in skips {
                var list = lanes[skip.row] ?? []
                guard !list.contains(skip.key) else { continue }
                // Among the lanes of the first column that has it, where its line passes.
                let here = columnLanes(skip.columns[0], skip.row)
                // A node near where the line passes goes to the side where more of its other ends lie (a gate
                // fed from the step before left of the line), so that those edges need not cross it; the
                // line's own ends do not count, and on a tie it keeps its side.
                let before = here.filter { key in
                    columns.contains { (id, t) in
                        guard t == skip.columns[0], rowOf[id] == skip.row, laneKey[id] == key else { return false }
                        let x = positions[id]!.x
                        guard abs(x - skip.x) < Self.skipClearance else { return x < skip.x }
                        let side = Self.side(of: id, from: skip.x, apart: skip.ends, graph, edges: edges,
                                             columns: columns, positions: positions)
                        return side == 0 ? x < skip.x : side < 0
                    }
                }.count
                list.insert(skip.key, at: before < here.count ? list.firstIndex(of: here[before])! : list.count)
                lanes[skip.row] = list
                for t in skip.columns { present[t, default: [:]][skip.row, default: []].insert(skip.key) }
            }
        }
        if !raised.isEmpty { alignBelowReaders(raised, readers: readers, parents: parents, rows: rowOf) }
        // A target above a partner on a chain stands left of the line its partner rises along to the loss,
        // clear of it (a partner under a chain rises around the chain's node above it).
        for (id, partner) in aboveSteps {
            guard let p = positions[partner], let q = positions[id] else { continue }
            let clear = (sizes[id]?.width ?? NodeOutline.minimumWidth) / 2 + Self.laneClearance
            if abs(q.x - p.x) < clear { positions[id]!.x = p.x - clear }
        }

        // Untimed results (the loss): a row above everything they read, centred over it.
        let topRow = (lanes.keys.max() ?? -1) + 1
        let centre = times.isEmpty ? 0 : ((columnCentre[times.first!] ?? 0) + (columnCentre[times.last!] ?? 0)) / 2
        var taken: [Int: [Double]] = [:]
        var untimedRow: [NodeID: Int] = [:]
        var untimed: [(id: NodeID, read: [NodeID])] = []
        for id in kept where graph[id].time == nil && !Self.isParameterLike(graph[id]) {
            let read = (parents[id] ?? []).filter { positions[$0] != nil && !Self.isParameterLike(graph[$0]) }
            let r = max(topRow, (read.compactMap { untimedRow[$0] }.max() ?? -1) + 1)
            var x = read.isEmpty ? centre : read.map { positions[$0]!.x }.reduce(0, +) / Double(read.count)
            while (taken[r] ?? []).contains(where: { abs($0 - x) < Self.slot }) { x += Self.slot }
            taken[r, default: []].append(x)
            untimedRow[id] = r
            untimed.append((id, read))
            positions[id] = (x, 0)
        }
        // Higher when they read many: room for the last legs of each fan, and a level of its own
        // below them for each edge of every fan into the row (`FanRouting`).
        var fanned: [Int: Int] = [:]
        for (id, read) in untimed where read.count >= FanRouting.minimumEdges { fanned[untimedRow[id]!, default: 0] += read.count }
        for (id, read) in untimed {
            let r = untimedRow[id]!
            let fan = read.count >= FanRouting.minimumEdges ? FanRouting.approach : 0
            let levels = read.count >= FanRouting.minimumEdges ? fanned[r]! : read.count
            // And a row above the untimed results it reads, raised as they may be.
            let above = read.filter { untimedRow[$0] != nil }.map { positions[$0]!.y + Self.rowGap }.max() ?? 0
            positions[id]!.y = max(above, height(r) + fan + Double(max(0, levels / 2 - 2)) * Self.fanLevel)
        }

        // An untimed target (a many-to-one label) beside the untimed result it is compared with.
        for id in kept where graph[id].time == nil && graph[id].kind == .target {
            guard let reader = graph.children[id.index].first(where: { positions[$0] != nil }),
                  let partner = (parents[reader] ?? []).first(where: { untimedRow[$0] != nil }),
                  let p = positions[partner] else { continue }
            let widths = [sizes[partner]?.width ?? NodeOutline.minimumWidth, sizes[id]?.width ?? NodeOutline.minimumWidth]
            positions[id] = (p.x + Self.laneOffsets(widths).xs[1] * 2, p.y)
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
        // Room for the turns of the parameters' lanes between the band and the first column.
        let turnRoom = Double(parameterLanes.turns) * ParameterLanes.laneGap
        var previous = -Double.infinity
        var placed: [(NodeID, x: Double, y: Double)] = []
        for (k, (id, y)) in wanted.enumerated() {
            previous = max(y, previous + step)
            let column = Double(k % bandColumns)  // 0 is the rightmost
            placed.append((id, -columnGap - turnRoom - Self.slot / 2 - column * Self.slot, previous))
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

    /// The variables that read a state of their own step and that a state of their own step reads
    /// (a peephole LSTM's o_t, between c_t and h_t), by symbol, with the symbols of those states.
    private static func gatesBetweenStates(_ graph: ComputationGraph, stepNodes: [NodeID],
                                           edges: [(from: NodeID, to: NodeID)]) -> [String: (read: Set<String>, readers: Set<String>)] {
        let stepSet = Set(stepNodes)
        var states = Set<String>()
        for edge in edges where stepSet.contains(edge.from) && stepSet.contains(edge.to) {
            if let s = graph[edge.from].time, let t = graph[edge.to].time, t > s { states.insert(graph[edge.from].symbol.ascii) }
        }
        var found: [String: (read: Set<String>, readers: Set<String>)] = [:]
        for edge in edges where stepSet.contains(edge.from) && stepSet.contains(edge.to)
            && graph[edge.from].time == graph[edge.to].time {
            let (from, to) = (graph[edge.from].symbol.ascii, graph[edge.to].symbol.ascii)
            if states.contains(from) && !states.contains(to) && !graph[edge.to].kind.isLeaf {
                found[to, default: ([], [])].read.insert(from)
            }
            if states.contains(to) && !states.contains(from) && !graph[edge.from].kind.isLeaf {
                found[from, default: ([], [])].readers.insert(to)
            }
        }
        return found.filter { !$0.value.read.isEmpty && !$0.value.readers.isEmpty }
    }

    /// Reorders the rows that hold only states carried to a later step, so that a state that only itself
    /// reads at later steps (a chain, an LSTM's cell state c_t) stands above the states that other
    /// variables of later steps read: an LSTM's h_t, which the next step's gates read, goes below c_t.
    /// The edges from h_t into the next step then stay below the cell-state chain instead of crossing
    /// it, and the chain runs along the top of the steps, as in the textbook diagram of the cell;
    /// c_t → h_t points down. Rows of other symbols keep their places, and the other states their order
    /// (two states that read each other keep their rows by depth); states move only among neighbouring state
    /// rows (in a stack of LSTMs, each layer's own).
    private static func raiseChains(_ graph: ComputationGraph, stepNodes: [NodeID],
                                             edges: [(from: NodeID, to: NodeID)], rows: inout [String: Int]) {
        let stepSet = Set(stepNodes)
        // For each carried state, whether only itself reads it at later steps.
        var chain: [String: Bool] = [:]
        for edge in edges where stepSet.contains(edge.from) && stepSet.contains(edge.to) {
            guard let from = graph[edge.from].time, let to = graph[edge.to].time, to > from else { continue }
            let (state, reader) = (graph[edge.from].symbol.ascii, graph[edge.to].symbol.ascii)
            chain[state] = (chain[state] ?? true) && state == reader
        }
        var symbolsOfRow: [Int: [String]] = [:]
        for (symbol, r) in rows { symbolsOfRow[r, default: []].append(symbol) }
        let stateRows = symbolsOfRow.filter { $0.value.allSatisfy { chain[$0] != nil } }.keys.sorted()
        // Within each run of neighbouring state rows (one layer's c_t and h_t in a stack of LSTMs): a state never
        // moves past the rows that read it or that it reads.
        var runs: [[Int]] = []
        for r in stateRows {
            if let last = runs.last?.last, last == r - 1 { runs[runs.count - 1].append(r) } else { runs.append([r]) }
        }
        let key = { (r: Int) in symbolsOfRow[r]!.allSatisfy { chain[$0]! } ? 1 : 0 }
        for run in runs where run.count > 1 {
            let reordered = run.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }
            for (slot, (_, r)) in zip(run, reordered) {
                for symbol in symbolsOfRow[r]! { rows[symbol] = slot }
            }
        }
    }

    /// Where the other ends of `id`'s edges lie against the line at `x`: the number right of it less the
    /// number left of it (those within a point of it, and the line's own ends, the symbols `apart` in
    /// `id`'s column, not counted).
    private static func side(of id: NodeID, from x: Double, apart: Set<String>, _ graph: ComputationGraph,
                             edges: [(from: NodeID, to: NodeID)], columns: [NodeID: Int],
                             positions: [NodeID: (x: Double, y: Double)]) -> Int {
        edges.reduce(0) { sum, edge in
            guard let other = edge.from == id ? edge.to : edge.to == id ? edge.from : nil,
                  !(apart.contains(graph[other].symbol.ascii) && columns[other] == columns[id]),
                  let p = positions[other], abs(p.x - x) >= 1
            else { return sum }
            return sum + (p.x > x ? 1 : -1)
        }
    }

    /// The centres of nodes `widths` wide side by side, relative to the middle of their row, each pair
    /// `slot` apart or further where wide nodes need it, and the width the row takes.
    static func laneOffsets(_ widths: [Double]) -> (xs: [Double], width: Double) {
        guard let first = widths.first else { return ([], slot) }
        var xs = [0.0]
        for (a, b) in zip(widths, widths.dropFirst()) { xs.append(xs.last! + max(slot, (a + b) / 2 + laneClearance)) }
        let span = xs.last!
        let width = max(Double(widths.count) * slot, span + (first + widths.last!) / 2 + laneClearance)
        return (xs.map { $0 - span / 2 }, width)
    }

    /// A parameter or another untimed leaf: drawn in the parameter band.
    /// The lanes that ``ParameterLanes`` gives the edges of parameters drawn as nodes (kept and untimed):
    /// per row into which one parameter sends ``ParameterLanes/minimumEdges`` edges or more, the number
    /// of parameters' edges into it, and the number of them in all (each turns in the strip left of the
    /// first column); none when they are more than ``ParameterLanes/maximumLanes``.
    private static func parameterLanes(_ graph: ComputationGraph, kept: [NodeID], edges: [(from: NodeID, to: NodeID)],
                                       rows: [NodeID: Int]) -> (rows: [Int: Int], turns: Int) {
        let keptSet = Set(kept)
        var into: [Int: [NodeID: Int]] = [:]
        for edge in edges where keptSet.contains(edge.from) && graph[edge.from].kind == .parameter
            && graph[edge.from].time == nil {
            guard let r = rows[edge.to] else { continue }
            into[r, default: [:]][edge.from, default: 0] += 1
        }
        let lanes = into.filter { $0.value.values.contains { $0 >= ParameterLanes.minimumEdges } }
            .mapValues { $0.values.reduce(0, +) }
        let turns = lanes.values.reduce(0, +)
        return turns > ParameterLanes.maximumLanes ? ([:], 0) : (lanes, turns)
    }

    private static func isParameterLike(_ variable: Variable) -> Bool {
        variable.time == nil && (variable.kind == .parameter || variable.kind.isLeaf)
    }

    /// For each kept target, the kept variable it is compared with: the first other
    /// non-parameter variable of the smallest subexpression, in the definition of
    /// something the target feeds, that reads both. An input that only untimed results read
    /// (a target of one of two losses summed into the loss) counts as a target.
    private static func partners(_ graph: ComputationGraph, kept: [NodeID], keptSet: Set<NodeID>) -> [NodeID: NodeID] {
        let targets = kept.filter { id in
            graph[id].kind == .target || graph[id].kind == .input && !graph.children[id.index].isEmpty
                && graph.children[id.index].allSatisfy { graph[$0].time == nil }
        }
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
