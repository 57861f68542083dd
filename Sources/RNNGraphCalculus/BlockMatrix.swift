import RNNGraphPaths

/// A matrix of blocks (``Formula/blocks(_:)``): the Jacobian of a stacked
/// state `s_j = (h_j, c_j)` by the one before it, or a row or column that
/// picks states out of such a stack. Block `(r, c)` is sized by the variables
/// `rows[r]` and `columns[c]`; a block `1` is the identity and `0` the zero
/// block.
public struct BlockMatrix: Hashable, Sendable {
    /// The blocks, row by row.
    public var blocks: [[Formula]]
    /// The variable whose size each block row has.
    public var rows: [IndexedVariable]
    /// The variable whose size each block column has.
    public var columns: [IndexedVariable]
    /// Whether the blocks are transposed Jacobians, `(∂columns[c]/∂rows[r])^⊤` (a gradient
    /// layout), rather than `∂rows[r]/∂columns[c]`.
    public var isTransposed: Bool
    /// Whether the blocks are matrices (a `1` is written `I`), not scalars.
    public var hasMatrixBlocks: Bool

    /// A block matrix; `blocks` has `rows.count` rows of `columns.count` blocks.
    public init(blocks: [[Formula]], rows: [IndexedVariable], columns: [IndexedVariable], isTransposed: Bool,
                hasMatrixBlocks: Bool) {
        precondition(blocks.count == rows.count && blocks.allSatisfy { $0.count == columns.count },
                     "a block matrix needs one block per row and column")
        self.blocks = blocks
        self.rows = rows
        self.columns = columns
        self.isTransposed = isTransposed
        self.hasMatrixBlocks = hasMatrixBlocks
    }

    /// The same blocks with index `name` replaced by `replacement`.
    func substituting(_ name: String, with replacement: IndexExpression) -> BlockMatrix {
        map({ $0.substituting(name, with: replacement) }, { $0.substituting(name, with: replacement) })
    }

    /// The same blocks with `N` replaced by `length`.
    func substitutingLength(_ length: Int) -> BlockMatrix {
        map({ $0.substitutingLength(length) }, { v in
            guard let t = v.time, t.base == .length else { return v }
            return IndexedVariable(symbol: v.symbol, time: .constant(length + t.offset), isCopy: v.isCopy)
        })
    }

    private func map(_ block: (Formula) -> Formula, _ part: (IndexedVariable) -> IndexedVariable) -> BlockMatrix {
        BlockMatrix(blocks: blocks.map { $0.map(block) }, rows: rows.map(part), columns: columns.map(part),
                    isTransposed: isTransposed, hasMatrixBlocks: hasMatrixBlocks)
    }

    /// The Jacobian that block `(r, c)` is (or whose transpose it is): `∂of/∂wrt`.
    public func jacobian(_ r: Int, _ c: Int) -> (of: IndexedVariable, wrt: IndexedVariable) {
        isTransposed ? (columns[c], rows[r]) : (rows[r], columns[c])
    }
}

extension Formula {
    /// Whether the formula is a block matrix, or a Π of them: a value with several blocks.
    public var isBlockValued: Bool {
        switch self {
        case .blocks: return true
        case .indexedProduct(_, _, _, let body), .ascendingProduct(_, _, _, let body): return body.isBlockValued
        default: return false
        }
    }
}
