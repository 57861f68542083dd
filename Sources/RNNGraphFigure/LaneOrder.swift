import RNNGraphCore

/// The order of the symbols side by side in each row of a figure (an LSTM's gates i, f, g, o), chosen
/// by the crossings it makes: the order of first appearance in the model unless another order crosses
/// less. Every step's column has the same order, so it is chosen on the first `window` steps alone
/// and holds for every length: a longer figure repeats the same steps. Parameters drawn as nodes do
/// not count, so that every parameter style has the same order.
///
/// Crossings are counted between the straight lines joining the nodes' centres, a measure the router's
/// bends change little (it takes the bend that crosses fewest). Rows are tried one at a time, each in
/// every order when it has at most `everyOrderUpTo` symbols (otherwise each neighbouring pair swapped,
/// and the row reversed), until a round changes nothing; an order is taken only when it crosses
/// strictly less, so that ties keep the model's order, and only when the layout it makes does.
enum LaneOrder {
    /// The steps the order is chosen on.
    static let window = 4
    /// The widest row tried in every order (4! = 24 orders).
    static let everyOrderUpTo = 4
    /// Rounds over the rows at most.
    static let rounds = 3

    /// The order for each row of `drawn`, the layout of `kept` and `edges` (the drawn graph) in the
    /// model's order: `layout(kept, edges, order)` lays out a part of them with the given lane order.
    /// Empty when the model's order crosses least (or no row has two symbols).
    static func best(_ graph: ComputationGraph, kept: [NodeID], edges: [(from: NodeID, to: NodeID)], drawn: FigureLayout,
                     layout: ([NodeID], [(from: NodeID, to: NodeID)], [Int: [String]]) -> FigureLayout) -> [Int: [String]] {
        guard drawn.rowLanes.values.contains(where: { $0.count > 1 }) else { return [:] }
        let times = Set(kept.compactMap { graph[$0].time }).sorted().prefix(window)
        guard let last = times.last else { return [:] }
        // Without the parameters' nodes: every parameter style has the same order.
        let part = kept.filter { graph[$0].time.map { $0 <= last } ?? (graph[$0].kind != .parameter) }
        let partSet = Set(part)
        let partEdges = edges.filter { partSet.contains($0.from) && partSet.contains($0.to) }
        let first = layout(part, partEdges, [:])
        let least = crossings(first.positions, edges: partEdges)
        guard least > 0 else { return [:] }
        // Orders are compared on the first layout's places: the nodes of a row of a column take its
        // places left to right in the order tried (what a new layout does, but for node widths).
        var row: [String: Int] = [:]
        for (r, symbols) in first.rowLanes { for symbol in symbols { row[symbol] = r } }
        var groups: [[Int]: [NodeID]] = [:]
        for (id, t) in first.columns {
            guard let r = row[graph[id].symbol.ascii] else { continue }
            groups[[t, r], default: []].append(id)
        }
        let places = groups.mapValues { $0.map { first.positions[$0]!.x }.sorted() }
        func placed(_ order: [Int: [String]]) -> [NodeID: (x: Double, y: Double)] {
            var positions = first.positions
            for (key, ids) in groups {
                let rank = Dictionary(uniqueKeysWithValues: (order[key[1]] ?? []).enumerated().map { ($1, $0) })
                let sorted = ids.sorted { rank[graph[$0].symbol.ascii] ?? 0 < rank[graph[$1].symbol.ascii] ?? 0 }
                for (id, x) in zip(sorted, places[key]!) { positions[id]!.x = x }
            }
            return positions
        }
        var order = first.rowLanes
        var fewest = crossings(placed(order), edges: partEdges)
        var changed = false
        for _ in 0..<rounds {
            var improved = false
            for r in order.keys.sorted() where order[r]!.count > 1 {
                for candidate in candidates(order[r]!) {
                    var trial = order
                    trial[r] = candidate
                    let count = crossings(placed(trial), edges: partEdges)
                    if count < fewest { (fewest, order, improved, changed) = (count, trial, true, true) }
                }
            }
            guard improved && fewest > 0 else { break }
        }
        // Taken when the layout it makes crosses less than the model's order.
        guard changed, crossings(layout(part, partEdges, order).positions, edges: partEdges) < least else { return [:] }
        return order
    }

    /// The orders of `symbols` to try besides its own.
    static func candidates(_ symbols: [String]) -> [[String]] {
        guard symbols.count > everyOrderUpTo else { return permutations(symbols).filter { $0 != symbols } }
        var found = symbols.indices.dropLast().map { i in
            var swapped = symbols
            swapped.swapAt(i, i + 1)
            return swapped
        }
        found.append(symbols.reversed())
        return found
    }

    /// Every order of `items`, in lexicographic order of their positions.
    private static func permutations(_ items: [String]) -> [[String]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(rest).map { [head] + $0 }
        }
    }

    /// The crossings of the straight lines between the centres of the ends of `edges`.
    static func crossings(_ positions: [NodeID: (x: Double, y: Double)], edges: [(from: NodeID, to: NodeID)]) -> Int {
        let paths = edges.map { edge -> [EdgeRouter.Point] in
            guard let a = positions[edge.from], let b = positions[edge.to] else { return [] }
            return [(x: a.x, y: a.y), (x: b.x, y: b.y)]
        }
        let drawn = PathCrossings(paths: paths)
        return paths.indices.reduce(0) { $0 + drawn.crossings(of: paths[$1], edge: $1) } / 2
    }
}
