import RNNGraphCore
import RNNGraphPaths

/// The values of a model and one Jacobian `∂of/∂wrt`, checked three ways, as a
/// table for people or as JSON for programs.
public struct JacobianReport: Sendable {
    /// The evaluated graph.
    public let forward: ForwardPass
    /// The Jacobian.
    public let jacobian: Jacobian
    /// The largest disagreement allowed.
    public let tolerance: Double

    /// Evaluates `values` and computes `∂of/∂wrt`; each name is a variable (`h1`, `U`) or
    /// an entry with 1-based indices (`h1[1]`, `U[1,2]`).
    /// - Throws: `RNNGraphError/input(_:)` when the forward pass gives a non-finite number;
    ///   `RNNGraphError/usage(_:)` for an unknown name, a malformed or out-of-range index, a leaf `of`.
    public init(_ values: VariableValues, of: String?, wrt: String,
                tolerance: Double = GradientCheck.defaultTolerance) throws {
        let forward = try NumericReport.evaluate(values)
        let ofQuantity: Quantity
        if let of {
            ofQuantity = try Quantity.parse(of, in: forward, option: "--of")
        } else if let loss = forward.graph.loss {
            ofQuantity = Quantity(loss)
        } else {
            throw RNNGraphError.usage("the model has no loss; name the quantity with --of")
        }
        let wrtQuantity = try Quantity.parse(wrt, in: forward, option: "--wrt")
        self.forward = forward
        self.tolerance = tolerance
        self.jacobian = try Jacobian(forward, of: ofQuantity, wrt: wrtQuantity) {
            forward.inputs.rank(of: $0, value: forward[$0])
        }
    }

    /// Whether the three computations agree within ``tolerance``.
    public var agrees: Bool { jacobian.largestDifference <= tolerance }

    private var title: String { "∂\(jacobian.of.name)/∂\(jacobian.wrt.name)" }

    /// The slices of the Jacobian, one per entry of the quantity, each shaped like the variable (or its entry).
    private var slices: [(name: String, value: Tensor, rank: Int)] {
        let of = jacobian.of, wrt = jacobian.wrt
        let ofValue = forward[of.variable.id], wrtValue = forward[wrt.variable.id]
        let rows = of.entry.map { [$0] } ?? Array(0..<ofValue.count)
        let width = wrt.entry == nil ? wrtValue.count : 1
        let wrtRank = wrt.entry == nil ? forward.inputs.rank(of: wrt.variable.id, value: wrtValue) : 0
        return rows.enumerated().map { k, row in
            let entries = Array(jacobian.reverse[(k * width)..<((k + 1) * width)])
            let value = wrt.entry == nil ? Tensor(rows: wrtValue.rows, cols: wrtValue.cols, entries: entries)
                                         : Tensor.scalar(entries[0])
            let name = of.entry != nil || ofValue.isScalar ? of.name
                : GradientCheck.entryName(of.variable.name, ofValue, row, oneBased: true)
            return ("∂\(name)/∂\(wrt.name)", value, wrtRank)
        }
    }

    /// The table: the Jacobian's shape, one slice per entry of the quantity, and the agreement line.
    public var text: String {
        let sizes = jacobian.shape.map(String.init)
        let shape = sizes.isEmpty ? "scalar" : sizes.count == 1 ? "(\(sizes[0]),)" : "(" + sizes.joined(separator: ", ") + ")"
        var out = ["Jacobian \(title)  \(shape): the quantity's indices first, then the variable's (1-based)"]
        let rows = slices
        let nameWidth = rows.map(\.name.count).max() ?? 0
        for row in rows {
            let lead = "  " + row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            for (k, line) in NumberFormat.lines(row.value, rank: row.rank).enumerated() {
                out.append((k == 0 ? lead : String(repeating: " ", count: lead.count)) + line)
            }
        }
        out.append("")
        out.append(agreementLine)
        return out.joined(separator: "\n") + "\n"
    }

    /// One line: the largest disagreement among reverse accumulation, path sums and finite differences.
    public var agreementLine: String {
        let f = { NumberFormat.short($0, digits: 2) }
        return "Agreement: reverse accumulation, path sums and finite differences within "
            + "\(f(jacobian.largestDifference)) "
            + (agrees ? "≤ tolerance \(f(tolerance)): the three computations agree"
                      : "> tolerance \(f(tolerance)): the computations DISAGREE")
    }

    /// `{"jacobian": {"of", "wrt", "shape", "values", "agreement"}}`; `values` nests the
    /// quantity's indices first, then the variable's.
    public var json: String {
        let j = jacobian
        let quote = NumericReport.quote
        let members: [(String, String)] = [
            ("of", quote(j.of.name)),
            ("wrt", quote(j.wrt.name)),
            ("shape", "[" + j.shape.map(String.init).joined(separator: ", ") + "]"),
            ("values", j.nestedJSON),
            ("largestDifference", NumberFormat.exact(j.largestDifference)),
            ("tolerance", NumberFormat.exact(tolerance)),
            ("agrees", agrees ? "true" : "false"),
        ]
        return "{\n  \"jacobian\": {\n" + members.map { "    " + quote($0.0) + ": " + $0.1 }.joined(separator: ",\n")
            + "\n  }\n}\n"
    }
}
