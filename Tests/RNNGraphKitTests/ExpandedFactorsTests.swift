import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The expanded form built from factors shared by edge, and printed from factors
/// printed once, is the form built and printed path by path.
@Suite struct ExpandedFactorsTests {
    /// The derivations of every variable of `options` at `length`, in every local form and layout.
    static func derivations(_ options: ModelOptions, length: Int) throws -> [Derivation] {
        let model = try Model(TestSupport.with(options, length: length))
        var result: [Derivation] = []
        for v in model.graph.variables {
            result.append(try Derivation(model: model, wrt: v.name))
            for layout in TestSupport.layouts(options) {
                result.append(try Derivation(model: model, wrt: v.name, local: .closed, layout: layout))
            }
            result.append(try Derivation(model: model, wrt: v.name, local: .closed, layout: TestSupport.vectorLayout(options),
                                         hadamard: true))
        }
        return result
    }

    /// Each path's term multiplied from the local partials (or, in a vector layout, actions) of its edges.
    static func pathByPath(_ d: Derivation) -> [Formula] {
        let graph = d.graph
        let locals = LocalPartials(graph: graph, rename: { IndexedVariable(graph[$0]) },
                                   renameArgument: { IndexedVariable(graph[$0]) }, count: { .constant($0) })
        return d.paths.map { path in
            if d.isVector {
                let actions = (1..<path.count).map { k in locals.action(path[k], path[k - 1], layout: d.layout, hadamard: d.hadamard) }
                // Each edge acts on the gradient of its head, from the top edge down.
                return actions.reversed().reduce(Formula.one) { $1.apply(to: $0) }
            }
            return Formula.multiply(stride(from: path.count - 1, to: 0, by: -1).map { k in
                locals.partial(path[k], path[k - 1], form: d.local)
            })
        }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func termsAreTheProductsOfTheirPaths(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        for n in 1...4 {
            for d in try Self.derivations(options, length: n) {
                #expect(Array(d.terms) == Self.pathByPath(d), "\(name) N=\(n) \(d.wrt.name) \(d.local) \(d.layout)")
            }
        }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func expandedTextIsTheTextOfItsTerms(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        for n in [1, 3, 5] {
            for d in try Self.derivations(options, length: n) {
                for (arguments, numbered) in [(false, true), (true, false)] {
                    // Narrow lines, so that terms are broken between their factors too.
                    let printer = LaTeXPrinter(settings: LaTeXSettings(arguments: arguments, numberTerms: numbered,
                                                                       lineWidth: 14, productOrder: d.isVector))
                    var expanded = ""
                    try printer.writeExpanded(d, to: &expanded)
                    var termByTerm = ""
                    printer.naming(d).writeDisplay(lhs: printer.lhs(d, atLength: true), terms: d.terms, numbered: numbered, to: &termByTerm)
                    #expect(expanded == termByTerm, "\(name) N=\(n) \(d.wrt.name) \(d.local) \(d.layout)")
                }
            }
        }
    }
}
