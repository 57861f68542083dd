import RNNGraphCore
import RNNGraphPaths

extension Figure {
    /// Space between panels of a grid, in points.
    static let panelMargin = 60.0

    /// Several pinned figures of one graph side by side in a grid of about
    /// square shape, read in rows, each under its caption; the graph-wide
    /// attributes (the legend) are this figure's.
    ///
    /// Node ids become `k:id` for panel k (1-based), so every panel keeps its own nodes; the
    /// panels' edge routes are left for `route()` to redo over the whole grid.
    func grid(of panels: [(figure: Figure, caption: String)]) -> Figure {
        var result = self
        result.nodes = []
        result.edges = []
        guard let first = panels.first?.figure else { return result }
        let positions = first.nodes.compactMap { $0.position }
        let minX = positions.map(\.x).min() ?? 0, maxX = positions.map(\.x).max() ?? 0
        let minY = positions.map(\.y).min() ?? 0, maxY = positions.map(\.y).max() ?? 0
        let width = maxX - minX + 2 * Self.panelMargin
        let height = maxY - minY + 2 * Self.panelMargin
        var columns = 1
        while columns * columns < panels.count { columns += 1 }

        for (k, panel) in panels.enumerated() {
            let dx = Double(k % columns) * width, dy = -Double(k / columns) * height
            let prefix = "\(k + 1):"
            result.nodes.append(Node(id: prefix + "caption", attributes: [
                Attribute("label", FigureLabel.escape(panel.caption), html: true), Attribute("shape", "plaintext"),
                Attribute("fontsize", "16"), Attribute("pos", Self.pos(minX + dx, maxY + dy + Self.panelMargin * 0.75)),
            ], latex: panel.caption.replacingOccurrences(of: "\\", with: "")))
            for node in panel.figure.nodes {
                var attributes = node.attributes
                if let p = node.position, let index = attributes.firstIndex(where: { $0.name == "pos" }) {
                    attributes[index] = Attribute("pos", Self.pos(p.x + dx, p.y + dy))
                }
                result.nodes.append(Node(id: prefix + node.id, attributes: attributes, latex: node.latex,
                                         annotation: node.annotation, marks: node.marks))
            }
            for edge in panel.figure.edges {
                result.edges.append(Edge(from: prefix + edge.from, to: prefix + edge.to, attributes: edge.attributes,
                                         latex: edge.latex))
            }
        }
        return result
    }
}
