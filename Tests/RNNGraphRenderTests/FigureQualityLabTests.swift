import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// The lab's annotated figure (the 2×2 network with its gradients or values beside the nodes,
/// Docs/examples/lab-2x2-gradients.svg, parameters drawn as nodes) measured like the default
/// figures: no defect but the lines `U`'s and `V`'s edges still share past `h_0`, recorded as
/// known issues that name them (see Docs/guide.md, "Figure quality, measured").
@Suite struct FigureQualityLabTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [AnnotationKind.gradients, .values])
    func labFigureHasNoDefect(kind: AnnotationKind) throws {
        let file = try ValuesFile.read(Self.root.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        let options = ModelOptions(model: .cs187, length: try file.impliedLength(for: ModelOptions(model: .cs187)))
        let model = try Model(options)
        let report = try NumericReport(try file.values(for: model))
        let figure = try Figure(model, options: FigureOptions(annotations: report.annotations(kind)))
        let measured = try FigureCheck.measure(figure, graph: model.graph)
        let defects = measured.quality.defects.map { "\($0.kind.rawValue): \($0.what)" }
        #expect(measured.quality.defects.allSatisfy { $0.kind == .sharedLine }, "\(kind): \(defects)")
        withKnownIssue("the parameters' edges into h_1 and h_2 run together past h_0") {
            #expect(measured.quality.count(.sharedLine) == 0, "\(kind): \(defects)")
        }
    }
}
