/// The paths an ``EdgeRouter`` has laid so far, as segments bucketed on a grid, so that a
/// later path can tell whether it would run beside one of them: two edges within a few points
/// of each other for a stretch read as one line (the shallow crossing of two edges out of one
/// node, a path that leaves its node along another's line).
struct LaidPaths {
    typealias Point = EdgeRouter.Point

    /// How close a path may come beside a laid one, and for how long, before the two read as one line.
    static let gap = 3.0, length = 14.0
    /// Near its own ends a path may meet others (edges converging on a node): this far from their outlines.
    static let endZone = 25.0
    /// Two pieces this close to parallel (the sine of the angle between them, 14.5°) run beside each other:
    /// steeper, they cross within a few points (a path crossing a state chain at 20° is no shared line).
    static let parallel = 0.25
    private static let cellSize = 32.0
    private static let step = 2.0

    private var segments: [(p: Point, q: Point)] = []
    private var cells: [Int64: [Int]] = [:]

    private static func key(_ x: Double, _ y: Double) -> Int64 {
        Int64((x / cellSize).rounded(.down)) << 32 &+ Int64((y / cellSize).rounded(.down))
    }

    /// Adds the pieces of `path`.
    mutating func add(_ path: [Point]) {
        for (p, q) in zip(path, path.dropFirst()) {
            let length = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
            guard length > 0 else { continue }
            let k = segments.count
            segments.append((p, q))
            var keys: [Int64] = []
            let steps = Int((length / (Self.cellSize / 2)).rounded(.up))
            for s in 0...steps {
                let t = Double(s) / Double(steps)
                let key = Self.key(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t)
                if !keys.contains(key) { keys.append(key) }
            }
            for key in keys { cells[key, default: []].append(k) }
        }
    }

    /// Whether `path` (from the node `tail` to the node `head`) runs within ``gap`` of a laid piece nearly
    /// parallel to it for more than ``length``, away from its ends.
    func runsAlong(_ path: [Point], tail: NodeOutline, head: NodeOutline) -> Bool {
        guard !segments.isEmpty else { return false }
        var run = 0.0
        for (p, q) in zip(path, path.dropFirst()) {
            let length = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
            guard length > 0 else { continue }
            let d = ((q.x - p.x) / length, (q.y - p.y) / length)
            var s = 0.0
            while s <= length {
                let point = (x: p.x + d.0 * s, y: p.y + d.1 * s)
                s += Self.step
                if tail.contains(point, pad: Self.endZone) || head.contains(point, pad: Self.endZone) || !beside(point, d) {
                    run = 0
                    continue
                }
                run += Self.step
                if run > Self.length { return true }
            }
        }
        return false
    }

    /// Whether a laid piece nearly parallel to direction `d` passes within ``gap`` of `point`.
    private func beside(_ point: Point, _ d: (Double, Double)) -> Bool {
        var seen: [Int] = []
        for x in [point.x - Self.gap, point.x + Self.gap] {
            for y in [point.y - Self.gap, point.y + Self.gap] {
                for k in cells[Self.key(x, y)] ?? [] where !seen.contains(k) {
                    seen.append(k)
                    let (p, q) = segments[k]
                    let dx = q.x - p.x, dy = q.y - p.y
                    let length = (dx * dx + dy * dy).squareRoot()
                    guard abs(d.0 * dy - d.1 * dx) / length < Self.parallel else { continue }
                    let t = max(0, min(1, ((point.x - p.x) * dx + (point.y - p.y) * dy) / (length * length)))
                    let (ex, ey) = (p.x + t * dx - point.x, p.y + t * dy - point.y)
                    if ex * ex + ey * ey < Self.gap * Self.gap { return true }
                }
            }
        }
        return false
    }
}
