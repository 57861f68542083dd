import BigInt
import RNNGraphCore

/// A number paths are counted in: a machine integer that reports overflow, a big integer that never
/// overflows, a floating-point estimate, or a Boolean (whether any path exists).
protocol PathCount: ExpressibleByIntegerLiteral, Equatable {
    /// `total += b`, setting `overflow` when the sum does not fit.
    static func add(_ b: Self, to total: inout Self, overflow: inout Bool)
    /// The machine words an exact addition of a number this size touches (0 unless estimating).
    static func cost(of value: Self) -> Double
}

extension PathCount {
    /// `a + b`, setting `overflow` when the sum does not fit.
    @inline(__always)
    static func sum(_ a: Self, _ b: Self, overflow: inout Bool) -> Self {
        var total = a
        add(b, to: &total, overflow: &overflow)
        return total
    }

    @inline(__always)
    static func cost(of value: Self) -> Double { 0 }
}

extension UInt64: PathCount {
    @inline(__always)
    static func add(_ b: UInt64, to total: inout UInt64, overflow: inout Bool) {
        let (sum, over) = total.addingReportingOverflow(b)
        if over { overflow = true }
        total = sum
    }
}

extension BigUInt: PathCount {
    static func add(_ b: BigUInt, to total: inout BigUInt, overflow: inout Bool) { total += b }
}

/// Counting in the Boolean semiring: whether any path exists.
struct Reached: PathCount {
    let value: Bool

    init(integerLiteral value: Int) { self.value = value != 0 }

    private init(_ value: Bool) { self.value = value }

    static func add(_ b: Reached, to total: inout Reached, overflow: inout Bool) {
        if b.value { total = Reached(true) }
    }
}
