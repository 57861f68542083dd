import Foundation
import RNNGraphCore
import RNNGraphPaths
import RNNGraphPrinters

/// Writes a laid-out ``Figure`` as a TikZ picture: nodes at the positions
/// Graphviz gave them, edges as the same Bézier paths, labels as LaTeX math
/// in the document's own fonts, each annotation where Graphviz put it, and
/// the legend under the picture. Needs `\usepackage{tikz}` and
/// `\usetikzlibrary{shapes.geometric,arrows.meta}`.
public enum TikZPrinter {
    /// The preamble lines the picture needs.
    public static let preamble = "\\usepackage{tikz}\n\\usetikzlibrary{shapes.geometric,arrows.meta}\n"

    /// The `tikzpicture` of `figure` laid out as `geometry`, ending in a newline.
    public static func print(_ figure: Figure, geometry: FigureGeometry) -> String {
        var out = "% rnngraph figure; preamble: \\usepackage{tikz} \\usetikzlibrary{shapes.geometric,arrows.meta}\n"
        out += "\\begin{tikzpicture}[x=1pt, y=1pt, >={Stealth[length=4pt]}, every node/.style={inner sep=1pt}]\n"
        let placed = Dictionary(geometry.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String: String] = [:]
        for (k, node) in figure.nodes.enumerated() {
            guard let at = placed[node.id] else { continue }
            let name = "n\(k)"
            names[node.id] = name
            out += "\\node[\(nodeStyle(node, at))] (\(name)) at (\(number(at.x)), \(number(at.y))) {\(node.latex)};\n"
        }
        for node in figure.nodes where !node.annotation.isEmpty {
            guard let at = placed[node.id]?.labelCentre else { continue }
            out += "\\node[font=\\scriptsize, text=\(color(annotationColor))] at (\(number(at.x)), \(number(at.y))) "
                + "{\(text(node.annotation))};\n"
        }
        var remaining = geometry.edges
        for edge in figure.edges where !edge.attributes.contains(Figure.Attribute("style", "invis")) {
            guard let index = remaining.firstIndex(where: { $0.from == edge.from && $0.to == edge.to }) else { continue }
            let path = remaining.remove(at: index)
            out += "\\draw[\(edgeStyle(edge))] " + spline(path) + ";\n"
            if let centre = path.labelCentre, !edge.latex.isEmpty {
                out += "\\node[font=\\scriptsize] at (\(number(centre.x)), \(number(centre.y))) {\(edge.latex)};\n"
            }
        }
        out += legend(figure.legend, below: geometry.nodes)
        out += "\\end{tikzpicture}\n"
        return out
    }

    /// The colour of annotations (as in the Graphviz figure).
    static let annotationColor = "#333333"

    /// The legend as a row of boxes under the lowest node, from its left end, each
    /// box right of the one before: a kind's swatch in its fill, a caption in its colour.
    private static func legend(_ entries: [Figure.LegendEntry], below nodes: [FigureGeometry.Node]) -> String {
        guard !entries.isEmpty, let left = nodes.map({ $0.x - $0.width / 2 }).min(),
              let bottom = nodes.map({ $0.y - $0.height / 2 }).min() else { return "" }
        var out = ""
        for (k, entry) in entries.enumerated() {
            var style = ["draw=\(color(entry.color ?? "#000000"))", "font=\\scriptsize", "anchor=west",
                         "inner sep=3pt", "minimum height=12pt"]
            if let fill = entry.fill { style.append("fill=\(color(fill))") }
            if let text = entry.color { style.append("text=\(color(text))") }
            let at = k == 0 ? "(\(number(left)), \(number(bottom - 24)))" : "(legend\(k - 1).east)"
            if k > 0 { style.append("xshift=4pt") }
            out += "\\node[\(style.joined(separator: ", "))] (legend\(k)) at \(at) {\(text(entry.caption))};\n"
        }
        return out
    }

    /// Plain text for LaTeX: special characters escaped, the symbols numbers are
    /// written with (−, ∇, …) as math.
    static func text(_ plain: String) -> String {
        var out = ""
        for character in plain {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "%", "#", "_": out += "\\" + String(character)
            case "^": out += "\\^{}"
            case "~": out += "\\~{}"
            case "−": out += "\\ensuremath{-}"
            case "∇": out += "\\ensuremath{\\nabla}"
            case "∂": out += "\\ensuremath{\\partial}"
            case "·": out += "\\ensuremath{\\cdot}"
            case "×": out += "\\ensuremath{\\times}"
            case "⊙": out += "\\ensuremath{\\odot}"
            case "≈": out += "\\ensuremath{\\approx}"
            case "…": out += "\\ldots{}"
            default: out.append(character)
            }
        }
        return out
    }

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

    private static func nodeStyle(_ node: Figure.Node, _ at: FigureGeometry.Node) -> String {
        let value = { (name: String) in node.attributes.last { $0.name == name }?.value }
        let style = value("style") ?? ""
        var parts: [String] = []
        switch value("shape") ?? "ellipse" {
        case "box": parts.append("rectangle")
        case "circle": parts.append("circle")
        case "doublecircle": parts += ["circle", "double"]
        case "plaintext", "plain", "none": break
        default: parts.append("ellipse")
        }
        let outlined = !parts.isEmpty
        if outlined { parts.append("draw=\(color(value("color") ?? "#000000"))") }
        if style.contains("rounded") { parts.append("rounded corners=4pt") }
        if style.contains("dashed") { parts.append("dashed") }
        if style.contains("bold") { parts.append("line width=1pt") }
        if style.contains("filled"), let fill = value("fillcolor") { parts.append("fill=\(color(fill))") }
        if let text = value("fontcolor") { parts.append("text=\(color(text))") }
        // A node in a smaller font than the figure's 14 points (an operation node).
        if let size = value("fontsize").flatMap(Double.init), size < 14 { parts.append("font=\\scriptsize") }
        if outlined {
            parts.append("minimum width=\(number(at.width))pt")
            parts.append("minimum height=\(number(at.height))pt")
        }
        return parts.joined(separator: ", ")
    }

    private static func edgeStyle(_ edge: Figure.Edge) -> String {
        let value = { (name: String) in edge.attributes.last { $0.name == name }?.value }
        var parts = ["->", "draw=\(color(value("color") ?? "#555555"))"]
        if let width = value("penwidth").flatMap(Double.init) { parts.append("line width=\(number(width))pt") }
        if value("style") == "dashed" { parts.append("dashed") }
        return parts.joined(separator: ", ")
    }

    /// An xcolor colour from `#RRGGBB` (the first of a `:`-separated list).
    static func color(_ text: String) -> String {
        let hex = text.split(separator: ":").first.map(String.init) ?? text
        guard hex.hasPrefix("#"), hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else { return "black" }
        return "{rgb,255:red,\(value >> 16 & 255);green,\(value >> 8 & 255);blue,\(value & 255)}"
    }

    private static func point(_ p: FigureGeometry.Point) -> String { "(\(number(p.x)), \(number(p.y)))" }

    /// A coordinate with at most two decimals, without a trailing `.0`.
    private static func number(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}
