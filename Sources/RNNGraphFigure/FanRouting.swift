import Foundation

/// Edges converging on one node from below (the loss reading every step): each
/// enters the head at a point of its own on the lower half of its border, in the
/// order of the tails from left to right, along a last leg of its own that points
/// at the head's centre, so that neighbouring edges part as they leave the head
/// (the farther from it, the wider apart) and none crosses another. The leg starts
/// `approach` points out from the head's border; the edge reaches it straight from
/// its tail when that is clear, else rises from its tail (or from the free strip
/// beside it) to a level of its own in the free band below the head (the farther the
/// tail, the higher the level) and runs from there to its leg. An input that would
/// cross an edge on its way up (cs187's `x_{t+1}` across the state chain) and has at
/// most one node of its row between it and an end of the figure goes around that end
/// instead: down below the figure, along under it, up past its side (the nearest the
/// end innermost), as `dot` moves such edges aside.
struct FanRouting {
    typealias Point = EdgeRouter.Point

    /// The fewest edges into one head routed as a fan.
    static let minimumEdges = 3
    /// Length of the last leg of each edge, pointing at the head's centre.
    static let approach = 30.0
    /// How far an edge rising up a free strip keeps from the strip's middle.
    static let corridorOffset = 5.0

    /// Distance between the runs of the edges that go around an end of the figure, and from the figure.
    static let aroundGap = 12.0

    /// For each routed edge (by index into `ends`), the bends and the entry point on the head.
    private(set) var routes: [Int: (bends: [Point], tip: Point)] = [:]

    /// Routes the fans among `ends` (tail and head outline indices per edge) around `outlines`, of which
    /// `texts` are text without a border (annotations' notes); `crossings` counts the edges a path of an
    /// edge (by index) would cross.
    init(ends: [(Int, Int)?], outlines: [NodeOutline], texts: Set<Int> = [], router: EdgeRouter,
         crossings: ([Point], Int) -> Int) {
        var into: [Int: [Int]] = [:]
        for (k, end) in ends.enumerated() { if let (a, b) = end, a != b { into[b, default: []].append(k) } }
        let heads = into.keys.sorted().filter { head in
            let bottom = outlines[head].y - outlines[head].height / 2
            return into[head]!.count >= Self.minimumEdges
                && into[head]!.allSatisfy { outlines[ends[$0]!.0].y + outlines[ends[$0]!.0].height / 2 < bottom }
        }
        let bottomRow = BottomRow(outlines.indices.filter { !texts.contains($0) }.map { outlines[$0] })
        for head in heads {
            let edges = into[head]!
            let h = outlines[head]
            // Fans into heads side by side in one row (two losses summed into the loss) share the band below
            // them: each takes every `shared`-th level, so that their runs do not lie on one another.
            let row = heads.filter { abs(outlines[$0].y - h.y) < 0.5 }
            let (shared, turn) = (Double(row.count), Double(row.firstIndex(of: head)!))
            // Their levels one spacing apart: the band and the number of levels of the most demanding fan.
            let bands = row.map { Self.band(into[$0]!, head: $0, ends: ends, outlines: outlines) }
            let top = bands.map(\.top).max()!, ceiling = bands.map(\.ceiling).min()!
            // Where each edge rises: straight up from its tail, or up the free strip beside it
            // towards the head (an input under the state it feeds); an edge that can do neither is left out.
            var rises: [(k: Int, x: Double, start: [Point])] = []
            var around: [(k: Int, side: Double, rank: Int, strip: Double?)] = []
            for k in edges {
                let tail = outlines[ends[k]!.0]
                let from = (x: tail.x, y: tail.y)
                if router.isClear(from, (tail.x, ceiling), except: ends[k]!.0, head) {
                    rises.append((k, tail.x, []))
                    continue
                }
                var strip: Double?
                if let middle = router.corridors(near: tail.x, side: tail.x < h.x ? 1 : -1).first,
                   // Off the strip's middle towards the tail, so that an edge from the other side may rise beside it.
                   case let x = middle + (tail.x < middle ? -1 : 1) * Self.corridorOffset,
                   router.isClear(from, (x, tail.y), except: ends[k]!.0, head),
                   router.isClear((x, tail.y), (x, ceiling), except: ends[k]!.0, head) {
                    strip = x
                }
                let way = strip.map { [from, ($0, tail.y), ($0, ceiling), (h.x, h.y)] } ?? [from, (h.x, h.y)]
                // Around the end also when it can neither rise straight nor up a strip: any other path
                // would wind through the figure.
                if let end = bottomRow.end(of: tail), strip == nil || crossings(way, k) > 0 {
                    around.append((k, end.side, end.rank, strip))
                } else if let strip {
                    rises.append((k, strip, [(strip, tail.y)]))
                }
            }
            // Around an end: the tail nearest the end on the innermost run.
            let left = outlines.map { $0.x - $0.width / 2 }.min()!, right = outlines.map { $0.x + $0.width / 2 }.max()!
            let lowest = outlines.map { $0.y - $0.height / 2 }.min()!
            for side in [-1.0, 1.0] {
                let these = around.filter { $0.side == side }.sorted { ($0.rank, $0.k) < ($1.rank, $1.k) }
                for (depth, item) in these.enumerated() {
                    let tail = outlines[ends[item.k]!.0]
                    let offset = Self.aroundGap * Double(depth + 1)
                    let x = side < 0 ? left - offset : right + offset
                    let start = [(x: tail.x, y: lowest - offset), (x: x, y: lowest - offset)]
                    let path = [(x: tail.x, y: tail.y)] + start + [(x, ceiling)]
                    if zip(path, path.dropFirst()).allSatisfy({ router.isClear($0, $1, except: ends[item.k]!.0, head) }) {
                        rises.append((item.k, x, start))
                    } else if let strip = item.strip {
                        rises.append((item.k, strip, [(strip, tail.y)]))
                    }
                }
            }
            let sorted = rises.sorted {
                let (p, q) = (outlines[ends[$0.k]!.0], outlines[ends[$1.k]!.0])
                return $0.x != $1.x ? $0.x < $1.x : p.y != q.y ? ($0.x < h.x ? p.y < q.y : p.y > q.y) : $0.k < $1.k
            }
            // Entry points spread over the lower half of the border, left to right, each
            // with the start of its leg straight out from the centre.
            let n = Double(sorted.count)
            let entries = sorted.indices.map { i -> (tip: Point, leg: Point) in
                let angle = Double.pi * (1 + (Double(i) + 1) / (n + 1))
                let tip = h.border(towards: (h.x + 100 * cos(angle), h.y + 100 * sin(angle)))
                let out = ((tip.x - h.x) * (tip.x - h.x) + (tip.y - h.y) * (tip.y - h.y)).squareRoot()
                let scale = (out + Self.approach) / max(out, 1)
                return (tip, (h.x + (tip.x - h.x) * scale, h.y + (tip.y - h.y) * scale))
            }
            // The outermost rises reach the highest levels, so that no edge crosses another.
            let leftCount = sorted.filter { $0.x < h.x }.count
            let lanes = Double(max(leftCount, sorted.count - leftCount, shared > 1 ? bands.map(\.lanes).max()! : 0) + 1)
            let spacing = (ceiling - top) / lanes / shared
            guard spacing >= 4 else { continue }
            for (i, rise) in sorted.enumerated() {
                let (a, _) = ends[rise.k]!
                let tail = outlines[a]
                let (tip, leg) = entries[i]
                let rank = rise.x < h.x ? i : sorted.count - 1 - i
                let level = ceiling - spacing * (Double(rank) * shared + turn + 1)
                // Beside another fan, level to below the leg first: the long slants of two fans would
                // cross each other at shallow angles, running together for a stretch.
                let run = shared > 1 && abs(leg.x - rise.x) > EdgeRouter.cornerRadius ? [(x: leg.x, y: level)] : []
                let way = rise.start + [(x: rise.x, y: level)] + run + [leg]
                let path = [(x: tail.x, y: tail.y)] + way + [tip]
                if zip(path, path.dropFirst()).allSatisfy({ router.isClear($0, $1, except: a, head) }) {
                    routes[rise.k] = (way, tip)
                }
            }
        }
    }

    /// The nodes of the figure's bottom row (text without a border left out), left to right.
    private struct BottomRow {
        let y: Double
        let xs: [Double]

        init(_ outlines: [NodeOutline]) {
            let lowest = outlines.map(\.y).min() ?? 0
            y = lowest
            xs = outlines.filter { abs($0.y - lowest) < 1 }.map(\.x).sorted()
        }

        /// For a node of the bottom row with at most one node of the row between it and an end of the
        /// figure: the side of that end (-1 left, 1 right; the nearer, left on a tie) and how many lie between.
        func end(of tail: NodeOutline) -> (side: Double, rank: Int)? {
            guard abs(tail.y - y) < 1 else { return nil }
            let before = xs.filter { $0 < tail.x }.count, after = xs.filter { $0 > tail.x }.count
            let (side, rank) = before <= after ? (-1.0, before) : (1.0, after)
            return rank <= 1 ? (side, rank) : nil
        }
    }

    /// The band of levels of the fan of `edges` into `head`: between the highest tail and the legs of the
    /// fan, and the most edges on one side of the head (with a row of fans, some rise beside their tails).
    private static func band(_ edges: [Int], head: Int, ends: [(Int, Int)?], outlines: [NodeOutline])
        -> (top: Double, ceiling: Double, lanes: Int) {
        let h = outlines[head]
        let tails = edges.map { outlines[ends[$0]!.0] }
        let reach = max(h.width, h.height) / 2 + approach
        let ceiling = min(h.y - h.height / 2, h.y - reach) - EdgeRouter.clearance
        // Above the highest tail, and above any node between the tails' rows and the head over the fan's width
        // (an LSTM's cell-state row over the h_t that the loss reads), so that the runs pass over it.
        let (low, high) = (tails.map(\.y).max()!, tails.map(\.x).min()!...tails.map(\.x).max()!)
        let between = outlines.filter { $0.y > low && $0.y + $0.height / 2 < ceiling && high.contains($0.x) }
        let top = (tails + between).map { $0.y + $0.height / 2 }.max()! + EdgeRouter.clearance
        let left = tails.filter { $0.x < h.x }.count
        return (top, ceiling, max(left, tails.count - left))
    }
}
