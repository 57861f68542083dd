import Foundation
import Testing
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics

/// Annotations of the lab's figure (`--annotate gradients` and `values`): each in a
/// slot touching its own node, nearer it than any other node, over no node, no
/// other annotation and no edge.
@Suite struct AnnotationSlotTests {
    struct Box {
        let x: Double, y: Double, w: Double, h: Double
        func contains(_ p: (Double, Double)) -> Bool { abs(p.0 - x) * 2 < w && abs(p.1 - y) * 2 < h }
        func overlaps(_ o: Box) -> Bool { abs(x - o.x) * 2 < w + o.w && abs(y - o.y) * 2 < h + o.h }
        /// The distance between the two boxes' borders (0 when they touch or overlap).
        func gap(_ o: Box) -> Double {
            let dx = max(0, abs(x - o.x) - (w + o.w) / 2), dy = max(0, abs(y - o.y) - (h + o.h) / 2)
            return (dx * dx + dy * dy).squareRoot()
        }
    }

    static func box(_ node: Figure.Node) -> Box {
        let size = { (name: String) in Double(node.attributes.last { $0.name == name }!.value)! * 72 }
        return Box(x: node.position!.x, y: node.position!.y, w: size("width"), h: size("height"))
    }

    /// Points along an edge: its routed Bézier control polygon refined, or the straight line between centres.
    static func samples(_ edge: Figure.Edge, _ figure: Figure) -> [(Double, Double)] {
        if let pos = edge.attributes.last(where: { $0.name == "pos" })?.value {
            let p = FigureGeometry.parseSpline(pos).points
            var out: [(Double, Double)] = []
            var k = 0
            while k + 3 < p.count {
                for s in 0...40 {
                    let t = Double(s) / 40, u = 1 - t
                    let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
                    out.append((a * p[k].x + b * p[k + 1].x + c * p[k + 2].x + d * p[k + 3].x,
                                a * p[k].y + b * p[k + 1].y + c * p[k + 2].y + d * p[k + 3].y))
                }
                k += 3
            }
            return out
        }
        let a = figure.nodes.first { $0.id == edge.from }!.position!, b = figure.nodes.first { $0.id == edge.to }!.position!
        return (0...200).map { s in let t = Double(s) / 200; return (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t) }
    }

    @Test(arguments: [AnnotationKind.gradients, .values])
    func labFigureAnnotationsBelongToTheirNodes(kind: AnnotationKind) throws {
        let file = try ValuesFile.read(packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        let options = ModelOptions(model: .cs187, length: try file.impliedLength(for: ModelOptions(model: .cs187)))
        let model = try Model(options)
        let report = try NumericReport(try file.values(for: model))
        let figure = try Figure(model, options: FigureOptions(annotations: report.annotations(kind)))
        let annotated = figure.nodes.filter { !$0.annotation.isEmpty }
        #expect(annotated.count >= 9)
        let notes = figure.nodes.filter { $0.id.hasPrefix("note:") }
        #expect(notes.count == annotated.count)
        let others = figure.nodes.filter { !$0.id.hasPrefix("note:") }
        for node in annotated {
            let note = try #require(figure.nodes.first { $0.id == Figure.annotationID(of: node.id) })
            let box = Self.box(note), own = Self.box(node)
            #expect(box.gap(own) <= Figure.annotationGap + 1.5, "\(node.id)'s note touches it")
            for other in others where other.id != node.id {
                #expect(!box.overlaps(Self.box(other)), "\(node.id)'s note over \(other.id)")
                #expect(box.gap(Self.box(other)) > box.gap(own) + Figure.attribution, "\(node.id)'s note nearer \(other.id): \(box) \(own) \(Self.box(other))")
            }
            for other in notes where other.id != note.id {
                #expect(!box.overlaps(Self.box(other)), "\(node.id)'s note over \(other.id)")
            }
            for edge in figure.edges {
                #expect(!Self.samples(edge, figure).contains { box.contains($0) },
                        "\(edge.from) → \(edge.to) across \(node.id)'s note")
            }
        }
    }
}
