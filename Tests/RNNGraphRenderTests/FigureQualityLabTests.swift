import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// The lab's annotated figure (the 2×2 network with its gradients or values beside the nodes,
/// Docs/examples/lab-2x2-gradients.svg, parameters drawn as nodes) measured like the default
/// figures: no layout defect at all at the lab's N = 2, nor one step longer, where each parameter's
/// edges run along lanes of their own (see Docs/guide.md, "Figure quality, measured").
@Suite struct FigureQualityLabTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The lab's values file, with `extra` more inputs appended (each the last one, mirrored).
    static func labValues(extraSteps extra: Int) throws -> ValuesFile {
        let path = root.appendingPathComponent("Docs/examples/lab-2x2.json").path
        guard extra > 0 else { return try ValuesFile.read(path) }
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            as! [String: Any]
        var inputs = object["inputs"] as! [[Double]]
        for _ in 0..<extra { inputs.append(inputs.last!.reversed()) }
        object["inputs"] = inputs
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try ValuesFile(json: String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [AnnotationKind.gradients, .values], [0, 1])
    func labFigureHasNoDefect(kind: AnnotationKind, extraSteps: Int) throws {
        let file = try Self.labValues(extraSteps: extraSteps)
        let length = try file.impliedLength(for: ModelOptions(model: .cs187))
        let model = try Model(ModelOptions(model: .cs187, length: length))
        let report = try NumericReport(try file.values(for: model))
        let figure = try Figure(model, options: FigureOptions(annotations: report.annotations(kind)))
        let measured = try FigureCheck.measure(figure, graph: model.graph)
        let defects = measured.quality.defects.map { "\($0.kind.rawValue): \($0.what)" }
        guard extraSteps == 0 else {
            // One step longer, each parameter sends three edges into a row: they run along lanes of their own
            // (they ran together above `h_1`, 3 shared lines, with paths of their own from the box to each step).
            #expect(measured.quality.defects.isEmpty, "\(kind), N = \(length): \(defects)")
            #expect(measured.quality.crossings <= 13, "\(kind): \(measured.quality.crossings) crossings, dot \(measured.dot)")
            return
        }
        #expect(measured.quality.defects.isEmpty, "\(kind), N = \(length): \(defects)")
        // The target read by the loss from under the last state (`x_2 → L`) goes around the figure's end
        // (it wound through the figure across 7 edges when the notes hid that end from the fan's routing:
        // 13 crossings), and no note sits on the state chain; the crossings left come with the parameters'
        // edges (`U → h_2` under `x_1 → h_1`, `V → h_2` across `h_1 → o_1`, `W → o_2` across `o_1 → L`);
        // dot's layout of the same graph crosses once.
        #expect(measured.quality.crossings <= 4, "\(kind): \(measured.quality.crossings) crossings, dot \(measured.dot)")
    }

    /// The lab's own length-3 exercise (scalar U = 0.1, V = 0.2, W = 0.3, inputs 0.5 … 0.8), annotated with
    /// gradients: parameters as nodes, as at N = 2, their edges along lanes of their own; no defect.
    @Test func labScalarExerciseAtLengthThree() throws {
        let file = try ValuesFile(json: #"{"parameters": {"U": 0.1, "V": 0.2, "W": 0.3}, "h0": 0, "inputs": [0.5, 0.6, 0.7, 0.8]}"#)
        let length = try file.impliedLength(for: ModelOptions(model: .cs187))
        #expect(length == 3)
        let model = try Model(ModelOptions(model: .cs187, length: length))
        let report = try NumericReport(try file.values(for: model))
        let figure = try Figure(model, options: FigureOptions(annotations: report.annotations(.gradients)))
        let measured = try FigureCheck.measure(figure, graph: model.graph)
        let defects = measured.quality.defects.map { "\($0.kind.rawValue): \($0.what)" }
        #expect(measured.quality.defects.isEmpty, "\(defects)")
        #expect(measured.quality.crossings <= 13, "\(measured.quality.crossings) crossings, dot \(measured.dot)")
    }
}
