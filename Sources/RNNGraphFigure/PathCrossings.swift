/// The drawn path of every edge of a figure as a polyline between its ends' centres, kept
/// up to date while the edges are routed, so that a path being chosen can count how many
/// other edges it would cross (`EdgeRouter.bends` takes the clear path that crosses fewest).
/// An edge not routed yet counts as its straight line (or its fan route, when it has one).
struct PathCrossings {
    typealias Point = EdgeRouter.Point

    /// Width of the vertical strips the segments are filed under.
    private static let binWidth = 96.0

    /// Every path's points, one after another (a replaced path's points stay, unused).
    private var points: [Point] = []
    /// Where each edge's current path lies in `points`.
    private var spans: [Range<Int>]
    /// The box around each path.
    private var boxes: [Box]
    /// Per strip, from strip `firstBin` on: the edges whose box reaches over it (an edge stays
    /// listed after its path moves; its current path and box are what count).
    private var bins: [[Int]] = []
    /// The strip `bins[0]` stands for.
    private var firstBin = 0

    private struct Box {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity

        init(_ path: [Point]) {
            for p in path {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }

        func meets(_ other: Box) -> Bool {
            minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
        }
    }

    /// `paths` holds each edge's path so far (empty for an edge not drawn).
    init(paths: [[Point]]) {
        spans = []
        spans.reserveCapacity(paths.count)
        for path in paths {
            spans.append(points.count..<(points.count + path.count))
            points += path
        }
        boxes = paths.map(Box.init)
        for k in paths.indices { file(k) }
    }

    /// Replaces the path of edge `k`.
    mutating func update(_ k: Int, path: [Point]) {
        spans[k] = points.count..<(points.count + path.count)
        points += path
        boxes[k] = Box(path)
        file(k)
    }

    /// The number of points where `path` (a path for edge `edge`) properly crosses the path of another
    /// edge (edges that share an end meet at its centre, which does not count), counted up to `limit`.
    func crossings(of path: [Point], edge: Int, limit: Int = .max) -> Int {
        let box = Box(path)
        guard box.minX <= box.maxX else { return 0 }
        var count = 0
        let (first, last) = (Self.bin(box.minX), Self.bin(box.maxX))
        points.withUnsafeBufferPointer { all in
            path.withUnsafeBufferPointer { own in
                for bin in first...last {
                    for k in edges(in: bin) where k != edge && boxes[k].meets(box)
                        // Each edge once: in the first strip both boxes reach.
                        && bin == max(first, Self.bin(boxes[k].minX)) {
                        count += Self.crossings(own, UnsafeBufferPointer(rebasing: all[spans[k]]))
                        if count >= limit { return }
                    }
                }
            }
        }
        return count
    }

    /// The edges filed under strip `bin`.
    private func edges(in bin: Int) -> [Int] {
        let i = bin - firstBin
        return bins.indices.contains(i) ? bins[i] : []
    }

    private mutating func file(_ k: Int) {
        guard boxes[k].minX <= boxes[k].maxX else { return }
        let (first, last) = (Self.bin(boxes[k].minX), Self.bin(boxes[k].maxX))
        // The strips grow to reach from the leftmost box to the rightmost.
        if bins.isEmpty { firstBin = first }
        if first < firstBin {
            bins.insert(contentsOf: repeatElement([], count: firstBin - first), at: 0)
            firstBin = first
        }
        if last - firstBin >= bins.count { bins += repeatElement([], count: last - firstBin + 1 - bins.count) }
        for bin in first...last where bins[bin - firstBin].last != k {
            bins[bin - firstBin].append(k)
        }
    }

    private static func bin(_ x: Double) -> Int { Int((x / binWidth).rounded(.down)) }

    /// The crossings of two polylines away from their ends (a bend that touches the other
    /// polyline counts: the drawn path rounds it across).
    private static func crossings(_ u: UnsafeBufferPointer<Point>, _ v: UnsafeBufferPointer<Point>) -> Int {
        var count = 0
        for i in u.indices.dropLast() {
            let (p, q) = (u[i], u[i + 1]), tEnd = i + 2 == u.count ? 1 - 1e-9 : 1
            for j in v.indices.dropLast() {
                let (r, s) = (v[j], v[j + 1]), wEnd = j + 2 == v.count ? 1 - 1e-9 : 1
                guard max(p.x, q.x) >= min(r.x, s.x) && max(r.x, s.x) >= min(p.x, q.x)
                    && max(p.y, q.y) >= min(r.y, s.y) && max(r.y, s.y) >= min(p.y, q.y) else { continue }
                let d1 = (q.x - p.x, q.y - p.y), d2 = (s.x - r.x, s.y - r.y)
                let denominator = d1.0 * d2.1 - d1.1 * d2.0
                guard abs(denominator) > 1e-9 else { continue }
                let t = ((r.x - p.x) * d2.1 - (r.y - p.y) * d2.0) / denominator
                let w = ((r.x - p.x) * d1.1 - (r.y - p.y) * d1.0) / denominator
                if t > 1e-9, t <= tEnd, w > 1e-9, w <= wEnd { count += 1 }
            }
        }
        return count
    }
}
