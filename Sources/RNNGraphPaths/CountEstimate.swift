import Foundation
import RNNGraphCore

/// The size of a path count and the cost of computing it exactly, found by the
/// same dynamic programming in floating point with an unbounded exponent
/// (`ApproximateCount`), before any big integer is made.
public struct CountEstimate: Sendable, Equatable {
    /// The base-10 logarithm of the count (−∞ for no path).
    public let log10: Double
    /// The machine words big-integer additions would touch to count exactly:
    /// for every variable, its number of parents times its count's size in 64-bit words.
    public let work: Double

    /// The most words an exact count may touch. Measured in a release build on a
    /// 2-core machine: the LSTM count at N = 10 000 (about 6 800 digits) touches
    /// 2.3 · 10⁷ words and takes 0.9 s.
    public static let maximumWork = 2.5e7

    /// The number of decimal digits of the count (0 for no path).
    public var digits: Int { log10.isFinite ? Int(log10.rounded(.down)) + 1 : 0 }

    /// - Throws: `RNNGraphError/usage(_:)` when counting exactly would touch more than
    ///   ``maximumWork`` words; the message gives the count's size at sequence length `length`.
    public func check(length: Int) throws {
        guard work > Self.maximumWork else { return }
        throw RNNGraphError.usage(
            "the number of paths at N = \(length) has about \(Self.grouped(digits)) digits (≈ 10^\(digits - 1)); "
            + "counting it exactly would add about \(Self.power(work)) machine words, above the limit of "
            + "\(Self.power(Self.maximumWork)) (about a second); use a smaller --length")
    }

    /// `n` with a thin space between groups of three digits (`301 030`).
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var text = ""
        for (k, digit) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { text += " " }
            text.append(digit)
        }
        return text
    }

    /// `x` as `m·10^e` with one decimal of mantissa (`2.5·10^8`).
    static func power(_ x: Double) -> String {
        let exponent = Int(Foundation.log10(x).rounded(.down))
        let mantissa = x / pow(10, Double(exponent))
        return String(format: "%.1f·10^%d", mantissa, exponent)
    }
}

/// A path count in floating point with an unbounded exponent: `mantissa · 2^exponent`,
/// the mantissa in [1, 2) or 0. Adds like the exact count with a relative error
/// of about 10⁻¹⁵ per addition; never overflows.
struct ApproximateCount: PathCount {
    private(set) var mantissa: Double
    private(set) var exponent: Int

    init(integerLiteral value: Int) {
        self.init(Double(value), 0)
    }

    private init(_ mantissa: Double, _ exponent: Int) {
        guard mantissa != 0 else {
            self.mantissa = 0
            self.exponent = 0
            return
        }
        self.mantissa = mantissa.significand
        self.exponent = exponent + Int(mantissa.exponent)
    }

    @inline(__always)
    static func add(_ b: ApproximateCount, to total: inout ApproximateCount, overflow: inout Bool) {
        if b.mantissa == 0 { return }
        if total.mantissa == 0 { total = b; return }
        let (high, low) = total.exponent >= b.exponent ? (total, b) : (b, total)
        let shift = high.exponent - low.exponent
        guard shift < 64 else { total = high; return }
        total = ApproximateCount(high.mantissa + Double(sign: .plus, exponent: -shift, significand: low.mantissa),
                                 high.exponent)
    }

    static func cost(of value: ApproximateCount) -> Double {
        value.mantissa == 0 ? 0 : Double(value.exponent / 64 + 1)
    }

    /// The base-10 logarithm of the value (−∞ for 0).
    var log10: Double {
        mantissa == 0 ? -.infinity : (Double(exponent) + log2(mantissa)) * Foundation.log10(2.0)
    }
}
