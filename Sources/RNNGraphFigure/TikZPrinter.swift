import Foundation
import RNNGraphCore
import RNNGraphNotation
import RNNGraphPaths

/// Writes a laid-out ``Figure`` as a TikZ picture for LaTeX authors: nodes at
/// the positions Graphviz gave them, edges as the same Bézier paths, labels as
/// LaTeX math in the document's own fonts (edge labels in their parameter's
/// colour), each annotation in its slot, and the legend centred under the picture
/// in balanced rows. Colours are named (`\providecolor`, so that a document's own
/// definition comes first; a parameter's colour after the parameter, `rnnWhi` for
/// `W_hi`) and every kind of node, edge and label has a style (`rnn param`,
/// `rnn state`, `rnn edge`, `rnn edge label`, `rnn note`, `rnn legend`, …) that a
/// document may change through `\rnnfigurestyle`, run after the picture's `\tikzset`.
/// The picture is scaled to a width (`\linewidth` by default, or `\rnnfigurewidth`
/// when the document defines it), so that it fits the column.
/// Needs `graphicx`, `tikz` and `\usetikzlibrary{shapes.geometric,arrows.meta}`.
public enum TikZPrinter {
    /// The preamble lines the picture needs.
    public static let preamble = "\\usepackage{graphicx}\n\\usepackage{tikz}\n\\usetikzlibrary{shapes.geometric,arrows.meta}\n"

    /// The width the picture is scaled to by default: the column's.
    public static let defaultWidth = "\\linewidth"

    /// The `tikzpicture` of `figure` laid out as `geometry`, scaled to `width` (a TeX
    /// dimension such as `\linewidth`, `0.8\textwidth` or `12cm`), ending in a newline.
    public static func print(_ figure: Figure, geometry: FigureGeometry, width: String = defaultWidth) -> String {
        var colors = Colors(figure)
        let placed = Dictionary(geometry.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var body = ""
        for (k, node) in figure.nodes.enumerated() {
            guard let at = placed[node.id] else { continue }
            var text = node.latex
            if !node.marks.isEmpty {
                text += "\\\\[-2pt]{\\scriptsize " + node.marks.map { "\\textcolor{\($0.color)}{$\($0.latex)$}" }
                    .joined() + "}"
            }
            body += "\\node[\(nodeStyle(node, at, &colors))] (n\(k)) at (\(number(at.x)), \(number(at.y))) {\(text)};\n"
        }
        var remaining = geometry.edges
        for edge in figure.edges where !edge.attributes.contains(Figure.Attribute("style", "invis")) {
            guard let index = remaining.firstIndex(where: { $0.from == edge.from && $0.to == edge.to }) else { continue }
            let path = remaining.remove(at: index)
            body += "\\draw[\(edgeStyle(edge, &colors))] " + spline(path) + ";\n"
            if let centre = path.labelCentre, !edge.latex.isEmpty {
                body += "\\node[rnn edge label] at (\(number(centre.x)), \(number(centre.y))) {\(edge.latex)};\n"
            }
        }
        body += legend(figure.legend, below: geometry.nodes, &colors)
        var out = "% rnngraph figure; preamble: \\usepackage{graphicx} \\usepackage{tikz} "
            + "\\usetikzlibrary{shapes.geometric,arrows.meta}\n"
        out += "% Named colours and styles. A document restyles the picture by defining a colour before\n"
        out += "% the \\input (\\definecolor{rnnU}{HTML}{000000}) or \\rnnfigurestyle, run after these styles\n"
        out += "% (\\def\\rnnfigurestyle{\\tikzset{rnn state/.append style={fill=white}}}).\n"
        for (name, hex) in colors.defined {
            out += "\\providecolor{\(name)}{HTML}{\(hex.dropFirst())}%\n"
        }
        out += styles
        out += "\\ifdefined\\rnnfigurestyle\\rnnfigurestyle\\fi%\n"
        out += "\\ifdefined\\rnnfigurebox\\else\\newsavebox\\rnnfigurebox\\fi%\n"
        out += "\\sbox\\rnnfigurebox{%\n"
        out += "\\begin{tikzpicture}[x=1pt, y=1pt, >={Stealth[length=4pt]}, every node/.style={inner sep=1pt}]\n"
        out += body
        out += "\\end{tikzpicture}}%\n"
        out += "% Scaled to \\rnnfigurewidth when the document defines it, else to \(width).\n"
        out += "\\resizebox{\\ifdefined\\rnnfigurewidth\\rnnfigurewidth\\else \(width)\\fi}{!}{\\usebox\\rnnfigurebox}%\n"
        return out
    }

    /// The styles of the picture's parts, by kind, in one `\tikzset`. Every line of the
    /// picture outside it ends in `%`, so that the file adds no space where it is input.
    static let styles = """
        \\tikzset{
          rnn node/.style={draw=black, inner sep=1pt},
          rnn param/.style={rnn node, rectangle, rounded corners=4pt, line width=1pt, fill=rnnfillparam},
          rnn copy/.style={rnn node, rectangle, rounded corners=4pt, dashed, fill=rnnfillcopy},
          rnn input/.style={rnn node, ellipse, fill=rnnfillinput},
          rnn initial/.style={rnn node, ellipse, fill=rnnfillinitial},
          rnn target/.style={rnn node, ellipse, fill=rnnfilltarget},
          rnn step/.style={rnn node, ellipse, dashed},
          rnn state/.style={rnn node, circle, line width=1pt, fill=rnnfillstate},
          rnn output/.style={rnn node, ellipse, fill=rnnfilloutput},
          rnn prediction/.style={rnn node, ellipse, fill=rnnfillprediction},
          rnn steploss/.style={rnn node, ellipse, fill=rnnfillsteploss},
          rnn loss/.style={rnn node, circle, double, fill=rnnfillloss},
          rnn operation/.style={rnn node, ellipse, draw=rnnoperation, font=\\scriptsize},
          rnn edge/.style={->, draw=rnnedge},
          rnn edge label/.style={font=\\scriptsize, fill=white, fill opacity=0.85, text opacity=1, inner sep=0.5pt},
          rnn note/.style={font=\\scriptsize, text=rnnnote, align=left},
          rnn legend/.style={font=\\scriptsize, anchor=north, inner sep=0pt},
        }%

        """

    /// The colours a picture uses, each named once: the figure's named colours
    /// (parameters), the kinds' fills and the fixed colours, then any other by its hex value.
    struct Colors {
        private(set) var defined: [(name: String, hex: String)] = []
        private var byHex: [String: String] = [:]

        init(_ figure: Figure) {
            for named in figure.colorNames { add(named.name, named.hex) }
            for (name, kind) in Self.kinds { add("rnnfill" + name, FigureStyle.fill(of: kind) ?? "#FFFFFF") }
            add("rnnedge", "#555555")
            add("rnnoperation", FigureStyle.operationColor)
            add("rnnnote", Figure.annotationColor)
        }

        /// The style name of each kind with a fill, and the kind.
        static let kinds: [(String, VariableKind)] = [
            ("param", .parameter), ("copy", .parameterCopy), ("input", .input), ("initial", .initialState),
            ("target", .target), ("state", .state), ("output", .output), ("prediction", .prediction),
            ("steploss", .stepLoss), ("loss", .loss),
        ]

        private mutating func add(_ name: String, _ hex: String) {
            if defined.contains(where: { $0.name == name }) { return }
            defined.append((name, hex))
            if byHex[hex] == nil { byHex[hex] = name }
        }

        /// The name of `text`, a `#RRGGBB` colour (the first of a `:`-separated list), named when new.
        mutating func name(_ text: String) -> String {
            let hex = (text.split(separator: ":").first.map(String.init) ?? text).uppercased()
            guard hex.hasPrefix("#"), hex.count == 7, Int(hex.dropFirst(), radix: 16) != nil else { return "black" }
            if let name = byHex[hex] { return name }
            let name = "rnncolor" + String(hex.dropFirst())
            add(name, hex)
            return name
        }
    }

    /// The legend in balanced rows under the lowest node, each row centred under the
    /// picture: a kind's caption boxed in its fill, a highlight's caption in its colour.
    private static func legend(_ entries: [Figure.LegendEntry], below nodes: [FigureGeometry.Node],
                               _ colors: inout Colors) -> String {
        guard !entries.isEmpty, let left = nodes.map({ $0.x - $0.width / 2 }).min(),
              let right = nodes.map({ $0.x + $0.width / 2 }).max(),
              let bottom = nodes.map({ $0.y - $0.height / 2 }).min() else { return "" }
        var out = ""
        for (r, row) in FigureLegend.rows(count: entries.count).enumerated() {
            let boxes = row.map { k -> String in
                let entry = entries[k]
                let frame = entry.color.map { colors.name($0) } ?? "black"
                let fill = entry.fill.map { colors.name($0) } ?? "white"
                let caption = entry.color.map { "\\textcolor{\(colors.name($0))}{\(text(entry.caption))}" } ?? text(entry.caption)
                return "\\fcolorbox{\(frame)}{\(fill)}{\\strut \(caption)}"
            }
            out += "\\node[rnn legend] (legend\(r)) at (\(number((left + right) / 2)), \(number(bottom - 16 - 18 * Double(r)))) "
                + "{\\setlength{\\fboxsep}{2pt}" + boxes.joined(separator: "\\hspace{4pt}") + "};\n"
        }
        return out
    }

    /// Plain text for LaTeX, as ``MarkupText/latex(_:)`` escapes it.
    static func text(_ plain: String) -> String { MarkupText.latex(plain) }

    /// The path of one edge: Bézier segments, then a straight piece to the arrow's tip.
    private static func spline(_ edge: FigureGeometry.Edge) -> String {
        guard let start = edge.points.first else { return "" }
        var text = point(start)
        var k = 1
        while k + 2 < edge.points.count {
            text += " .. controls \(point(edge.points[k])) and \(point(edge.points[k + 1])) .. \(point(edge.points[k + 2]))"
            k += 3
        }
        if let tip = edge.arrowTip { text += " -- \(point(tip))" }
        return text
    }

    private static func nodeStyle(_ node: Figure.Node, _ at: FigureGeometry.Node, _ colors: inout Colors) -> String {
        let value = { (name: String) in node.attributes.last { $0.name == name }?.value }
        if node.attributes.contains(Figure.Attribute("class", "annotation")) { return "rnn note" }
        let shape = value("shape") ?? "ellipse"
        let style = value("style") ?? ""
        let small = value("fontsize").flatMap(Double.init).map { $0 < 14 } ?? false
        let plain = ["plaintext", "plain", "none"].contains(shape)
        var parts: [String] = []
        if let kind = FigureStyle.kind(shape: shape, style: style, fill: value("fillcolor")),
           let name = kind == .preActivation ? "step" : Colors.kinds.first(where: { $0.1 == kind })?.0 {
            parts.append("rnn " + name)
        } else if small && shape == "ellipse" {
            parts.append("rnn operation")
        } else if !plain {
            switch shape {
            case "box": parts += ["rnn node", "rectangle"]
            case "circle": parts += ["rnn node", "circle"]
            case "doublecircle": parts += ["rnn node", "circle", "double"]
            default: parts += ["rnn node", "ellipse"]
            }
            if style.contains("filled"), let fill = value("fillcolor") { parts.append("fill=\(colors.name(fill))") }
        }
        if !node.marks.isEmpty { parts.append("align=center") }
        if let color = value("color"), color != FigureStyle.operationColor { parts.append("draw=\(colors.name(color))") }
        if let text = value("fontcolor") { parts.append("text=\(colors.name(text))") }
        if plain {
            if small { parts.append("font=\\scriptsize") }
        } else {
            parts.append("minimum width=\(number(at.width))pt")
            parts.append("minimum height=\(number(at.height))pt")
        }
        return parts.joined(separator: ", ")
    }

    private static func edgeStyle(_ edge: Figure.Edge, _ colors: inout Colors) -> String {
        let value = { (name: String) in edge.attributes.last { $0.name == name }?.value }
        var parts = ["rnn edge"]
        if let color = value("color") { parts.append("draw=\(colors.name(color))") }
        if let width = value("penwidth").flatMap(Double.init) { parts.append("line width=\(number(width))pt") }
        if value("style") == "dashed" { parts.append("dashed") }
        return parts.joined(separator: ", ")
    }

    private static func point(_ p: FigureGeometry.Point) -> String { "(\(number(p.x)), \(number(p.y)))" }

    /// A coordinate with at most two decimals, without a trailing `.0`.
    private static func number(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}
