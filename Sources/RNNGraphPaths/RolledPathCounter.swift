import BigInt
import RNNGraphCore

/// Counts paths between two variables of a model of any length without
/// unrolling it: dynamic programming over the rolled graph, exact, for any mix
/// of forward and backward recurrences reaching back any number of steps.
///
/// The count for a variable is the sum of its parents' counts (1 at the
/// source), as in ``PathCounter``; here a variable is a family and a time.
/// The families are taken strongly connected component after component, in
/// topological order; consecutive components whose recurrences run the same
/// way share one *sweep* through time, forward or backward. Within a sweep each
/// family is shifted by a few steps (a retiming found by Bellman–Ford) so that
/// every count is made after the counts it reads, and only the last few
/// positions are kept. Counts a later sweep reads (a forward state read beside a
/// backward one, as in a bidirectional network) are kept for every time, and
/// only those; families without parents (inputs, targets) need no storage.
/// Time grows with `N` times the number of edge families and the size of the
/// numbers; ``estimate(from:to:)`` gives both before any big integer is made.
package struct RolledPathCounter {
    /// What a family is to the count.
    private enum Role {
        /// An untimed family.
        case shared
        /// A timed family without parents (an input or a target): 1 at the source, 0 elsewhere.
        case given
        /// A timed family with parents, counted in a sweep.
        case step
    }

    /// Where a step family's incoming edge family reads its counts.
    private enum Kind {
        case shared, given, sameSweep, stored
    }

    /// An edge family into a step family, with plain-integer bounds at this length.
    private struct Input {
        let tail: Int
        let kind: Kind
        /// Head time minus tail time (0 from an untimed tail).
        let offset: Int
        /// Head times at which the edge exists (first > last when none).
        let first: Int, last: Int
        /// For ``Kind/sameSweep``: the tail's first ring entry and its shift.
        let base: Int, shift: Int
    }

    /// An edge family into an untimed family.
    private enum SharedInput {
        case shared(Int)
        /// From an input or a target, at the tail times `first ... last`.
        case given(Int, first: Int, last: Int)
        /// The sum of a step family's counts over the edge's times, collected in its sweep.
        case collected(Int)
    }

    /// An edge family from a step family into an untimed one, summed during the step family's sweep.
    private struct Collect {
        let head: Int
        /// Tail times at which the edge exists.
        let first: Int, last: Int
    }

    /// Families swept through time together: a family's count at time `t` is made at position
    /// `direction · t + shift`, positions in increasing order, families of one position in `order`.
    private struct Sweep {
        let direction: Int
        /// The families in the order they are made at one position.
        let order: [Int]
        /// For each family of ``order``, its shift.
        let shift: [Int]
        /// Positions kept for each family (a power of two above the largest distance an edge spans).
        let window: Int
    }

    private enum Stage {
        case shared(Int)
        case sweep(Int)
    }

    private let rolled: RolledGraph
    private let length: Int
    private let roles: [Role]
    /// Each family's first and last time at ``length`` (first > last when untimed or absent).
    private let first: [Int], last: [Int]
    /// `reach[a][b]`: family `b` is reachable from family `a` in the rolled graph (or is `a`).
    private let reach: [[Bool]]
    /// The incoming edge families of each step family.
    private let inputs: [[Input]]
    /// The incoming edge families of each untimed family.
    private let sharedInputs: [[SharedInput]]
    private let collects: [Collect]
    /// For each family, the positions in ``collects`` of its edges into untimed families.
    private let collectsOf: [[Int]]
    /// Whether a later sweep reads the family's counts, so that they are kept for every time.
    private let isStored: [Bool]
    /// Untimed edge families between untimed families (tail, head).
    private let sharedEdges: [(Int, Int)]
    private let sweeps: [Sweep]
    private let stages: [Stage]

    /// Prepares counting at sequence length `length`; `nil` when the rolled graph has a shape no
    /// sweep covers (an untimed variable on a cycle of families, or a cycle of families whose
    /// time offsets do not all add up the same way), so the caller counts on the unrolled graph.
    package init?(_ rolled: RolledGraph, length: Int) {
        let n = rolled.nodes.count
        let edges = rolled.edges
        let isTimed = rolled.nodes.map(\.isTimed)
        var hasParents = [Bool](repeating: false, count: n)
        for edge in edges { hasParents[edge.to] = true }
        let roles: [Role] = (0..<n).map { !isTimed[$0] ? .shared : hasParents[$0] ? .step : .given }
        let ranges = (0..<n).map { rolled.timeRange(of: $0, length: length) }
        let first = ranges.map { $0?.lowerBound ?? 1 }, last = ranges.map { $0?.upperBound ?? 0 }

        // A depth-first search from each family: O(n (n + edges)), where a transitive closure would take n³.
        var children = [[Int]](repeating: [], count: n)
        for edge in edges { children[edge.from].append(edge.to) }
        let reach = (0..<n).map { source in
            var row = [Bool](repeating: false, count: n)
            var stack = children[source]
            while let k = stack.popLast() {
                guard !row[k] else { continue }
                row[k] = true
                stack += children[k]
            }
            return row
        }
        if (0..<n).contains(where: { !isTimed[$0] && reach[$0][$0] }) { return nil }
        guard let components = Self.components(n: n, edges: edges, reach: reach) else { return nil }

        // Components in order, consecutive ones of the same direction in one sweep.
        var stages: [Stage] = []
        var sweeps: [Sweep] = []
        var sweepOf = [Int](repeating: -1, count: n)
        var open: [Int] = []
        var directions = [1, -1]
        func close() {
            guard !open.isEmpty, let d = directions.first, let sweep = Self.sweep(open, direction: d, edges: edges) else { return }
            for k in open { sweepOf[k] = sweeps.count }
            stages.append(.sweep(sweeps.count))
            sweeps.append(sweep)
            open = []
            directions = [1, -1]
        }
        for members in components {
            let k = members[0]
            switch roles[k] {
            case .given:
                continue
            case .shared:
                if edges.contains(where: { $0.to == k && open.contains($0.from) }) { close() }
                stages.append(.shared(k))
            case .step:
                let joined = directions.filter { Self.sweep(open + members, direction: $0, edges: edges) != nil }
                if joined.isEmpty {
                    close()
                    directions = [1, -1].filter { Self.sweep(members, direction: $0, edges: edges) != nil }
                    if directions.isEmpty { return nil }
                    open = members
                } else {
                    open += members
                    directions = joined
                }
            }
        }
        close()

        var isStored = [Bool](repeating: false, count: n)
        var inputs = [[Input]](repeating: [], count: n)
        var sharedInputs = [[SharedInput]](repeating: [], count: n)
        var collects: [Collect] = []
        var collectsOf = [[Int]](repeating: [], count: n)
        var sharedEdges: [(Int, Int)] = []
        for edge in edges {
            let lower = edge.range.flatMap { $0.lower.value(length: length) } ?? 1
            let upper = edge.range.flatMap { $0.upper.value(length: length) } ?? 0
            let (j, k) = (edge.from, edge.to)
            switch (roles[j], roles[k]) {
            case (.shared, .shared):
                sharedInputs[k].append(.shared(j))
                sharedEdges.append((j, k))
            case (.given, .shared):
                sharedInputs[k].append(.given(j, first: lower, last: upper))
            case (.step, .shared):
                sharedInputs[k].append(.collected(collects.count))
                collectsOf[j].append(collects.count)
                collects.append(Collect(head: k, first: lower, last: upper))
            case (_, .step):
                let sweep = sweeps[sweepOf[k]]
                var kind = Kind.shared, base = 0, shift = 0
                switch roles[j] {
                case .shared: kind = .shared
                case .given: kind = .given
                case .step where sweepOf[j] == sweepOf[k]:
                    kind = .sameSweep
                    let slot = sweep.order.firstIndex(of: j) ?? 0
                    base = slot * sweep.window
                    shift = sweep.shift[slot]
                case .step:
                    kind = .stored
                    isStored[j] = true
                }
                inputs[k].append(Input(tail: j, kind: kind, offset: edge.offset ?? 0, first: lower, last: upper,
                                       base: base, shift: shift))
            case (_, .given):
                break
            }
        }
        self.rolled = rolled
        self.length = length
        self.roles = roles
        self.first = first
        self.last = last
        self.reach = reach
        self.inputs = inputs
        self.sharedInputs = sharedInputs
        self.collects = collects
        self.collectsOf = collectsOf
        self.isStored = isStored
        self.sharedEdges = sharedEdges
        self.sweeps = sweeps
        self.stages = stages
    }

    /// The strongly connected components in a topological order (ties by first family), each
    /// listed in graph order; `nil` if they cannot be ordered.
    private static func components(n: Int, edges: [RolledGraph.Edge], reach: [[Bool]]) -> [[Int]]? {
        let leader = (0..<n).map { k in
            let row = reach[k]
            return (0..<k).first { row[$0] && reach[$0][k] } ?? k
        }
        var members = [[Int]](repeating: [], count: n)
        for k in 0..<n { members[leader[k]].append(k) }
        var blocked = [Int](repeating: 0, count: n)
        var successors = [[Int]](repeating: [], count: n)
        for edge in edges where leader[edge.from] != leader[edge.to] {
            blocked[leader[edge.to]] += 1
            successors[leader[edge.from]].append(leader[edge.to])
        }
        // Kahn's algorithm, the first ready component first.
        var ready = ReadyHeap(rank: Array(0..<n))
        for k in 0..<n where leader[k] == k && blocked[k] == 0 { ready.insert(k) }
        var order: [[Int]] = []
        while let next = ready.popMinimum() {
            order.append(members[next])
            for successor in successors[next] {
                blocked[successor] -= 1
                if blocked[successor] == 0 { ready.insert(successor) }
            }
        }
        return order.count == (0..<n).filter({ leader[$0] == $0 }).count ? order : nil
    }

    /// The sweep of `families` in `direction`, or `nil` when some cycle among them does not advance
    /// that way: shifts with `direction · offset + shift(head) − shift(tail) ≥ 0` on every edge
    /// (Bellman–Ford from all zeros), and an order within a position for the edges where it is 0.
    private static func sweep(_ families: [Int], direction: Int, edges: [RolledGraph.Edge]) -> Sweep? {
        var slot: [Int: Int] = [:]
        for (position, k) in families.enumerated() { slot[k] = position }
        let inner = edges.compactMap { edge -> (from: Int, to: Int, weight: Int)? in
            guard let a = slot[edge.from], let b = slot[edge.to] else { return nil }
            return (a, b, direction * (edge.offset ?? 0))
        }
        var shift = [Int](repeating: 0, count: families.count)
        var settled = false
        for _ in 0...families.count {
            settled = true
            for edge in inner where shift[edge.to] + edge.weight < shift[edge.from] {
                shift[edge.from] = shift[edge.to] + edge.weight
                settled = false
            }
            if settled { break }
        }
        guard settled else { return nil }
        // Order within a position over the edges of slack 0, ties by graph order.
        var blocked = [Int](repeating: 0, count: families.count)
        var window = 1
        for edge in inner {
            let slack = edge.weight + shift[edge.to] - shift[edge.from]
            if slack == 0 { blocked[edge.to] += 1 }
            while window <= slack { window *= 2 }
        }
        // Kahn's algorithm over the slack-0 edges, the ready families in a heap by graph order:
        // O(edges · log families) per sweep, which is tried once per component.
        var tight = [[Int]](repeating: [], count: families.count)
        for edge in inner where edge.weight + shift[edge.to] - shift[edge.from] == 0 { tight[edge.from].append(edge.to) }
        var ready = ReadyHeap(rank: families)
        for k in families.indices where blocked[k] == 0 { ready.insert(k) }
        var order: [Int] = []
        while let next = ready.popMinimum() {
            order.append(next)
            for child in tight[next] {
                blocked[child] -= 1
                if blocked[child] == 0 { ready.insert(child) }
            }
        }
        guard order.count == families.count else { return nil }
        return Sweep(direction: direction, order: order.map { families[$0] }, shift: order.map { shift[$0] },
                     window: window)
    }

    /// The number of paths from `source` to `target`; `nil` when either is not a variable of the model.
    /// - Throws: `RNNGraphError/usage(_:)` with the ``CountEstimate`` when counting exactly would
    ///   take more than about a second.
    package func count(from source: IndexedVariable, to target: IndexedVariable) throws -> BigUInt? {
        guard let s = endpoint(source), let t = endpoint(target) else { return nil }
        if let small = run(s, t, as: UInt64.self).count { return BigUInt(small) }
        try estimate(s, t).check(length: length)
        return run(s, t, as: BigUInt.self).count
    }

    /// The size of the count from `source` to `target` and the work of counting it exactly;
    /// `nil` when either is not a variable of the model. Takes time in `N` times the edge families.
    package func estimate(from source: IndexedVariable, to target: IndexedVariable) -> CountEstimate? {
        guard let s = endpoint(source), let t = endpoint(target) else { return nil }
        return estimate(s, t)
    }

    private func estimate(_ s: Endpoint, _ t: Endpoint) -> CountEstimate {
        let (count, work) = run(s, t, as: ApproximateCount.self)
        return CountEstimate(log10: count?.log10 ?? -.infinity, work: work)
    }

    /// Whether a path leads from `source` to `target`; `nil` when either is not a variable of the model.
    /// Stops at the first step from which the target is sure to be reached.
    package func reaches(from source: IndexedVariable, to target: IndexedVariable) -> Bool? {
        guard let s = endpoint(source), let t = endpoint(target) else { return nil }
        return run(s, t, as: Reached.self, stopWhenReached: true).count.map { $0 != 0 }
    }

    /// A family and a time (`nil` for untimed families).
    private typealias Endpoint = (family: Int, time: Int?)

    private func endpoint(_ v: IndexedVariable) -> Endpoint? {
        guard let k = rolled.family(of: v) else { return nil }
        guard let time = v.time else { return (k, nil) }
        guard let t = time.value(length: length), first[k] <= t, t <= last[k] else { return nil }
        return (k, t)
    }

    /// The count in `Number` (`nil` when it overflows `Number`) and the words an exact count touches
    /// (`PathCount.cost(of:)`); with `stopWhenReached`, 1 as soon as the target is sure to be reached.
    private func run<Number: PathCount>(_ source: Endpoint, _ target: Endpoint, as _: Number.Type,
                                        stopWhenReached: Bool = false) -> (count: Number?, work: Double) {
        let n = roles.count
        let sourceFamily = source.family, sourceTime = source.time ?? Int.min
        if case .given = roles[target.family] {
            return (source == target ? 1 : 0, 0)
        }
        // Only families between the source and the target are counted; the others count 0.
        let live = (0..<n).map {
            ($0 == sourceFamily || reach[sourceFamily][$0]) && ($0 == target.family || reach[$0][target.family])
        }
        // With stopWhenReached and an untimed target: the untimed families that lead to it
        // through untimed families only (such edges exist at every length).
        var leading = [Bool](repeating: false, count: n)
        if stopWhenReached && target.time == nil {
            leading[target.family] = true
            var grew = true
            while grew {
                grew = false
                for (tail, head) in sharedEdges where leading[head] && !leading[tail] {
                    leading[tail] = true
                    grew = true
                }
            }
        }
        var overflow = false
        var work = 0.0
        var shared = [Number](repeating: 0, count: n)
        var collected = [Number](repeating: 0, count: collects.count)
        var stored = [[Number]](repeating: [], count: n)

        for stage in stages {
            switch stage {
            case .shared(let k):
                guard live[k] else { continue }
                var total: Number = 0
                if k == sourceFamily && source.time == nil {
                    total = 1
                } else {
                    for input in sharedInputs[k] {
                        switch input {
                        case .shared(let j): Number.add(shared[j], to: &total, overflow: &overflow)
                        case .given(let j, let low, let high) where j == sourceFamily && low <= sourceTime && sourceTime <= high:
                            Number.add(1, to: &total, overflow: &overflow)
                        case .given: break
                        case .collected(let c): Number.add(collected[c], to: &total, overflow: &overflow)
                        }
                    }
                    work += Double(sharedInputs[k].count) * Number.cost(of: total)
                }
                if overflow { return (nil, work) }
                if k == target.family { return (total, work) }
                shared[k] = total
            case .sweep(let g):
                let sweep = sweeps[g]
                let d = sweep.direction, window = sweep.window, mask = window - 1
                let slots = sweep.order.indices.filter { live[sweep.order[$0]] && first[sweep.order[$0]] <= last[sweep.order[$0]] }
                guard !slots.isEmpty else { continue }
                let families = slots.map { sweep.order[$0] }
                let shifts = slots.map { sweep.shift[$0] }
                // Each family's inputs from live tails.
                let reads: [[Input]] = families.map { k in
                    inputs[k].filter { input in
                        switch input.kind {
                        case .given: return input.tail == sourceFamily
                        case .shared, .sameSweep, .stored: return live[input.tail]
                        }
                    }
                }
                for k in families where isStored[k] {
                    stored[k] = [Number](repeating: 0, count: last[k] - first[k] + 1)
                }
                var ring = [Number](repeating: 0, count: sweep.order.count * window)
                let bases = slots.map { $0 * window }
                var start = Int.max, end = Int.min
                for (k, r) in zip(families, shifts) {
                    start = min(start, min(d * first[k], d * last[k]) + r)
                    end = max(end, max(d * first[k], d * last[k]) + r)
                }
                for position in start...end {
                    for (index, k) in families.enumerated() {
                        let t = d * (position - shifts[index])
                        guard first[k] <= t && t <= last[k] else { continue }
                        var total: Number = 0
                        if k == sourceFamily && t == sourceTime {
                            total = 1
                        } else {
                            var added = 0
                            for input in reads[index] where input.first <= t && t <= input.last {
                                let u = t - input.offset
                                switch input.kind {
                                case .shared:
                                    Number.add(shared[input.tail], to: &total, overflow: &overflow)
                                case .given:
                                    guard u == sourceTime else { continue }
                                    Number.add(1, to: &total, overflow: &overflow)
                                case .sameSweep:
                                    guard first[input.tail] <= u && u <= last[input.tail] else { continue }
                                    Number.add(ring[input.base + ((d * u + input.shift) & mask)], to: &total,
                                               overflow: &overflow)
                                case .stored:
                                    guard first[input.tail] <= u && u <= last[input.tail] else { continue }
                                    Number.add(stored[input.tail][u - first[input.tail]], to: &total, overflow: &overflow)
                                }
                                added += 1
                            }
                            work += Double(added) * Number.cost(of: total)
                        }
                        if overflow { return (nil, work) }
                        if k == target.family && t == target.time { return (total, work) }
                        if isStored[k] { stored[k][t - first[k]] = total }
                        for c in collectsOf[k] where collects[c].first <= t && t <= collects[c].last {
                            guard live[collects[c].head] else { continue }
                            Number.add(total, to: &collected[c], overflow: &overflow)
                            work += Number.cost(of: total)
                            if leading[collects[c].head] && total != 0 { return (1, work) }
                        }
                        ring[bases[index] + (position & mask)] = total
                    }
                }
            }
        }
        return (overflow ? nil : 0, work)
    }
}

/// A binary min-heap of positions, ordered by their rank.
private struct ReadyHeap {
    let rank: [Int]
    private var items: [Int] = []

    init(rank: [Int]) { self.rank = rank }

    mutating func insert(_ item: Int) {
        items.append(item)
        var child = items.count - 1
        while child > 0, rank[items[(child - 1) / 2]] > rank[items[child]] {
            items.swapAt(child, (child - 1) / 2)
            child = (child - 1) / 2
        }
    }

    mutating func popMinimum() -> Int? {
        guard let top = items.first else { return nil }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, rank[items[left]] < rank[items[smallest]] { smallest = left }
            if right < items.count, rank[items[right]] < rank[items[smallest]] { smallest = right }
            guard smallest != parent else { return top }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
