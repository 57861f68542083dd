import RNNGraphCalculus

extension Formula {
    /// Whether the formula is a number that commutes with every factor: an integer or `1/n`.
    var isScalarConstant: Bool {
        switch self {
        case .integer, .reciprocal: return true
        default: return false
        }
    }

    /// The same value in the order a textbook writes it: in every product the scalar constants stand
    /// first (`2 W^⊤ (p − y)`, not `W^⊤ 2 (p − y)`), nested products flattened; a sum that starts
    /// with a negated term starts with its first positive one instead (`h − n`, not `−n + h`).
    /// Only commuting scalars and the terms of sums move, so the value is unchanged.
    func inTextbookOrder() -> Formula {
        let inner = mapChildren { $0.inTextbookOrder() }
        switch inner {
        case .product(let factors):
            let flat = factors.flatMap { factor -> [Formula] in
                if case .product(let nested) = factor { return nested }
                return [factor]
            }
            return .product(flat.filter(\.isScalarConstant) + flat.filter { !$0.isScalarConstant })
        case .sum(var terms):
            guard case .negation = terms.first,
                  let positive = terms.firstIndex(where: { if case .negation = $0 { return false } else { return true } })
            else { return inner }
            let lead = terms.remove(at: positive)
            return .sum([lead] + terms)
        default:
            return inner
        }
    }
}
