import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Expected sizes, worked out by hand from each model's equations.
private func expectedCounts(_ preset: BundledModel, detail: Bool, n: Int) -> (nodes: Int, edges: Int) {
    switch (preset, detail) {
    // U V W, h_0, x_1…x_{N+1}, h_t, o_t, L; h_t ← U x_t V h_{t-1}, o_t ← W h_t, L ← x_{t+1} o_t.
    case (.cs187, false): return (3 + 1 + (n + 1) + 2 * n + 1, 4 * n + 2 * n + 2 * n)
    // … plus a_t (a_t ← U x_t V h_{t-1}, h_t ← a_t) and L_t (L_t ← x_{t+1} o_t, L ← L_t).
    case (.cs187, true): return (3 + 1 + (n + 1) + 4 * n + 1, 4 * n + n + 2 * n + 2 * n + n)
    // U W V b c, h_0, x_t, y_t, h_t, o_t, L; h_t ← b W h_{t-1} U x_t, o_t ← c V h_t, L ← y_t o_t.
    case (.goodfellow, false): return (5 + 1 + 4 * n + 1, 5 * n + 3 * n + 2 * n)
    // … plus a_t, ŷ_t, L_t: a_t ← 5, h_t ← a_t, o_t ← 3, ŷ_t ← o_t, L_t ← y_t ŷ_t, L ← L_t.
    case (.goodfellow, true): return (5 + 1 + 7 * n + 1, 5 * n + n + 3 * n + n + 2 * n + n)
    // W_x W_h b, h_0, x_t, G_t, h_t, L; h_t ← x_t W_x h_{t-1} W_h b, L ← G_t h_t.
    case (.pytorch, false): return (3 + 1 + 3 * n + 1, 5 * n + 2 * n)
    // … plus a_t and L_t.
    case (.pytorch, true): return (3 + 1 + 5 * n + 1, 5 * n + n + 2 * n + n)
    default: preconditionFailure("no counts worked out for \(preset)")
    }
}

@Suite struct GraphStructureTests {
    @Test(arguments: labModels, 1...5)
    func sizes(preset: BundledModel, n: Int) throws {
        for detail in [false, true] {
            let graph = try Model(ModelOptions(model: preset, length: n, detail: detail)).graph
            let expected = expectedCounts(preset, detail: detail, n: n)
            #expect(graph.count == expected.nodes, "\(preset) N=\(n) detail=\(detail) nodes")
            #expect(graph.edgeCount == expected.edges, "\(preset) N=\(n) detail=\(detail) edges")
            #expect(graph.edges.count == graph.edgeCount)
        }
    }

    private func parents(_ graph: ComputationGraph, _ name: String) -> [String] {
        graph.variable(named: name)!.parents.map { graph[$0].name }
    }

    @Test(arguments: 1...5)
    func cs187Parents(n: Int) throws {
        let graph = try Model(ModelOptions(model: .cs187, length: n)).graph
        for t in 1...n {
            #expect(parents(graph, "h_\(t)") == ["U", "x_\(t)", "V", "h_\(t - 1)"])
            #expect(parents(graph, "o_\(t)") == ["W", "h_\(t)"])
        }
        #expect(parents(graph, "L") == (1...n).flatMap { ["x_\($0 + 1)", "o_\($0)"] })
        #expect(graph.variable(named: "x_\(n + 1)")?.kind == .target)
        #expect(graph.variable(named: "h_0")?.kind == .initialState)
    }

    @Test(arguments: 1...5)
    func goodfellowParents(n: Int) throws {
        let graph = try Model(ModelOptions(model: .goodfellow, length: n)).graph
        for t in 1...n {
            #expect(parents(graph, "h_\(t)") == ["b", "W", "h_\(t - 1)", "U", "x_\(t)"])
            #expect(parents(graph, "o_\(t)") == ["c", "V", "h_\(t)"])
        }
        #expect(parents(graph, "L") == (1...n).flatMap { ["y_\($0)", "o_\($0)"] })
    }

    @Test(arguments: 1...5)
    func pytorchParents(n: Int) throws {
        let graph = try Model(ModelOptions(model: .pytorch, length: n)).graph
        for t in 1...n {
            #expect(parents(graph, "h_\(t)") == ["x_\(t)", "Wx", "h_\(t - 1)", "Wh", "b"])
        }
        #expect(parents(graph, "L") == (1...n).flatMap { ["G_\($0)", "h_\($0)"] })
    }

    @Test func goodfellowOptions() throws {
        // Start at zero: x_0 … x_{N-1}, no h_{-1}, first state without recurrent input.
        let zero = try Model(ModelOptions(model: .goodfellow, length: 3, startsAtZero: true)).graph
        #expect(zero.variable(named: "h_0")?.kind == .state)
        #expect(parents(zero, "h_0") == ["b", "U", "x_0"])
        #expect(parents(zero, "h_1") == ["b", "W", "h_0", "U", "x_1"])
        #expect(zero.variable(named: "x_3") == nil)
        // Many-to-one: only the last step has a target and a loss.
        let last = try Model(ModelOptions(model: .goodfellow, length: 3, lossPlacement: .last)).graph
        #expect(parents(last, "L") == ["y_3", "o_3"])
        #expect(last.variable(named: "y_1") == nil)
        // No biases.
        let plain = try Model(ModelOptions(model: .goodfellow, length: 2, biases: false)).graph
        #expect(plain.variable(named: "b") == nil && plain.variable(named: "c") == nil)
        #expect(parents(plain, "o_1") == ["V", "h_1"])
        // Mean and squared output are expressions of L.
        let mean = try Model(ModelOptions(model: .goodfellow, length: 2, outputLoss: .squared,
                                          reduction: .mean)).graph
        guard case .mean(let terms)? = mean.loss?.definition else { Issue.record("L is not a mean"); return }
        #expect(terms.count == 2)
        if case .squaredError = terms[0] {} else { Issue.record("expected a squared error") }
    }

    @Test func parameterCopies() throws {
        let graph = try Model(ModelOptions(model: .cs187, length: 2, parameterCopies: true)).graph
        #expect(parents(graph, "h_2") == ["U_2", "x_2", "V_2", "h_1"])
        #expect(parents(graph, "U_2") == ["U"])
        #expect(graph.variable(named: "U_1")?.kind == .parameterCopy)
    }

    @Test func namesAndReachability() throws {
        let graph = try Model(ModelOptions(length: 3)).graph
        #expect(graph.variable(named: "h1")?.name == "h_1")
        #expect(graph.variable(named: "h_12") == nil)
        #expect(graph.variable(named: "nope") == nil)
        let u = graph.variable(named: "U")!.id, l = graph.loss!.id, x4 = graph.variable(named: "x4")!.id
        #expect(graph.reaches(u, l))
        #expect(!graph.reaches(l, u))
        #expect(!graph.reaches(u, x4))
        // Parents always precede children.
        for variable in graph.variables { #expect(variable.parents.allSatisfy { $0 < variable.id }) }
    }

    @Test func invalidOptions() {
        #expect(throws: RNNGraphError.self) { try Model(ModelOptions(length: 0)) }
        #expect(throws: RNNGraphError.self) { try Model(ModelOptions(length: -2)) }
        #expect(throws: RNNGraphError.self) { try Model(ModelOptions(length: ModelOptions.maximumLength + 1)) }
        #expect(throws: RNNGraphError.self) { try Model(ModelOptions(model: .cs187, outputLoss: .squared)) }
        #expect(throws: RNNGraphError.self) { try Model(ModelOptions(model: .cs187, biases: false)) }
    }

    /// The options are transformations of the text, so they apply to every model that has what they change.
    @Test func startAtZeroAppliesToAnyText() throws {
        let graph = try Model(ModelOptions(model: .cs187, length: 2, startsAtZero: true)).graph
        #expect(graph.variable(named: "h0")?.parents.map { graph[$0].name } == ["U", "x_0"])
        #expect(graph.variable(named: "h1")?.parents.map { graph[$0].name }.sorted() == ["U", "V", "h_0", "x_1"])
        #expect(graph.variables(of: .initialState).isEmpty)
    }

    @Test func showContractsEdges() throws {
        let graph = try Model(ModelOptions(length: 2)).graph
        let view = try GraphView(graph, keeping: ["U", "h1", "o1", "h2", "o2", "L"])
        let edges = view.edges.map { "\(graph[$0.from].name)>\(graph[$0.to].name)" }
        #expect(edges == ["U>h_1", "h_1>o_1", "U>h_2", "h_1>h_2", "h_2>o_2", "o_1>L", "o_2>L"])
        // Hiding h_1 contracts U → h_1 → h_2 into U → h_2 (already present) and U → o_1.
        let hidden = try GraphView(graph, keeping: ["U", "o1", "h2", "L"])
        let contracted = hidden.edges.map { "\(graph[$0.from].name)>\(graph[$0.to].name)" }
        #expect(contracted == ["U>o_1", "U>h_2", "o_1>L", "h_2>L"])
        #expect(throws: RNNGraphError.self) { try GraphView(graph, keeping: ["h9"]) }
    }
}
