import RNNGraphCore
import RNNGraphPaths

/// Turns the inequalities collected along a walk of the rolled graph into
/// summation bounds, innermost indices first eliminated (Fourier–Motzkin on
/// unit coefficients), outermost first resolved.
///
/// Bounds of different bases (`t-1` against `N`) are ordered when the order
/// holds for every `N ≥ 1` given the bounds already resolved; bounds free of
/// indices (a concrete `o_2` against `N`) are ordered at the model's length;
/// otherwise resolution fails with a clear error.
struct BoundResolver {
    /// Summed indices, outermost first.
    let summed: [String]
    /// Free (unsummed) indices and the ranges they may take, for comparisons.
    let free: [String: (lower: IndexExpression, upper: IndexExpression)]
    /// The model's length, for constraints that involve no index.
    let length: Int

    /// The result: one bound pair per summed index, and the constraints left on free indices.
    struct Result {
        var bounds: [(index: String, lower: IndexExpression, upper: IndexExpression)]
        var freeConstraints: [(IndexExpression, IndexExpression)]
    }

    private var resolved: [String: (lower: IndexExpression, upper: IndexExpression)] = [:]

    init(summed: [String], free: [String: (lower: IndexExpression, upper: IndexExpression)], length: Int) {
        self.summed = summed
        self.free = free
        self.length = length
    }

    private func position(_ e: IndexExpression) -> Int {
        guard let name = e.indexName else { return -1 }
        return summed.firstIndex(of: name) ?? -1
    }

    /// Resolves `lhs ≤ rhs` constraints; `nil` when they cannot all hold (an empty term).
    mutating func resolve(_ constraints: [(IndexExpression, IndexExpression)]) throws -> Result? {
        var lowers = Array(repeating: [IndexExpression](), count: summed.count)
        var uppers = Array(repeating: [IndexExpression](), count: summed.count)
        var freeConstraints: [(IndexExpression, IndexExpression)] = []

        func place(_ lhs: IndexExpression, _ rhs: IndexExpression) -> Bool {
            if lhs.base == rhs.base { return lhs.offset <= rhs.offset }
            let pl = position(lhs), pr = position(rhs)
            if pl < 0 && pr < 0 {
                if let a = lhs.value(length: length), let b = rhs.value(length: length) { return a <= b }
                freeConstraints.append((lhs, rhs))
                return true
            }
            if pl > pr {
                let bound = rhs.shifted(by: -lhs.offset)
                if !uppers[pl].contains(bound) { uppers[pl].append(bound) }
            } else {
                let bound = lhs.shifted(by: -rhs.offset)
                if !lowers[pr].contains(bound) { lowers[pr].append(bound) }
            }
            return true
        }

        for (lhs, rhs) in constraints where !place(lhs, rhs) { return nil }
        for k in stride(from: summed.count - 1, through: 0, by: -1) {
            for lower in lowers[k] {
                for upper in uppers[k] where !place(lower, upper) { return nil }
            }
        }
        var bounds: [(index: String, lower: IndexExpression, upper: IndexExpression)] = []
        for (k, name) in summed.enumerated() {
            guard !lowers[k].isEmpty, !uppers[k].isEmpty else {
                throw RNNGraphError.usage("cannot bound the index \(name) of the compact form; use --form expanded")
            }
            let lower = try extreme(lowers[k], largest: true)
            let upper = try extreme(uppers[k], largest: false)
            if sure(upper.shifted(by: 1), lower) { return nil }
            resolved[name] = (lower, upper)
            bounds.append((name, lower, upper))
        }
        return Result(bounds: bounds, freeConstraints: freeConstraints)
    }

    /// The largest (or smallest) of several bounds, when their order holds for every N.
    private func extreme(_ candidates: [IndexExpression], largest: Bool) throws -> IndexExpression {
        var best = candidates[0]
        for candidate in candidates.dropFirst() {
            let (small, large) = largest ? (candidate, best) : (best, candidate)
            if sure(small, large) { continue }
            if sure(large, small) { best = candidate; continue }
            // Bounds fixed by a concrete variable (such as o_2) hold for this length only.
            if let a = small.value(length: length), let b = large.value(length: length) {
                if a > b { best = candidate }
                continue
            }
            throw RNNGraphError.usage(
                "cannot order the bounds \(best) and \(candidate) for every N, so the compact form has no single shape; use --form expanded")
        }
        return best
    }

    /// Whether `a ≤ b` for every N ≥ 1 and every value of the indices involved.
    func sure(_ a: IndexExpression, _ b: IndexExpression) -> Bool {
        if a.base == b.base { return a.offset <= b.offset }
        guard let high = affine(a, largest: true), let low = affine(b, largest: false) else { return false }
        let slope = high.slope - low.slope, constant = high.constant - low.constant
        return slope <= 0 && slope + constant <= 0
    }

    /// The largest or smallest value of `e` as `slope·N + constant`.
    private func affine(_ e: IndexExpression, largest: Bool) -> (slope: Int, constant: Int)? {
        switch e.base {
        case .constant: return (0, e.offset)
        case .length: return (1, e.offset)
        case .index(let name):
            let range = resolved[name] ?? free[name]
            guard let range else { return nil }
            guard let inner = affine(largest ? range.upper : range.lower, largest: largest) else { return nil }
            return (inner.slope, inner.constant + e.offset)
        }
    }
}
