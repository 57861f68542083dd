import RNNGraphCore
import RNNGraphPaths

extension Formula {
    /// The formula written out for a concrete length as a list of products
    /// (one per term of the sum it denotes): every Σ unrolled, every Π
    /// multiplied out from its upper index down, every index replaced by a
    /// number. The compact form's expansion is the expanded form's terms.
    public func expandedTerms(length: Int) -> [Formula] {
        switch self {
        case .sum(let terms):
            return terms.flatMap { $0.expandedTerms(length: length) }
        case .product(let factors) where factors.contains(where: \.isBlockValued):
            // Block rows, Jacobians and columns multiply as matrices of sums of products.
            let value = factors.reduce(BlockTerms.identity) { $0.times($1.blockTerms(length: length)) }
            guard case .blocks(let blocks) = value else { return [.one] }
            precondition(blocks.count == 1 && blocks[0].count == 1, "a product of blocks that is not one block")
            return blocks[0][0]
        case .product(let factors):
            var products: [[Formula]] = [[]]
            for factor in factors {
                let options = factor.expandedTerms(length: length)
                products = products.flatMap { prefix in options.map { prefix + [$0] } }
            }
            return products.map { Formula.multiply($0) }
        case .indexedSum(let i, let from, let to, let body):
            guard let a = from.value(length: length), let b = to.value(length: length), a <= b else { return [] }
            return (a...b).flatMap { body.substituting(i, with: .constant($0)).expandedTerms(length: length) }
        case .indexedProduct(let i, let from, let to, let body):
            guard let a = from.value(length: length), let b = to.value(length: length), a <= b else { return [.one] }
            let factors = stride(from: b, through: a, by: -1).map { body.substituting(i, with: .constant($0)) }
            return Formula.product(factors).expandedTerms(length: length)
        case .ascendingProduct(let i, let from, let to, let body):
            guard let a = from.value(length: length), let b = to.value(length: length), a <= b else { return [.one] }
            let factors = (a...b).map { body.substituting(i, with: .constant($0)) }
            return Formula.product(factors).expandedTerms(length: length)
        case .negation(let a):
            return a.expandedTerms(length: length).map(Formula.negated)
        case .integer(0):
            return []
        default:
            return [self.substitutingLength(length)]
        }
    }

    /// The terms of every block of a block-valued formula; any other formula is one block.
    private func blockTerms(length: Int) -> BlockTerms {
        switch self {
        case .blocks(let b):
            return .blocks(b.blocks.map { $0.map { $0.expandedTerms(length: length) } })
        case .indexedProduct(let i, let from, let to, let body), .ascendingProduct(let i, let from, let to, let body):
            guard let a = from.value(length: length), let b = to.value(length: length), a <= b else { return .identity }
            var order = Array(a...b)
            if case .indexedProduct = self { order.reverse() }
            return order.reduce(BlockTerms.identity) {
                $0.times(body.substituting(i, with: .constant($1)).blockTerms(length: length))
            }
        default:
            return .blocks([[expandedTerms(length: length)]])
        }
    }

    /// The formula with `N` replaced by `length` in every index.
    func substitutingLength(_ length: Int) -> Formula {
        func fix(_ v: IndexedVariable) -> IndexedVariable { v.atLength(length) }
        func fixArgument(_ a: PartialArgument) -> PartialArgument {
            switch a {
            case .single(let v): return .single(fix(v))
            case .run(let x, let y): return .run(fix(x), fix(y))
            }
        }
        switch self {
        case .variable(let v): return .variable(fix(v))
        case .partial(let of, let wrt, let arguments):
            return .partial(of: fix(of), wrt: fix(wrt), arguments: arguments.map(fixArgument))
        case .product(let f): return .product(f.map { $0.substitutingLength(length) })
        case .sum(let f): return .sum(f.map { $0.substitutingLength(length) })
        case .difference(let a, let b): return .difference(a.substitutingLength(length), b.substitutingLength(length))
        case .negation(let a): return .negation(a.substitutingLength(length))
        case .quotient(let a, let b): return .quotient(a.substitutingLength(length), b.substitutingLength(length))
        case .activation(let f, let a): return .activation(f, a.substitutingLength(length))
        case .softmax(let a): return .softmax(a.substitutingLength(length))
        case .indicator(let a): return .indicator(a.substitutingLength(length))
        case .oneMinusSquare(let a): return .oneMinusSquare(a.substitutingLength(length))
        case .elementwise(let f, let a): return .elementwise(f, a.substitutingLength(length))
        case .stacked(let parts): return .stacked(parts.map { $0.substitutingLength(length) })
        case .blockSelection(let k, let parts): return .blockSelection(part: k, parts: parts.map { $0.substitutingLength(length) })
        case .diag(let a): return .diag(a.substitutingLength(length))
        case .transpose(let a): return .transpose(a.substitutingLength(length))
        case .softmaxJacobian(let a): return .softmaxJacobian(a.substitutingLength(length))
        case .hadamard(let a, let b): return .hadamard(a.substitutingLength(length), b.substitutingLength(length))
        case .unitVector(let a): return .unitVector(a.substitutingLength(length))
        case .reciprocal(let n): return n.base == .length ? .reciprocal(.constant(length + n.offset)) : self
        case .delta(let t, let state): return t.base == .length ? .delta(.constant(length + t.offset), state: state) : self
        case .blocks(let b): return .blocks(b.substitutingLength(length))
        default: return self
        }
    }
}

/// A block-valued formula written out: each block's terms, or an identity of any size (an empty Π).
private enum BlockTerms {
    case identity
    case blocks([[[Formula]]])

    /// The matrix product, block by block, each block's terms multiplied out.
    func times(_ other: BlockTerms) -> BlockTerms {
        guard case .blocks(let x) = self else { return other }
        guard case .blocks(let y) = other else { return self }
        precondition(x.allSatisfy { $0.count == y.count }, "blocks that do not multiply")
        let columns = y.first?.count ?? 0
        return .blocks(x.map { row in
            (0..<columns).map { c in
                row.indices.flatMap { m in row[m].flatMap { a in y[m][c].map { Formula.multiply([a, $0]) } } }
            }
        })
    }
}
