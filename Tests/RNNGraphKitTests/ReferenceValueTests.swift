import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

@Suite("Reference values from shared/reference")
struct ReferenceValueTests {
    @Test("cs187 scalar ReLU: L, dL/dU, dL/dV, dL/dW for N = 1…5, exact to 1e-12", arguments: 1...5)
    func cs187Scalar(length: Int) throws {
        let (json, reference) = try ReferenceData.cs187Values()
        let model = try Model(ModelOptions(model: .cs187, length: length))
        let report = try NumericReport(try ValuesFile(json: json).values(for: model))
        let expected = (reference["results"] as! [[String: Any]]).first { ($0["length"] as! Int) == length }!
        #expect(abs(report.loss! - ReferenceData.number(expected["L"]!)) <= 1e-12)
        for name in ["U", "V", "W"] {
            let comparison = try #require(report.check.comparison(for: name))
            let want = ReferenceData.number(expected["dL/d\(name)"]!)
            #expect(comparison.reverse.isScalar)
            #expect(abs(comparison.reverse.scalar - want) <= 1e-12, "reverse dL/d\(name)")
            #expect(abs(try #require(comparison.pathSum).scalar - want) <= 1e-12, "path sum dL/d\(name)")
            #expect(abs(comparison.finiteDifferences.scalar - want) <= 1e-8, "finite differences dL/d\(name)")
        }
        // The path counts of part 2: N(N+1)/2 paths from U, N from W.
        #expect(report.check.comparison(for: "U")!.pathCount == length * (length + 1) / 2)
        #expect(report.check.comparison(for: "W")!.pathCount == length)
        #expect(report.check.agreement.agrees)
    }

    @Test("cs187 lab 2×2 forward: h1, h2, o1, o2 and ∂h1[0]/∂U")
    func cs187Matrix() throws {
        let reference = try ReferenceData.load()["cs187_matrix_forward"] as! [String: Any]
        let values = reference["values"] as! [String: Any]
        let results = reference["results"] as! [String: Any]
        let json = """
        {"parameters": {"U": \(ReferenceData.json(values["U"]!)), "V": \(ReferenceData.json(values["V"]!)),
                        "W": \(ReferenceData.json(values["W"]!))},
         "h0": \(ReferenceData.json(values["h0"]!)),
         "inputs": [\(ReferenceData.json(values["x1"]!)), \(ReferenceData.json(values["x2"]!)), [0.1, 0.2]]}
        """
        let model = try Model(ModelOptions(model: .cs187, length: 2))
        let forward = ForwardPass(try ValuesFile(json: json).values(for: model))
        let graph = model.graph
        for name in ["h1", "h2", "o1", "o2"] {
            let value = forward[graph.variable(named: name)!.id]
            #expect(distance(value, ReferenceData.tensor(results[name]!)) <= 1e-12, "\(name) = \(value)")
        }
        let jacobian = LocalJacobian.of(graph.variable(named: "h_1")!.id,
                                        withRespectTo: graph.variable(named: "U")!.id, at: forward)
        #expect(jacobian.rows == 2 && jacobian.cols == 4)
        let firstRow = Tensor.row(Array(jacobian.entries[0..<4])).reshaped(rows: 2, cols: 2)
        #expect(distance(firstRow, ReferenceData.tensor(results["d h1[0] / dU"]!)) <= 1e-12)
    }

    @Test("goodfellow tanh/softmax/cross-entropy: L and all five gradients to 1e-9")
    func goodfellowSoftmax() throws {
        let reference = try ReferenceData.load()["goodfellow_softmax_ce"] as! [String: Any]
        let values = reference["values"] as! [String: Any]
        let json = """
        {"parameters": {\(["U", "W", "V", "b", "c"].map { "\"\($0)\": \(ReferenceData.json(values[$0]!))" }.joined(separator: ", "))},
         "h0": \(ReferenceData.json(values["h0"]!)),
         "inputs": \(ReferenceData.json(values["x"]!)),
         "targets": \(ReferenceData.json(values["y_class"]!))}
        """
        let model = try Model(ModelOptions(model: .goodfellow, length: 3))
        let report = try NumericReport(try ValuesFile(json: json).values(for: model))
        let results = reference["results"] as! [String: Any]
        #expect(abs(report.loss! - ReferenceData.number(results["L"]!)) <= 1e-9)
        let gradients = results["gradients"] as! [String: Any]
        for name in ["U", "W", "V", "b", "c"] {
            let comparison = try #require(report.check.comparison(for: name))
            let want = ReferenceData.tensor(gradients[name]!)
            #expect(distance(comparison.reverse, want) <= 1e-9, "reverse dL/d\(name)")
            #expect(distance(try #require(comparison.pathSum), want) <= 1e-9, "path sum dL/d\(name)")
            #expect(distance(comparison.finiteDifferences, want) <= 1e-7, "finite differences dL/d\(name)")
        }
        #expect(report.check.agreement.agrees)
    }
}
