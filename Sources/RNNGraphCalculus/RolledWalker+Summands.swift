import RNNGraphCore
import RNNGraphPaths

/// A step-free edge whose head sums one summand over the steps — a parameter
/// read inside the loss's sum, `L = Σ_t (y_t − V h_t)^2` by `V` — has a partial
/// that lists every step. Written as `Σ_{t=1}^{N}` of the summand's partial at
/// step `t`, it holds for every N: the sum is read off the representative
/// graph and checked against the graph one step longer, which must give the
/// same formula.
extension RolledWalker {
    /// The partial of `edge` (scalar layout) or its gradient for a head gradient of 1 (vector layouts) as
    /// a sum over the steps with index `index`, or `nil` when its partial is not one summand repeated.
    func summedPartial(_ edge: RolledGraph.Edge, index: String) -> Formula? {
        guard let written = folded(edge, longer: false, index: index),
              written == folded(edge, longer: true, index: index) else { return nil }
        return written
    }

    /// Whether `edge`, the first of a walk from a step-free top, has a partial summed over the steps.
    func isSummed(_ edge: Int, in r: Request) -> Bool {
        guard case .untimed = r.start, r.edges.first == edge else { return false }
        return summedPartial(rolled.edges[edge], index: "t") != nil
    }

    /// The partial read from the representative graph, or (`longer`) the graph one step longer, with the
    /// steps of its summands written from `index`.
    private func folded(_ edge: RolledGraph.Edge, longer: Bool, index: String) -> Formula? {
        let graph = longer ? rolled.longer : rolled.representative
        let length = rolled.representativeLength + (longer ? 1 : 0)
        let (tail, head) = longer ? edge.longerInstances[edge.longerInstances.count / 2] : edge.representative
        guard graph[head].time == nil, graph[tail].time == nil else { return nil }
        let locals = LocalPartials(graph: graph, rename: { IndexedVariable(graph[$0]) },
                                   renameArgument: { IndexedVariable(graph[$0]) },
                                   count: { n in n >= length - 2 ? .length(n - length) : .constant(n) })
        let whole = isVector ? locals.action(head, tail, layout: layout, hadamard: hadamard).apply(to: .one)
                             : locals.partial(head, tail, form: form)
        return Self.fold(whole, index: index, length: length)
    }

    /// `whole` with its one sum over the steps written `Σ_{index}`: the sum itself, or a product or
    /// negation of it with step-free factors.
    static func fold(_ whole: Formula, index: String, length: Int) -> Formula? {
        switch whole {
        case .sum(let terms): return foldSum(terms, index: index, length: length)
        case .negation(let inner): return fold(inner, index: index, length: length).map(Formula.negation)
        case .product(let factors):
            let sums = factors.indices.filter { if case .sum = factors[$0] { return true } else { return false } }
            guard sums.count == 1, let k = sums.first,
                  factors.enumerated().allSatisfy({ $0.offset == k || constantTimes($0.element)?.isEmpty == true }),
                  let summed = fold(factors[k], index: index, length: length) else { return nil }
            var folded = factors
            folded[k] = summed
            return .product(folded)
        default: return nil
        }
    }

    /// `Σ_{index=a}^{N−b} body` for terms that are `body` at the consecutive steps `a … length − b`
    /// (each term's step is the earliest it reads).
    private static func foldSum(_ terms: [Formula], index: String, length: Int) -> Formula? {
        guard terms.count >= 3 else { return nil }
        var bodies: [(step: Int, body: Formula)] = []
        for term in terms {
            guard let times = constantTimes(term), let step = times.min() else { return nil }
            let body = term.mappingTimes { t in t.base == .constant ? IndexExpression.index(index).shifted(by: t.offset - step) : t }
            bodies.append((step, body))
        }
        bodies.sort { $0.step < $1.step }
        guard let first = bodies.first, let last = bodies.last,
              bodies.allSatisfy({ $0.body == first.body }),
              zip(bodies, bodies.dropFirst()).allSatisfy({ $1.step == $0.step + 1 }),
              last.step >= length - 2 else { return nil }
        return .indexedSum(index: index, from: .constant(first.step), to: .length(last.step - length), body: first.body)
    }

    /// The steps written as numbers in `f`, or `nil` when `f` holds what this walk does not read (block matrices).
    private static func constantTimes(_ f: Formula) -> [Int]? {
        var times: [Int] = []
        var readable = true
        _ = f.mappingTimes { t in
            if t.base == .constant { times.append(t.offset) }
            return t
        } unreadable: { readable = false }
        return readable ? times : nil
    }
}

extension Formula {
    /// The formula with every time index (of variables, partials, δ's, reciprocals and bounds) mapped by
    /// `map`; `unreadable` is called for a part whose indices it does not reach (block matrices).
    func mappingTimes(_ map: (IndexExpression) -> IndexExpression, unreadable: () -> Void = {}) -> Formula {
        func variable(_ v: IndexedVariable) -> IndexedVariable {
            IndexedVariable(symbol: v.symbol, time: v.time.map(map), isCopy: v.isCopy)
        }
        switch self {
        case .variable(let v): return .variable(variable(v))
        case .reciprocal(let n): return .reciprocal(map(n))
        case .delta(let t, let state): return .delta(map(t), state: state)
        case .partial(let of, let wrt, let arguments):
            return .partial(of: variable(of), wrt: variable(wrt), arguments: arguments.map { argument in
                switch argument {
                case .single(let v): return .single(variable(v))
                case .run(let a, let b): return .run(variable(a), variable(b))
                }
            })
        case .indexedSum(let i, let from, let to, let body):
            return .indexedSum(index: i, from: map(from), to: map(to), body: body.mappingTimes(map, unreadable: unreadable))
        case .indexedProduct(let i, let from, let to, let body):
            return .indexedProduct(index: i, from: map(from), to: map(to), body: body.mappingTimes(map, unreadable: unreadable))
        case .ascendingProduct(let i, let from, let to, let body):
            return .ascendingProduct(index: i, from: map(from), to: map(to),
                                     body: body.mappingTimes(map, unreadable: unreadable))
        case .blocks:
            unreadable()
            return self
        default:
            return mapChildren { $0.mappingTimes(map, unreadable: unreadable) }
        }
    }
}
