import Foundation
import RNNGraphKit

/// The independently computed numbers in `../shared/reference/reference-values.json`.
enum ReferenceData {
    /// The package root: three levels up from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let url = packageRoot.appendingPathComponent("../shared/reference/reference-values.json").standardized

    /// The parsed reference file.
    static func load() throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A number or an exact rational written "a/b".
    static func number(_ value: Any) -> Double {
        if let string = value as? String {
            let parts = string.split(separator: "/").map { Double(String($0))! }
            return parts.count == 2 ? parts[0] / parts[1] : parts[0]
        }
        return (value as! NSNumber).doubleValue
    }

    /// A JSON number array or array of rows as a tensor.
    static func tensor(_ value: Any) -> Tensor {
        if let rows = value as? [[Any]] { return Tensor(rows.map { $0.map(number) }) }
        if let vector = value as? [Any] { return .column(vector.map(number)) }
        return .scalar(number(value))
    }

    /// Re-serializes a JSON fragment (for building values files from the reference values).
    static func json(_ value: Any) -> String {
        let data = try! JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Largest entry-wise difference, relative to max(1, |x|).
func distance(_ a: Tensor, _ b: Tensor) -> Double {
    precondition(a.rows == b.rows && a.cols == b.cols, "shape \(a.shapeDescription) vs \(b.shapeDescription)")
    return zip(a.entries, b.entries).map { abs($0 - $1) / max(1, abs($0), abs($1)) }.max() ?? 0
}

/// A small deterministic random generator (SplitMix64).
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ReferenceData {
    /// A values file for the reference's cs187 scalar ReLU case.
    static func cs187Values() throws -> (json: String, reference: [String: Any]) {
        let reference = try ReferenceData.load()["cs187_scalar_relu"] as! [String: Any]
        let values = reference["values"] as! [String: Any]
        let xs = (values["x"] as! [Any]).map(ReferenceData.number)
        let json = """
        {"parameters": {"U": \(values["U"]!), "V": \(values["V"]!), "W": \(values["W"]!)},
         "h0": \(values["h0"]!), "inputs": [\(xs.map { "\($0)" }.joined(separator: ", "))]}
        """
        return (json, reference)
    }
}
