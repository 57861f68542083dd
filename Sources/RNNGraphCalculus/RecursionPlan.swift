import RNNGraphCore
import RNNGraphPaths

/// The pieces of a recursive form on the rolled graph: the states whose `δ`
/// it propagates, the terms of each `δ`, and the cases they are printed in.
struct RecursionPlan {
    /// One term of a `δ`: a product valid over a range of steps of its index.
    struct Term {
        let formula: Formula
        let interval: StepInterval
        /// Whether the term reads a `δ` (propagates), rather than reaching the top directly.
        let readsDelta: Bool
    }

    let walker: RolledWalker
    let top: Int
    let bottom: Int
    let start: RolledWalker.Start
    let order: IndexOrder
    /// The states, in family order.
    let states: [Int]
    /// Whether each state's recurrence runs forward in time (`h_{t-1} → h_t`).
    let forward: [Int: Bool]
    /// The index of every `δ` recursion.
    static let index = "t"

    /// Finds the states of every recurrence that the paths from `bottom` to `top` meet.
    /// - Throws: `RNNGraphError/usage(_:)` for a recurrence that runs both forward and backward.
    init(walker: RolledWalker, top: Int, bottom: Int, start: RolledWalker.Start, length: Int) throws {
        self.walker = walker
        self.top = top
        self.bottom = bottom
        self.start = start
        self.order = IndexOrder(length: length)
        let rolled = walker.rolled, cycles = walker.cycles
        var met = Set([top, bottom])
        for path in walker.paths(from: bottom, to: top) {
            for e in path { met.insert(rolled.edges[e].from) }
        }
        let components = Set(met.filter { cycles.isRecurrent[$0] }.flatMap { cycles.component[$0] })
        var states: [Int] = []
        var forward: [Int: Bool] = [:]
        for k in components.sorted() {
            let advances = rolled.edges.filter { $0.from == k && cycles.component[k].contains($0.to) }
                .compactMap(\.offset).filter { $0 != 0 }
            guard let first = advances.first else { continue }
            guard advances.allSatisfy({ ($0 > 0) == (first > 0) }) else {
                throw RNNGraphError.usage("the recurrence through \(rolled.nodes[k].symbol.ascii) feeds both earlier and later "
                                          + "steps, so its δ has no direction; use --form expanded")
            }
            states.append(k)
            forward[k] = first > 0
        }
        self.states = states
        self.forward = forward
    }

    /// How state `k` is named in `δ`: by its symbol when there are several states.
    func label(_ k: Int) -> Symbol? { states.count > 1 ? walker.rolled.nodes[k].symbol : nil }

    /// The steps of family `k`.
    func steps(_ k: Int) -> StepInterval {
        let times = walker.rolled.times[k] ?? (.constant(0), .constant(0))
        return StepInterval(lower: times.lower, upper: times.upper)
    }

    // MARK: terms

    /// The terms of `δ` of state `s`, reading `δ` of the states live so far, where they are live.
    func terms(of s: Int, live: [Int: StepInterval]) throws -> [Term] {
        let index = Self.index
        let free = [index: (lower: steps(s).lower, upper: steps(s).upper)]
        var result: [Term] = []
        func add(_ request: RolledWalker.Request, readsDelta: Bool) throws {
            for (formula, constraints) in try walker.terms(request) {
                if let interval = interval(constraints, within: steps(s)) {
                    result.append(Term(formula: formula, interval: interval, readsDelta: readsDelta))
                }
            }
        }
        for path in walker.paths(from: s, to: top, avoiding: states.filter { $0 != s }) {
            try add(RolledWalker.Request(edges: path, top: top, start: start, end: .index(index), loops: false,
                                         shape: .merged, sumNames: ["k", "i", "m"], free: free), readsDelta: false)
        }
        for target in states {
            guard let steps = live[target] else { continue }
            let avoiding = states.filter { $0 != s && $0 != target }
            let paths = target == s ? walker.cyclePaths(at: s, avoiding: avoiding)
                                    : walker.paths(from: s, to: target, avoiding: avoiding)
            for path in paths {
                try add(RolledWalker.Request(edges: path, top: target, start: .summedDelta(state: label(target)),
                                             end: .index(index), loops: false, shape: .merged, sumNames: ["k", "i", "m"],
                                             free: free, extra: [(steps.lower, .index("τ")), (.index("τ"), steps.upper)]), readsDelta: true)
            }
        }
        return result
    }

    /// The steps of the index at which constraints hold, within `steps`; `nil` when none.
    private func interval(_ constraints: [(IndexExpression, IndexExpression)], within steps: StepInterval) -> StepInterval? {
        var i = steps
        for (lhs, rhs) in constraints {
            if lhs.indexName == Self.index, rhs.indexName == nil {
                i.upper = order.min(i.upper, rhs.shifted(by: -lhs.offset))
            } else if rhs.indexName == Self.index, lhs.indexName == nil {
                i.lower = order.max(i.lower, lhs.shifted(by: -rhs.offset))
            }
        }
        return order.surelyEmpty(i) ? nil : i
    }

    // MARK: result

    /// The derivative: paths from the bottom to the first state they meet, times its `δ`
    /// where it is live, and the paths that meet no state.
    func result(end: IndexExpression?, live: [Int: StepInterval] = [:]) throws -> Formula {
        var terms: [Formula] = []
        for path in walker.paths(from: bottom, to: top, avoiding: states.filter { $0 != bottom }) where !states.contains(bottom) {
            terms += try walker.terms(RolledWalker.Request(edges: path, top: top, start: start, end: end, loops: false,
                                                           shape: .merged, sumNames: ["t", "i", "k"])).map(\.formula)
        }
        for target in states {
            guard let steps = live[target] else { continue }
            if states.contains(bottom) && bottom != target { continue }
            for path in walker.paths(from: bottom, to: target, avoiding: states.filter { $0 != target }) {
                terms += try walker.terms(RolledWalker.Request(
                    edges: path, top: target, start: .summedDelta(state: label(target)), end: end, loops: false,
                    shape: .split, sumNames: ["t", "i", "k"],
                    extra: [(steps.lower, .index("τ")), (.index("τ"), steps.upper)])).map(\.formula)
            }
        }
        return Formula.add(terms)
    }

    // MARK: cases

    /// The recursions: each state's steps cut where its set of terms changes, the cases
    /// that the result reads (directly or through other cases), in computation order.
    func deltas(terms: [Int: [Term]], live: [Int: StepInterval], result: Formula) throws -> [RecursiveFormula.Delta] {
        let index = Self.index
        // Every state's segments: the steps between consecutive cuts, with the terms that hold there.
        var segments: [Int: [(interval: StepInterval, formula: Formula, propagates: Bool)]] = [:]
        for s in states {
            guard let steps = live[s] else { continue }
            let list = terms[s] ?? []
            let cuts = order.sorted([steps.lower, steps.upper.shifted(by: 1)]
                                    + list.flatMap { [$0.interval.lower, $0.interval.upper.shifted(by: 1)] })
            var pieces: [(interval: StepInterval, members: [Int])] = []
            func position(_ e: IndexExpression) -> Int { cuts.firstIndex(of: e) ?? 0 }
            for (k, (a, b)) in zip(cuts, cuts.dropFirst()).enumerated() {
                let members = list.indices.filter {
                    position(list[$0].interval.lower) <= k && position(list[$0].interval.upper.shifted(by: 1)) > k
                }
                let interval = StepInterval(lower: a, upper: b.shifted(by: -1))
                if let last = pieces.last, last.members == members {
                    pieces[pieces.count - 1].interval.upper = interval.upper
                } else {
                    pieces.append((interval, members))
                }
            }
            segments[s] = pieces.map { piece in
                (piece.interval, Formula.add(piece.members.map { list[$0].formula }),
                 piece.members.allSatisfy { list[$0].readsDelta })
            }
        }
        // The segments read: from the result, then from the segments read, until no more are.
        var needed = Set<[Int]>()
        var pending = uses(result, scope: [:])
        while let use = pending.popLast() {
            for (s, list) in segments where label(s) == use.state {
                for (k, segment) in list.enumerated() where !needed.contains([s, k]) {
                    if !order.disjoint(segment.interval, use.steps) {
                        needed.insert([s, k])
                        pending += uses(segment.formula, scope: [index: segment.interval])
                    }
                }
            }
        }
        var result: [RecursiveFormula.Delta] = []
        for s in try computationOrder(segments: segments) {
            let list = segments[s] ?? []
            let forward = self.forward[s] ?? true
            // A segment with no step at this length (`1 ≤ t ≤ N−1` at N = 1) is not printed.
            var kept = list.indices.filter { needed.contains([s, $0]) && !isEmpty(list[$0].interval) }
            if forward { kept.reverse() }
            // Where only propagation is left at the far end of the recursion (the initial
            // state of a forward one), it is written `t < …` (`t > …`); a single step at that step.
            let cases = kept.enumerated().map { position, k -> RecursiveFormula.Case in
                var (interval, formula, propagates) = list[k]
                if interval.lower.base == .length, interval.upper.base == .constant, let low = interval.lower.value(length: order.length) {
                    // `N−1 ≤ t ≤ 0` has steps only while N is short (t = 0 at N = 1): written at this length's steps.
                    interval.lower = .constant(low)
                }
                let farEnd = kept.count > 1 && position == kept.count - 1 && propagates
                    && (forward ? interval.lower == live[s]?.lower : interval.upper == live[s]?.upper)
                if !farEnd && interval.lower == interval.upper {
                    return RecursiveFormula.Case(from: interval.lower, to: interval.upper,
                                                 formula: formula.substituting(index, with: interval.lower))
                }
                return RecursiveFormula.Case(from: farEnd && forward ? nil : interval.lower,
                                             to: farEnd && !forward ? nil : interval.upper, formula: formula)
            }
            guard !cases.isEmpty else { continue }
            let node = walker.rolled.nodes[s]
            result.append(RecursiveFormula.Delta(
                variable: IndexedVariable(symbol: node.symbol, time: .index(index), isCopy: node.isCopy),
                state: label(s), index: index, runsBackward: forward, cases: cases))
        }
        return result
    }

    /// Whether `interval` has no step at the model's length.
    private func isEmpty(_ interval: StepInterval) -> Bool {
        guard let low = interval.lower.value(length: order.length), let high = interval.upper.value(length: order.length)
        else { return false }
        return low > high
    }

    /// The states in an order in which a state comes after those whose `δ` its cases read at the same step.
    private func computationOrder(segments: [Int: [(interval: StepInterval, formula: Formula, propagates: Bool)]]) throws -> [Int] {
        var after: [Int: Set<Int>] = [:]
        for s in states {
            for segment in segments[s] ?? [] {
                for use in uses(segment.formula, scope: [:]) where use.sameStep {
                    if let t = states.first(where: { label($0) == use.state }), t != s { after[s, default: []].insert(t) }
                }
            }
        }
        var ordered: [Int] = []
        while ordered.count < states.count {
            guard let next = states.first(where: { s in !ordered.contains(s) && after[s, default: []].isSubset(of: ordered) })
            else {
                throw RNNGraphError.usage("the δ recursions read one another at the same step; use --form compact")
            }
            ordered.append(next)
        }
        return ordered
    }

    /// Where a formula reads `δ`: the state, the steps read (over the ranges of the indices
    /// in scope and of its own Σ), and whether it reads the recursion's own step `t`.
    private func uses(_ formula: Formula, scope: [String: StepInterval])
        -> [(state: Symbol?, steps: StepInterval, sameStep: Bool)] {
        func extreme(_ e: IndexExpression, _ scope: [String: StepInterval], upper: Bool) -> IndexExpression {
            var e = e
            for _ in 0...scope.count {
                guard let name = e.indexName, let range = scope[name] else { break }
                e = (upper ? range.upper : range.lower).shifted(by: e.offset)
            }
            return e
        }
        func walk(_ f: Formula, _ scope: [String: StepInterval]) -> [(state: Symbol?, steps: StepInterval, sameStep: Bool)] {
            switch f {
            case .delta(let time, let state):
                let steps = StepInterval(lower: extreme(time, scope, upper: false), upper: extreme(time, scope, upper: true))
                return [(state, steps, time == .index(Self.index))]
            case .indexedSum(let i, let from, let to, let body), .indexedProduct(let i, let from, let to, let body),
                 .ascendingProduct(let i, let from, let to, let body):
                var inner = scope
                inner[i] = StepInterval(lower: from, upper: to)
                return walk(body, inner)
            case .sum(let parts), .product(let parts): return parts.flatMap { walk($0, scope) }
            case .difference(let a, let b), .quotient(let a, let b), .hadamard(let a, let b): return walk(a, scope) + walk(b, scope)
            case .negation(let a), .transpose(let a), .diag(let a): return walk(a, scope)
            default: return []
            }
        }
        return walk(formula, scope)
    }
}

extension RecursionPlan {
    /// The steps at which `δ` of state `s` may be nonzero, given the hull of its terms' steps:
    /// everything it propagates to, down to the state's first step (or up to its last, backward).
    func liveSteps(of s: Int, hull: StepInterval?) -> StepInterval? {
        guard let hull else { return nil }
        let all = steps(s)
        return forward[s] ?? true ? StepInterval(lower: all.lower, upper: hull.upper)
                                  : StepInterval(lower: hull.lower, upper: all.upper)
    }
}
