import BigInt
import RNNGraphCore

/// A number paths are counted in: a machine integer that reports overflow, or a big integer that never overflows.
protocol PathCount: ExpressibleByIntegerLiteral, Equatable {
    /// `a + b`, setting `overflow` when the sum does not fit.
    static func sum(_ a: Self, _ b: Self, overflow: inout Bool) -> Self
}

extension UInt64: PathCount {
    @inline(__always)
    static func sum(_ a: UInt64, _ b: UInt64, overflow: inout Bool) -> UInt64 {
        let (total, over) = a.addingReportingOverflow(b)
        if over { overflow = true }
        return total
    }
}

extension BigUInt: PathCount {
    static func sum(_ a: BigUInt, _ b: BigUInt, overflow: inout Bool) -> BigUInt { a + b }
}
