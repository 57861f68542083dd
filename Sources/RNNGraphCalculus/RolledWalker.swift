import RNNGraphCore
import RNNGraphPaths

/// Derives compact and recursive formulas by walking the rolled graph from
/// the differentiated quantity down to the variable, one family path at a
/// time: every family edge contributes its local partial at a symbolic time,
/// entering a timed family from an untimed one introduces a summation index,
/// and a recurrence met on the way contributes `Π_j` of its cycle, whose
/// number of repetitions becomes a new summation index.
struct RolledWalker {
    let rolled: RolledGraph
    let cycles: RecurrenceCycles
    let form: LocalForm
    let layout: ShapeLayout
    /// Whether element-wise steps are written `⊙` in the columns layout too.
    let hadamard: Bool
    let length: Int
    private let uniformity = Uniformity()

    init(rolled: RolledGraph, form: LocalForm, layout: ShapeLayout, hadamard: Bool = false, length: Int) {
        self.rolled = rolled
        self.cycles = RecurrenceCycles(rolled)
        self.form = form
        self.layout = layout
        self.hadamard = hadamard
        self.length = length
        usedLetters = Self.letters(of: rolled.nodes.map(\.symbol.ascii))
    }

    /// The single letters a model's names use: a one-letter name (`i`, an LSTM's input gate) and
    /// each letter of a name's subscript (`U_i`, `W_ii`). No index of a Σ or Π takes one, so that
    /// `i_{i}` or `U_{i}` at a step `i` never appears.
    let usedLetters: Set<String>

    static func letters(of names: [String]) -> Set<String> {
        var used: Set<String> = []
        for name in names {
            let base = name.prefix { $0.isLetter || $0.isNumber }
            if base.count == 1 { used.insert(String(base)) }
            let rest = name.dropFirst(base.count)
            for c in rest where c.isLetter { used.insert(String(c)) }
        }
        return used
    }

    /// The index names of `pool` that no model name uses (``usedLetters``), as many as `pool` has,
    /// filled from `spare`; the time index `t` is kept.
    func indexNames(_ pool: [String], spare: [String]) -> [String] {
        Array((pool + spare).filter { $0 == "t" || !usedLetters.contains($0) }.prefix(pool.count))
    }

    /// Index names for a Σ that stand in where a model name takes one of the usual ones.
    static let spareSumNames = ["u", "v", "a", "e"]
    /// Index names for a Π that stand in where a model name takes one of the usual ones.
    static let spareProductNames = ["w", "d", "z", "b"]

    /// Whether products are gradients in a vector layout (transposed Jacobians, left and right factors).
    var isVector: Bool { form == .closed && layout != .scalar }

    /// How the time at the top of a walk is set.
    enum Start {
        /// The top family has no time.
        case untimed
        /// The top variable's time is given.
        case fixed(IndexExpression)
        /// The top time is summed over, and `δ` of `state` at that time is the first factor.
        case summedDelta(state: Symbol?)
    }

    /// One walk: a family path and what is fixed at its ends.
    struct Request {
        var edges: [Int]
        var top: Int
        var start: Start
        var end: IndexExpression?
        var loops: Bool
        var shape: CompactShape
        var sumNames: [String]
        var free: [String: (lower: IndexExpression, upper: IndexExpression)] = [:]
        var extra: [(IndexExpression, IndexExpression)] = []
        /// Keep only repetitions of a cycle through at most this many steps (truncated BPTT).
        var maximumLag: Int? = nil
    }

    /// A product under construction, with its summation indices and their constraints.
    struct Alternative {
        /// Factors in walk order; in a vector layout, the left factors of each edge.
        var factors: [Formula] = []
        /// In a vector layout, the right factors of each edge, in walk order.
        var rights: [Formula] = []
        /// In a vector layout, what the edges' actions start from (`δ`).
        var center: [Formula] = []
        /// In a vector layout, each edge's action on the gradient, in walk order.
        var actions: [EdgeAction] = []
        var sums: [(index: String, position: Int)] = []
        var constraints: [(IndexExpression, IndexExpression)] = []
        var time: IndexExpression?
        var nextSum = 0
        var nextProduct = 0
    }

    static let productNames = ["j", "l", "p", "q", "r", "s"]

    // MARK: family paths

    /// Simple family paths from `bottom` to `top`, as edge lists read from the top down.
    func paths(from bottom: Int, to top: Int, avoiding: [Int] = []) -> [[Int]] {
        var result: [[Int]] = []
        var visited = Array(repeating: false, count: rolled.nodes.count)
        for k in avoiding { visited[k] = true }
        var trail: [Int] = []
        func visit(_ node: Int) {
            if node == bottom { result.append(trail); return }
            visited[node] = true
            for e in rolled.incoming(node) where !visited[rolled.edges[e].from] {
                trail.append(e)
                visit(rolled.edges[e].from)
                trail.removeLast()
            }
            visited[node] = false
        }
        if !visited[top] || top == bottom { visit(top) }
        return result
    }

    /// Simple family paths from `node` round to `node` again through no family of `avoiding`,
    /// as edge lists read from the top down.
    func cyclePaths(at node: Int, avoiding: [Int]) -> [[Int]] {
        rolled.incoming(node).flatMap { e -> [[Int]] in
            let from = rolled.edges[e].from
            if from == node { return [[e]] }
            if avoiding.contains(from) { return [] }
            return paths(from: node, to: from, avoiding: avoiding).map { [e] + $0 }
        }
    }

    /// The recurrent families a path leaves (where a walk repeats a cycle).
    func exits(_ edges: [Int], top: Int) -> [Int] {
        var nodes = [top]
        for e in edges { nodes.append(rolled.edges[e].from) }
        var result: [Int] = []
        for (k, node) in nodes.enumerated() where cycles.isRecurrent[node] {
            if k == 0 || !cycles.component[node].contains(nodes[k - 1]) { result.append(node) }
        }
        return result
    }

    // MARK: local partials at symbolic times

    /// `∂head/∂tail` of a family edge, with the edge's anchor time written `anchor`.
    func partial(_ edge: RolledGraph.Edge, anchor: IndexExpression?) -> Formula {
        let (locals, head, tail) = localPartials(edge, anchor: anchor)
        return locals.partial(head, tail, form: form)
    }

    /// The vector-layout action of a family edge, at the anchor time `anchor`.
    func action(_ edge: RolledGraph.Edge, anchor: IndexExpression?) -> EdgeAction {
        let (locals, head, tail) = localPartials(edge, anchor: anchor)
        return locals.action(head, tail, layout: layout, hadamard: hadamard)
    }

    /// The local partials of `edge` read from the representative graph, or (`longer`) from the graph one step
    /// longer, with times near the end written from N.
    private func localPartials(_ edge: RolledGraph.Edge, anchor: IndexExpression?, longer: Bool = false)
        -> (LocalPartials, head: NodeID, tail: NodeID) {
        let graph = longer ? rolled.longer : rolled.representative
        let (tail, head) = longer ? edge.longerInstances[edge.longerInstances.count / 2] : edge.representative
        let repAnchor = graph[head].time ?? graph[tail].time
        let L0 = rolled.representativeLength + (longer ? 1 : 0)
        func fit(_ t: Int) -> IndexExpression { t >= L0 - 2 ? .length(t - L0) : .constant(t) }
        let locals = LocalPartials(
            graph: graph,
            rename: { id in
                let v = graph[id]
                let time: IndexExpression? = v.time.map { t in
                    if let anchor, let repAnchor { return anchor.shifted(by: t - repAnchor) }
                    return fit(t)
                }
                return IndexedVariable(symbol: v.symbol, time: time, isCopy: v.kind == .parameterCopy)
            },
            renameArgument: { id in
                let v = graph[id]
                let time: IndexExpression? = v.time.map { t in
                    if graph[head].time != nil, let anchor, let repAnchor { return anchor.shifted(by: t - repAnchor) }
                    return fit(t)
                }
                return IndexedVariable(symbol: v.symbol, time: time, isCopy: v.kind == .parameterCopy)
            },
            count: { n in n >= L0 - 2 ? .length(n - L0) : .constant(n) })
        return (locals, head, tail)
    }

    /// A step-free edge's partial as written from the graph one step longer (compared with the representative's,
    /// it tells a partial that reads one step, `h_N`, from one that reads every step).
    private func longerPartial(_ edge: RolledGraph.Edge) -> Formula {
        let (locals, head, tail) = localPartials(edge, anchor: nil, longer: true)
        return isVector ? locals.action(head, tail, layout: layout, hadamard: hadamard).apply(to: .delta(.constant(0), state: nil))
                        : locals.partial(head, tail, form: form)
    }

    /// Why each edge family's partial has no rolled form (`nil`: it has one), by family; found on first use.
    final class Uniformity: @unchecked Sendable { var known: [Int: String?] = [:] }

    /// Why the local partial of edge family `e` written at a symbolic step is not its partial at
    /// every step, or `nil` when it is. Not so where an equation changes at one step
    /// (`--start-at-zero` drops the term of a missing `h_{-1}`, so `∂h_0/∂z_0` lacks it), or where
    /// a step-free edge's closed form reads every step (`L = Σ_t (y_t − V h_t)^2` by `V`), whose
    /// written form would list the steps of one length.
    func nonUniformity(_ e: Int) -> String? {
        if let known = uniformity.known[e] { return known }
        let edge = rolled.edges[e]
        let graph = rolled.representative, length = rolled.representativeLength
        let exact = LocalPartials(graph: graph, rename: { IndexedVariable(graph[$0]) },
                                  renameArgument: { IndexedVariable(graph[$0]) }, count: { .constant($0) })
        let marker = Formula.delta(.constant(0), state: nil)
        let name = "∂\(rolled.nodes[edge.to].symbol.ascii)/∂\(rolled.nodes[edge.from].symbol.ascii)"
        // A symbolic partial's argument list is not part of the formula compared.
        func bare(_ f: Formula, _ n: Int?) -> Formula {
            if case .partial(let of, let wrt, _) = f { return .partial(of: of, wrt: wrt, arguments: []) }
            return n.map { f.substitutingLength($0) } ?? f
        }
        var reason: String?
        for (tail, head) in edge.instances {
            guard let anchor = graph[head].time ?? graph[tail].time else {
                let written = isVector ? action(edge, anchor: nil).apply(to: marker) : partial(edge, anchor: nil)
                if bare(written, nil) != bare(longerPartial(edge), nil) {
                    reason = "\(name) reads every step inside one equation, which a rolled form cannot write for every N; "
                        + "name the summand in the model (o_t = V h_t) or use --form expanded"
                }
                continue
            }
            let written = isVector ? action(edge, anchor: .constant(anchor)).apply(to: marker)
                                   : partial(edge, anchor: .constant(anchor))
            let found = isVector ? exact.action(head, tail, layout: layout, hadamard: hadamard).apply(to: marker)
                                 : exact.partial(head, tail, form: form)
            if bare(written, length) != bare(found, length) {
                reason = "\(name) is not the same expression at every step (an equation changes at the first or last "
                    + "step), so no rolled form holds for every step; use --form expanded"
                break
            }
        }
        uniformity.known[e] = .some(reason)
        return reason
    }

    /// Refuses edge families whose partial changes from step to step.
    func requireUniform(_ edges: [Int]) throws {
        for e in edges {
            if let reason = nonUniformity(e) { throw RNNGraphError.usage(reason) }
        }
    }

    /// One round of the recurrence at `node`, at time `top` of `node`: the sum over its cycles
    /// of their partials in chain-rule order (scalar), or of the left factors of their transposed
    /// Jacobians (vector layouts), with the right factors (the same for every cycle), the anchor
    /// offsets (relative to `top`) of every cycle's edges, whether time runs forward round it, and
    /// whether every step is a matrix product (a Π needs one).
    /// - Throws: when the cycles exist at different steps or have different right factors.
    func cycleStep(at node: Int, top: IndexExpression) throws
        -> (left: Formula, right: Formula, anchors: [(edge: Int, offset: Int)], forward: Bool, isProduct: Bool) {
        let (found, advance) = try cycles.cycles(at: node, in: rolled)
        var lefts: [Formula] = [], rights: Set<Formula> = [], ranges: Set<[String]> = []
        var anchors: [(edge: Int, offset: Int)] = []
        var isProduct = true
        for cycle in found {
            try requireUniform(cycle)
            var factors: [Formula] = [], rightFactors: [Formula] = [], bounds: [String] = []
            var time = top
            for e in cycle {
                let edge = rolled.edges[e]
                if isVector {
                    let a = action(edge, anchor: time).asOneMatrix
                    factors.insert(a.left, at: 0)
                    rightFactors.append(a.right)
                    if a.isSum { throw Self.notAProduct(layout, sum: true) }
                    isProduct = isProduct && a.isProduct
                } else {
                    factors.append(partial(edge, anchor: time))
                }
                let offset = time.offset - top.offset
                anchors.append((e, offset))
                if let range = edge.range { bounds.append("\(range.lower.shifted(by: -offset))…\(range.upper.shifted(by: -offset))") }
                time = time.shifted(by: -(edge.offset ?? 0))
            }
            lefts.append(Formula.multiply(factors))
            rights.insert(Formula.multiply(rightFactors))
            ranges.insert(Array(Set(bounds)).sorted())
        }
        guard rights.count == 1, ranges.count == 1, let right = rights.first else {
            throw RNNGraphError.usage("the paths round the recurrence through \(rolled.nodes[node].symbol.ascii) exist at different "
                                      + "steps, so one Π cannot hold them; use --form recursive or --form expanded")
        }
        return (Formula.add(lefts), right, anchors, advance == 1, isProduct)
    }

    // MARK: walking

    func newSumName(_ a: inout Alternative, _ r: Request) -> String {
        defer { a.nextSum += 1 }
        let names = indexNames(r.sumNames, spare: Self.spareSumNames)
        return names[a.nextSum % names.count] + (a.nextSum >= names.count ? "'" : "")
    }

    func newProductName(_ a: inout Alternative) -> String {
        defer { a.nextProduct += 1 }
        let names = indexNames(Self.productNames, spare: Self.spareProductNames)
        return names[a.nextProduct % names.count]
    }

    /// All products of one request, before their bounds are resolved.
    func walk(_ r: Request) throws -> [Alternative] {
        try requireUniform(r.edges.filter { !isSummed($0, in: r) })
        var first = Alternative()
        first.constraints = r.extra
        switch r.start {
        case .untimed: break
        case .fixed(let t): first.time = t
        case .summedDelta(let state):
            let name = newSumName(&first, r)
            first.sums.append((name, 0))
            first.time = .index(name)
            let delta = Formula.delta(.index(name), state: state)
            if isVector { first.center.append(delta) } else { first.factors.append(delta) }
            first.constraints = r.extra.map { ($0.0.substituting("τ", with: .index(name)),
                                               $0.1.substituting("τ", with: .index(name))) }
        }
        var alternatives = [first]
        var node = r.top
        var previous: Int?
        var k = 0
        while true {
            if r.loops && cycles.isRecurrent[node] && (previous.map { !cycles.component[node].contains($0) } ?? true) {
                if let states = stackedStates(node) {
                    // The path's edges inside the recurrence are one of many; the crossing sums them all.
                    let members = cycles.component[node]
                    var m = k
                    while m < r.edges.count && members.contains(rolled.edges[r.edges[m]].from) { m += 1 }
                    let exit = m == k ? node : rolled.edges[r.edges[m - 1]].from
                    alternatives = try alternatives.flatMap { try crossStates($0, from: node, to: exit, states: states, r) }
                    node = exit
                    k = m
                } else {
                    alternatives = try alternatives.flatMap { try repeatCycle($0, at: node, r) }
                }
            }
            if k == r.edges.count { break }
            let edge = rolled.edges[r.edges[k]]
            if k == 0, isSummed(r.edges[k], in: r) {
                alternatives = alternatives.map { summedStep($0, edge, r) }
            } else {
                alternatives = alternatives.map { step($0, edge, r) }
            }
            previous = node
            node = edge.from
            k += 1
        }
        guard let end = r.end else { return alternatives }
        return alternatives.compactMap { alternative in
            var a = alternative
            guard let time = a.time else { return nil }
            if let name = time.indexName, let k = a.sums.firstIndex(where: { $0.index == name }) {
                let value = end.shifted(by: -time.offset)
                a.sums.remove(at: k)
                a.factors = a.factors.map { $0.substituting(name, with: value) }
                a.rights = a.rights.map { $0.substituting(name, with: value) }
                a.center = a.center.map { $0.substituting(name, with: value) }
                a.actions = a.actions.map { $0.substituting(name, with: value) }
                a.constraints = a.constraints.map { ($0.0.substituting(name, with: value), $0.1.substituting(name, with: value)) }
                a.time = end
            } else {
                a.constraints += [(time, end), (end, time)]
            }
            return a
        }
    }

    private func step(_ alternative: Alternative, _ edge: RolledGraph.Edge, _ r: Request) -> Alternative {
        var a = alternative
        var anchor: IndexExpression?
        var tailTime: IndexExpression?
        if let time = a.time {
            anchor = time
            tailTime = edge.offset.map { time.shifted(by: -$0) }
        } else if rolled.nodes[edge.from].isTimed {
            let name = newSumName(&a, r)
            a.sums.append((name, a.factors.count))
            anchor = .index(name)
            tailTime = anchor
        }
        if let anchor, let range = edge.range {
            a.constraints += [(range.lower, anchor), (anchor, range.upper)]
        }
        if isVector {
            a.actions.append(action(edge, anchor: anchor))
        } else {
            a.factors.append(partial(edge, anchor: anchor))
        }
        a.time = tailTime
        return a
    }

    /// The first step from a step-free top down an edge whose partial sums one summand over the steps.
    private func summedStep(_ alternative: Alternative, _ edge: RolledGraph.Edge, _ r: Request) -> Alternative {
        var a = alternative
        let name = newSumName(&a, r)
        guard let summed = summedPartial(edge, index: name) else { preconditionFailure("a summed edge without its sum") }
        if isVector { a.actions.append(EdgeAction(lefts: [summed])) } else { a.factors.append(summed) }
        a.time = nil
        return a
    }

    private func repeatCycle(_ alternative: Alternative, at node: Int, _ r: Request) throws -> [Alternative] {
        guard let top = alternative.time else { return [alternative] }
        var result: [Alternative] = r.shape == .split ? [alternative] : []
        var a = alternative
        let entry = newSumName(&a, r)
        a.sums.append((entry, a.factors.count))
        let j = newProductName(&a)
        // Forward, the walk goes back to an earlier entry (Π over j = entry+1 … top, applied from top
        // down); backward (g_{t+1} → g_t), to a later one (Π over j = top … entry−1, applied from top up).
        let (body, right, anchors, forward, isProduct) = try cycleStep(at: node, top: .index(j))
        let gap = r.shape == .split ? 1 : 0
        if forward {
            a.constraints.append((.index(entry), top.shifted(by: -gap)))
        } else {
            a.constraints.append((top.shifted(by: gap), .index(entry)))
        }
        guard isProduct else { throw Self.notAProduct(layout) }
        // The heads of the cycle's first edge run over [low, high].
        let (low, high) = forward ? (IndexExpression.index(entry, 1), top) : (top, IndexExpression.index(entry, -1))
        for (e, offset) in anchors {
            guard let range = rolled.edges[e].range else { continue }
            a.constraints.append((range.lower, low.shifted(by: offset)))
            a.constraints.append((high.shifted(by: offset), range.upper))
        }
        // A Π applied from its head nearest the top outwards: descending j forward, ascending backward.
        func applied(_ body: Formula, nearestFirst: Bool) -> Formula {
            if body == .one { return .one }
            return nearestFirst == forward ? .indexedProduct(index: j, from: low, to: high, body: body)
                                           : .ascendingProduct(index: j, from: low, to: high, body: body)
        }
        if isVector {
            // Left factors of the edge nearest the top stand innermost (last); right factors first.
            a.actions.append(EdgeAction(lefts: [applied(body, nearestFirst: false)], rights: [applied(right, nearestFirst: true)]))
        } else {
            a.factors.append(applied(body, nearestFirst: true))
        }
        a.time = .index(entry)
        guard let k = r.maximumLag else {
            result.append(a)
            return result
        }
        guard forward else {
            // The bounds below split the top's range from the cycle's earliest entry, which a backward Π does not have.
            throw RNNGraphError.usage("the compact form cannot bound a truncated backward recurrence; use the expanded form")
        }
        // Truncation: top − entry ≤ k. The entry's lowest time e from the cycle's ranges splits the
        // top's range, so that no bound is a maximum: up to e + k every entry is kept; above it the
        // entry starts at top − k.
        let lowers = anchors.compactMap { e, offset in
            rolled.edges[e].range.flatMap { $0.lower.value(length: 0, bindings: [:]).map { $0 - 1 - offset } }
        }
        guard lowers.count == anchors.count, let lowest = lowers.max() else {
            throw RNNGraphError.usage("the compact form cannot bound a truncated recurrence here; use the expanded form")
        }
        var early = a, late = a
        early.constraints.append((top, .constant(lowest + k)))
        late.constraints.append((.constant(lowest + k + 1), top))
        late.constraints.append((top.shifted(by: -k), .index(entry)))
        result += [early, late]
        return result
    }

    // MARK: building formulas

    /// The formula of one product with resolved bounds, and the constraints left on free indices;
    /// `nil` when the product is empty for every N.
    func build(_ a: Alternative, _ r: Request) throws -> (formula: Formula, free: [(IndexExpression, IndexExpression)])? {
        var resolver = BoundResolver(summed: a.sums.map(\.index), free: r.free, length: length)
        guard let resolved = try resolver.resolve(a.constraints) else { return nil }
        var factors = isVector ? [a.actions.reduce(Formula.multiply(a.center)) { $1.apply(to: $0) }] : a.factors
        var kept: [(index: String, position: Int, lower: IndexExpression, upper: IndexExpression)] = []
        var substitutions: [(String, IndexExpression)] = []
        for (sum, bound) in zip(a.sums, resolved.bounds) {
            var lower = bound.lower, upper = bound.upper
            for (name, value) in substitutions {
                lower = lower.substituting(name, with: value)
                upper = upper.substituting(name, with: value)
            }
            if lower == upper {
                substitutions.append((sum.index, lower))
                factors = factors.map { $0.substituting(sum.index, with: lower) }
            } else {
                kept.append((sum.index, sum.position, lower, upper))
            }
        }
        var free = resolved.freeConstraints
        for (name, value) in substitutions {
            free = free.map { ($0.0.substituting(name, with: value), $0.1.substituting(name, with: value)) }
        }
        let formula: Formula
        switch isVector ? .merged : r.shape {
        case .merged:
            formula = kept.reversed().reduce(Formula.multiply(factors)) { body, sum in
                .indexedSum(index: sum.index, from: sum.lower, to: sum.upper, body: body)
            }
        case .split:
            func nest(_ from: Int, _ k: Int) -> Formula {
                if k == kept.count { return Formula.multiply(Array(factors[from...])) }
                let p = kept[k].position
                let inner = Formula.indexedSum(index: kept[k].index, from: kept[k].lower, to: kept[k].upper,
                                               body: nest(p, k + 1))
                return Formula.multiply(Array(factors[from..<p]) + [inner])
            }
            formula = nest(0, 0)
        }
        return (formula, free)
    }

    /// Every product of a request, built.
    func terms(_ r: Request) throws -> [(formula: Formula, free: [(IndexExpression, IndexExpression)])] {
        try walk(r).compactMap { try build($0, r) }
    }
}

extension Formula {
    /// Every index name a Π of the compact and merged forms may take, in the order they are tried.
    package static var productIndexNames: [String] { RolledWalker.productNames + RolledWalker.spareProductNames }
}
