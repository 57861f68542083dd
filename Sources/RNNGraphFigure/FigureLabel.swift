import Foundation
import RNNGraphCore
import RNNGraphPaths
import RNNGraphPrinters

/// HTML-like labels for Graphviz.
enum FigureLabel {
    /// `h<SUB>1</SUB>`, `h<SUP>(1)</SUP>` or `<B>U</B><SUP>(1)</SUP>` for a copy.
    static func html(_ variable: Variable, timeStyle: TimeIndexStyle) -> String {
        guard let t = variable.time else { return variable.symbol.html }
        if variable.kind == .parameterCopy { return "\(variable.symbol.html)<SUP>(\(t))</SUP>" }
        switch timeStyle {
        case .subscript_: return "\(variable.symbol.html)<SUB>\(t)</SUB>"
        case .parenthesized: return "\(variable.symbol.html)<SUP>(\(t))</SUP>"
        case .bracketed: return "\(variable.symbol.html)<SUP>[\(t)]</SUP>"
        }
    }

    /// For each variable of `reader`'s definition, the parameters that multiply it
    /// there (`W` for `h_{t-1}` in `W h_{t-1}`, `W_x` for `x_t` in `x_t W_x`), in
    /// order of appearance. One walk of the definition serves every edge into `reader`.
    static func multipliers(in reader: Variable, graph: ComputationGraph) -> [NodeID: [NodeID]] {
        var found: [NodeID: [NodeID]] = [:]
        func visit(_ expression: Expression) {
            switch expression {
            case .variable, .constant: return
            case .product(let a, let b):
                for (factor, other) in [(a, b), (b, a)] {
                    guard case .variable(let p) = factor, graph[p].kind == .parameter else { continue }
                    for variable in other.references where !(found[variable] ?? []).contains(p) {
                        found[variable, default: []].append(p)
                    }
                }
                visit(a)
                visit(b)
            case .squaredError(let a, let b), .crossEntropy(let a, let b), .inner(let a, let b):
                visit(a)
                visit(b)
            case .sum(let terms), .mean(let terms), .apply(_, let terms): terms.forEach(visit)
            case .activation(_, let a), .softmax(let a): visit(a)
            }
        }
        if let definition = reader.definition { visit(definition) }
        return found
    }

    /// The width of a legend cell for `text` at 10 points: wide enough for the
    /// broadest common sans-serif face, whichever font the viewer draws it in.
    static func legendWidth(_ text: String) -> Int {
        Int((Double(text.count) * 10 * 0.62).rounded(.up)) + 6
    }

    /// Escapes text for an HTML-like label.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A legend table of `entries`: a kind's swatch in its fill, a highlight's caption in its colour.
    static func legend(_ entries: [Figure.LegendEntry]) -> String {
        let cells = entries.map { entry -> String in
            var cell = "<TD BORDER=\"1\" WIDTH=\"\(legendWidth(entry.caption))\""
            if let fill = entry.fill { cell += " BGCOLOR=\"\(fill)\"" }
            if let color = entry.color {
                return cell + " COLOR=\"\(color)\"><FONT COLOR=\"\(color)\">\(escape(entry.caption))</FONT></TD>"
            }
            return cell + ">\(escape(entry.caption))</TD>"
        }
        // Wrap every six entries onto a new row.
        var rows: [String] = []
        var start = 0
        while start < cells.count {
            rows.append("<TR>" + cells[start..<min(start + 6, cells.count)].joined() + "</TR>")
            start += 6
        }
        return "<FONT POINT-SIZE=\"10\"><TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"3\">"
            + rows.joined() + "</TABLE></FONT>"
    }
}
