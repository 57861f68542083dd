/// Edges out of parameters drawn as nodes (boxes in the band left of the steps) into a row of the
/// steps where a parameter sends three or more: each edge gets a lane of its own under that row, as
/// libavoid nudges parallel connectors apart. It leaves the box's right side at a point of its own,
/// turns down (or up) at an abscissa of its own in the strip right of the boxes, runs along its lane
/// and turns up into its head at a point of its own left of the head's centre. The edges then meet
/// other edges only at right angles: none runs along another, as straight or banded paths from one
/// box to three steps or more did (two of them a degree apart for a hundred points).
///
/// Where some row's lanes or turns do not fit (a node in the way, the next row too close), every edge
/// is left to the ``EdgeRouter``.
struct ParameterLanes {
    typealias Point = EdgeRouter.Point

    /// The fewest edges from one parameter into one row that give the row's edges lanes (two are drawn
    /// apart by the ``EdgeRouter`` without running along each other).
    static let minimumEdges = 3
    /// The most lanes a figure gets (`FigureLayout` makes room for them): more would make a figure
    /// taller and wider than the figure itself.
    static let maximumLanes = 48
    /// Distance between two lanes, and between two turns in the strip right of the boxes.
    static let laneGap = 6.0
    /// Distance between two edges turning up into one head, and from its centre (where an edge from
    /// right below it comes in).
    static let entryGap = 8.0
    /// How far inside a head's sides the outermost edge turns up into it.
    static let entryInset = 1.0

    /// For each routed edge (by index into `ends`): where it leaves its tail, its bends, and its arrow's tip.
    private(set) var routes: [Int: (start: Point, bends: [Point], tip: Point)] = [:]

    private struct Edge {
        let k: Int, tail: Int, head: Int
        var lane = 0.0, entry = 0.0
    }

    /// Routes the lanes among `ends` (tail and head outline indices per edge) around `outlines`, leaving
    /// out the edges of `taken` (routed already) and edges from or to `texts` (notes).
    init(ends: [(Int, Int)?], outlines: [NodeOutline], texts: Set<Int>, router: EdgeRouter, taken: Set<Int>) {
        var candidates: [Edge] = []
        for (k, end) in ends.enumerated() where !taken.contains(k) {
            guard let (a, b) = end, a != b, outlines[a].form == .box, !texts.contains(a), !texts.contains(b) else { continue }
            let (tail, head) = (outlines[a], outlines[b])
            guard head.x - head.width / 2 > tail.x + tail.width / 2 + 2 * EdgeRouter.clearance else { continue }
            candidates.append(Edge(k: k, tail: a, head: b))
        }
        // The rows (heights of heads) into which one parameter sends two edges or more.
        var rows: [Int: [Edge]] = [:]
        for edge in candidates { rows[Int(outlines[edge.head].y.rounded()), default: []].append(edge) }
        let kept = rows.keys.sorted().filter { key in
            Dictionary(grouping: rows[key]!, by: \.tail).values.contains { $0.count >= Self.minimumEdges }
        }
        // Lanes under each row, the nearest heads' innermost; several edges into one head turn up left to right
        // from the innermost lane's, so that no lane passes through another's turn.
        for key in kept {
            let rowY = Double(key)
            let bottom = outlines.indices.filter { !texts.contains($0) && abs(outlines[$0].y - rowY) < 0.5 }
                .map { outlines[$0].y - outlines[$0].height / 2 }.min() ?? rowY
            let ordered = rows[key]!.sorted {
                let (p, q) = (outlines[$0.head], outlines[$1.head])
                if p.x != q.x { return p.x < q.x }
                let (s, t) = (outlines[$0.tail], outlines[$1.tail])
                return s.y != t.y ? s.y > t.y : $0.k < $1.k
            }
            let count = Dictionary(grouping: ordered, by: \.head).mapValues(\.count)
            let deepest = bottom - EdgeRouter.clearance - Self.laneGap * Double(ordered.count)
            var offsets: [Int: [Double]] = [:]
            for (head, n) in count {
                // Where the head's other edges from below pass the lanes' band, as offsets from its centre.
                var passing: [(Double, Double)] = []
                for case let (k, (a, b)?) in ends.enumerated() where b == head && a != head {
                    let (p, q) = (outlines[a], outlines[b])
                    guard p.y < bottom, !ordered.contains(where: { $0.k == k }) else { continue }
                    let u: Double = p.x + (q.x - p.x) * (max(deepest, p.y) - p.y) / (q.y - p.y) - q.x
                    let v: Double = p.x + (q.x - p.x) * (bottom - p.y) / (q.y - p.y) - q.x
                    passing.append((min(u, v), max(u, v)))
                }
                offsets[head] = Self.entryOffsets(n, width: outlines[head].width, passing: passing)
            }
            var into: [Int: Int] = [:]
            rows[key] = ordered.enumerated().map { rank, edge in
                var edge = edge
                edge.lane = bottom - EdgeRouter.clearance - Self.laneGap * Double(rank + 1)
                let i = into[edge.head, default: 0]
                into[edge.head] = i + 1
                edge.entry = outlines[edge.head].x + offsets[edge.head]![i]
                return edge
            }
        }
        guard kept.map({ rows[$0]!.count }).reduce(0, +) <= Self.maximumLanes else { return }
        // All or none: lanes for some rows alone would push the other parameters' edges, routed around them,
        // onto one another.
        let laid = Self.lay(kept.flatMap { rows[$0]! }, outlines: outlines)
        let clear = !laid.isEmpty && kept.allSatisfy { key in
            rows[key]!.allSatisfy { edge in
                let route = laid[edge.k]!
                let path = [route.start] + route.bends + [route.tip]
                return zip(path, path.dropFirst()).allSatisfy { router.isClear($0, $1, except: edge.tail, edge.head) }
            }
        }
        if clear && !Self.runAlong(laid) { routes = laid }
    }

    /// Whether two of the `laid` paths run along each other: a path leaving its box at the height of
    /// another's lane (a box low in the band, a lane far under its row) over the stretch both cover.
    private static func runAlong(_ laid: [Int: (start: Point, bends: [Point], tip: Point)]) -> Bool {
        var runs: [(y: Double, x0: Double, x1: Double)] = []
        for route in laid.values {
            let path = [route.start] + route.bends + [route.tip]
            for (p, q) in zip(path, path.dropFirst()) where abs(p.y - q.y) < 0.5 {
                runs.append((p.y, min(p.x, q.x), max(p.x, q.x)))
            }
        }
        for (i, a) in runs.enumerated() {
            for b in runs[(i + 1)...] where abs(a.y - b.y) < Self.laneGap / 2 && min(a.x1, b.x1) - max(a.x0, b.x0) > 0 {
                return true
            }
        }
        return false
    }

    /// Where `count` edges turn up into a head `width` wide, left to right, as offsets from its centre:
    /// ``entryGap`` apart and off the centre, left of it as far as the head is wide (a lane then crosses
    /// no edge that comes in under the centre), the rest right of it; away from the stretches `passing`
    /// where other edges from below pass the lanes as far as there are spots (a turn up along such an
    /// edge would run beside it); more edges than spots spread evenly across the head.
    private static func entryOffsets(_ count: Int, width: Double, passing: [(Double, Double)]) -> [Double] {
        // Inside the head, off its border's steepest part.
        let half = width / 2 - Self.entryInset
        let reach = max(1, Int(half / Self.entryGap))
        var spots: [Double] = []
        for k in 1...reach { spots.append(-Self.entryGap * Double(k)) }
        for k in 1...reach { spots.append(Self.entryGap * Double(k)) }
        guard spots.count >= count else {
            // More edges than spots: spread evenly across the head.
            return (0..<count).map { -half + 2 * half * (Double($0) + 0.5) / Double(count) }
        }
        let free = spots.filter { (x: Double) -> Bool in
            passing.allSatisfy { (low: Double, high: Double) -> Bool in x < low - Self.laneGap || x > high + Self.laneGap }
        }
        // The free spots first, then the others (in the order tried).
        let chosen: [Double] = free + spots.filter { !free.contains($0) }
        return chosen.prefix(count).sorted()
    }

    /// The paths of `edges` (lanes and entries given): each leaves its tail's right side at a point of its
    /// own (the higher its lane, the higher the point) and turns at an abscissa of its own right of every
    /// tail; none when no order of the turns keeps every path off the others.
    private static func lay(_ edges: [Edge], outlines: [NodeOutline]) -> [Int: (start: Point, bends: [Point], tip: Point)] {
        var ports: [Int: Point] = [:]
        for (tail, out) in Dictionary(grouping: edges, by: \.tail) {
            let box = outlines[tail]
            let sorted = out.sorted { $0.lane != $1.lane ? $0.lane > $1.lane : $0.k < $1.k }
            // A lane's gap apart round the middle of the side (where the gap between the boxes of a band
            // column right of it lies), as far as the side reaches.
            let span = min(max(0, box.height / 2 - 4), Self.laneGap * Double(sorted.count - 1) / 2)
            for (i, edge) in sorted.enumerated() {
                let share = sorted.count == 1 ? 0 : 1 - 2 * Double(i) / Double(sorted.count - 1)
                ports[edge.k] = (box.x + box.width / 2, box.y + span * share)
            }
        }
        let right = edges.map { outlines[$0.tail].x + outlines[$0.tail].width / 2 }.max() ?? 0
        // Down from the tails: the lower tails' nearer (a higher tail's edge passes right of them), of one
        // tail the lowest lane first; up from the tails the other way round.
        let key = { (edge: Edge) -> (Int, Double, Double) in
            let down = edge.lane < ports[edge.k]!.y, y = outlines[edge.tail].y
            return down ? (1, y, edge.lane) : (0, -y, -edge.lane)
        }
        var pending = edges.sorted {
            let (a, b) = (key($0), key($1))
            return a != b ? a < b : $0.k < $1.k
        }
        // An edge that leaves its box at the height of another's lane turns before that one, so that
        // it has turned before the lane begins: the first in that order whose predecessors have turned.
        let before = { (e: Edge, f: Edge) in e.k != f.k && abs(ports[e.k]!.y - f.lane) < Self.laneGap / 2 }
        var turning: [Edge] = []
        while let next = pending.firstIndex(where: { f in !pending.contains { e in before(e, f) } }) {
            turning.append(pending.remove(at: next))
        }
        guard pending.isEmpty else { return [:] }
        var routes: [Int: (start: Point, bends: [Point], tip: Point)] = [:]
        for (i, edge) in turning.enumerated() {
            let start = ports[edge.k]!
            let x = right + Self.laneGap * Double(i + 1)
            let head = outlines[edge.head]
            let dx = (edge.entry - head.x) / (head.width / 2)
            let tip = head.form == .ellipse
                ? (x: edge.entry, y: head.y - head.height / 2 * (max(0, 1 - dx * dx)).squareRoot())
                : (x: edge.entry, y: head.y - head.height / 2)
            routes[edge.k] = (start, [(x, start.y), (x, edge.lane), (edge.entry, edge.lane)], tip)
        }
        return routes
    }
}
