import RNNGraphPaths

/// Orders index expressions free of summation indices (`1`, `N-1`): by an order
/// that holds for every `N ≥ 1` when there is one, else at the model's length.
struct IndexOrder {
    /// The model's length, for expressions whose order changes with `N` (`2` against `N`).
    let length: Int
    private let probe: BoundResolver

    init(length: Int) {
        self.length = length
        self.probe = BoundResolver(summed: [], free: [:], length: length)
    }

    /// Whether `a ≤ b` for every `N ≥ 1`.
    func sure(_ a: IndexExpression, _ b: IndexExpression) -> Bool { probe.sure(a, b) }

    /// Whether `a ≤ b`: for every `N ≥ 1` when that holds either way, else for large `N`
    /// (a constant before `N − 1`).
    func lessOrEqual(_ a: IndexExpression, _ b: IndexExpression) -> Bool {
        if sure(a, b) { return true }
        if sure(b.shifted(by: 1), a) { return false }
        return asymptotic(a) <= asymptotic(b)
    }

    /// `(slope, offset)` of an index-free expression as `slope·N + offset`.
    private func asymptotic(_ e: IndexExpression) -> (Int, Int) { (e.base == .length ? 1 : 0, e.offset) }

    /// The smaller of two expressions.
    func min(_ a: IndexExpression, _ b: IndexExpression) -> IndexExpression { lessOrEqual(a, b) ? a : b }
    /// The larger of two expressions.
    func max(_ a: IndexExpression, _ b: IndexExpression) -> IndexExpression { lessOrEqual(a, b) ? b : a }

    /// The expressions without repeats in ``lessOrEqual(_:_:)`` order; when that order does not
    /// hold at ``length`` (a constant `2` before `N` at `N = 1`), in their order at ``length``.
    func sorted(_ expressions: [IndexExpression]) -> [IndexExpression] {
        var unique: [IndexExpression] = []
        for e in expressions where !unique.contains(e) { unique.append(e) }
        let general = unique.sorted { asymptoticOrder($0, $1) }
        let values = general.map { $0.value(length: length) ?? 0 }
        if zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }) { return general }
        return unique.sorted { a, b in
            let (x, y) = (a.value(length: length) ?? 0, b.value(length: length) ?? 0)
            return x != y ? x < y : asymptoticOrder(a, b)
        }
    }

    private func asymptoticOrder(_ a: IndexExpression, _ b: IndexExpression) -> Bool {
        a != b && lessOrEqual(a, b)
    }

    /// Whether an interval holds no step for any `N ≥ 1`.
    func surelyEmpty(_ i: StepInterval) -> Bool { sure(i.upper.shifted(by: 1), i.lower) }

    /// The smallest interval holding every interval given, `nil` for none.
    func hull(_ intervals: [StepInterval]) -> StepInterval? {
        guard var hull = intervals.first else { return nil }
        for i in intervals.dropFirst() {
            hull = StepInterval(lower: min(hull.lower, i.lower), upper: max(hull.upper, i.upper))
        }
        return hull
    }

    /// Whether two intervals surely share no step.
    func disjoint(_ a: StepInterval, _ b: StepInterval) -> Bool {
        sure(a.upper.shifted(by: 1), b.lower) || sure(b.upper.shifted(by: 1), a.lower)
    }
}

/// The steps from `lower` to `upper`, both included.
struct StepInterval: Hashable {
    var lower: IndexExpression
    var upper: IndexExpression
}
