import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// For every model variant and every variable, the compact and recursive forms
/// evaluate to the same number as the sum of the expanded terms. The forms are
/// sums of products of the same local partials, so any consistent assignment of
/// values to the variables tests the identity; a fixed pseudo-random one is used.
@Suite struct FormAgreementTests {
    /// A value in [-1, 1] that depends only on the name and time (FNV-1a, not Swift's seeded hashing).
    static func value(_ name: String, _ time: Int?) -> Double? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(name)#\(time.map(String.init) ?? "-")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Double(hash % 2001) / 1000 - 1
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func compactAndRecursiveEqualExpanded(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        for n in 1...5 {
            let model = try Model(TestSupport.with(options, length: n))
            let evaluator = FormulaEvaluator(length: n, value: Self.value)
            for v in model.graph.variables where v.id != model.graph.loss?.id {
                for layout in TestSupport.layouts(options) {
                    let d = try Derivation(model: model, wrt: v.name, local: .closed, layout: layout)
                    guard d.hasPath, !Array(d.terms).contains(where: Self.hasSymbolicPartial) else { continue }
                    let expanded = try d.terms.reduce(0.0) { try $0 + evaluator.evaluate($1) }
                    let tolerance = 1e-9 * max(1, abs(expanded))
                    for shape in CompactShape.allCases {
                        // A batch of rows has no matrix Π (MatrixFormulaTests checks the refusal).
                        guard let formula = try? d.compact(shape: shape) else {
                            #expect(layout == .rows, "\(name) N=\(n) \(v.name) \(shape) \(layout)")
                            continue
                        }
                        let compact = try evaluator.evaluate(formula)
                        #expect(abs(compact - expanded) <= tolerance, "\(name) N=\(n) \(v.name) \(shape) \(layout)")
                    }
                    let recursive = try evaluator.evaluate(d.recursive())
                    #expect(abs(recursive - expanded) <= tolerance, "\(name) N=\(n) \(v.name) recursive \(layout)")
                }
            }
        }
    }

    /// Whether a term keeps a symbolic partial (a cross-entropy by its class index has no closed form).
    static func hasSymbolicPartial(_ f: Formula) -> Bool {
        switch f {
        case .partial: return true
        case .product(let factors): return factors.contains(where: hasSymbolicPartial)
        case .transpose(let inner): return hasSymbolicPartial(inner)
        default: return false
        }
    }
}
