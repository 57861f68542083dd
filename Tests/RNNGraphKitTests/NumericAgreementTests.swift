import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// All three forms, evaluated at the lab's scalar values with closed-form local
/// partials, agree with each other and with independently computed exact values.
@Suite struct NumericAgreementTests {
    struct Case: Decodable {
        let length: Int
        let dLdU: String
        let dLdV: String
        let dLdW: String
        enum CodingKeys: String, CodingKey {
            case length
            case dLdU = "dL/dU"
            case dLdV = "dL/dV"
            case dLdW = "dL/dW"
        }
    }

    struct Values: Decodable {
        let U: Double
        let V: Double
        let W: Double
        let x: [Double]
        let h0: Double
    }

    struct Reference: Decodable {
        let values: Values
        let results: [Case]
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: TestSupport.referenceFile)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let section = try JSONSerialization.data(withJSONObject: object?["cs187_scalar_relu"] as Any)
        return try JSONDecoder().decode(Reference.self, from: section)
    }

    static func rational(_ text: String) -> Double {
        let parts = text.split(separator: "/").map { Double(String($0))! }
        return parts.count == 2 ? parts[0] / parts[1] : parts[0]
    }

    /// An independent scalar forward pass of the cs187 network with ReLU.
    static func forward(_ v: Values, length n: Int) -> (String, Int?) -> Double? {
        var h = [v.h0], o = [0.0]
        for t in 1...n {
            h.append(max(0, v.U * v.x[t - 1] + v.V * h[t - 1]))
            o.append(v.W * h[t])
        }
        return { name, time in
            switch (name, time) {
            case ("U", nil): return v.U
            case ("V", nil): return v.V
            case ("W", nil): return v.W
            case ("x", let t?): return v.x[t - 1]
            case ("h", let t?): return h[t]
            case ("o", let t?): return o[t]
            default: return nil
            }
        }
    }

    @Test func threeFormsAgreeWithReference() throws {
        let reference = try Self.reference()
        for c in reference.results {
            let model = try Model(ModelOptions(model: .cs187, length: c.length))
            let evaluator = FormulaEvaluator(length: c.length, value: Self.forward(reference.values, length: c.length))
            for (wrt, expected) in [("U", c.dLdU), ("V", c.dLdV), ("W", c.dLdW)] {
              for layout in [ShapeLayout.scalar, .columns] {
                let d = try Derivation(model: model, wrt: wrt, local: .closed, layout: layout)
                let exact = Self.rational(expected)
                let expanded = try d.terms.reduce(0.0) { try $0 + evaluator.evaluate($1) }
                let split = try evaluator.evaluate(d.compact(shape: .split))
                let merged = try evaluator.evaluate(d.compact(shape: .merged))
                let recursive = try evaluator.evaluate(d.recursive())
                for (form, value) in [("expanded", expanded), ("split", split), ("merged", merged), ("recursive", recursive)] {
                    #expect(abs(value - exact) <= 1e-12, "N=\(c.length) dL/d\(wrt) \(form) \(layout): \(value) vs \(exact)")
                }
              }
            }
        }
    }

    @Test func formsAgreeForEveryVariableAtRandomValues() throws {
        var generator = SeededRandom(seed: 11)
        for n in 1...5 {
            let values = Values(U: .random(in: 0.2...0.9, using: &generator), V: .random(in: -0.9...0.9, using: &generator),
                                W: .random(in: -0.9...0.9, using: &generator),
                                x: (0...n).map { _ in .random(in: 0.1...1, using: &generator) }, h0: 0.3)
            let model = try Model(ModelOptions(model: .cs187, length: n))
            let evaluator = FormulaEvaluator(length: n, value: Self.forward(values, length: n))
            for v in model.graph.variables where v.kind != .loss && v.kind != .output {
                let d = try Derivation(model: model, wrt: v.name, local: .closed)
                let expanded = try d.terms.reduce(0.0) { try $0 + evaluator.evaluate($1) }
                let compact = try evaluator.evaluate(d.compact())
                let recursive = try evaluator.evaluate(d.recursive())
                #expect(abs(compact - expanded) <= 1e-12, "N=\(n) wrt \(v.name) compact")
                #expect(abs(recursive - expanded) <= 1e-12, "N=\(n) wrt \(v.name) recursive")
            }
        }
    }

    @Test func formsAgreeForIntermediateQuantities() throws {
        let reference = try Self.reference()
        let n = 5
        let model = try Model(ModelOptions(model: .cs187, length: n))
        let evaluator = FormulaEvaluator(length: n, value: Self.forward(reference.values, length: n))
        for (of, wrt) in [("h3", "U"), ("o4", "V"), ("h5", "h1"), ("o3", "x2"), ("h4", "h0"), ("o2", "W"), ("h2", "h2")] {
            // A gradient is of a scalar: the vector layouts refuse a vector quantity.
            #expect(throws: RNNGraphError.self) { try Derivation(model: model, of: of, wrt: wrt, local: .closed, layout: .columns) }
            for layout in [ShapeLayout.scalar] {
                let d = try Derivation(model: model, of: of, wrt: wrt, local: .closed, layout: layout)
                let expanded = try d.terms.reduce(0.0) { try $0 + evaluator.evaluate($1) }
                for shape in CompactShape.allCases {
                    #expect(abs(try evaluator.evaluate(d.compact(shape: shape)) - expanded) <= 1e-12, "\(of) by \(wrt) \(shape)")
                }
                #expect(abs(try evaluator.evaluate(d.recursive()) - expanded) <= 1e-12, "\(of) by \(wrt) recursive \(layout)")
            }
        }
    }
}
