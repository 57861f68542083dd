/// Places edge labels beside their own edge, clear of nodes, of the labels placed
/// before and of other edges: each label tries spots along its edge (the middle
/// first, then outwards), on either side, just off the line, and takes the first
/// that touches nothing and is nearer its own edge than any other; then the same
/// spots on the line itself; when none is free, the spot with the fewest conflicts (nodes and labels weigh most),
/// and of those the one farthest from other edges past its own. Nodes, edge
/// segments and placed labels are kept in a grid, so a label looks only nearby.
struct LabelPlacement {
    typealias Point = EdgeRouter.Point

    /// Space between a label and its edge, and around it.
    static let gap = 2.0
    /// Space kept between two labels side by side, past `gap`, so that they do not read as one.
    static let labelSpacing = 8.0
    /// How much nearer its own edge than any other a label's centre must be, in points.
    static let margin = 4.0
    /// Where along its edge a label tries to sit, as fractions of the edge's length.
    /// Then the points half-way between them, for a label none of those leaves room for (among crossing edges).
    static let spots = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9] + halfways
    /// The same for an edge of a fan out of its tail: nearer the head first, where the fan has spread.
    static let fanSpots = [0.7, 0.6, 0.8, 0.5, 0.4, 0.3, 0.2, 0.1, 0.9] + halfways
    private static let halfways = [0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]

    private struct Box {
        var minX, minY, maxX, maxY: Double
        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    private static let cellSize = 48.0
    private let outlines: [NodeOutline]
    private let paths: [[Point]]
    /// The grid of cells over the nodes and edges (a cell beyond it counts as the nearest cell on its
    /// border), and per cell the nodes, edge segments and placed labels in it.
    private let originX: Int, originY: Int, columns: Int, rows: Int
    private var nodeCells: [[Int]]
    /// The edge segments by cell, all cells in one array: cell `c`'s are
    /// `segments[segmentStart[c]..<segmentStart[c + 1]]`, in the order of their edges.
    private var segmentStart: [Int] = []
    private var segments: [(path: Int, k: Int)] = []
    private var labels: [Box] = []
    private var labelCells: [[Int]]

    /// A placement among `outlines` and the edges drawn along `paths` (polylines, by edge).
    init(outlines: [NodeOutline], paths: [[Point]]) {
        self.outlines = outlines
        self.paths = paths
        // The extent of every node and path point.
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        func extend(_ x: Double, _ y: Double) {
            (minX, maxX, minY, maxY) = (min(minX, x), max(maxX, x), min(minY, y), max(maxY, y))
        }
        for outline in outlines {
            extend(outline.x - outline.width / 2, outline.y - outline.height / 2)
            extend(outline.x + outline.width / 2, outline.y + outline.height / 2)
        }
        for path in paths {
            for point in path { extend(point.x, point.y) }
        }
        if minX > maxX { (minX, minY, maxX, maxY) = (0, 0, 0, 0) }
        let cell = { (v: Double) in Self.column(v) }
        originX = cell(minX)
        originY = cell(minY)
        columns = cell(maxX) - originX + 1
        rows = cell(maxY) - originY + 1
        nodeCells = Array(repeating: [], count: columns * rows)
        labelCells = Array(repeating: [], count: columns * rows)
        for (k, outline) in outlines.enumerated() {
            for cell in cells(Self.box(of: outline)) { nodeCells[cell].append(k) }
        }
        // Every (cell, segment) pair, then sorted by cell keeping their order (a counting sort).
        var found: [(cell: Int, path: Int, k: Int)] = []
        for (e, path) in paths.enumerated() {
            for k in path.indices.dropLast() {
                forEachCell(along: path[k], path[k + 1]) { found.append(($0, e, k)) }
            }
        }
        var start = Array(repeating: 0, count: columns * rows + 1)
        for entry in found { start[entry.cell + 1] += 1 }
        for c in 0..<columns * rows { start[c + 1] += start[c] }
        var next = start
        var sorted = Array(repeating: (path: 0, k: 0), count: found.count)
        for entry in found {
            sorted[next[entry.cell]] = (entry.path, entry.k)
            next[entry.cell] += 1
        }
        segmentStart = start
        segments = sorted
    }

    private static func box(of outline: NodeOutline) -> Box {
        Box(minX: outline.x - outline.width / 2, minY: outline.y - outline.height / 2,
            maxX: outline.x + outline.width / 2, maxY: outline.y + outline.height / 2)
    }

    /// The number of the grid line at or below `v` (`v / cellSize` rounded down, without a call
    /// to the C library's `floor`: a figure takes tens of thousands).
    private static func column(_ v: Double) -> Int {
        let quotient = v / cellSize, truncated = Int(quotient)
        return Double(truncated) > quotient ? truncated - 1 : truncated
    }

    /// The index of the cell holding (`x`, `y`), clamped to the grid.
    private func cell(_ x: Double, _ y: Double) -> Int {
        let c = min(max(Self.column(x) - originX, 0), columns - 1)
        let r = min(max(Self.column(y) - originY, 0), rows - 1)
        return r * columns + c
    }

    /// The cells `box` covers, in the order they are visited (column by column), without making
    /// an array of them.
    private func cells(_ box: Box) -> CellRange {
        let (first, last) = (cell(box.minX, box.minY), cell(box.maxX, box.maxY))
        return CellRange(columns: (first % columns)...(last % columns), rows: (first / columns)...(last / columns),
                         width: columns)
    }

    /// The cells of a rectangle of the grid, column by column.
    private struct CellRange: Sequence, IteratorProtocol {
        let columns: ClosedRange<Int>, rows: ClosedRange<Int>, width: Int
        private var c: Int, r: Int

        init(columns: ClosedRange<Int>, rows: ClosedRange<Int>, width: Int) {
            (self.columns, self.rows, self.width) = (columns, rows, width)
            (c, r) = (columns.lowerBound, rows.lowerBound)
        }

        mutating func next() -> Int? {
            guard c <= columns.upperBound else { return nil }
            defer {
                if r < rows.upperBound { r += 1 } else { (c, r) = (c + 1, rows.lowerBound) }
            }
            return r * width + c
        }
    }

    /// Calls `body` with each cell a segment passes through, in order, found by walking it a
    /// third of a cell at a time (so that a long slanted segment, such as one into the loss at
    /// large N, takes the cells along it, not every cell of its bounding box).
    private func forEachCell(along p: Point, _ q: Point, _ body: (Int) -> Void) {
        let steps = max(1, Int((Self.distance(p, q) / (Self.cellSize / 3)).rounded(.up)))
        var last = -1
        for s in 0...steps {
            let t = Double(s) / Double(steps)
            let index = cell(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t)
            if index != last {
                body(index)
                last = index
            }
        }
    }

    /// The centre chosen for a `width` by `height` label of the edge along `paths[edge]`, and
    /// whether it sits on the line itself (drawn over it on a white ground): where the edge
    /// runs between others too close for a label beside it, as the middle edges of a fan.
    /// `fan` says the edge is one of several leaving its tail; `onLineFirst` tries the spots on the line
    /// before those beside it (an edge of a fan whose edges run side by side).
    mutating func place(edge: Int, width: Double, height: Double, fan: Bool = false,
                        onLineFirst: Bool = false) -> (centre: Point, onLine: Bool) {
        let path = paths[edge]
        let lengths = zip(path, path.dropFirst()).map { Self.distance($0, $1) }
        let total = lengths.reduce(0, +)
        var best: (score: Int, slack: Double, centre: Point, onLine: Bool)?
        for onLine in onLineFirst ? [true, false] : [false, true] {
            for spot in fan ? Self.fanSpots : Self.spots {
                // The point at this fraction of the length, and the direction of the line there.
                var left = spot * total, k = 0
                while k < lengths.count - 1 && left > lengths[k] { left -= lengths[k]; k += 1 }
                guard k < lengths.count, lengths[k] > 0 else { continue }
                let (p, q) = (path[k], path[k + 1])
                let d = ((q.x - p.x) / lengths[k], (q.y - p.y) / lengths[k])
                let at = (x: p.x + d.0 * left, y: p.y + d.1 * left)
                let normal = (-d.1, d.0)
                let offset = onLine ? 0 : abs(normal.0) * width / 2 + abs(normal.1) * height / 2 + Self.gap
                for side in onLine ? [0.0] : [1.0, -1.0] {
                    let centre = (x: at.x + side * normal.0 * offset, y: at.y + side * normal.1 * offset)
                    let (score, slack) = conflicts(centre, width, height, edge: edge, own: offset)
                    if score == 0 { return (keep(centre, width, height), onLine) }
                    // Of the spots with the fewest conflicts, the one farthest from other edges past its own.
                    if best == nil || score < best!.score || (score == best!.score && slack > best!.slack + 0.5) {
                        best = (score, slack, centre, onLine)
                    }
                }
            }
        }
        let chosen = best ?? (0, 0, path.first ?? (0, 0), false)
        return (keep(chosen.centre, width, height), chosen.onLine)
    }

    private mutating func keep(_ centre: Point, _ width: Double, _ height: Double) -> Point {
        let box = Box(minX: centre.x - width / 2, minY: centre.y - height / 2,
                      maxX: centre.x + width / 2, maxY: centre.y + height / 2)
        for cell in cells(box) { labelCells[cell].append(labels.count) }
        labels.append(box)
        return centre
    }

    /// How badly a label centred at `centre` sits: nodes and labels it covers count 4, another edge
    /// nearer than its own (`own` away) 3 (the label would be read as that edge's), other edges through it
    /// 2, another edge not clearly farther than its own 1; and how much farther than its own edge the
    /// nearest other edge is, one through it included (up to the neighbourhood looked at).
    private func conflicts(_ centre: Point, _ width: Double, _ height: Double, edge: Int, own: Double)
        -> (score: Int, slack: Double) {
        let g = Self.gap
        let box = Box(minX: centre.x - width / 2 - g, minY: centre.y - height / 2 - g,
                      maxX: centre.x + width / 2 + g, maxY: centre.y + height / 2 + g)
        // Wider towards other labels: two labels side by side would read as one product.
        let spaced = Box(minX: box.minX - Self.labelSpacing, minY: box.minY, maxX: box.maxX + Self.labelSpacing, maxY: box.maxY)
        // The neighbourhood a nearer edge would have to pass through.
        let r = max(own, width / 2, height / 2) + Self.margin
        let reach = Box(minX: centre.x - r, minY: centre.y - r, maxX: centre.x + r, maxY: centre.y + r)
        var score = 0
        // A label meets a handful of nodes, labels and edges: short arrays, searched, beat sets.
        var seenNodes: [Int] = [], seenLabels: [Int] = [], seenPaths: [Int] = [], nearest = r
        for cell in cells(box) {
            for k in nodeCells[cell] where !seenNodes.contains(k) {
                seenNodes.append(k)
                if Self.box(of: outlines[k]).overlaps(box) { score += 4 }
            }
            for k in labelCells[cell] where !seenLabels.contains(k) {
                seenLabels.append(k)
                if labels[k].overlaps(spaced) { score += 4 }
            }
        }
        let outline = NodeOutline(form: .box, x: centre.x, y: centre.y, width: width, height: height)
        for cell in cells(reach) {
            for (e, k) in segments[segmentStart[cell]..<segmentStart[cell + 1]] where e != edge && !seenPaths.contains(e) {
                let (p, q) = (paths[e][k], paths[e][k + 1])
                if outline.blocks(p, q, pad: g) {
                    seenPaths.append(e)
                    score += 2
                    nearest = min(nearest, Self.distance(centre, p, q))
                } else {
                    nearest = min(nearest, Self.distance(centre, p, q))
                }
            }
        }
        return (score + (nearest < own ? 3 : nearest < own + Self.margin ? 1 : 0), nearest - own)
    }

    private static func distance(_ p: Point, _ q: Point) -> Double {
        ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
    }

    /// Distance from `c` to the segment pq.
    private static func distance(_ c: Point, _ p: Point, _ q: Point) -> Double {
        let dx = q.x - p.x, dy = q.y - p.y
        let length = dx * dx + dy * dy
        let t = length == 0 ? 0 : max(0, min(1, ((c.x - p.x) * dx + (c.y - p.y) * dy) / length))
        return distance(c, (p.x + t * dx, p.y + t * dy))
    }
}
