import BigInt
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// A derivation made from options (no unrolling) agrees with one made on the
/// unrolled graph: the same names, counts, reachability and formulas.
@Suite struct RolledCountTests {
    @Test(arguments: TestSupport.variants.map(\.0))
    func namesResolveAsInTheUnrolledGraph(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        let rolled = try RolledGraph(options: options)
        for n in 1...8 {
            let graph = try Model(TestSupport.with(options, length: n)).graph
            #expect(rolled.nameSummary(length: n) == graph.nameSummary, "\(name) N=\(n)")
            #expect(rolled.variableCount(length: n) == graph.count, "\(name) N=\(n)")
            for v in graph.variables {
                for spelling in [v.name, v.name.replacingOccurrences(of: "_", with: "")] {
                    #expect(rolled.variable(named: spelling, length: n) == IndexedVariable(v).countedFromEnd(length: n),
                            "\(name) N=\(n) \(spelling)")
                }
            }
            // Names one step outside each family's range, and malformed times, are unknown to both.
            for candidate in ["h_\(n + 1)", "x_0", "o_0", "h_-1", "h_01", "U_0", "L_\(n + 1)", "Q", "h_"] {
                #expect((rolled.variable(named: candidate, length: n) == nil) == (graph.variable(named: candidate) == nil),
                        "\(name) N=\(n) \(candidate)")
            }
        }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func stepwiseCountEqualsUnrolledCount(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        let rolled = try RolledGraph(options: options)
        for n in 1...7 {
            let graph = try Model(TestSupport.with(options, length: n)).graph
            let counter = try #require(RolledPathCounter(rolled, length: n), "\(name) N=\(n)")
            for source in graph.variables {
                for target in graph.variables {
                    let expected = PathCounter.count(graph, from: source.id, to: target.id)
                    let stepwise = try counter.count(from: IndexedVariable(source), to: IndexedVariable(target))
                    #expect(stepwise == expected, "\(name) N=\(n) \(source.name) → \(target.name)")
                    #expect(counter.reaches(from: IndexedVariable(source), to: IndexedVariable(target))
                            == graph.reaches(source.id, target.id), "\(name) N=\(n) \(source.name) → \(target.name)")
                }
            }
        }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func derivationFromOptionsMatchesUnrolled(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        let printer = LaTeXPrinter()
        for n in [1, 2, 5] {
            let model = try Model(TestSupport.with(options, length: n))
            for v in model.graph.variables where v.definition == nil {
                let unrolled = try Derivation(model: model, wrt: v.name)
                let lazy = try Derivation(options: model.options, wrt: v.name)
                #expect(lazy.ofName == unrolled.of.name && lazy.wrtName == unrolled.wrt.name)
                #expect(lazy.ofVariable == unrolled.ofVariable && lazy.wrtVariable == unrolled.wrtVariable)
                #expect(try lazy.count == unrolled.count, "\(name) N=\(n) \(v.name)")
                #expect(lazy.hasPath == unrolled.hasPath)
                #expect((try? TestSupport.allForms(lazy, printer)) == (try? TestSupport.allForms(unrolled, printer)),
                        "\(name) N=\(n) \(v.name)")
                // Unrolled on demand, the variables are the graph's own.
                #expect(lazy.wrt == unrolled.wrt && lazy.of == unrolled.of)
            }
        }
    }

    @Test func largeLengthsNeedNoUnrolling() throws {
        let n = ModelOptions.maximumLength
        let d = try Derivation(options: ModelOptions(length: n))
        #expect(try d.count == BigUInt(n) * BigUInt(n + 1) / 2)
        let w = try Derivation(options: ModelOptions(length: n), of: "h_\(n)", wrt: "h_1")
        #expect(try w.count == 1)
        #expect(try Derivation(options: ModelOptions(length: n), of: "o_2", wrt: "x_3").count == 0)
        var text = ""
        try LaTeXPrinter().writeCompact(d, shape: .split, to: &text)
        try LaTeXPrinter().writeRecursive(d, to: &text)
        #expect(text.contains("\\sum_{t=1}^{N}"))
        let error = #expect(throws: RNNGraphError.self) { try Derivation(options: ModelOptions(length: n), wrt: "h_\(n + 1)") }
        #expect(error?.message == "unknown variable 'h_\(n + 1)' for --wrt; valid names: "
                + "U, V, W, h_0, …, h_\(n), x_1, …, x_\(n + 1), o_1, …, o_\(n), L")
        #expect(d.hasPath && !d.isUnrolled && !w.isUnrolled, "counted and derived on the rolled graph only")
        // Paths need the unrolled graph, made on first use.
        let small = try Derivation(options: ModelOptions(length: 3))
        #expect(!small.isUnrolled && small.paths.reduce(0) { c, _ in c + 1 } == 6 && small.isUnrolled)
    }
}
