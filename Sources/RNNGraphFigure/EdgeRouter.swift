/// Routes the edges of a figure whose nodes are all placed, so that no edge
/// crosses a node: an edge whose straight line is clear stays straight (Graphviz
/// draws it, clipped at the nodes' borders); any other edge gets a path of its
/// own, written as the edge's `pos` (Bézier control points and arrow tip), which
/// Graphviz draws as given.
///
/// A blocked edge first tries short paths through the free bands between rows
/// (leave the tail vertically into the band beside it or beside the head, run
/// along the band, enter the head), keeps the shortest clear one and straightens
/// it wherever a direct segment is clear; only when none is clear does it search
/// a grid (A*) around the nodes. Every choice is a pure function of the
/// positions and sizes, so the output is the same for the same figure.
struct EdgeRouter {
    /// Distance kept between an edge and any node it does not end at.
    static let clearance = 5.0
    /// Radius of the rounded bends.
    static let cornerRadius = 12.0
    /// Length of an arrowhead (Graphviz's 10 points times the figure's `arrowsize` 0.7).
    static let arrowLength = 7.0
    /// Cell size of the fallback grid search.
    static let cell = 8.0
    /// Cost of a bend, in points of length, when choosing between band paths.
    static let bendCost = 30.0
    /// How much longer (in points, bends counted as ``bendCost``) than the cheapest clear path a path
    /// may be that crosses fewer edges.
    static let detourAllowance = 40.0
    /// Where a band path leaves or enters a node: this fraction of its width from the centre.
    static let shoulder = 0.3
    /// How far from a node's side a path bends to pass a node in its way (see `bends`).
    static let besideGap = 2 * clearance

    typealias Point = (x: Double, y: Double)

    private let outlines: [NodeOutline]
    /// Nodes by column of `binWidth` points from `firstBin`, for segment tests that look only nearby.
    private var bins: [[Int]] = []
    private let firstBin: Int
    /// Per node of the tree over the bins (root 1, children 2k and 2k + 1): the lowest
    /// and highest y its nodes reach, clearance included.
    private var low: [Double] = [], high: [Double] = []
    private let binWidth = 96.0
    private let reach: Double
    /// Half the distance between rows: the offset from a node to the band beside it.
    private let band: Double
    private var grid: SearchGrid?
    /// The horizontal runs of the paths routed so far (`y`, from `x0` to `x1`, `x0 < x1`): a later path
    /// does not run along one of them, so that two edges never share a line.
    private var runs: [(y: Double, x0: Double, x1: Double)] = []
    /// Every path laid so far: a later one does not run beside one of them (see `LaidPaths`).
    private var laid = LaidPaths()
    /// How close two horizontal runs may lie, and how far they may overlap, before they share a line.
    private static let runGap = 3.0, runOverlap = 12.0
    /// The middles of the vertical strips that no node covers, left to right (the outermost past the figure's sides).
    private let freeColumns: [Double]

    init(outlines: [NodeOutline], rowGap: Double) {
        self.outlines = outlines
        band = rowGap / 2
        reach = (outlines.map { $0.width }.max() ?? 0) / 2 + Self.clearance
        let binOf = { [binWidth] (x: Double) in Int((x / binWidth).rounded(.down)) }
        firstBin = outlines.map { binOf($0.x) }.min() ?? 0
        bins = Array(repeating: [], count: (outlines.map { binOf($0.x) }.max() ?? 0) - firstBin + 1)
        for (k, outline) in outlines.enumerated() { bins[binOf(outline.x) - firstBin].append(k) }
        low = Array(repeating: .infinity, count: 4 * bins.count)
        high = Array(repeating: -.infinity, count: 4 * bins.count)
        let covered = outlines.map { ($0.x - $0.width / 2 - Self.clearance, $0.x + $0.width / 2 + Self.clearance) }
            .sorted { $0.0 < $1.0 }
        // And one past each side of the figure, as far out as a gap between columns is wide.
        let margin = FigureLayout.columnGap / 2
        var middles = covered.first.map { [$0.0 - margin] } ?? []
        var right = covered.first?.1 ?? 0
        for (left, end) in covered.dropFirst() {
            if left > right { middles.append((left + right) / 2) }
            right = max(right, end)
        }
        if !covered.isEmpty { middles.append(right + margin) }
        freeColumns = middles
        if !bins.isEmpty { build(tree: 1, bins: 0, bins.count - 1) }
    }

    /// Whether the segment from `p` to `q` keeps clear of every node but `a` and `b`.
    ///
    /// The bins form the leaves of a tree that keeps, for each range of bins, the
    /// lowest and highest y any of its nodes reaches; a range whose band the segment
    /// does not enter is skipped whole, so a long segment through an empty band
    /// (the fan into the loss) costs a few steps, not one per bin.
    func isClear(_ p: Point, _ q: Point, except a: Int, _ b: Int) -> Bool {
        guard !bins.isEmpty else { return true }
        return clear(p, q, a, b, tree: 1, bins: 0, bins.count - 1)
    }

    private func clear(_ p: Point, _ q: Point, _ a: Int, _ b: Int, tree: Int, bins l: Int, _ r: Int) -> Bool {
        // The part of the segment over the x-range the nodes of bins l...r can reach.
        let left = Double(firstBin + l) * binWidth - reach, right = Double(firstBin + r + 1) * binWidth + reach
        guard max(p.x, q.x) >= left, min(p.x, q.x) <= right else { return true }
        let y = { (x: Double) in p.x == q.x ? p.y : p.y + (q.y - p.y) * (x - p.x) / (q.x - p.x) }
        let x0 = max(min(p.x, q.x), left), x1 = min(max(p.x, q.x), right)
        let (ya, yb) = p.x == q.x ? (p.y, q.y) : (y(x0), y(x1))
        guard max(ya, yb) >= low[tree], min(ya, yb) <= high[tree] else { return true }
        if l == r {
            for k in bins[l] where k != a && k != b {
                if outlines[k].blocks(p, q, pad: Self.clearance) { return false }
            }
            return true
        }
        // The half nearer `p` first: a segment that is blocked is mostly blocked near its start.
        let m = (l + r) / 2
        if p.x <= Double(firstBin + m + 1) * binWidth {
            return clear(p, q, a, b, tree: 2 * tree, bins: l, m) && clear(p, q, a, b, tree: 2 * tree + 1, bins: m + 1, r)
        }
        return clear(p, q, a, b, tree: 2 * tree + 1, bins: m + 1, r) && clear(p, q, a, b, tree: 2 * tree, bins: l, m)
    }

    /// Fills `low` and `high` for the tree node `tree` over bins l...r.
    private mutating func build(tree: Int, bins l: Int, _ r: Int) {
        if l == r {
            low[tree] = bins[l].map { outlines[$0].y - outlines[$0].height / 2 - Self.clearance }.min() ?? .infinity
            high[tree] = bins[l].map { outlines[$0].y + outlines[$0].height / 2 + Self.clearance }.max() ?? -.infinity
            return
        }
        let m = (l + r) / 2
        build(tree: 2 * tree, bins: l, m)
        build(tree: 2 * tree + 1, bins: m + 1, r)
        low[tree] = min(low[2 * tree], low[2 * tree + 1])
        high[tree] = max(high[2 * tree], high[2 * tree + 1])
    }

    /// The nodes of the bins that the x-range of the segment from `p` to `q` reaches into.
    private func besideBins(_ p: Point, _ q: Point) -> [Int] {
        guard !bins.isEmpty else { return [] }
        let binOf = { (x: Double) in Int((x / self.binWidth).rounded(.down)) - self.firstBin }
        let l = max(0, binOf(min(p.x, q.x) - reach)), r = min(bins.count - 1, binOf(max(p.x, q.x) + reach))
        return l <= r ? (l...r).flatMap { bins[$0] } : []
    }

    /// The nearest corridor beside `x` on `side` (both sides when 0).
    func corridors(near x: Double, side: Double) -> [Double] {
        // The first corridor right of x (binary search), and the one before it.
        var low = 0, high = freeColumns.count
        while low < high {
            let mid = (low + high) / 2
            if freeColumns[mid] <= x { low = mid + 1 } else { high = mid }
        }
        var found: [Double] = []
        if side <= 0, low > 0 { found.append(freeColumns[low - 1]) }
        if side >= 0, low < freeColumns.count { found.append(freeColumns[low]) }
        return found
    }

    /// Keeps the straight edge from node `a` to node `b` along a row (a state chain), when it is
    /// clear, as a run that paths routed later keep off, whichever edge comes first.
    mutating func reserveRow(from a: Int, to b: Int) {
        let p = (x: outlines[a].x, y: outlines[a].y), q = (x: outlines[b].x, y: outlines[b].y)
        if abs(p.y - q.y) < 0.5, abs(p.x - q.x) > Self.runOverlap, isClear(p, q, except: a, b) { record([p, q]) }
    }

    /// The bends of a path from node `a` to node `b` (centres excluded), or nil
    /// when the straight line is clear. Of its clear paths no more than ``detourAllowance``
    /// costlier than the cheapest, the edge takes the one that `crossings` counts fewest
    /// crossings of other edges for (the cheapest of those); `crossings` may stop counting
    /// at the limit it is given (the fewest found so far).
    mutating func bends(from a: Int, to b: Int, crossings: (([Point], Int) -> Int)? = nil) -> [Point]? {
        let p = (x: outlines[a].x, y: outlines[a].y), q = (x: outlines[b].x, y: outlines[b].y)
        // A straight edge along a row (a state chain) is a run later paths keep off.
        if isClear(p, q, except: a, b) {
            record([p, q])
            return nil
        }
        let up = q.y > p.y ? 1.0 : q.y < p.y ? -1.0 : 0
        var levels = [p.y + band * (up == 0 ? 1 : up), q.y - band * (up == 0 ? -1 : up),
                      p.y - band * (up == 0 ? 1 : up), q.y + band * (up == 0 ? -1 : up)]
        // Along a row: rightwards above it, leftwards below, so that two edges between
        // the same neighbours in opposite directions do not share a band.
        // A band another path already runs along is passed over (see `runsAlongOthers`), so that a
        // recurrence two steps back alternates above and below the row.
        if up == 0 { levels = q.x >= p.x ? [p.y + band, p.y - band] : [p.y - band, p.y + band] }
        // Leave and enter at a node's shoulder, on the side of the other end, so that
        // the path does not run along an edge that leaves the node straight up or down.
        let side = q.x > p.x ? 1.0 : q.x < p.x ? -1.0 : 0
        let leave = p.x + side * outlines[a].width * Self.shoulder
        let enter = q.x - side * outlines[b].width * Self.shoulder
        var candidates: [[Point]] = []
        for level in levels {
            candidates.append([(leave, level)])
            candidates.append([(enter, level)])
            candidates.append([(leave, level), (enter, level)])
        }
        // Across rows: a deeper level beside the tail too, below or above edges that leave the tail's
        // neighbours through its band.
        if up != 0 {
            for point in [leave, enter] { candidates.append([(point, p.y + 1.5 * band * up)]) }
        }
        // Along a row: just past each node of the row in the way, so that the path leaves and enters
        // its ends at a shallow slant (above or below the edges that reach them from the rows beside).
        if up == 0 {
            for node in outlines where abs(node.y - p.y) < 1 && (node.x - p.x) * (node.x - q.x) < 0 {
                for level in levels { candidates.append([(node.x, level)]) }
            }
        }
        // Across rows: past the side of a node in the way in a row between the ends (the inputs' edges
        // past a gate up to the state above it), one bend beside it, as `dot` bends a long edge at the
        // virtual node it gives the edge in each rank between its ends.
        if up != 0 {
            for (k, node) in besideBins(p, q).map({ ($0, outlines[$0]) }) where k != a && k != b
                && (node.y - p.y) * (node.y - q.y) < 0 && node.blocks(p, q, pad: Self.clearance) {
                for sign in [-1.0, 1.0] {
                    candidates.append([(node.x + sign * (node.width / 2 + Self.besideGap), node.y)])
                }
            }
        }
        // Across rows: along the band beside the tail to the nearest free vertical
        // corridor towards the head (or the head's nearest towards the tail), along
        // it to the band beside the head.
        // Out sideways first: level to the nearest free strip towards the head (past the
        // parameters beside a parameter), then down or up it to the band beside the head.
        for x in corridors(near: p.x, side: side) {
            candidates.append([(x, p.y)])
            candidates.append([(x, p.y), (x, levels[1]), (enter, levels[1])])
        }
        for x in corridors(near: p.x, side: side) + corridors(near: q.x, side: -side) {
            for (from, to) in zip(levels.prefix(up == 0 ? 2 : 1), levels.dropFirst().prefix(1)) {
                candidates.append([(leave, from), (x, from), (x, to), (enter, to)])
            }
        }
        // The cheapest clear candidate (ties to the first listed): test in order of cost.
        let ranked = candidates.enumerated().map { (k, via) in
            (cost: length([p] + via + [q]) + Self.bendCost * Double(via.count), order: k, via: via)
        }.sorted { $0.cost != $1.cost ? $0.cost < $1.cost : $0.order < $1.order }
        // A bend inside either end node would not be drawn (see `spline`): such a path is not one.
        let outside = { (point: Point) in
            !self.outlines[a].contains(point, pad: 1) && !self.outlines[b].contains(point, pad: 1)
        }
        // The clear candidates, in order of cost, up to the dearest any rule below may take.
        var clear: [(cost: Double, order: Int, via: [Point])] = []
        let reach = max(Self.detourAllowance, 2 * Self.bendCost)
        for candidate in ranked where candidate.via.allSatisfy(outside) {
            if let cheapest = clear.first?.cost, candidate.cost > cheapest + reach { break }
            let path = [p] + candidate.via + [q]
            if zip(path, path.dropFirst()).allSatisfy({ isClear($0, $1, except: a, b) }), !runsAlongOthers(path) {
                clear.append(candidate)
            }
        }
        guard let cheapest = clear.first?.cost else {
            if grid == nil { grid = SearchGrid(outlines: outlines, cell: Self.cell, pad: Self.clearance) }
            guard let cells = grid!.path(from: a, to: b) else { return [] }
            return straightened([p] + cells.filter(outside) + [q], a, b)
        }
        // A path that runs beside no path laid before (a shallow crossing) for at most two bends more than
        // the cheapest comes first; among the rest those no more than ``detourAllowance`` dearer. Of the
        // first group that has any, the one that crosses fewest other edges (the cheapest of those).
        let besideFree = clear.filter { $0.cost <= cheapest + 2 * Self.bendCost && !runsBesideLaid([p] + $0.via + [q], a, b) }
        let pool = besideFree.isEmpty ? clear.filter { $0.cost <= cheapest + Self.detourAllowance } : besideFree
        var best: (bends: [Point], crossings: Int)?
        for chosen in pool {
            let straightened = straightened([p] + chosen.via + [q], a, b)
            // Straightened, it may come to run beside another path: then as found.
            let kept = runsBesideLaid([p] + straightened + [q], a, b) && !runsBesideLaid([p] + chosen.via + [q], a, b)
                ? Array(chosen.via) : straightened
            let count = crossings?([p] + kept + [q], best?.crossings ?? .max) ?? 0
            if count < best?.crossings ?? .max { best = (kept, count) }
            if count == 0 { break }
        }
        record([p] + best!.bends + [q])
        return best!.bends
    }

    /// Whether a horizontal piece of `path` lies on a run of a path routed before (within ``runGap``, for
    /// more than ``runOverlap``).
    private func runsAlongOthers(_ path: [Point]) -> Bool {
        zip(path, path.dropFirst()).contains { p, q in
            guard abs(p.y - q.y) < 0.5 else { return false }
            let (x0, x1) = (min(p.x, q.x), max(p.x, q.x))
            return runs.contains { abs($0.y - p.y) < Self.runGap && min($0.x1, x1) - max($0.x0, x0) > Self.runOverlap }
        }
    }

    /// Whether `path` from node `a` to node `b` runs beside a path laid before.
    private func runsBesideLaid(_ path: [Point], _ a: Int, _ b: Int) -> Bool {
        laid.runsAlong(path, tail: outlines[a], head: outlines[b])
    }

    /// Keeps a routed path for ``runsBesideLaid(_:_:_:)``, and its horizontal pieces for ``runsAlongOthers(_:)``
    /// (a path routed elsewhere, such as a fan's, recorded so that later paths keep off it).
    mutating func record(_ path: [Point]) {
        laid.add(path)
        for (p, q) in zip(path, path.dropFirst()) where abs(p.y - q.y) < 0.5 && abs(p.x - q.x) > Self.runOverlap {
            runs.append((p.y, min(p.x, q.x), max(p.x, q.x)))
        }
    }

    /// The path with every bend removed that a clear straight segment can skip,
    /// without its end points.
    private func straightened(_ path: [Point], _ a: Int, _ b: Int) -> [Point] {
        var kept: [Point] = []
        var i = 0
        while i < path.count - 1 {
            var j = path.count - 1
            while j > i + 1 && !isClear(path[i], path[j], except: a, b) { j -= 1 }
            if j < path.count - 1 { kept.append(path[j]) }
            i = j
        }
        return kept
    }

    private func length(_ path: [Point]) -> Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + distance($1.0, $1.1) }
    }

    /// The path of an edge from `a` to `b` through `bends`: starts on the tail's
    /// border (at `start` when given, else where the first leg leaves the tail's centre),
    /// bends rounded, the arrow's tip on the head's border (at `tip` when given, else
    /// where the last leg points at the head's centre).
    func spline(from a: Int, to b: Int, bends: [Point], start port: Point? = nil, tip given: Point? = nil) -> Spline {
        let tail = outlines[a], head = outlines[b]
        // Bends inside either end node would pull the path back through it.
        let via = bends.filter { !tail.contains($0, pad: 1) && !head.contains($0, pad: 1) }
        let first = via.first ?? given ?? (head.x, head.y), last = via.last ?? port ?? (tail.x, tail.y)
        let start = port ?? tail.border(towards: first)
        let tip = given ?? head.border(towards: last)
        let approach = distance(last, tip)
        let u = approach > 0 ? ((tip.x - last.x) / approach, (tip.y - last.y) / approach) : (0.0, 0.0)
        let shortened = min(Self.arrowLength, approach / 2)
        let end = (x: tip.x - shortened * u.0, y: tip.y - shortened * u.1)

        let points = [start] + via + [end]
        var controls: [Point] = [start]
        var current = start
        func straight(to target: Point) {
            controls.append((current.x + (target.x - current.x) / 3, current.y + (target.y - current.y) / 3))
            controls.append((current.x + 2 * (target.x - current.x) / 3, current.y + 2 * (target.y - current.y) / 3))
            controls.append(target)
            current = target
        }
        for k in 1..<(points.count - 1) {
            let corner = points[k], before = points[k - 1], after = points[k + 1]
            let radius = min(Self.cornerRadius, distance(before, corner) / 2, distance(corner, after) / 2)
            let enter = towards(corner, before, radius), leave = towards(corner, after, radius)
            straight(to: enter)
            controls.append((enter.x + 2 * (corner.x - enter.x) / 3, enter.y + 2 * (corner.y - enter.y) / 3))
            controls.append((leave.x + 2 * (corner.x - leave.x) / 3, leave.y + 2 * (corner.y - leave.y) / 3))
            controls.append(leave)
            current = leave
        }
        straight(to: end)
        return Spline(points: controls.map(Spline.rounded), tip: Spline.rounded(tip))
    }

    /// The point `distance` points from `p` towards `q`.
    private func towards(_ p: Point, _ q: Point, _ distance: Double) -> Point {
        let d = self.distance(p, q)
        guard d > 0 else { return p }
        return (p.x + (q.x - p.x) * distance / d, p.y + (q.y - p.y) * distance / d)
    }

    private func distance(_ p: Point, _ q: Point) -> Double {
        ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
    }

}

/// The fallback search: a grid of cells over the figure, each free or covered
/// by a node grown by the clearance; A* with eight moves from one node's centre
/// to another's, through free cells and the cells of the two end nodes.
private struct SearchGrid {
    private let outlines: [NodeOutline]
    private let cell: Double
    private let originX: Double, originY: Double
    private let columns: Int, rows: Int
    /// The node covering each cell: -1 for none, -2 for more than one.
    private var owner: [Int32]
    /// Per cell: the number of the last search that reached it, its cost and the cell it was reached from.
    private var stamp: [Int32], cost: [Double], from: [Int32]
    private var search: Int32 = 0

    /// The most cells one search may visit before the edge is left straight.
    static let maximumVisits = 400_000

    init(outlines: [NodeOutline], cell: Double, pad: Double) {
        self.outlines = outlines
        self.cell = cell
        let margin = 6 * cell
        originX = (outlines.map { $0.x - $0.width / 2 }.min() ?? 0) - margin
        originY = (outlines.map { $0.y - $0.height / 2 }.min() ?? 0) - margin
        let maxX = (outlines.map { $0.x + $0.width / 2 }.max() ?? 0) + margin
        let maxY = (outlines.map { $0.y + $0.height / 2 }.max() ?? 0) + margin
        columns = Int(((maxX - originX) / cell).rounded(.up)) + 1
        rows = Int(((maxY - originY) / cell).rounded(.up)) + 1
        owner = Array(repeating: -1, count: columns * rows)
        stamp = Array(repeating: 0, count: columns * rows)
        cost = Array(repeating: 0, count: columns * rows)
        from = Array(repeating: -1, count: columns * rows)
        for (k, outline) in outlines.enumerated() {
            let c0 = max(0, Int(((outline.x - outline.width / 2 - pad - originX) / cell).rounded(.down)))
            let c1 = min(columns - 1, Int(((outline.x + outline.width / 2 + pad - originX) / cell).rounded(.up)))
            let r0 = max(0, Int(((outline.y - outline.height / 2 - pad - originY) / cell).rounded(.down)))
            let r1 = min(rows - 1, Int(((outline.y + outline.height / 2 + pad - originY) / cell).rounded(.up)))
            for r in r0...r1 {
                for c in c0...c1 where outline.contains(centre(r * columns + c), pad: pad + cell / 2) {
                    let i = r * columns + c
                    owner[i] = owner[i] == -1 ? Int32(k) : -2
                }
            }
        }
    }

    private func centre(_ index: Int) -> (x: Double, y: Double) {
        (originX + Double(index % columns) * cell, originY + Double(index / columns) * cell)
    }

    private func index(_ p: (x: Double, y: Double)) -> Int {
        let c = min(columns - 1, max(0, Int(((p.x - originX) / cell).rounded())))
        let r = min(rows - 1, max(0, Int(((p.y - originY) / cell).rounded())))
        return r * columns + c
    }

    /// The centres of the cells where the shortest path from `a` to `b` turns, or nil if there is none.
    mutating func path(from a: Int, to b: Int) -> [(x: Double, y: Double)]? {
        let start = index((outlines[a].x, outlines[a].y)), goal = index((outlines[b].x, outlines[b].y))
        let (gc, gr) = (goal % columns, goal / columns)
        func heuristic(_ i: Int) -> Double {
            let dx = Double(abs(i % columns - gc)), dy = Double(abs(i / columns - gr))
            return max(dx, dy) + (2.squareRoot() - 1) * min(dx, dy)
        }
        // Costs and back links of this search only: a cell whose stamp is not the
        // current search's has not been reached yet.
        search += 1
        func reached(_ i: Int) -> Double { stamp[i] == search ? cost[i] : .infinity }
        stamp[start] = search
        cost[start] = 0
        from[start] = -1
        var open = Heap()
        open.push((heuristic(start), 0, start))
        var visits = 0
        let moves = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
        let (ownA, ownB) = (Int32(a), Int32(b))
        while let (_, g, i) = open.pop() {
            if i == goal { break }
            if g > reached(i) { continue }
            visits += 1
            if visits > Self.maximumVisits { return nil }
            let (c, r) = (i % columns, i / columns)
            for (dc, dr) in moves {
                let nc = c + dc, nr = r + dr
                guard nc >= 0, nc < columns, nr >= 0, nr < rows else { continue }
                let j = nr * columns + nc
                let o = owner[j]
                guard o == -1 || o == ownA || o == ownB else { continue }
                let ng = g + (dc != 0 && dr != 0 ? 2.squareRoot() : 1)
                if ng < reached(j) {
                    stamp[j] = search
                    cost[j] = ng
                    from[j] = Int32(i)
                    open.push((ng + heuristic(j), ng, j))
                }
            }
        }
        guard stamp[goal] == search else { return nil }
        var cells = [goal]
        while from[cells.last!] >= 0 { cells.append(Int(from[cells.last!])) }
        cells.reverse()
        // Keep the cells where the direction changes.
        var turns: [(x: Double, y: Double)] = []
        for k in 1..<max(1, cells.count - 1) {
            let d1 = cells[k] - cells[k - 1], d2 = cells[k + 1] - cells[k]
            if d1 != d2 { turns.append(centre(cells[k])) }
        }
        return turns
    }
}

/// A binary min-heap of (priority, cost, cell), ties broken by cell, so that the
/// search visits cells in the same order every time.
private struct Heap {
    private var items: [(Double, Double, Int)] = []

    private static func less(_ a: (Double, Double, Int), _ b: (Double, Double, Int)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1 != b.1 ? a.1 > b.1 : a.2 < b.2
    }

    mutating func push(_ item: (Double, Double, Int)) {
        items.append(item)
        var k = items.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            guard Self.less(items[k], items[parent]) else { break }
            items.swapAt(k, parent)
            k = parent
        }
    }

    mutating func pop() -> (Double, Double, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var k = 0
            while true {
                let l = 2 * k + 1, r = l + 1
                var m = k
                if l < items.count && Self.less(items[l], items[m]) { m = l }
                if r < items.count && Self.less(items[r], items[m]) { m = r }
                if m == k { break }
                items.swapAt(k, m)
                k = m
            }
        }
        return top
    }
}
