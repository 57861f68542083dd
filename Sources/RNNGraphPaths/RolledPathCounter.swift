import BigInt
import RNNGraphCore

/// Counts paths between two variables of a model of any length without
/// unrolling it: dynamic programming over the rolled graph, one time step
/// after the other, keeping only the last few steps. Time grows with `N`
/// times the number of edge families; memory does not grow with `N`.
///
/// The count for a variable is the sum of its parents' counts (1 at the
/// source), as in ``PathCounter``; here a variable is a family and a time.
/// Families without parents (inputs, targets) need no storage: their count
/// is 1 at the source and 0 elsewhere, so they may feed later or earlier steps.
package struct RolledPathCounter {
    /// What a family is to the count.
    private enum Role {
        /// An untimed family.
        case shared(Int)
        /// A timed family without parents (an input or a target).
        case given(Int)
        /// A timed family with parents, kept for the last few steps.
        case step(Int)
    }

    /// An edge family into a family, with plain-integer bounds at this length.
    private struct Input {
        let tail: Role
        let offset: Int
        /// Anchor times at which the edge exists (empty when none).
        let first: Int, last: Int
    }

    private let rolled: RolledGraph
    private let length: Int
    /// Each family's role.
    private let roles: [Role]
    /// Each family's first and last time at ``length`` (first > last when untimed or absent).
    private let first: [Int], last: [Int]
    /// Timed families with parents, ordered so that a family's parents in the same step come first.
    private let stepOrder: [Int]
    /// Untimed families, in graph order, split by whether a timed family is among their ancestors.
    private let before: [Int], after: [Int]
    /// The incoming edge families of every family, family after family.
    private let inputs: [Input]
    /// For each family, the positions of its incoming edge families in ``inputs``.
    private let inputsOf: [Range<Int>]
    /// Steps kept: a power of two above the largest offset of an edge between timed families with parents.
    private let window: Int

    /// Prepares counting at sequence length `length`; `nil` when the rolled graph has a shape
    /// this stepwise count does not cover (a step depending on a later one, a shared variable
    /// between two runs of steps), so the caller counts on the unrolled graph.
    package init?(_ rolled: RolledGraph, length: Int) {
        let n = rolled.nodes.count
        let isTimed = rolled.nodes.map(\.isTimed)
        var hasParents = [Bool](repeating: false, count: n)
        for edge in rolled.edges { hasParents[edge.to] = true }
        let roles: [Role] = (0..<n).map { k in !isTimed[k] ? .shared(k) : hasParents[k] ? .step(k) : .given(k) }
        var inputs: [Input] = []
        var inputsOf: [Range<Int>] = []
        for k in 0..<n {
            let start = inputs.count
            for edge in rolled.edges where edge.to == k {
                let first = edge.range.flatMap { $0.lower.value(length: length) } ?? 0
                let last = edge.range.flatMap { $0.upper.value(length: length) } ?? -1
                inputs.append(Input(tail: roles[edge.from], offset: edge.offset ?? 0, first: first, last: last))
            }
            inputsOf.append(start..<inputs.count)
        }
        // Untimed families appear once each, parents first, so graph order is topological.
        var afterTimed = [Bool](repeating: false, count: n)
        for k in 0..<n where !isTimed[k] {
            afterTimed[k] = rolled.edges.contains { $0.to == k && (isTimed[$0.from] || afterTimed[$0.from]) }
        }
        var window = 1
        var sameStep = [[Int]](repeating: [], count: n)
        for edge in rolled.edges where isTimed[edge.to] && hasParents[edge.to] {
            if !isTimed[edge.from] {
                if afterTimed[edge.from] { return nil }
            } else if hasParents[edge.from] {
                guard let offset = edge.offset, offset >= 0 else { return nil }
                while window <= offset { window *= 2 }
                if offset == 0 { sameStep[edge.to].append(edge.from) }
            }
        }
        // Kahn's order over the same-step edges, ties broken by graph order.
        let stepFamilies = (0..<n).filter { isTimed[$0] && hasParents[$0] }
        var order: [Int] = []
        var placed = [Bool](repeating: false, count: n)
        while order.count < stepFamilies.count {
            guard let next = stepFamilies.first(where: { !placed[$0] && sameStep[$0].allSatisfy { placed[$0] } }) else {
                return nil
            }
            placed[next] = true
            order.append(next)
        }
        let ranges = (0..<n).map { rolled.timeRange(of: $0, length: length) }
        self.rolled = rolled
        self.length = length
        self.roles = roles
        self.first = ranges.map { $0?.lowerBound ?? 1 }
        self.last = ranges.map { $0?.upperBound ?? 0 }
        self.stepOrder = order
        self.before = (0..<n).filter { !isTimed[$0] && !afterTimed[$0] }
        self.after = (0..<n).filter { !isTimed[$0] && afterTimed[$0] }
        self.inputs = inputs
        self.inputsOf = inputsOf
        self.window = window
    }

    /// The number of paths from `source` to `target`; `nil` when either is not a variable of the model.
    package func count(from source: IndexedVariable, to target: IndexedVariable) -> BigUInt? {
        guard let s = endpoint(source), let t = endpoint(target) else { return nil }
        if let small = run(s, t, as: UInt64.self) { return BigUInt(small) }
        return run(s, t, as: BigUInt.self)
    }

    /// Whether a path leads from `source` to `target`; `nil` when either is not a variable of the model.
    /// Stops at the first step from which the target is sure to be reached.
    package func reaches(from source: IndexedVariable, to target: IndexedVariable) -> Bool? {
        guard let s = endpoint(source), let t = endpoint(target) else { return nil }
        return run(s, t, as: Reached.self, stopWhenReached: true).map { $0 != 0 }
    }

    /// A family and a time (`nil` for untimed families).
    private typealias Endpoint = (family: Int, time: Int?)

    private func endpoint(_ v: IndexedVariable) -> Endpoint? {
        guard let k = rolled.family(of: v) else { return nil }
        guard let time = v.time else { return (k, nil) }
        guard let t = time.value(length: length), first[k] <= t, t <= last[k] else { return nil }
        return (k, t)
    }

    /// The count in `Number`, or `nil` when it overflows `Number`; with `stopWhenReached`, 1 as soon as
    /// a shared family that leads to an untimed target has a path.
    private func run<Number: PathCount>(_ source: Endpoint, _ target: Endpoint, as _: Number.Type,
                                        stopWhenReached: Bool = false) -> Number? {
        let n = rolled.nodes.count
        let mask = window - 1
        // The source as a family and a time; an untimed source has no time that matches.
        let sourceFamily = source.family, sourceTime = source.time ?? Int.min
        var overflow = false
        var shared = [Number](repeating: 0, count: n)
        var recent = [Number](repeating: 0, count: n * window)

        /// A shared family's count from the shared families and the inputs feeding it, plus `start`.
        func sharedCount(_ k: Int, start: Number, _ shared: [Number], _ overflow: inout Bool) -> Number {
            if k == sourceFamily && source.time == nil { return 1 }
            var total = start
            for input in inputs[inputsOf[k]] {
                switch input.tail {
                case .shared(let j): total = Number.sum(total, shared[j], overflow: &overflow)
                // An input or a target feeding a shared family directly counts only at the source's time.
                case .given(let j) where j == sourceFamily && input.first <= sourceTime && sourceTime <= input.last:
                    total = Number.sum(total, 1, overflow: &overflow)
                default: break
                }
            }
            return total
        }

        for k in before { shared[k] = sharedCount(k, start: 0, shared, &overflow) }
        // With stopWhenReached: the shared families after the steps that lead to an untimed target
        // (edges between shared families exist at every length).
        var leading: [Int] = []
        if stopWhenReached && target.time == nil {
            leading = [target.family]
            for k in after.reversed() where k != target.family {
                let feeds = leading.contains { head in
                    inputs[inputsOf[head]].contains { input in
                        if case .shared(let tail) = input.tail { return tail == k }
                        return false
                    }
                }
                if feeds { leading.append(k) }
            }
        }
        var collected = [Number](repeating: 0, count: n)
        var reachedEarly = false
        let start = stepOrder.map { first[$0] }.min() ?? 1
        let end = min(stepOrder.map { last[$0] }.max() ?? 0, target.time ?? Int.max)
        if start <= end {
            // The hot loop reads plain buffers: no bounds checks or reference counting per step.
            let (first, last, inputs, inputsOf, stepOrder, after) = (first, last, inputs, inputsOf, stepOrder, after)
            first.withUnsafeBufferPointer { first in
                last.withUnsafeBufferPointer { last in
                    inputs.withUnsafeBufferPointer { inputs in
                        recent.withUnsafeMutableBufferPointer { recent in
                            for t in start...end {
                                for k in stepOrder {
                                    var total: Number = 0
                                    if k == sourceFamily && t == sourceTime {
                                        total = 1
                                    } else if first[k] <= t && t <= last[k] {
                                        for i in inputsOf[k] {
                                            let input = inputs[i]
                                            guard input.first <= t && t <= input.last else { continue }
                                            let u = t - input.offset
                                            switch input.tail {
                                            case .shared(let j):
                                                total = Number.sum(total, shared[j], overflow: &overflow)
                                            case .given(let j) where j == sourceFamily && u == sourceTime:
                                                total = Number.sum(total, 1, overflow: &overflow)
                                            case .step(let j) where first[j] <= u && u <= last[j]:
                                                total = Number.sum(total, recent[j * window + (u & mask)], overflow: &overflow)
                                            default: break
                                            }
                                        }
                                    }
                                    recent[k * window + (t & mask)] = total
                                }
                                for k in after {
                                    for i in inputsOf[k] {
                                        let input = inputs[i]
                                        guard input.first <= t && t <= input.last else { continue }
                                        if case .step(let j) = input.tail, first[j] <= t && t <= last[j] {
                                            collected[k] = Number.sum(collected[k], recent[j * window + (t & mask)], overflow: &overflow)
                                        }
                                    }
                                }
                                if leading.contains(where: { collected[$0] != 0 }) { reachedEarly = true; return }
                            }
                        }
                    }
                }
            }
        }
        if reachedEarly { return 1 }
        let k = target.family
        if let t = target.time {
            switch roles[k] {
            case .step: return overflow ? nil : recent[k * window + (t & mask)]
            case .given: return k == sourceFamily && t == sourceTime ? 1 : 0
            case .shared: return nil
            }
        }
        for k in after { shared[k] = sharedCount(k, start: collected[k], shared, &overflow) }
        return overflow ? nil : shared[k]
    }
}

/// Counting in the Boolean semiring: whether any path exists.
private struct Reached: PathCount, Equatable {
    let value: Bool

    init(integerLiteral value: Int) { self.value = value != 0 }

    private init(_ value: Bool) { self.value = value }

    static func sum(_ a: Reached, _ b: Reached, overflow: inout Bool) -> Reached { Reached(a.value || b.value) }
}
