import Foundation

/// Edges leaving one node for several nodes side by side in another row, all on one
/// side of it (an LSTM's h_{t-1} into the four gates of step t): each leaves the tail at
/// a point of its own on the side of its border that faces the heads, evenly apart in
/// height, the nearest head's edge lowest (towards the row), and runs straight to its head,
/// or, where that passes a nearer head, to a bend in the band beside the heads' row
/// right over its head's shoulder and into the head from there. The edges then leave
/// the tail apart instead of on one line, pass over the nearer heads in the order of
/// their heads and do not cross one another.
struct FanOutRouting {
    typealias Point = EdgeRouter.Point

    /// The fewest edges out of one tail into one row routed as a fan.
    static let minimumEdges = 3
    /// Where a bent edge turns down (or up) into its head: over this fraction of the head's width from its
    /// centre, the first that crosses fewest other edges.
    static let shoulders = [EdgeRouter.shoulder, 0.5]
    /// The highest point an edge leaves the tail from, as a fraction of its half height past its middle,
    /// away from the heads, in the order tried: the sine of 60° (the edges farthest apart), the middle,
    /// and half-way down towards the heads.
    static let highestPorts = [0.866, 0, -0.5]

    /// For each routed edge (by index into `ends`), the point where it leaves its tail and its bends.
    private(set) var routes: [Int: (start: Point, bends: [Point])] = [:]

    /// Routes the fans out of tails among `ends` (tail and head outline indices per edge) around
    /// `outlines`, leaving out the edges of `taken` (routed already) and edges from or to `texts` (notes);
    /// `crossings` counts the edges a path of an edge (by index) would cross.
    init(ends: [(Int, Int)?], outlines: [NodeOutline], texts: Set<Int>, router: EdgeRouter, taken: Set<Int>,
         crossings: ([Point], Int) -> Int) {
        var out: [Int: [Int]] = [:]
        for (k, end) in ends.enumerated() where !taken.contains(k) {
            guard let (a, b) = end, a != b, !texts.contains(a), !texts.contains(b) else { continue }
            out[a, default: []].append(k)
        }
        let band = FigureLayout.rowGap / 2
        // Round tails only (variables): the points the edges leave from are spread round an ellipse.
        for a in out.keys.sorted() where outlines[a].form == .ellipse {
            let tail = outlines[a], tailCentre = (x: tail.x, y: tail.y)
            // The edges into one row, grouped by the row's height and the side of the tail they lie on.
            var groups: [String: [Int]] = [:]
            for k in out[a]! {
                let head = outlines[ends[k]!.1]
                let below = head.y + head.height / 2 < tail.y - tail.height / 2
                let above = head.y - head.height / 2 > tail.y + tail.height / 2
                let right = head.x - head.width / 2 > tail.x + tail.width / 2
                let left = head.x + head.width / 2 < tail.x - tail.width / 2
                guard below || above, right || left else { continue }
                groups["\(Int(head.y.rounded())) \(above) \(right)", default: []].append(k)
            }
            for key in groups.keys.sorted() {
                let edges = groups[key]!
                guard edges.count >= Self.minimumEdges else { continue }
                let heads = edges.map { outlines[ends[$0]!.1] }
                let up = heads[0].y > tail.y ? 1.0 : -1.0, side = heads[0].x > tail.x ? 1.0 : -1.0
                let order = edges.indices.sorted { abs(heads[$0].x - tail.x) < abs(heads[$1].x - tail.x) }
                // All of them, or none: a fan half routed this way would cross the rest. The points spread up to
                // past the side first, else (a node beside the tail in the way) up to its middle, then lower.
                for highest in Self.highestPorts {
                    var found: [Int: (start: Point, bends: [Point])] = [:]
                    for (rank, i) in order.enumerated() {
                        let (k, head) = (edges[i], heads[i])
                        // Evenly apart in height, from the point facing the heads' row up: the edges run that far apart.
                        let rise = -1 + (1 + highest) * Double(rank) / Double(order.count - 1)
                        let height = tail.height / 2 * rise
                        let across = (1 - rise * rise).squareRoot() * tail.width / 2
                        let start = tail.border(towards: (tail.x + side * across, tail.y - up * height))
                        let centre = (x: head.x, y: head.y)
                        if router.isClear(start, centre, except: a, ends[k]!.1) {
                            found[k] = (start, [])
                            continue
                        }
                        // Over the head's shoulder, or over its side when the shoulder would cross an edge that
                        // leaves the head towards the tail's side (a gate's edge up to the state it feeds).
                        let bends = Self.shoulders.map { (x: head.x - side * head.width * $0, y: head.y - up * band) }.filter {
                            router.isClear(start, $0, except: a, ends[k]!.1) && router.isClear($0, centre, except: a, ends[k]!.1)
                        }
                        guard let bend = bends.min(by: {
                            crossings([tailCentre, start, $0, centre], k) < crossings([tailCentre, start, $1, centre], k)
                        }) else { break }
                        found[k] = (start, [bend])
                    }
                    guard found.count == edges.count else { continue }
                    routes.merge(found) { $1 }
                    break
                }
            }
        }
    }
}
