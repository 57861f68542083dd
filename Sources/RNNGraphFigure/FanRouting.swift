import Foundation

/// Edges converging on one node from below (the loss reading every step): each
/// enters the head at a point of its own on the lower half of its border, in the
/// order of the tails from left to right, so that no two of them meet before the
/// head and none crosses another. An edge whose straight line to its entry is
/// blocked rises from its tail to a level of its own in the free band below the
/// head (the farther the tail, the higher the level) and runs from there to its entry.
struct FanRouting {
    typealias Point = EdgeRouter.Point

    /// The fewest edges into one head routed as a fan.
    static let minimumEdges = 3

    /// For each routed edge (by index into `ends`), the bends and the entry point on the head.
    private(set) var routes: [Int: (bends: [Point], tip: Point)] = [:]

    /// Routes the fans among `ends` (tail and head outline indices per edge) around `outlines`.
    init(ends: [(Int, Int)?], outlines: [NodeOutline], router: EdgeRouter) {
        var into: [Int: [Int]] = [:]
        for (k, end) in ends.enumerated() { if let (a, b) = end, a != b { into[b, default: []].append(k) } }
        for head in into.keys.sorted() {
            let edges = into[head]!
            let h = outlines[head]
            let bottom = h.y - h.height / 2
            guard edges.count >= Self.minimumEdges,
                  edges.allSatisfy({ outlines[ends[$0]!.0].y + outlines[ends[$0]!.0].height / 2 < bottom }) else { continue }
            let sorted = edges.sorted {
                let (p, q) = (outlines[ends[$0]!.0], outlines[ends[$1]!.0])
                return p.x != q.x ? p.x < q.x : p.y != q.y ? (p.x < h.x ? p.y < q.y : p.y > q.y) : $0 < $1
            }
            // Entry points spread over the lower half of the border, left to right.
            let n = Double(sorted.count)
            let tips = sorted.indices.map { i -> Point in
                let angle = Double.pi * (1 + (Double(i) + 1) / (n + 1))
                return h.border(towards: (h.x + 100 * cos(angle), h.y + 100 * sin(angle)))
            }
            // Levels in the band between the highest tail and the head: the outermost tails highest.
            let top = sorted.map { outlines[ends[$0]!.0] }.map { $0.y + $0.height / 2 }.max()! + EdgeRouter.clearance
            let left = sorted.filter { outlines[ends[$0]!.0].x < h.x }.count
            let right = sorted.count - left
            let lanes = Double(max(left, right) + 1)
            let spacing = (bottom - EdgeRouter.clearance - top) / lanes
            for (i, k) in sorted.enumerated() {
                let (a, _) = ends[k]!
                let tail = outlines[a]
                let tip = tips[i]
                if router.isClear((tail.x, tail.y), tip, except: a, head) {
                    routes[k] = ([], tip)
                    continue
                }
                // The rank of the tail from the outside in on its side.
                let rank = tail.x < h.x ? i : sorted.count - 1 - i
                let level = bottom - EdgeRouter.clearance - spacing * Double(rank + 1)
                let bend = (x: tail.x, y: level)
                guard spacing >= 4, level > tail.y + tail.height / 2,
                      router.isClear((tail.x, tail.y), bend, except: a, head),
                      router.isClear(bend, tip, except: a, head) else { continue }
                routes[k] = ([bend], tip)
            }
        }
    }
}
