import BigInt
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The compact form, expanded by the library, gives exactly the enumerated terms.
@Suite struct CompactExpansionTests {
    static let cs187Variables = ["U", "V", "W", "h0", "x1"]

    @Test(arguments: cs187Variables, [CompactShape.split, .merged])
    func cs187MatchesEnumeration(wrt: String, shape: CompactShape) throws {
        for n in 1...8 {
            let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: n)), wrt: wrt)
            let compact = try d.compact(shape: shape)
            #expect(TestSupport.multiset(compact.expandedTerms(length: n)) == TestSupport.multiset(Array(d.terms)),
                    "N=\(n) wrt \(wrt) \(shape)")
        }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func everyVariantEveryVariable(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        for n in 1...8 {
            let model = try Model(TestSupport.with(options, length: n))
            for v in model.graph.variables where v.id != model.graph.loss?.id {
                let d = try Derivation(model: model, wrt: v.name)
                guard d.hasPath else { continue }
                for shape in CompactShape.allCases {
                    let compact = try d.compact(shape: shape)
                    #expect(TestSupport.multiset(compact.expandedTerms(length: n)) == TestSupport.multiset(Array(d.terms)),
                            "\(name) N=\(n) wrt \(v.name) \(shape)")
                }
            }
        }
    }

    @Test func intermediateQuantities() throws {
        let model = try Model(ModelOptions(model: .cs187, length: 5))
        for (of, wrt) in [("h3", "U"), ("o2", "V"), ("h4", "h1"), ("h3", "x2"), ("o5", "h0")] {
            let d = try Derivation(model: model, of: of, wrt: wrt)
            for shape in CompactShape.allCases {
                let compact = try d.compact(shape: shape)
                #expect(TestSupport.multiset(compact.expandedTerms(length: 5)) == TestSupport.multiset(Array(d.terms)),
                        "\(of) wrt \(wrt) \(shape)")
            }
        }
    }
}

/// In the vector layouts too (transposed Jacobians, left and right factors),
/// the compact form expands to exactly the enumerated gradient terms; a layout
/// the model is not written in is refused, and so is a Π over a batch of rows.
@Suite struct VectorCompactExpansionTests {
    @Test(arguments: TestSupport.variants.map(\.0), [ShapeLayout.columns, .rows])
    func everyVariantEveryVariable(name: String, layout: ShapeLayout) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        for n in 1...6 {
            let model = try Model(TestSupport.with(options, length: n))
            for v in model.graph.variables where v.id != model.graph.loss?.id {
                guard layout == TestSupport.vectorLayout(options) else {
                    #expect(throws: RNNGraphError.self) { try Derivation(model: model, wrt: v.name, local: .closed, layout: layout) }
                    continue
                }
                let d = try Derivation(model: model, wrt: v.name, local: .closed, layout: layout)
                guard d.hasPath else { continue }
                for shape in CompactShape.allCases {
                    let compact: Formula
                    do {
                        compact = try d.compact(shape: shape)
                    } catch let error as RNNGraphError where layout == .rows {
                        #expect(error.description.contains("⊙"), "\(name) N=\(n) wrt \(v.name): \(error)")
                        continue
                    }
                    #expect(TestSupport.multiset(compact.expandedTerms(length: n)) == TestSupport.multiset(Array(d.terms)),
                            "\(name) N=\(n) wrt \(v.name) \(shape) \(layout)")
                }
            }
        }
    }
}

/// Stacked layers, a backward recurrence (bidirectional's g, whose Π runs the
/// other way), a state with four cycles (the GRU's h, whose Π runs over their
/// sum) and two states that feed one another (the LSTM's h and c, whose Π runs
/// over the Jacobian of the stacked state): the compact and merged forms print
/// for every variable and expand, for N = 1…8 (the GRU and the LSTM, whose terms
/// grow four- and fivefold a step, up to 5), to exactly the enumerated terms.
@Suite struct RecurrenceCompactExpansionTests {
    @Test(arguments: ["stacked", "bidirectional", "gru", "lstm"], [LocalForm.symbolic, .closed])
    func expandsToTheEnumeratedTerms(name: String, local: LocalForm) throws {
        for n in 1...(name == "gru" || name == "lstm" ? 5 : 8) {
            let options = ModelOptions(definition: BundledModels.definition(named: name)!, length: n)
            let model = try Model(options)
            for v in model.graph.variables where v.id != model.graph.loss?.id {
                let d = try Derivation(model: model, wrt: v.name, local: local)
                guard d.hasPath else { continue }
                for shape in CompactShape.allCases {
                    let compact = try d.compact(shape: shape)
                    #expect(TestSupport.multiset(compact.expandedTerms(length: n)) == TestSupport.multiset(Array(d.terms)),
                            "\(name) N=\(n) wrt \(v.name) \(shape) \(local)")
                }
            }
        }
    }
}

/// The LSTM's and the GRU's compact and merged forms at N = 6…8, where the LSTM's
/// stand for up to 96,789 paths and the GRU's for up to 29,124.
@Suite struct StackedStateExpansionTests {
    @Test(arguments: ["lstm", "gru"], CompactShape.allCases)
    func longerSequences(model: String, shape: CompactShape) throws {
        let wrt = model == "lstm" ? "W_hf" : "W_hz"
        for n in 6...8 {
            let d = try Derivation(model: Model(ModelOptions(definition: BundledModels.definition(named: model)!, length: n)),
                                   wrt: wrt)
            let expanded = try d.compact(shape: shape).expandedTerms(length: n)
            #expect(BigUInt(expanded.count) == (try d.count), "\(model) N=\(n) \(shape)")
            #expect(TestSupport.multiset(expanded) == TestSupport.multiset(Array(d.terms)), "\(model) N=\(n) \(shape)")
        }
    }
}
