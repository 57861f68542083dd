import RNNGraphCore
import RNNGraphPaths

/// Crossing a recurrence with several states (an LSTM's `h` and `c`) in the compact and merged
/// forms. A path through it is cut at the last state it visits at each step: from where the walk
/// enters, down to the first state `X_t` met (`E`); one step back at a time, from `X_j` down to the
/// state `Y_{j-1}` it leaves step `j − 1` from (the blocks of `J_j = ∂s_j/∂s_{j-1}` for the stacked
/// state `s_j`); and from `Y_k` down to where the walk leaves (`B`). The crossing is the product
/// `E (Π_{j=k+1}^{t} J_j) B`, summed over `k`, and the paths that meet no state.
extension RolledWalker {
    /// The states of the recurrence through family `k`, in family order, when it has several
    /// (families that feed another step of it); `nil` when it has one or none.
    func stackedStates(_ k: Int) -> [Int]? {
        guard cycles.isRecurrent[k] else { return nil }
        let members = Set(cycles.component[k])
        let states = cycles.component[k].filter { s in
            rolled.edges.contains { $0.from == s && members.contains($0.to) && ($0.offset ?? 0) != 0 }
        }
        return states.count > 1 ? states : nil
    }

    /// Whether a family path read from `top` down meets a recurrence with several states.
    func meetsStackedStates(_ edges: [Int], top: Int) -> Bool {
        ([top] + edges.map { rolled.edges[$0].from }).contains { stackedStates($0) != nil }
    }

    /// The edges of a family path outside every recurrence with several states: paths that differ
    /// only inside one cross it alike, and give one term between them.
    func crossingSignature(_ edges: [Int]) -> [Int] {
        edges.filter { e in
            let edge = rolled.edges[e]
            return !(stackedStates(edge.to) != nil && cycles.component[edge.to].contains(edge.from))
        }
    }

    /// Simple family paths read from `start` down through the families of `members`; `end(edge)`
    /// says whether a path ends with an edge (`true`), goes on through its tail (`false`) or may
    /// not take it (`nil`).
    private func descend(from start: Int, within members: Set<Int>, _ end: (RolledGraph.Edge) -> Bool?) -> [[Int]] {
        var result: [[Int]] = []
        var trail: [Int] = []
        var visited: Set<Int> = [start]
        func visit(_ node: Int) {
            for e in rolled.incoming(node) {
                let edge = rolled.edges[e]
                guard members.contains(edge.from), let stop = end(edge) else { continue }
                if stop {
                    result.append(trail + [e])
                } else if !visited.contains(edge.from) {
                    visited.insert(edge.from)
                    trail.append(e)
                    visit(edge.from)
                    trail.removeLast()
                    visited.remove(edge.from)
                }
            }
        }
        visit(start)
        return result
    }

    /// The sum over `paths` of their products with the first edge's head at `time`: partials in
    /// chain-rule order, or (vector layouts) the left factors of their transposed Jacobians.
    private func pathSum(_ paths: [[Int]], at time: IndexExpression) throws -> Formula {
        try Formula.add(paths.map { path in
            var t = time
            var factors: [Formula] = []
            for e in path {
                let edge = rolled.edges[e]
                if isVector {
                    let action = action(edge, anchor: t).asOneMatrix
                    guard action.isProduct, action.right == .one else { throw Self.notAProduct(layout, sum: action.isSum) }
                    factors.insert(action.left, at: 0)
                } else {
                    factors.append(partial(edge, anchor: t))
                }
                t = t.shifted(by: -(edge.offset ?? 0))
            }
            return Formula.multiply(factors)
        })
    }

    /// Why a step that acts element-wise, or as a sum of actions the layout writes element-wise, cannot stand in a Π.
    static func notAProduct(_ layout: ShapeLayout, sum: Bool = false) -> RNNGraphError {
        if sum {
            return RNNGraphError.usage(
                "a step that reads a variable in several places (two summands, both factors of a product, a skip "
                + "connection) has a Jacobian that is a sum, which "
                + (layout == .rows ? "the rows layout" : "--hadamard") + " writes element-wise (⊙), so it has no "
                + "matrix to multiply in a Π; use --form recursive or --form expanded"
                + (layout == .rows ? "" : ", or leave out --hadamard"))
        }
        return RNNGraphError.usage(
            layout == .rows
                ? "in the rows layout a step's Jacobian acts on a batch element-wise (⊙), so it has no matrix to multiply in a Π; use --form recursive or --form expanded"
                : "with --hadamard a step acts element-wise (⊙), so it has no matrix to multiply in a Π; use --form recursive or --form expanded, or leave out --hadamard")
    }

    /// The walk across the recurrence with states `states`, entered at family `entry` and left from
    /// family `exit`: the paths that meet no state, and `E (Π J) B` summed over the step it is left at.
    func crossStates(_ alternative: Alternative, from entry: Int, to exit: Int, states: [Int], _ r: Request) throws
        -> [Alternative] {
        guard let top = alternative.time else { return [alternative] }
        precondition(r.maximumLag == nil, "a truncated walk across several states")
        let members = Set(cycles.component[entry])
        let isState = Set(states)
        let name = rolled.nodes[entry].symbol.ascii

        // E: from the entry down to the first state met; B: from a state down to the exit within its step;
        // J: from a state down one step back, to the state that step is left from.
        let down = isState.contains(entry) ? [[Int]]() : descend(from: entry, within: members) { edge in
            isState.contains(edge.from) ? true : (edge.offset ?? 0) == 0 ? false : nil
        }
        let toExit: (Int) -> [[Int]] = { start in
            start == exit ? [[]] : self.descend(from: start, within: members) { edge in
                (edge.offset ?? 0) != 0 ? nil : edge.from == exit ? true : false
            }
        }
        let direct = isState.contains(entry) || isState.contains(exit) ? [] : entry == exit ? [[]]
            : descend(from: entry, within: members) { edge in
                (edge.offset ?? 0) != 0 || isState.contains(edge.from) ? nil : edge.from == exit ? true : false
            }
        let back: [[[Int]]] = states.map { x in
            descend(from: x, within: members) { edge in (edge.offset ?? 0) != 0 }
        }
        let offsets = Set(down.map { rolled.edges[$0.last!].offset ?? 0 })
        let advances = Set(back.flatMap { $0.map { rolled.edges[$0.last!].offset ?? 0 } })
        guard offsets.count <= 1, advances.count == 1, let advance = advances.first, advance == 1 || advance == -1 else {
            throw RNNGraphError.usage("the recurrence through \(name) reaches other than one step back, so its stacked state "
                                      + "has no one-step Jacobian; use --form recursive or --form expanded")
        }
        let exitPaths = states.map(toExit)
        try requireUniform(down.flatMap { $0 } + back.flatMap { $0.flatMap { $0 } } + exitPaths.flatMap { $0.flatMap { $0 } }
                           + direct.flatMap { $0 })
        typealias Steps = (lower: IndexExpression, upper: IndexExpression)
        let differ = RNNGraphError.usage("the paths inside the recurrence through \(name) exist at different steps, so one "
                                         + "Π cannot hold them; use --form recursive or --form expanded")
        // The steps a path exists at: where every edge of it does (all its edges are anchored at one step).
        func steps(_ path: [Int]) throws -> Steps? {
            var found: Steps?
            for e in path {
                guard let r = rolled.edges[e].range else { continue }
                guard let current = found else { found = r; continue }
                guard current.lower.base == r.lower.base, current.upper.base == r.upper.base else { throw differ }
                found = (current.lower.offset >= r.lower.offset ? current.lower : r.lower,
                         current.upper.offset <= r.upper.offset ? current.upper : r.upper)
            }
            return found
        }
        func key(_ s: Steps?) -> String { s.map { "\($0.lower)…\($0.upper)" } ?? "every step" }
        // The one range of steps that every path of a sum exists at.
        func common(_ paths: [[Int]]) throws -> Steps? {
            let all = try paths.map(steps)
            guard Set(all.map(key)).count <= 1 else { throw differ }
            return all.first ?? nil
        }
        let (entryRange, stepRange) = (try common(down), try common(back.flatMap { $0 }))
        // Paths towards the exit that exist at different steps (`h_k → c_k` from k = 1, `c_0` itself at 0)
        // give separate terms, each with its own steps.
        var exitGroups: [(range: Steps?, paths: [[[Int]]])] = []
        var exitKeys: [String] = []
        for (y, paths) in exitPaths.enumerated() {
            for path in paths {
                let found = try steps(path)
                if let g = exitKeys.firstIndex(of: key(found)) {
                    exitGroups[g].paths[y].append(path)
                } else {
                    exitKeys.append(key(found))
                    exitGroups.append((found, states.map { _ in [] }))
                    exitGroups[exitGroups.count - 1].paths[y].append(path)
                }
            }
        }

        func variable(_ k: Int, _ t: IndexExpression) -> IndexedVariable {
            IndexedVariable(symbol: rolled.nodes[k].symbol, time: t)
        }
        let matrices = layout != .scalar || form == .symbolic
        let statesAt = { (t: IndexExpression) in states.map { variable($0, t) } }
        // X's time, where the entry's paths reach the states.
        let t = top.shifted(by: -(offsets.first ?? 0))
        func within(_ range: (lower: IndexExpression, upper: IndexExpression)?, _ time: IndexExpression)
            -> [(IndexExpression, IndexExpression)] {
            range.map { [($0.lower, time), (time, $0.upper)] } ?? []
        }

        var result: [Alternative] = []
        if !direct.isEmpty {
            var a = alternative
            let sum = try pathSum(direct, at: top)
            a.constraints += within(try common(direct), top)
            if isVector { a.actions.append(EdgeAction(lefts: [sum])) } else { a.factors.append(sum) }
            result.append(a)
        }
        let entries = try states.map { x in try pathSum(isState.contains(entry) ? (x == entry ? [[]] : []) : down.filter {
            rolled.edges[$0.last!].from == x
        }, at: top) }
        guard entries.contains(where: { $0 != .zero }) else { return result }

        for (exitRange, paths) in exitGroups {
            let exitsAt = { (time: IndexExpression) in try paths.map { try self.pathSum($0, at: time) } }
            // The same step: Σ_X E_X B_X (split shape; merged, the empty Π of k = t does it).
            if r.shape == .split {
                var a = alternative
                let sum = Formula.add(zip(entries, try exitsAt(t)).map { e, b in
                    isVector ? Formula.multiply([b, e]) : Formula.multiply([e, b])
                })
                if sum != .zero {
                    a.constraints += within(entryRange, top) + within(exitRange, t)
                    if isVector { a.actions.append(EdgeAction(lefts: [sum])) } else { a.factors.append(sum) }
                    a.time = t
                    result.append(a)
                }
            }
            result.append(try stacked(alternative, exits: exitsAt, exitRange: exitRange))
        }
        return result

        /// `E (Π_j J_j) B`, summed over the step `k` the states are left at.
        func stacked(_ alternative: Alternative, exits exitsAt: (IndexExpression) throws -> [Formula],
                     exitRange: Steps?) throws -> Alternative {
            var a = alternative
            let k = newSumName(&a, r)
            let j = newProductName(&a)
            let forward = advance == 1
            let gap = r.shape == .split ? 1 : 0
            a.constraints += within(entryRange, top) + within(exitRange, .index(k))
            a.constraints.append(forward ? (.index(k), t.shifted(by: -gap)) : (t.shifted(by: gap), .index(k)))
            // The heads of J's steps run over [low, high].
            let (low, high) = forward ? (IndexExpression.index(k, 1), t) : (t, IndexExpression.index(k, -1))
            if let stepRange { a.constraints += [(stepRange.lower, low), (high, stepRange.upper)] }
            let exits = try exitsAt(.index(k))
            let jacobian = try states.indices.map { x in
                try states.map { y in
                    try pathSum(back[x].filter { rolled.edges[$0.last!].from == y }, at: .index(j))
                }
            }
            let previous = IndexExpression.index(j, -advance)
            if isVector {
                // Bᵀ J_{k+1}ᵀ ⋯ J_tᵀ Eᵀ: the Jacobian nearest the exit first.
                let transposed = states.indices.map { y in states.indices.map { x in jacobian[x][y] } }
                let body = Formula.blocks(BlockMatrix(blocks: transposed, rows: statesAt(previous), columns: statesAt(.index(j)),
                                                      isTransposed: true, hasMatrixBlocks: matrices))
                let product: Formula = forward ? .ascendingProduct(index: j, from: low, to: high, body: body)
                                               : .indexedProduct(index: j, from: low, to: high, body: body)
                a.sums.append((k, a.factors.count))
                a.actions.append(EdgeAction(lefts: [
                    .blocks(BlockMatrix(blocks: [exits], rows: [variable(exit, .index(k))], columns: statesAt(.index(k)),
                                        isTransposed: true, hasMatrixBlocks: matrices)),
                    product,
                    .blocks(BlockMatrix(blocks: entries.map { [$0] }, rows: statesAt(t), columns: [variable(entry, top)],
                                        isTransposed: true, hasMatrixBlocks: matrices)),
                ]))
            } else {
                // Σ_k stands before the row E, so that the blocks multiply within one product.
                a.sums.append((k, a.factors.count))
                a.factors.append(.blocks(BlockMatrix(blocks: [entries], rows: [variable(entry, top)], columns: statesAt(t),
                                                     isTransposed: false, hasMatrixBlocks: matrices)))
                let body = Formula.blocks(BlockMatrix(blocks: jacobian, rows: statesAt(.index(j)), columns: statesAt(previous),
                                                      isTransposed: false, hasMatrixBlocks: matrices))
                a.factors.append(forward ? .indexedProduct(index: j, from: low, to: high, body: body)
                                         : .ascendingProduct(index: j, from: low, to: high, body: body))
                a.factors.append(.blocks(BlockMatrix(blocks: exits.map { [$0] }, rows: statesAt(.index(k)),
                                                     columns: [variable(exit, .index(k))], isTransposed: false,
                                                     hasMatrixBlocks: matrices)))
            }
            a.time = .index(k)
            return a
        }
    }
}
