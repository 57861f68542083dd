import Foundation
import RNNGraphCore
import RNNGraphPaths

/// What to write on a figure's nodes.
public enum AnnotationKind: String, Sendable, CaseIterable, Codable {
    /// Every variable's value.
    case values
    /// The gradient on every variable it is reported for.
    case gradients
}

/// Values, loss, gradients and their three-way agreement, ready to print as
/// a table for people or as JSON for programs, or to write on a figure.
public struct NumericReport: Sendable {
    /// The evaluated graph.
    public let forward: ForwardPass
    /// The gradients, computed three ways.
    public let check: GradientCheck
    /// The gradients split by lag, after ``analyzeLags(truncation:)``.
    public internal(set) var lags: LagAnalysis?

    /// Evaluates `values` and checks the gradients of `of` (by name, or an entry such as
    /// `h1[1]` with 1-based indices; default the loss).
    /// - Throws: `RNNGraphError/input(_:)` when the forward pass gives a non-finite number;
    ///   `RNNGraphError/usage(_:)` for an unknown or unsuitable `of`.
    public init(_ values: VariableValues, of name: String? = nil,
                tolerance: Double = GradientCheck.defaultTolerance) throws {
        let forward = try Self.evaluate(values)
        let quantity = try name.map { try Quantity.parse($0, in: forward, option: "--of") }
        self.forward = forward
        self.check = try GradientCheck(forward, of: quantity?.variable.id, entry: quantity?.entry, tolerance: tolerance)
    }

    /// The forward pass on `values`.
    /// - Throws: ``RNNGraphError/input(_:)`` when it gives a non-finite number.
    static func evaluate(_ values: VariableValues) throws -> ForwardPass {
        let forward = ForwardPass(values)
        if let bad = forward.graph.variables.first(where: { !forward[$0.id].isFinite }) {
            throw RNNGraphError.input(
                "the forward pass gives a non-finite value for \(bad.name); use smaller values")
        }
        return forward
    }

    /// The computed variables whose values are reported, in graph order (per-step parameter copies left out).
    public var reportedVariables: [Variable] {
        forward.graph.variables.filter { $0.definition != nil && $0.kind != .parameterCopy }
    }

    /// The loss `L`, if the graph has one.
    public var loss: Double? { forward.graph.loss.map { forward[$0.id].scalar } }

    private func rank(_ id: NodeID) -> Int { forward.inputs.rank(of: id, value: forward[id]) }

    /// The aligned table for the terminal: values, loss, gradients, and the agreement line.
    public var text: String {
        let graph = forward.graph
        var out: [String] = []
        func table(_ rows: [(name: String, shape: String, lines: [String])]) {
            let nameWidth = rows.map(\.name.count).max() ?? 0
            let shapeWidth = rows.map(\.shape.count).max() ?? 0
            for row in rows {
                let lead = "  " + row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + row.shape.padding(toLength: shapeWidth, withPad: " ", startingAt: 0) + "  "
                for (k, line) in row.lines.enumerated() {
                    out.append(((k == 0 ? lead : String(repeating: " ", count: lead.count)) + line)
                        .replacingTrailingSpaces())
                }
            }
        }
        out.append("Values")
        table(reportedVariables.filter { $0.kind != .loss }.map { variable in
            let value = forward[variable.id]
            return (variable.name, NumberFormat.shape(value, rank: rank(variable.id)),
                    NumberFormat.lines(value, rank: rank(variable.id)))
        })
        if let loss = graph.loss {
            out.append("")
            out.append("Loss")
            table([(loss.name, "scalar", [NumberFormat.short(forward[loss.id].scalar, digits: 10)])])
        }
        let of = check.agreement.of
        out.append("")
        out.append("Gradients of \(of) (reverse accumulation; each shaped like its variable)")
        func rows(_ comparisons: [GradientComparison]) -> [(String, String, [String])] {
            comparisons.map { comparison in
                let id = comparison.variable.id
                return ("∂\(of)/∂\(comparison.variable.name)", NumberFormat.shape(comparison.reverse, rank: rank(id)),
                        NumberFormat.lines(comparison.reverse, rank: rank(id)))
            }
        }
        table(rows(check.comparisons))
        if !check.adjoints.isEmpty {
            out.append("")
            out.append("Adjoints of \(of) on computed variables (the δ values backpropagation passes back)")
            table(rows(check.adjoints))
        }
        out += lagText
        out.append("")
        out.append(agreementLine)
        return out.joined(separator: "\n") + "\n"
    }

    /// One line: the three pairwise disagreements, the largest, and the verdict.
    public var agreementLine: String {
        let a = check.agreement
        let f = { NumberFormat.short($0, digits: 2) }
        let verdict = a.agrees ? "≤ tolerance \(f(a.tolerance)): the three computations agree"
                               : "> tolerance \(f(a.tolerance)): the computations DISAGREE"
        let kinkNote = a.kinks.isEmpty ? "" : "; finite differences not compared at a kink (ReLU′(0) = 0): "
            + a.kinks.joined(separator: ", ")
        guard let pathsVersusReverse = a.pathSumVersusReverse,
              let pathsVersusDifferences = a.pathSumVersusFiniteDifferences else {
            return "Agreement: reverse vs finite differences \(f(a.reverseVersusFiniteDifferences)) "
                + "(path sums skipped: \(a.pathCount) paths, above the limit of \(GradientCheck.defaultMaximumPaths)); "
                + "largest \(f(a.largest))\(a.worstEntry.map { " at \($0)" } ?? "") "
                + (a.agrees ? "≤ tolerance \(f(a.tolerance)): the two computations agree"
                            : "> tolerance \(f(a.tolerance)): the computations DISAGREE") + kinkNote
        }
        return "Agreement: path sums (\(a.pathCount) paths) vs reverse \(f(pathsVersusReverse)), "
            + "reverse vs finite differences \(f(a.reverseVersusFiniteDifferences)), "
            + "path sums vs finite differences \(f(pathsVersusDifferences)); "
            + "largest \(f(a.largest))\(a.worstEntry.map { " at \($0)" } ?? "") \(verdict)" + kinkNote
    }

    /// `{"values": {...}, "loss": ..., "gradients": {...}, "adjoints": {...}, "agreement": {...}}` with keys
    /// in graph order: `gradients` for the leaves, `adjoints` for the computed variables.
    public var json: String {
        let graph = forward.graph
        func object(_ members: [(String, String)], indent: String) -> String {
            guard !members.isEmpty else { return "{}" }
            return "{\n" + members.map { "\(indent)  \(quote($0.0)): \($0.1)" }.joined(separator: ",\n")
                + "\n\(indent)}"
        }
        let values = reportedVariables.map { ($0.name, NumberFormat.json(forward[$0.id], rank: rank($0.id))) }
        let gradients = check.comparisons.map {
            ($0.variable.name, NumberFormat.json($0.reverse, rank: rank($0.variable.id)))
        }
        let adjoints = check.adjoints.map {
            ($0.variable.name, NumberFormat.json($0.reverse, rank: rank($0.variable.id)))
        }
        let a = check.agreement
        let pathsVersusReverse: String = a.pathSumVersusReverse.map(NumberFormat.exact) ?? "null"
        let pathsVersusDifferences: String = a.pathSumVersusFiniteDifferences.map(NumberFormat.exact) ?? "null"
        let kinks: [(String, String)] = a.kinks.isEmpty ? [] : [("kinks", "[" + a.kinks.map(quote).joined(separator: ", ") + "]")]
        let agreement: [(String, String)] = [
            ("of", quote(a.of)),
            ("tolerance", NumberFormat.exact(a.tolerance)),
            ("pathSumVsReverse", pathsVersusReverse),
            ("reverseVsFiniteDifferences", NumberFormat.exact(a.reverseVersusFiniteDifferences)),
            ("pathSumVsFiniteDifferences", pathsVersusDifferences),
            ("largest", NumberFormat.exact(a.largest)),
            ("worstEntry", a.worstEntry.map(quote) ?? "null"),
            ("paths", String(a.pathCount)),
            ("agrees", a.agrees ? "true" : "false"),
        ] + kinks
        let top: [(String, String)] = [
            ("values", object(values, indent: "  ")),
            ("loss", graph.loss.map { NumberFormat.exact(forward[$0.id].scalar) } ?? "null"),
            ("gradients", object(gradients, indent: "  ")),
            ("adjoints", object(adjoints, indent: "  ")),
        ] + lagJSON + [
            ("agreement", object(agreement, indent: "  ")),
        ]
        return object(top, indent: "") + "\n"
    }

    /// Text to write under each node of a figure (see `FigureOptions/annotations`).
    public func annotations(_ kind: AnnotationKind) -> [NodeID: String] {
        var notes: [NodeID: String] = [:]
        switch kind {
        case .values:
            for variable in forward.graph.variables {
                notes[variable.id] = "= " + NumberFormat.figureInline(forward[variable.id], rank: rank(variable.id))
            }
        case .gradients:
            for comparison in check.comparisons + check.adjoints {
                notes[comparison.variable.id] = "∇ " + NumberFormat.figureInline(comparison.reverse,
                                                                           rank: rank(comparison.variable.id))
            }
        }
        return notes
    }

    private func quote(_ text: String) -> String { Self.quote(text) }

    /// `text` as a JSON string.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
