import BigInt
import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphKit
@testable import RNNGraphPaths

/// The count on the rolled graph equals the count on the unrolled graph and the number of paths
/// enumerated, for every bundled model and for recurrences the bundled models lack: two steps back,
/// a backward recurrence feeding a forward one, and a cycle of two families whose offsets (−1 and +2)
/// only line up once one family is shifted in time.
@Suite struct RolledCountModelTests {
    static let texts: [String: String] = [
        "two steps back": """
            model "Two steps back"
            time t = 1..N
            h_t = tanh(W h_{t-1} + V h_{t-2} + U x_t)
            o_t = C h_t
            L = sum_t (y_t - o_t)^2
            """,
        "backward into forward": """
            model "Backward into forward"
            time t = 1..N
            g_t = tanh(A x_t + B g_{t+1})
            h_t = tanh(W h_{t-1} + V g_t)
            o_t = C h_t
            L = sum_t (y_t - o_t)^2
            """,
        "shifted cycle": """
            model "Shifted cycle"
            time t = 1..N
            a_t = tanh(W b_{t-2} + U x_t)
            b_t = tanh(V a_{t+1})
            o_t = C b_t
            L = sum_t (y_t - o_t)^2
            """,
    ]

    static let names = BundledModel.allCases.map(\.rawValue) + texts.keys.sorted()

    static func definition(_ name: String) throws -> ModelDefinition {
        if let model = BundledModel(rawValue: name) { return model.definition }
        return try ModelDefinition(parsing: texts[name]!, name: name)
    }

    @Test(arguments: names)
    func rolledCountEqualsUnrolledCountAndEnumeration(name: String) throws {
        let definition = try Self.definition(name)
        let rolled = try RolledGraph(options: ModelOptions(definition: definition, length: 3))
        for n in 1...8 {
            let options = ModelOptions(definition: definition, length: n)
            let graph = try Model(options).graph
            let counter = try #require(RolledPathCounter(rolled, length: n), "\(name) N=\(n) has a rolled count")
            let loss = try #require(graph.loss)
            // Every parameter and initial state, and one input, to the loss and to step variables.
            let sources = graph.variables.filter { $0.kind == .parameter || $0.kind == .initialState }
                + graph.variables.filter { $0.kind == .input }.prefix(1)
            let middle = (n + 1) / 2
            let steps = graph.variables.filter { $0.definition != nil && ($0.time == middle || $0.time == n) }
            #expect(!steps.isEmpty)
            for source in sources {
                for target in [loss] + steps {
                    let unrolled = PathCounter.count(graph, from: source.id, to: target.id)
                    let label = "\(name) N=\(n) \(source.name) → \(target.name)"
                    #expect(try counter.count(from: IndexedVariable(source), to: IndexedVariable(target)) == unrolled, "\(label)")
                    // Enumerating is the third, slowest witness: up to 20 000 paths (the LSTM has 1.8 million at N = 8).
                    if unrolled <= 20_000 {
                        let enumerated = PathEnumerator(graph, from: source.id, to: target.id).reduce(0) { c, _ in c + 1 }
                        #expect(unrolled == BigUInt(enumerated), "\(label)")
                    }
                    #expect(counter.reaches(from: IndexedVariable(source), to: IndexedVariable(target)) == (unrolled > 0),
                            "\(label)")
                    let estimate = try #require(counter.estimate(from: IndexedVariable(source), to: IndexedVariable(target)))
                    #expect(estimate.digits == (unrolled == 0 ? 0 : String(unrolled).count), "\(label)")
                }
                if source.kind == .parameter {
                    #expect(try Derivation(options: options, wrt: source.name).count
                            == PathCounter.count(graph, from: source.id, to: loss.id), "\(name) N=\(n) \(source.name)")
                }
            }
        }
    }

    /// A long sequence of the models with a backward recurrence: the count is the unrolled one,
    /// made without unrolling.
    @Test(arguments: ["bidirectional", "backward into forward", "two steps back", "shifted cycle"])
    func longSequencesAgree(name: String) throws {
        let definition = try Self.definition(name)
        let options = ModelOptions(definition: definition, length: 60)
        let graph = try Model(options).graph
        let loss = try #require(graph.loss)
        for source in graph.variables where source.kind == .parameter {
            let d = try Derivation(options: options, wrt: source.name)
            #expect(try d.count == PathCounter.count(graph, from: source.id, to: loss.id), "\(name) \(source.name)")
            #expect(!d.isUnrolled, "\(name) counted on the rolled graph")
        }
    }

    /// The estimate tracks the exact count: the same number of digits, and its logarithm within 10⁻⁹.
    @Test func estimateMatchesExactCount() throws {
        for length in [200, 1000] {
            let options = ModelOptions(model: .lstm, length: length)
            let rolled = try RolledGraph(options: options)
            let counter = try #require(RolledPathCounter(rolled, length: length))
            let source = try #require(rolled.variable(named: "W_hf", length: length))
            let target = try #require(rolled.loss)
            let exact = try #require(try counter.count(from: source, to: target))
            let estimate = try #require(counter.estimate(from: source, to: target))
            let text = String(exact)
            #expect(estimate.digits == text.count)
            let leading = Double(text.prefix(15))! / 1e14
            #expect(abs(estimate.log10 - (log10(leading) + Double(text.count - 1))) < 1e-9)
            #expect(estimate.work < CountEstimate.maximumWork)
        }
    }

    /// Counting the LSTM at N = 10⁶ is refused with the size of the count, before any big integer is made;
    /// the expanded form's size check and the reachability test do not count exactly.
    @Test func hugeCountsAreRefusedWithAnEstimate() throws {
        let n = 200_000
        let d = try Derivation(options: ModelOptions(model: .lstm, length: n), wrt: "W_hf")
        let error = #expect(throws: RNNGraphError.self) { try d.count }
        // λ = (5 + √21)/2 paths per step: the count grows by log10 λ ≈ 0.680 digits a step.
        let perStep = log10((5 + 21.0.squareRoot()) / 2)
        let digits = Int(Double(n) * perStep)
        let message = try #require(error?.message)
        #expect(message.hasPrefix("the number of paths at N = \(n) has about "))
        let stated = Int(message.split(separator: "about ")[1].split(separator: " digits")[0].replacingOccurrences(of: " ", with: ""))!
        #expect(abs(stated - digits) < 10, "\(stated) vs \(digits)")
        #expect(message.hasSuffix("use a smaller --length"))
        let size = #expect(throws: RNNGraphError.self) { try d.checkSize(limit: Derivation.defaultTermLimit) }
        #expect(size?.message.hasPrefix("the expanded formula has about 10^") == true)
        #expect(d.hasPath && !d.isUnrolled)
    }
}
