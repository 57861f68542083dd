import Foundation
import Testing
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphPaths

/// The operations view's graph (`OperationsGraph`) and its figure: one node per
/// operation of every definition, wired operand → operation → … → variable.
@Suite struct OperationsGraphTests {
    /// A model with every kind of step: products, sums, activations, a stack, a
    /// number in a sum (`1 - z`), ⊙, exp, log, a power, a transpose, softmax,
    /// cross-entropy, a mean and a sum over the steps.
    static let everyOperation = """
        model "every operation"
        time t = 1..N
        z_t = sigmoid(W_z x_t + U_z h_{t-1} + b)
        n_t = relu(A [x_t; h_{t-1}])
        h_t = (1 - z_t) * n_t + z_t * h_{t-1}
        q_t = log(exp(V h_t))^2 - (V h_t)
        L = mean_t ce(y_t, softmax(q_t)) + sum_t (h_t^T h_t)
        """

    /// The models checked, by a readable name (`cases`, then `options(_:)`).
    static let cases = ["cs187 N=3", "lstm N=2", "gru N=3", "elman N=2", "bigram N=3", "goodfellow N=2 detail",
                        "pytorch N=2", "stacked N=2", "bidirectional N=2", "cs187 N=2 copies", "every N=3"]

    static func options(_ name: String) throws -> ModelOptions {
        let words = name.split(separator: " ").map(String.init)
        let length = Int(words[1].dropFirst(2))!
        if words[0] == "every" {
            return ModelOptions(definition: try ModelDefinition(parsing: everyOperation, name: "every"), length: length)
        }
        var options = ModelOptions(definition: BundledModels.definition(named: words[0])!, length: length)
        options.detail = words.contains("detail")
        options.parameterCopies = words.contains("copies")
        return options
    }

    /// The operations of an expression, counted from its cases (not through
    /// `RNNGraphCore.Expression.primitive`): one per product, sum, activation, softmax, loss,
    /// mean and applied operation; a cross-entropy of a softmax is one fused step.
    static func operations(_ expression: RNNGraphCore.Expression) -> Int {
        switch expression {
        case .variable, .constant: return 0
        case .crossEntropy(let target, .softmax(let scores)): return 1 + operations(target) + operations(scores)
        case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b), .inner(let a, let b):
            return 1 + operations(a) + operations(b)
        case .sum(let terms), .mean(let terms), .apply(_, let terms): return 1 + terms.map(operations).reduce(0, +)
        case .activation(_, let a), .softmax(let a): return 1 + operations(a)
        }
    }

    @Test(arguments: cases)
    func oneNodePerOperation(name: String) throws {
        let options = try Self.options(name)
        let model = try Model(options).graph
        let view = OperationsGraph(model)
        var total = 0
        for variable in model.variables {
            let expected = variable.definition.map(Self.operations) ?? 0
            #expect(view.operations(of: variable.id).count == expected, "\(variable.name)")
            total += expected
        }
        #expect(total > model.count / 2, "the model has operations to draw")
        #expect(view.operationCount == total)
        #expect(view.graph.count == model.count + total)
        #expect(view.graph.variables.filter { view.isOperation($0.id) }.count == total)
        #expect(try OperationsGraph.operationCount(for: options) == total, "the estimate is exact at small N")
        // Model variables keep their names, kinds and times.
        for variable in model.variables {
            let node = view.graph[view.nodes[variable.id.index]]
            #expect(node.name == variable.name && node.kind == variable.kind && node.time == variable.time)
        }
    }

    @Test(arguments: cases)
    func everyOperationReadsItsOperandsAndFeedsOneNode(name: String) throws {
        let options = try Self.options(name)
        let model = try Model(options).graph
        let view = OperationsGraph(model)
        let graph = view.graph
        for variable in model.variables {
            guard let definition = variable.definition else { continue }
            // Walk the model's expression and the operation nodes together, operands first:
            // each node's in-edges are exactly the nodes of its operands (variables or the
            // operations computing them), without repeats, and it has one out-edge.
            var created = view.operations(of: variable.id)[...]
            func check(_ expression: RNNGraphCore.Expression) -> NodeID? {
                switch expression {
                case .variable(let id): return view.nodes[id.index]
                case .constant: return nil
                default:
                    var operands: [RNNGraphCore.Expression]
                    switch expression {
                    case .crossEntropy(let t, .softmax(let z)): operands = [t, z]
                    case .product(let a, let b), .squaredError(let a, let b), .crossEntropy(let a, let b),
                         .inner(let a, let b): operands = [a, b]
                    case .sum(let terms), .mean(let terms), .apply(_, let terms): operands = terms
                    case .activation(_, let a), .softmax(let a): operands = [a]
                    case .variable, .constant: operands = []
                    }
                    var inputs: [NodeID] = []
                    for operand in operands {
                        if let input = check(operand), !inputs.contains(input) { inputs.append(input) }
                    }
                    guard let node = created.popFirst() else {
                        Issue.record("\(variable.name): too few operation nodes")
                        return nil
                    }
                    #expect(view.isOperation(node))
                    #expect(graph[node].parents == inputs, "\(variable.name): \(graph[node].name) reads its operands")
                    #expect(graph.children[node.index].count == 1, "\(graph[node].name) feeds one node")
                    #expect(graph[node].time == variable.time, "\(graph[node].name) belongs to its step")
                    return node
                }
            }
            let last = check(definition)
            #expect(created.isEmpty, "\(variable.name): no operation node left over")
            let node = view.nodes[variable.id.index]
            #expect(graph[node].parents == (last.map { [$0] } ?? definition.references.map { view.nodes[$0.index] }))
        }
        // Contracting the operation nodes gives the model's edges back.
        let contracted = GraphView(graph, keeping: Set(view.nodes))
        #expect(contracted.edges.map { "\(graph[$0.from].name)>\(graph[$0.to].name)" }
                == model.edges.sorted { ($0.to, $0.from) < ($1.to, $1.from) }
                    .map { "\(model[$0.from].name)>\(model[$0.to].name)" })
    }

    @Test func labelsNameTheMaths() throws {
        let view = OperationsGraph(try Model(ModelOptions(model: .lstm, length: 2)).graph)
        let model = try Model(ModelOptions(model: .lstm, length: 2)).graph
        func labels(_ name: String) -> [String] {
            view.operations(of: model.variable(named: name)!.id).map { view.graph[$0].symbol.text }
        }
        #expect(labels("i_2") == ["×", "×", "+", "σ"])
        #expect(labels("g_1") == ["×", "×", "+", "tanh"])
        #expect(labels("c_2") == ["⊙", "⊙", "+"])
        #expect(labels("h_1") == ["tanh", "⊙"])
        #expect(labels("L") == ["SE", "SE", "+"])
        let gru = try Model(ModelOptions(model: .gru, length: 1)).graph
        let gruView = OperationsGraph(gru)
        #expect(gruView.operations(of: gru.variable(named: "h_1")!.id).map { gruView.graph[$0].symbol.text }
                == ["−", "+ 1", "⊙", "⊙", "+"])
        let every = try Model(ModelOptions(definition: ModelDefinition(parsing: Self.everyOperation, name: "every"),
                                           length: 1)).graph
        let everyView = OperationsGraph(every)
        let all = Set(everyView.graph.variables.filter { everyView.isOperation($0.id) }.map(\.symbol.text))
        #expect(all == ["×", "+", "σ", "ReLU", "[ ; ]", "−", "+ 1", "⊙", "exp", "log", "^2", "^T", "Σ",
                        "CE∘softmax", "mean"])
    }

    @Test func largeLengthsAreEstimatedFromTwoShortUnrollings() throws {
        for model in [BundledModel.lstm, .cs187, .bidirectional, .stacked] {
            let options = ModelOptions(model: model, length: 40)
            #expect(try OperationsGraph.operationCount(for: options)
                    == OperationsGraph(try Model(options).graph).operationCount, "\(model)")
        }
    }

    @Test(arguments: cases)
    func figureDrawsEveryOperationSmallAndDeterministically(name: String) throws {
        let options = try Self.options(name)
        let model = try Model(options)
        let view = OperationsGraph(model.graph)
        let figureOptions = FigureOptions(parameters: .operations)
        let figure = try Figure(model, options: figureOptions)
        #expect(figure.nodes.count == view.graph.count)
        #expect(figure.edges.count == view.graph.edgeCount)
        let operations = figure.nodes.filter { node in node.attributes.contains(Figure.Attribute("fontsize", "10")) }
        #expect(operations.count == view.operationCount)
        #expect(operations.allSatisfy { !$0.attributes.contains { $0.name == "fillcolor" } })
        #expect(figure.legend.contains { $0.caption == "operation" })
        let dot = DOTPrinter.print(figure)
        #expect(DOTPrinter.print(try Figure(model, options: figureOptions)) == dot)
    }

    @Test func annotationsStayWithTheirVariables() throws {
        let model = try Model(ModelOptions(model: .gru, length: 2))
        let h1 = model.graph.variable(named: "h_1")!.id, wir = model.graph.variable(named: "W_ir")!.id
        let figure = try Figure(model, options: FigureOptions(annotations: [h1: "= 1", wir: "= 2"], parameters: .operations))
        let noted = figure.nodes.filter { !$0.annotation.isEmpty }.map { "\($0.id) \($0.annotation)" }.sorted()
        #expect(noted == ["W_ir = 2", "h_1 = 1"])
    }

    @Test func highlightRunsThroughTheOperations() throws {
        let model = try Model(ModelOptions(model: .cs187, length: 3))
        let graph = model.graph
        let path = Array(PathEnumerator(graph, from: graph.variable(named: "U")!.id, to: graph.loss!.id).prefix(2)).last!
        let highlight = Highlight(edges: zip(path, path.dropFirst()).map { Highlight.Edge($0, $1) }, caption: "term 2")
        let figure = try Figure(model, options: FigureOptions(highlights: [highlight], parameters: .operations))
        let red = figure.edges.filter { $0.attributes.contains(Figure.Attribute("penwidth", "2.5")) }
        // One chain of edges from U to L: each edge starts where the one before ends.
        var chain = red.map { ($0.from, $0.to) }
        var at = "U"
        while let next = chain.firstIndex(where: { $0.0 == at }) { at = chain.remove(at: next).1 }
        #expect(chain.isEmpty && at == "L", "the highlighted edges form one path from U to L")
        let view = OperationsGraph(graph)
        let expected = zip(path, path.dropFirst()).map { view.edges(from: $0, to: $1).count }.reduce(0, +)
        #expect(red.count == expected && red.count > path.count, "the path passes through operation nodes")
    }
}
