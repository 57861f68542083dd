import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Random values for a model: every leaf filled from a seeded generator, written as a values file.
struct RandomCase {
    let options: ModelOptions
    let json: String

    init(_ base: ModelOptions, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var options = base
        options.length = Int.random(in: 1...4, using: &random)
        let hidden = Int.random(in: 1...3, using: &random)
        let input = Int.random(in: 1...3, using: &random)
        let output = Int.random(in: 2...3, using: &random)
        let batch = Int.random(in: 2...3, using: &random)
        func number() -> String { String(Double.random(in: -1...1, using: &random)) }
        func matrix(_ r: Int, _ c: Int) -> String {
            "[" + (0..<r).map { _ in "[" + (0..<c).map { _ in number() }.joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        }
        func vector(_ n: Int) -> String { "[" + (0..<n).map { _ in number() }.joined(separator: ", ") + "]" }
        var parameters: [String] = []
        var h0: String?
        var inputs: [String] = []
        var targets: [String]?
        let n = options.length
        switch options.bundled {
        case .cs187:
            parameters = ["\"U\": \(matrix(hidden, input))", "\"V\": \(matrix(hidden, hidden))",
                          "\"W\": \(matrix(input, hidden))"]
            h0 = vector(hidden)
            inputs = (0...n).map { _ in vector(input) }
        case .goodfellow:
            parameters = ["\"U\": \(matrix(hidden, input))", "\"W\": \(matrix(hidden, hidden))",
                          "\"V\": \(matrix(output, hidden))"]
            if options.biases { parameters += ["\"b\": \(vector(hidden))", "\"c\": \(vector(output))"] }
            h0 = options.startsAtZero ? nil : vector(hidden)
            inputs = (0..<n).map { _ in vector(input) }
            targets = (0..<n).map { _ in
                options.outputLoss == .softmax ? String(Int.random(in: 0..<output, using: &random)) : vector(output)
            }
        case .pytorch:
            parameters = ["\"Wx\": \(matrix(input, hidden))", "\"Wh\": \(matrix(hidden, hidden))"]
            if options.biases { parameters.append("\"b\": \(vector(hidden))") }
            h0 = matrix(batch, hidden)
            inputs = (0..<n).map { _ in matrix(batch, input) }
            targets = (0..<n).map { _ in matrix(batch, hidden) }
        default:
            preconditionFailure("no values file written for \(options.modelName)")
        }
        var members = ["\"parameters\": {\(parameters.joined(separator: ", "))}"]
        if let h0 { members.append("\"h0\": \(h0)") }
        members.append("\"inputs\": [\(inputs.joined(separator: ", "))]")
        if let targets { members.append("\"targets\": [\(targets.joined(separator: ", "))]") }
        self.options = options
        self.json = "{" + members.joined(separator: ",\n") + "}"
    }
}

@Suite("Three gradient computations agree")
struct GradientAgreementTests {
    /// Every model and the options its notation offers.
    static let configurations: [ModelOptions] = [
        ModelOptions(model: .cs187),
        ModelOptions(model: .cs187, activation: .tanh, detail: true),
        ModelOptions(model: .cs187, activation: .sigmoid, reduction: .mean, parameterCopies: true),
        ModelOptions(model: .cs187, activation: .identity, lossPlacement: .last),
        ModelOptions(model: .goodfellow),
        ModelOptions(model: .goodfellow, detail: true),
        ModelOptions(model: .goodfellow, outputLoss: .squared),
        ModelOptions(model: .goodfellow, lossPlacement: .last),
        ModelOptions(model: .goodfellow, reduction: .mean),
        ModelOptions(model: .goodfellow, startsAtZero: true),
        ModelOptions(model: .goodfellow, biases: false),
        ModelOptions(model: .goodfellow, parameterCopies: true),
        ModelOptions(model: .goodfellow, activation: .sigmoid, detail: true, outputLoss: .squared,
                     lossPlacement: .last, reduction: .mean, startsAtZero: true, biases: false, parameterCopies: true),
        ModelOptions(model: .pytorch),
        ModelOptions(model: .pytorch, detail: true, parameterCopies: true),
        ModelOptions(model: .pytorch, lossPlacement: .last, biases: false),
        ModelOptions(model: .pytorch, activation: .relu, reduction: .mean),
    ]

    @Test("random shapes and values, every model and option set", arguments: 0..<25)
    func agreement(seed: Int) throws {
        for (k, base) in Self.configurations.enumerated() {
            let random = RandomCase(base, seed: UInt64(seed * 1000 + k))
            let model = try Model(random.options)
            let file = try ValuesFile(json: random.json)
            #expect(try file.impliedLength(for: random.options) == random.options.length)
            let report = try NumericReport(try file.values(for: model))
            let agreement = report.check.agreement
            #expect(try #require(agreement.pathSumVersusReverse) <= 1e-10, "seed \(seed), \(random.options)")
            #expect(agreement.agrees, "seed \(seed), \(random.options): \(report.agreementLine)")
            for comparison in report.check.comparisons {
                let value = report.forward[comparison.variable.id]
                #expect(comparison.reverse.rows == value.rows && comparison.reverse.cols == value.cols)
            }
        }
    }

    @Test("targets: closed-form gradients, and none for class indices", arguments: 0..<5)
    func targetGradients(seed: Int) throws {
        // ∂L/∂(target) in closed form, from the forward values, for losses summed over every step.
        let cases: [(ModelOptions, (ForwardPass, Int) -> (target: String, expected: Tensor))] = [
            // cs187: L = Σ ‖x_{t+1} − o_t‖², so ∂L/∂x_{N+1} = 2 (x_{N+1} − o_N).
            (ModelOptions(model: .cs187), { f, n in ("x_\(n + 1)", 2 * (f.value("x_\(n + 1)") - f.value("o_\(n)"))) }),
            // goodfellow, squared error: ∂L/∂y_t = 2 (y_t − o_t).
            (ModelOptions(model: .goodfellow, outputLoss: .squared), { f, n in ("y_\(n)", 2 * (f.value("y_\(n)") - f.value("o_\(n)"))) }),
            // pytorch: L = Σ ⟨G_t, h_t⟩, so ∂L/∂G_t = h_t.
            (ModelOptions(model: .pytorch), { f, n in ("G_\(n)", f.value("h_\(n)")) }),
        ]
        for (k, (base, closedForm)) in cases.enumerated() {
            let random = RandomCase(base, seed: UInt64(seed * 100 + k))
            let model = try Model(random.options)
            let report = try NumericReport(try ValuesFile(json: random.json).values(for: model))
            let (target, expected) = closedForm(report.forward, random.options.length)
            let comparison = try #require(report.check.comparison(for: target), "\(target) has a gradient")
            #expect(distance(comparison.reverse, expected) <= 1e-12, "\(base.bundled) \(target)")
            #expect(distance(try #require(comparison.pathSum), expected) <= 1e-12)
            #expect(distance(comparison.finiteDifferences, expected) <= 1e-6)
        }
        // Softmax with cross-entropy: the targets are class indices, with no gradient.
        let random = RandomCase(ModelOptions(model: .goodfellow), seed: UInt64(seed))
        let report = try NumericReport(try ValuesFile(json: random.json).values(for: Model(random.options)))
        #expect(!report.check.comparisons.contains { $0.variable.kind == .target })
    }

    @Test("path terms sum to the gradient and carry one factor per edge")
    func pathTerms() throws {
        let random = RandomCase(ModelOptions(model: .goodfellow, detail: true), seed: 7)
        let model = try Model(random.options)
        let forward = ForwardPass(try ValuesFile(json: random.json).values(for: model))
        let loss = model.graph.loss!.id
        let sums = PathSum(forward, of: loss)
        let u = model.graph.variable(named: "U")!.id
        let terms = sums.terms(from: u)
        #expect(terms.count == Int(PathCounter.count(model.graph, from: u, to: loss)))
        var total = Tensor.zeros(like: forward[u])
        for term in terms {
            #expect(term.factors.count == term.path.count - 1)
            #expect(term.path.first == u && term.path.last == loss)
            total = total + term.value
        }
        #expect(distance(total, ReverseAccumulation(forward, of: loss).gradient(withRespectTo: u)) <= 1e-12)
    }

    @Test("--of a step loss differentiates that step only")
    func ofStepLoss() throws {
        let random = RandomCase(ModelOptions(model: .cs187, activation: .tanh, detail: true), seed: 3)
        let model = try Model(random.options)
        let values = try ValuesFile(json: random.json).values(for: model)
        let report = try NumericReport(values, of: "L_1")
        #expect(report.check.agreement.of == "L_1")
        #expect(report.check.agreement.agrees)
        if model.options.length > 1 {
            // L_1 = (x_2 − o_1)² reads x_2 as its target (step 2's input does not reach L_1): ∂L_1/∂x_2 = 2 (x_2 − o_1).
            let x2 = try #require(report.check.comparison(for: "x_2")).reverse
            #expect(distance(x2, 2 * (report.forward.value("x_2") - report.forward.value("o_1"))) <= 1e-12)
            let last = "x_\(model.options.length)"
            #expect(report.check.comparison(for: last)!.reverse.maxMagnitude == 0)
        }
        #expect(throws: RNNGraphError.self) { try NumericReport(values, of: "h_1") }
        #expect(throws: RNNGraphError.self) { try NumericReport(values, of: "nope") }
    }
}

extension ForwardPass {
    /// The value of the variable named `name`.
    func value(_ name: String) -> Tensor { self[graph.variable(named: name)!.id] }
}
