import Foundation
import Testing
@testable import RNNGraphKit

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
        switch options.preset {
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
        ModelOptions(preset: .cs187),
        ModelOptions(preset: .cs187, activation: .tanh, detail: true),
        ModelOptions(preset: .cs187, activation: .sigmoid, reduction: .mean, parameterCopies: true),
        ModelOptions(preset: .cs187, activation: .identity, lossPlacement: .last),
        ModelOptions(preset: .goodfellow),
        ModelOptions(preset: .goodfellow, detail: true),
        ModelOptions(preset: .goodfellow, outputLoss: .squared),
        ModelOptions(preset: .goodfellow, lossPlacement: .last),
        ModelOptions(preset: .goodfellow, reduction: .mean),
        ModelOptions(preset: .goodfellow, startsAtZero: true),
        ModelOptions(preset: .goodfellow, biases: false),
        ModelOptions(preset: .goodfellow, parameterCopies: true),
        ModelOptions(preset: .goodfellow, activation: .sigmoid, detail: true, outputLoss: .squared,
                     lossPlacement: .last, reduction: .mean, startsAtZero: true, biases: false, parameterCopies: true),
        ModelOptions(preset: .pytorch),
        ModelOptions(preset: .pytorch, detail: true, parameterCopies: true),
        ModelOptions(preset: .pytorch, lossPlacement: .last, biases: false),
        ModelOptions(preset: .pytorch, activation: .relu, reduction: .mean),
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
            #expect(agreement.pathSumVersusReverse <= 1e-10, "seed \(seed), \(random.options)")
            #expect(agreement.agrees, "seed \(seed), \(random.options): \(report.agreementLine)")
            for comparison in report.check.comparisons {
                let value = report.forward[comparison.variable.id]
                #expect(comparison.reverse.rows == value.rows && comparison.reverse.cols == value.cols)
            }
        }
    }

    @Test("path terms sum to the gradient and carry one factor per edge")
    func pathTerms() throws {
        let random = RandomCase(ModelOptions(preset: .goodfellow, detail: true), seed: 7)
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
        let random = RandomCase(ModelOptions(preset: .cs187, activation: .tanh, detail: true), seed: 3)
        let model = try Model(random.options)
        let values = try ValuesFile(json: random.json).values(for: model)
        let report = try NumericReport(values, of: "L_1")
        #expect(report.check.agreement.of == "L_1")
        #expect(report.check.agreement.agrees)
        if model.options.length > 1 {
            #expect(report.check.comparison(for: "x_2").map { $0.reverse.maxMagnitude } ?? 0 >= 0)
            let last = "x_\(model.options.length)"
            #expect(report.check.comparison(for: last)!.reverse.maxMagnitude == 0)
        }
        #expect(throws: RNNGraphError.self) { try NumericReport(values, of: "h_1") }
        #expect(throws: RNNGraphError.self) { try NumericReport(values, of: "nope") }
    }
}
