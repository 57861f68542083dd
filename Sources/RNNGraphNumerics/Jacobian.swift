import BigInt
import RNNGraphCore
import RNNGraphPaths

/// The Jacobian of a quantity with respect to a variable, `∂h_1/∂U`, computed three
/// independent ways (one reverse accumulation, one path sum and one set of finite
/// differences per entry of the quantity) and compared.
///
/// Its entries are stored with the quantity's indices first, then the variable's:
/// entry `[i][j][k]` of `∂h_1/∂U` is `∂h_{1,i}/∂U_{j,k}`.
public struct Jacobian: Sendable {
    /// The quantity differentiated: a variable or one of its entries.
    public let of: Quantity
    /// The variable differentiated by, or one of its entries.
    public let wrt: Quantity
    /// The sizes of the indices: the quantity's (none for a scalar or an entry), then the variable's.
    public let shape: [Int]
    /// The entries by reverse accumulation, row-major over ``shape``.
    public let reverse: [Double]
    /// The entries by path sums, row-major over ``shape``.
    public let pathSum: [Double]
    /// The entries by central finite differences, row-major over ``shape``.
    public let finiteDifferences: [Double]
    /// The largest disagreement among the three, `|a − b| / max(1, |a|, |b|)`.
    public let largestDifference: Double

    /// The most entries of a quantity whose Jacobian is computed (one backward pass,
    /// one path sum and one set of finite differences each).
    public static let maximumQuantityEntries = 256

    /// Computes `∂of/∂wrt` at `forward`; `rank` gives how each variable is written (0, 1 or 2 indices).
    /// - Throws: `RNNGraphError/usage(_:)` when `of` is not computed, has too many entries, or when
    ///   the finite differences would cost too much.
    public init(_ forward: ForwardPass, of: Quantity, wrt: Quantity, rank: (NodeID) -> Int) throws {
        let ofValue = forward[of.variable.id], wrtValue = forward[wrt.variable.id]
        guard of.variable.definition != nil else {
            throw RNNGraphError.usage("--of \(of.name): \(of.variable.name) is given, not computed; choose a computed variable")
        }
        let rows = of.entry.map { [$0] } ?? Array(0..<ofValue.count)
        guard rows.count <= Self.maximumQuantityEntries else {
            throw RNNGraphError.usage("--of \(of.name) has \(rows.count) entries, above the limit of "
                                      + "\(Self.maximumQuantityEntries) for a Jacobian; name one entry such as "
                                      + "\(of.variable.name)[1]")
        }
        try GradientCheck.checkFiniteDifferenceCost(forward, variables: Array(repeating: wrt.variable, count: rows.count))
        let paths = PathSum(forward, of: of.variable.id, entry: rows[0]).pathCount(from: wrt.variable.id)
        guard paths <= BigUInt(GradientCheck.defaultMaximumPaths) else {
            throw RNNGraphError.usage("the path sum of the Jacobian would enumerate \(paths) paths, above the limit of "
                                      + "\(GradientCheck.defaultMaximumPaths); use fewer steps")
        }
        let columns = wrt.entry.map { [$0] } ?? Array(0..<wrtValue.count)
        func dimensions(_ quantity: Quantity, _ value: Tensor) -> [Int] {
            if quantity.entry != nil { return [] }
            switch rank(quantity.variable.id) {
            case 0 where value.isScalar: return []
            case 0, 1: return [value.count]
            default: return [value.rows, value.cols]
            }
        }
        var reverse: [Double] = [], pathSum: [Double] = [], differences: [Double] = []
        for row in rows {
            let byReverse = ReverseAccumulation(forward, of: of.variable.id, entry: row).gradient(withRespectTo: wrt.variable.id)
            let byPaths = PathSum(forward, of: of.variable.id, entry: row).gradient(withRespectTo: wrt.variable.id)
            let byDifferences = FiniteDifferences(forward, of: of.variable.id, entry: row)
                .gradient(withRespectTo: wrt.variable.id)
            for column in columns {
                reverse.append(byReverse.entries[column])
                pathSum.append(byPaths.entries[column])
                differences.append(byDifferences.entries[column])
            }
        }
        var largest = 0.0
        for (a, b) in Array(zip(reverse, pathSum)) + Array(zip(reverse, differences)) + Array(zip(pathSum, differences)) {
            let d = abs(a - b) / max(1, abs(a), abs(b))
            largest = max(largest, d.isNaN ? .infinity : d)
        }
        self.of = of
        self.wrt = wrt
        self.shape = dimensions(of, ofValue) + dimensions(wrt, wrtValue)
        self.reverse = reverse
        self.pathSum = pathSum
        self.finiteDifferences = differences
        self.largestDifference = largest
    }

    /// The reverse-accumulation entries as nested lists over ``shape`` (a number when the shape is empty).
    public var nestedJSON: String { Self.nested(reverse[...], shape[...]) }

    private static func nested(_ values: ArraySlice<Double>, _ shape: ArraySlice<Int>) -> String {
        guard let first = shape.first else { return NumberFormat.exact(values.first ?? 0) }
        let stride = values.count / max(first, 1)
        return "[" + (0..<first).map { k in
            nested(values[(values.startIndex + k * stride)..<(values.startIndex + (k + 1) * stride)], shape.dropFirst())
        }.joined(separator: ", ") + "]"
    }
}
