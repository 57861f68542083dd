import RNNGraphCore
import RNNGraphPaths

/// A dense matrix of `Double`s in row-major order: the value of one variable.
///
/// Column vectors are `n × 1` (cs187, goodfellow), row-vector batches are
/// `batch × features` (pytorch), scalars are `1 × 1`.
public struct Tensor: Hashable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// The entries, row by row.
    public var entries: [Double]

    /// A matrix from its entries in row-major order.
    /// - Precondition: `entries.count == rows * cols`.
    public init(rows: Int, cols: Int, entries: [Double]) {
        precondition(rows >= 0 && cols >= 0 && entries.count == rows * cols, "entries do not fill \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.entries = entries
    }

    /// A matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: rows, cols: cols, entries: Array(repeating: value, count: rows * cols))
    }

    /// A matrix from its rows. - Precondition: the rows have equal lengths.
    public init(_ rowValues: [[Double]]) {
        let cols = rowValues.first?.count ?? 0
        precondition(rowValues.allSatisfy { $0.count == cols }, "ragged rows")
        self.init(rows: rowValues.count, cols: cols, entries: rowValues.flatMap { $0 })
    }

    /// An `n × 1` column vector.
    public static func column(_ values: [Double]) -> Tensor { Tensor(rows: values.count, cols: 1, entries: values) }

    /// A `1 × n` row vector.
    public static func row(_ values: [Double]) -> Tensor { Tensor(rows: 1, cols: values.count, entries: values) }

    /// A `1 × 1` scalar.
    public static func scalar(_ value: Double) -> Tensor { Tensor(rows: 1, cols: 1, entries: [value]) }

    /// Zeros shaped like `other`.
    public static func zeros(like other: Tensor) -> Tensor { Tensor(rows: other.rows, cols: other.cols) }

    /// Number of entries.
    public var count: Int { entries.count }

    /// Whether the shape is `1 × 1`.
    public var isScalar: Bool { rows == 1 && cols == 1 }

    /// The single entry of a `1 × 1` tensor (the first entry otherwise).
    public var scalar: Double { entries[0] }

    /// Whether both tensors have the same shape.
    public func hasShape(of other: Tensor) -> Bool { rows == other.rows && cols == other.cols }

    /// The entry at row `i`, column `j`.
    public subscript(i: Int, j: Int) -> Double {
        get { entries[i * cols + j] }
        set { entries[i * cols + j] = newValue }
    }

    /// The rows as arrays.
    public var rowArrays: [[Double]] {
        (0..<rows).map { Array(entries[($0 * cols)..<(($0 + 1) * cols)]) }
    }

    /// The shape written as `rows×cols`.
    public var shapeDescription: String { "\(rows)×\(cols)" }

    /// The transpose.
    public var transposed: Tensor {
        var result = Tensor(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { result.entries[j * rows + i] = entries[i * cols + j] } }
        return result
    }

    /// The same entries read as `rows × cols` (row-major order is kept).
    public func reshaped(rows: Int, cols: Int) -> Tensor { Tensor(rows: rows, cols: cols, entries: entries) }

    /// Applies `transform` to every entry.
    public func map(_ transform: (Double) -> Double) -> Tensor {
        Tensor(rows: rows, cols: cols, entries: entries.map(transform))
    }

    /// Combines two tensors of equal shape entry by entry.
    public func zip(_ other: Tensor, _ combine: (Double, Double) -> Double) -> Tensor {
        precondition(hasShape(of: other), "shape mismatch \(shapeDescription) vs \(other.shapeDescription)")
        var result = self
        for k in entries.indices { result.entries[k] = combine(entries[k], other.entries[k]) }
        return result
    }

    /// The matrix product `self · other`.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(cols == other.rows, "cannot multiply \(shapeDescription) by \(other.shapeDescription)")
        var result = Tensor(rows: rows, cols: other.cols)
        for i in 0..<rows {
            for k in 0..<cols {
                let a = entries[i * cols + k]
                if a == 0 { continue }
                for j in 0..<other.cols { result.entries[i * other.cols + j] += a * other.entries[k * other.cols + j] }
            }
        }
        return result
    }

    /// Entry-wise sum. - Precondition: equal shapes.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, +) }
    /// Entry-wise difference. - Precondition: equal shapes.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, -) }
    /// Scaling by a number.
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }

    /// Sum of all entries.
    public var sum: Double { entries.reduce(0, +) }

    /// Largest absolute entry (0 when empty).
    public var maxMagnitude: Double { entries.reduce(0) { max($0, abs($1)) } }

    /// Whether every entry is finite.
    public var isFinite: Bool { entries.allSatisfy(\.isFinite) }

    /// The sum of the rows, as a `1 × cols` row: the reduction that undoes broadcasting a row over rows.
    public var columnSums: Tensor {
        var result = Tensor(rows: 1, cols: cols)
        for i in 0..<rows { for j in 0..<cols { result.entries[j] += entries[i * cols + j] } }
        return result
    }

    /// `self` broadcast to `rows × cols`: a `1 × 1` scalar fills it, a `1 × cols` row repeats
    /// over rows, a `rows × 1` column over columns; equal shapes pass through.
    public func broadcast(rows targetRows: Int, cols targetCols: Int) -> Tensor {
        if rows == targetRows && cols == targetCols { return self }
        precondition(Self.broadcasts(self.rows, self.cols, to: targetRows, targetCols),
                     "cannot broadcast \(shapeDescription) to \(targetRows)×\(targetCols)")
        var result = Tensor(rows: targetRows, cols: targetCols)
        for i in 0..<targetRows {
            for j in 0..<targetCols { result.entries[i * targetCols + j] = self[rows == 1 ? 0 : i, cols == 1 ? 0 : j] }
        }
        return result
    }

    /// Whether a `rows × cols` tensor broadcasts to `targetRows × targetCols`.
    public static func broadcasts(_ rows: Int, _ cols: Int, to targetRows: Int, _ targetCols: Int) -> Bool {
        (rows == targetRows || rows == 1) && (cols == targetCols || cols == 1)
    }

    /// The adjoint `self` of a broadcast result summed back to `rows × cols`, the shape before broadcasting.
    public func reduced(toRows targetRows: Int, cols targetCols: Int) -> Tensor {
        if rows == targetRows && cols == targetCols { return self }
        var result = Tensor(rows: targetRows, cols: targetCols)
        for i in 0..<rows {
            for j in 0..<cols {
                result.entries[(targetRows == 1 ? 0 : i) * targetCols + (targetCols == 1 ? 0 : j)] += entries[i * cols + j]
            }
        }
        return result
    }

    public var description: String {
        "[" + rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}
