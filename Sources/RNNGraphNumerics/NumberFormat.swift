import Foundation
import RNNGraphCore
import RNNGraphPaths

/// How numbers and tensors are written in reports, tables and figure annotations.
public enum NumberFormat {
    /// Full precision (shortest round-trip form); `null` for non-finite values — for JSON.
    public static func exact(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// A short form with `digits` significant digits, for people.
    public static func short(_ x: Double, digits: Int = 6) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        return String(format: "%.\(digits)g", x)
    }

    /// A tensor as JSON: a number for rank 0, an array for rank 1, an array of rows for rank 2.
    public static func json(_ tensor: Tensor, rank: Int) -> String {
        switch rank {
        case 0 where tensor.count == 1: return exact(tensor.scalar)
        case 0, 1: return "[" + tensor.entries.map(exact).joined(separator: ", ") + "]"
        default:
            return "[" + tensor.rowArrays.map { "[" + $0.map(exact).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        }
    }

    /// A tensor as text lines with aligned columns: `0.5`, `[0.5, -1]`, or one line per row.
    public static func lines(_ tensor: Tensor, rank: Int, digits: Int = 6) -> [String] {
        let texts = tensor.entries.map { short($0, digits: digits) }
        if rank == 0 && tensor.count == 1 { return [texts[0]] }
        let width = texts.map(\.count).max() ?? 0
        let padded = texts.map { String(repeating: " ", count: width - $0.count) + $0 }
        if rank <= 1 { return ["[" + padded.joined(separator: ", ") + "]"] }
        let rows = (0..<tensor.rows).map { i in
            "[" + padded[(i * tensor.cols)..<((i + 1) * tensor.cols)].joined(separator: ", ") + "]"
        }
        return rows.enumerated().map { k, row in
            (k == 0 ? "[" : " ") + row + (k == rows.count - 1 ? "]" : ",")
        }
    }

    /// A number for a figure: exactly `digits` significant digits (trailing zeros
    /// kept, so every number of a figure reads alike), a true minus sign (U+2212),
    /// and `1.23e−5` outside 0.0001…999 (for three digits).
    public static func figure(_ x: Double, digits: Int = 3) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "∞" : "\u{2212}∞") }
        if x == 0 { return "0" }
        // The exponent after rounding to `digits` digits decides the form (9.996 → 10.0).
        let parts = String(format: "%.\(digits - 1)e", abs(x)).split(separator: "e")
        let exponent = Int(parts[1]) ?? 0
        let text = exponent >= -4 && exponent < digits
            ? String(format: "%.\(max(0, digits - 1 - exponent))f", abs(x))
            : "\(parts[0])e" + (exponent < 0 ? "\u{2212}" : "") + "\(abs(exponent))"
        return (x < 0 ? "\u{2212}" : "") + text
    }

    /// A tensor on one line in ``figure(_:digits:)``'s form, for figure annotations.
    public static func figureInline(_ tensor: Tensor, rank: Int, digits: Int = 3) -> String {
        func row(_ values: [Double]) -> String {
            "[" + values.map { figure($0, digits: digits) }.joined(separator: ", ") + "]"
        }
        if rank == 0 && tensor.count == 1 { return figure(tensor.scalar, digits: digits) }
        if rank <= 1 { return row(tensor.entries) }
        return "[" + tensor.rowArrays.map(row).joined(separator: ", ") + "]"
    }

    /// A shape the way the quiz writes it: `scalar`, `(3,)`, `(2, 3)`.
    public static func shape(_ tensor: Tensor, rank: Int) -> String {
        switch rank {
        case 0 where tensor.count == 1: return "scalar"
        case 0, 1: return "(\(tensor.count),)"
        default: return "(\(tensor.rows), \(tensor.cols))"
        }
    }
}
