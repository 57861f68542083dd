import RNNGraphCore
import RNNGraphPaths

extension NumericReport {
    /// Splits the gradients by lag (``LagAnalysis``) and, with `truncation`, adds the truncated
    /// gradients; the table and the JSON then show them.
    /// - Throws: `RNNGraphError/usage(_:)` when the split would take too much memory.
    public mutating func analyzeLags(truncation: Int?) throws {
        lags = try LagAnalysis(check, truncation: truncation)
    }

    /// Whether the report's computations, lags included, agree within the tolerance.
    public var agrees: Bool {
        check.agreement.agrees && (lags?.agrees(tolerance: check.agreement.tolerance) ?? true)
    }

    /// The table sections of the lag analysis: truncated beside full gradients, norms by lag, the identities.
    var lagText: [String] {
        guard let lags else { return [] }
        let of = check.agreement.of
        var out: [String] = []
        if let k = lags.truncation {
            out += ["", "Gradients of \(of) truncated to paths through at most \(k) recurrent "
                    + "step\(k == 1 ? "" : "s"), beside the full ones"]
            var rows: [(String, [String])] = []
            for parameter in lags.parameters {
                let rank = forward.inputs.rank(of: parameter.id, value: forward[parameter.id])
                let truncated = lags.accumulation.gradient(withRespectTo: parameter.id, upTo: k)
                rows.append(("∂\(of)/∂\(parameter.name) lag ≤ \(k)", NumberFormat.lines(truncated, rank: rank)))
                rows.append(("∂\(of)/∂\(parameter.name) full", NumberFormat.lines(
                    lags.accumulation.gradient(withRespectTo: parameter.id), rank: rank)))
            }
            let width = rows.map(\.0.count).max() ?? 0
            for (name, lines) in rows {
                let lead = "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                for (n, line) in lines.enumerated() {
                    out.append((n == 0 ? lead : String(repeating: " ", count: lead.count)) + line)
                }
            }
        }
        out += ["", "Contributions by lag to the gradients of \(of): the norm of the sum over the paths "
                + "through exactly k recurrent steps"]
        let columns = [["lag"] + lags.lags.map(String.init)] + lags.parameters.map { parameter in
            ["‖∂\(of)/∂\(parameter.name)‖"] + norms(parameter).map { NumberFormat.short($0, digits: 4) }
        }
        let widths = columns.map { $0.map(\.count).max() ?? 0 }
        for row in 0..<(lags.lags.count + 1) {
            let cells = columns.enumerated().map { c, column in
                String(repeating: " ", count: widths[c] - column[row].count) + column[row]
            }
            out.append("  " + cells.joined(separator: "  "))
        }
        let f = { NumberFormat.short($0, digits: 2) }
        var line = "Lags: the parts summed over every lag vs reverse \(f(lags.lagSumVersusReverse))"
        if let k = lags.truncation, let kept = lags.keptPaths {
            line += lags.truncatedPathSumVersusReverse.map {
                ", truncated (lag ≤ \(k)) vs path sums over the \(kept) kept paths \(f($0))"
            } ?? ", path sums over the \(kept) kept paths skipped (above \(GradientCheck.defaultMaximumPaths))"
        }
        out.append("")
        out.append(line)
        return out
    }

    private func norms(_ parameter: Variable) -> [Double] { lags?.norms(parameter) ?? [] }

    /// The JSON members of the lag analysis: `lags` and, with a truncation, `truncated`.
    var lagJSON: [(String, String)] {
        guard let lags else { return [] }
        func object(_ members: [(String, String)]) -> String {
            "{\n" + members.map { "    " + Self.quote($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n  }"
        }
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        func rank(_ v: Variable) -> Int { forward.inputs.rank(of: v.id, value: forward[v.id]) }
        let norms = lags.parameters.map { p in "\"\(p.name)\": " + list(lags.norms(p).map(NumberFormat.exact)) }
        let parts = lags.parameters.map { p in
            "\"\(p.name)\": " + list(lags.lags.map { NumberFormat.json(lags.accumulation.part(p.id, lag: $0), rank: rank(p)) })
        }
        var members: [(String, String)] = [("lags", object([
            ("of", Self.quote(check.agreement.of)),
            ("norms", "{" + norms.joined(separator: ", ") + "}"),
            ("parts", "{" + parts.joined(separator: ", ") + "}"),
            ("lagSumVsReverse", NumberFormat.exact(lags.lagSumVersusReverse)),
        ]))]
        if let k = lags.truncation {
            let gradients = lags.parameters.map { p in
                "\"\(p.name)\": " + NumberFormat.json(lags.accumulation.gradient(withRespectTo: p.id, upTo: k), rank: rank(p))
            }
            members.append(("truncated", object([
                ("maximumLag", String(k)),
                ("gradients", "{" + gradients.joined(separator: ", ") + "}"),
                ("keptPaths", lags.keptPaths.map { String($0) } ?? "null"),
                ("pathSumVsReverse", lags.truncatedPathSumVersusReverse.map(NumberFormat.exact) ?? "null"),
            ])))
        }
        return members
    }
}
