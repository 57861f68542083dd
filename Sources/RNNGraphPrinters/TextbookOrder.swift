import RNNGraphCalculus

extension Formula {
    /// Whether the formula is a number that commutes with every factor: an integer or `1/n`.
    var isScalarConstant: Bool {
        switch self {
        case .integer, .number, .reciprocal: return true
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
            var constants = flat.filter(\.isScalarConstant)
            // Decimals and integers side by side would read as one number (`0.5 2`): one constant, `1`.
            if constants.contains(where: { if case .number = $0 { return true } else { return false } }) {
                let value = constants.reduce(1.0) { product, c in
                    switch c {
                    case .integer(let n): return product * Double(n)
                    case .number(let x): return product * x
                    default: return product
                    }
                }
                let folded = Formula.constant(value)
                constants = constants.filter { if case .reciprocal = $0 { return true } else { return false } }
                if folded != .one { constants.insert(folded, at: 0) }
            }
            let rest = flat.filter { !$0.isScalarConstant }
            if constants.isEmpty { return rest.count == 1 ? rest[0] : .product(rest) }
            if case .negation(let positive) = constants[0] {
                return .negation(.product([positive] + constants.dropFirst() + rest))
            }
            return .product(constants + rest)
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
