import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

@Suite struct TmpProbeTests {
    @Test func probeSVG() throws {
        guard let file = ProcessInfo.processInfo.environment["PROBE_SVG"] else { return }
        let q = FigureQuality(SVGFigure.read(try Data(contentsOf: URL(fileURLWithPath: file))))
        print("PROBE crossings \(q.crossings)")
        for d in q.defects { print("PROBE \(d.kind.rawValue): \(d.what)") }
    }
    @Test func probe() throws {
        guard let file = ProcessInfo.processInfo.environment["PROBE_MODEL"] else { return }
        let n = Int(ProcessInfo.processInfo.environment["PROBE_N"] ?? "3")!
        let model = try Model(ModelOptions(definition: ModelDefinition(parsing: String(contentsOfFile: file, encoding: .utf8), name: "probe"), length: n))
        let figure = try Figure(model)
        let svg = try GraphvizRenderer.render(figure, format: .svg)
        try svg.write(to: URL(fileURLWithPath: file + ".probe.svg"))
        let q = FigureQuality(SVGFigure.read(svg), parameters: FigureCheck.parameterTexts(model.graph))
        print("PROBE crossings \(q.crossings)")
        for d in q.defects { print("PROBE \(d.kind.rawValue): \(d.what)") }
    }
}
