import Foundation
import Testing

/// The figure-quality checker on hand-made SVG figures: a clean one has no defect,
/// and each figure with one known defect has exactly that one.
@Suite struct FigureQualityCheckerTests {
    /// A node of a hand-made figure: an ellipse 27 by 18 at (x, y), and an annotation text if any.
    struct N { var title: String, x: Double, y: Double, note: (x: Double, y: Double)? = nil }
    /// An edge: a path `d`, a stroke, and a label text at (x, y) in a colour if any.
    struct E { var tail: String, head: String, d: String, stroke = "#555555"
        var label: (text: String, x: Double, y: Double, fill: String)? = nil }

    /// Graphviz-shaped SVG of `nodes` and `edges`, a white background and a legend box at y 40…60.
    static func svg(_ nodes: [N], _ edges: [E]) -> Data {
        var body = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <svg xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph">
        <polygon fill="white" stroke="transparent" points="-200,100 -200,-200 200,-200 200,100 -200,100"/>
        <polygon fill="#bbccee" stroke="black" points="-40,60 -40,40 40,40 40,60 -40,60"/>
        <text text-anchor="start" x="-30" y="53" font-family="Helvetica" font-size="10.00">input</text>

        """
        for node in nodes {
            body += "<g class=\"node\"><title>\(node.title)</title>"
                + "<ellipse fill=\"#ccddaa\" stroke=\"black\" cx=\"\(node.x)\" cy=\"\(node.y)\" rx=\"27\" ry=\"18\"/>"
                + "<text text-anchor=\"middle\" x=\"\(node.x)\" y=\"\(node.y + 4)\" font-size=\"14.00\">\(node.title)</text>"
            if let note = node.note {
                body += "<text text-anchor=\"middle\" x=\"\(note.x)\" y=\"\(note.y)\" font-size=\"9.00\" fill=\"#333333\">0.5</text>"
            }
            body += "</g>\n"
        }
        for edge in edges {
            body += "<g class=\"edge\"><title>\(edge.tail)&#45;&gt;\(edge.head)</title>"
                + "<path fill=\"none\" stroke=\"\(edge.stroke)\" d=\"\(edge.d)\"/>"
            if let label = edge.label {
                body += "<text text-anchor=\"middle\" x=\"\(label.x)\" y=\"\(label.y)\" font-size=\"12.00\" fill=\"\(label.fill)\">\(label.text)</text>"
            }
            body += "</g>\n"
        }
        return Data((body + "</g></svg>").utf8)
    }

    /// A clean figure: a → b and c → d upwards side by side, a → b labelled `W` beside it.
    static let nodes = [N(title: "a", x: 0, y: 0), N(title: "b", x: 0, y: -100),
                        N(title: "c", x: 100, y: 0), N(title: "d", x: 100, y: -100)]
    static func ab(label: (String, Double, Double, String)? = ("W", 12, -46, "#222222"), stroke: String = "#555555") -> E {
        E(tail: "a", head: "b", d: "M0,-18C0,-45 0,-55 0,-82", stroke: stroke,
          label: label.map { (text: $0.0, x: $0.1, y: $0.2, fill: $0.3) })
    }
    static let cd = E(tail: "c", head: "d", d: "M100,-18C100,-45 100,-55 100,-82")

    private func measure(_ nodes: [N], _ edges: [E], parameters: [String] = ["W"]) -> FigureQuality {
        FigureQuality(SVGFigure.read(Self.svg(nodes, edges)), parameters: parameters)
    }

    private func expectOnly(_ kind: FigureQuality.Kind, _ quality: FigureQuality) {
        #expect(quality.defects.map(\.kind) == [kind], "\(quality.defects)")
        #expect(quality.crossings == 0)
    }

    @Test func cleanFigureHasNoDefect() {
        let quality = measure(Self.nodes, [Self.ab(), Self.cd])
        #expect(quality.defects.isEmpty, "\(quality.defects)")
        #expect(quality.crossings == 0)
        let figure = SVGFigure.read(Self.svg(Self.nodes, [Self.ab(), Self.cd]))
        #expect(figure.nodes.count == 4 && figure.edges.count == 2 && figure.legend.count == 1)
    }

    @Test func edgeThroughNode() {
        expectOnly(.throughNode, measure(Self.nodes + [N(title: "m", x: 0, y: -50)],
                                         [Self.ab(label: ("W", 40, -46, "#222222")), Self.cd]))
    }

    @Test func unrelatedEdgesOnOneLine() {
        // e → f runs along a → b 1 pt left of it for 40 pt.
        let ef = E(tail: "e", head: "f", d: "M-100,-18C-70,-30 -30,-30 -1,-30C-1,-43 -1,-57 -1,-70C-30,-70 -70,-70 -100,-82")
        expectOnly(.sharedLine, measure(Self.nodes + [N(title: "e", x: -100, y: 0), N(title: "f", x: -100, y: -100)],
                                        [Self.ab(label: nil), Self.cd, ef], parameters: []))
    }

    @Test func cornerTouchingAnotherEdgeIsNoSharedLine() {
        // e → f turns back 1 pt left of a → b in a corner 2 pt long, sampled as densely as any Bézier piece.
        let ef = E(tail: "e", head: "f", d: "M-100,-18C-60,-40 -20,-48 -2,-50C-1,-50.5 -1,-51.5 -2,-52C-20,-54 -60,-70 -100,-82")
        let quality = measure(Self.nodes + [N(title: "e", x: -100, y: 0), N(title: "f", x: -100, y: -100)],
                              [Self.ab(label: nil), Self.cd, ef], parameters: [])
        #expect(quality.defects.isEmpty, "\(quality.defects)")
        #expect(quality.crossings == 0)
    }

    @Test func edgesIntoOneHeadMergingEarly() {
        // e → b joins a → b 60 pt before b.
        let eb = E(tail: "e", head: "b", d: "M-100,-18C-60,-20 -20,-20 -1,-20C-1,-45 -1,-60 -1,-82")
        expectOnly(.sharedLine, measure(Self.nodes + [N(title: "e", x: -100, y: 0)],
                                        [Self.ab(label: nil), Self.cd, eb], parameters: []))
    }

    @Test func crossingsAreCounted() {
        let ad = E(tail: "a", head: "d", d: "M15,-15C40,-40 60,-60 85,-85")
        let cb = E(tail: "c", head: "b", d: "M85,-15C60,-40 40,-60 15,-85")
        let quality = measure(Self.nodes, [Self.ab(label: nil), Self.cd, ad, cb], parameters: [])
        #expect(quality.defects.isEmpty, "\(quality.defects)")
        #expect(quality.crossings == 1)
    }

    @Test func labelOnNode() {
        expectOnly(.labelCollision, measure(Self.nodes, [Self.ab(label: ("W", 0, -2, "#222222")), Self.cd]))
    }

    @Test func labelOnLegend() {
        let low = E(tail: "a", head: "c", d: "M27,0C50,0 50,0 73,0", label: (text: "W", x: 0, y: 52, fill: "#222222"))
        expectOnly(.labelCollision, measure(Self.nodes, [Self.ab(label: nil), Self.cd, low]))
    }

    @Test func labelNearerAnotherEdge() {
        expectOnly(.labelAstray, measure(Self.nodes, [Self.ab(label: ("W", 88, -46, "#222222")), Self.cd]))
    }

    @Test func annotationNearerAnotherNode() {
        var nodes = Self.nodes
        nodes[0].note = (70, 20)
        expectOnly(.annotationAstray, measure(nodes, [Self.ab(), Self.cd]))
        nodes[0].note = (0, 30)
        #expect(measure(nodes, [Self.ab(), Self.cd]).defects.isEmpty)
    }

    @Test func nodeOnNode() {
        // e sits 40 pt right of a: the two 54 pt wide ellipses overlap; 60 pt right they would only touch.
        expectOnly(.nodeOverlap, measure(Self.nodes + [N(title: "e", x: 40, y: 0)], [Self.ab(), Self.cd]))
        #expect(measure(Self.nodes + [N(title: "e", x: 40, y: 40)], [Self.ab(), Self.cd]).defects.isEmpty)
    }

    @Test func lowContrastText() {
        expectOnly(.textContrast, measure(Self.nodes, [Self.ab(label: ("W", 12, -46, "#85c8bd")), Self.cd]))
    }

    @Test func lowContrastStroke() {
        expectOnly(.strokeContrast, measure(Self.nodes, [Self.ab(stroke: "#85c8bd"), Self.cd]))
    }

    @Test func missingParameter() {
        expectOnly(.missingParameter, measure(Self.nodes, [Self.ab(), Self.cd], parameters: ["W", "U"]))
    }

    @Test func contrastRatios() {
        #expect(abs(FigureQuality.contrast("black")! - 21) < 1e-9)
        #expect(abs(FigureQuality.contrast("#85c8bd")! - 1.91) < 0.01)
        #expect(FigureQuality.contrast("transparent") == nil)
    }
}
