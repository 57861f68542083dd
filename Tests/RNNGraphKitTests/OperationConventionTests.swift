import Foundation
import Testing
@testable import RNNGraphKit

/// The conventions of catalogued operations where they have no derivative: at a tie or a
/// zero the slope follows the stated rule, and finite differences report a kink instead of
/// differencing across it.
@Suite("Conventions at kinks")
struct OperationConventionTests {
    /// The report of `h_1 = <state>`, `L = (y_1 − V h_1)²` on one-entry values.
    static func report(_ state: String, _ values: String) throws -> NumericReport {
        let text = "time t = 1..N\nh_t = \(state)\nL = sum_t (y_t - V h_t)^2\n"
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: text), length: 1))
        return try NumericReport(try ValuesFile(json: values).values(for: model))
    }

    /// The reverse-accumulated gradient of `name` as one number.
    static func gradient(_ report: NumericReport, _ name: String) throws -> Double {
        try #require(report.check.comparison(for: name)).reverse.scalar
    }

    @Test("max: the slope goes to the first argument at a tie, and the tie is a kink")
    func maximumTie() throws {
        let max = try #require(OperationCatalogue.named("max"))
        guard case .elementwise(let rule) = max.rule else { Issue.record("max is element-wise"); return }
        #expect(rule.slope([0.5, 0.5], argument: 0) == 1 && rule.slope([0.5, 0.5], argument: 1) == 0)
        #expect(rule.slope([0.2, 0.5], argument: 0) == 0 && rule.slope([0.2, 0.5], argument: 1) == 1)
        // W h_0 = U x_1 = 0.5: a tie.
        let tie = try Self.report("max(W h_{t-1}, U x_t)",
                                  #"{"W": [[1]], "U": [[1]], "V": [[1]], "h_0": [0.5], "x": [[0.5]], "y": [[2]]}"#)
        #expect(try Self.gradient(tie, "U") == 0)
        #expect(try Self.gradient(tie, "W") == -1.5)
        #expect(!tie.check.agreement.kinks.isEmpty, "\(tie.agreementLine)")
        #expect(tie.check.agreement.agrees, "\(tie.agreementLine)")
        // Away from the tie the larger argument takes the slope and no kink is reported.
        let apart = try Self.report("max(W h_{t-1}, U x_t)",
                                    #"{"W": [[1]], "U": [[1]], "V": [[1]], "h_0": [0.5], "x": [[0.7]], "y": [[2]]}"#)
        #expect(try Self.gradient(apart, "W") == 0)
        #expect(apart.check.agreement.kinks.isEmpty && apart.check.agreement.agrees, "\(apart.agreementLine)")
    }

    @Test("min: the slope goes to the first argument at a tie, and the tie is a kink")
    func minimumTie() throws {
        let min = try #require(OperationCatalogue.named("min"))
        guard case .elementwise(let rule) = min.rule else { Issue.record("min is element-wise"); return }
        #expect(rule.slope([0.5, 0.5], argument: 0) == 1 && rule.slope([0.5, 0.5], argument: 1) == 0)
        #expect(rule.slope([0.7, 0.5], argument: 0) == 0 && rule.slope([0.7, 0.5], argument: 1) == 1)
        let tie = try Self.report("min(W h_{t-1}, U x_t)",
                                  #"{"W": [[1]], "U": [[1]], "V": [[1]], "h_0": [0.5], "x": [[0.5]], "y": [[2]]}"#)
        #expect(try Self.gradient(tie, "U") == 0)
        #expect(try Self.gradient(tie, "W") == -1.5)
        #expect(!tie.check.agreement.kinks.isEmpty, "\(tie.agreementLine)")
        #expect(tie.check.agreement.agrees, "\(tie.agreementLine)")
    }

    @Test("abs: slope sign(a), 0 at 0, where finite differences report a kink")
    func absoluteAtZero() throws {
        let abs = try #require(OperationCatalogue.named("abs"))
        guard case .elementwise(let rule) = abs.rule else { Issue.record("abs is element-wise"); return }
        #expect([-2.0, 0, 3].map { rule.slope([$0], argument: 0) } == [-1, 0, 1])
        // W h_0 + U x_1 = 0.5 − 0.5 = 0.
        let zero = try Self.report("abs(W h_{t-1} + U x_t)",
                                   #"{"W": [[1]], "U": [[1]], "V": [[1]], "h_0": [0.5], "x": [[-0.5]], "y": [[2]]}"#)
        #expect(try Self.gradient(zero, "W") == 0 && Self.gradient(zero, "U") == 0)
        #expect(!zero.check.agreement.kinks.isEmpty, "\(zero.agreementLine)")
        #expect(zero.check.agreement.agrees, "\(zero.agreementLine)")
    }

    @Test("layernorm takes one vector: a batch of rows is refused in one line naming the shape")
    func layerNormOfBatch() throws {
        let text = "time t = 1..N\nlayout rows\nh_t = layernorm(h_{t-1} W + x_t U)\nL = sum_t <G_t, h_t>\n"
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: text), length: 1))
        let values = #"{"W": [[1, 0], [0, 1]], "U": [[1, 2]], "h_0": [[0.1, 0.2], [0.3, 0.1]], "x": [[[1], [2]]], "G": [[[1, 1], [1, 1]]]}"#
        #expect {
            try ValuesFile(json: values).values(for: model)
        } throws: { error in
            let message = "\(error)"
            return message.contains("layernorm of 2×2 (it takes a vector)") && !message.contains("\n")
        }
    }
}
