import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The finite-difference check is robust at kinks and at extreme scales, and
/// refuses, with an estimate, work that would take minutes.
@Suite struct FiniteDifferenceTests {
    static func report(_ json: String, length: Int = 2) throws -> NumericReport {
        let model = try Model(ModelOptions(model: .cs187, length: length))
        return try NumericReport(try ValuesFile(json: json).values(for: model))
    }

    static let lab = """
    {"parameters": {"U": [[-0.3, 0.6], [0.2, 0.1]], "V": [[0.4, 0.4], [0.9, -0.7]], "W": [[0.2, 0.1], [-0.2, 0.5]]},
     "h0": [0, 0], "inputs": [%@, [0.3, 0.4], [0.1, 0.2]]}
    """

    /// x₁ = 0 and h₀ = 0: both ReLUs of step 1 sit exactly at 0.
    @Test func aReLUAtExactlyZeroIsAKinkNotADisagreement() throws {
        let report = try Self.report(Self.lab.replacingOccurrences(of: "%@", with: "[0.0, 0.0]"))
        let agreement = report.check.agreement
        #expect(agreement.agrees, "\(report.agreementLine)")
        #expect(agreement.kinks == ["h_0[0]", "h_0[1]", "x_1[0]", "x_1[1]"])
        #expect(report.agreementLine.contains("not compared at a kink (ReLU′(0) = 0): h_0[0]"))
        // Path sums and reverse accumulation are still compared everywhere.
        #expect(try #require(agreement.pathSumVersusReverse) < 1e-12)
    }

    /// U = 10⁵ and x₁ near 0: a step of 10⁻⁵ in x₁ moves the ReLUs' arguments (about 0.05) by 1, across
    /// their kink. The step shrinks until it stays on one side, so the three methods agree.
    @Test(arguments: [1e-6, -1e-6, 3e-6])
    func largeReLUWeightsAreDifferencedOnOneSideOfTheKink(_ x: Double) throws {
        let json = """
        {"parameters": {"U": [[-0.3e5, 0.6e5], [0.2e5, 0.1e5]], "V": [[0.4, 0.4], [0.9, -0.7]],
                        "W": [[0.2, 0.1], [-0.2, 0.5]]},
         "h0": [0, 0], "inputs": [[\(x), \(2 * x)], [0.3, 0.4], [0.1, 0.2]]}
        """
        let report = try Self.report(json)
        let agreement = report.check.agreement
        #expect(agreement.agrees, "\(report.agreementLine)")
        #expect(agreement.reverseVersusFiniteDifferences < 1e-6, "\(report.agreementLine)")
        #expect(try #require(agreement.pathSumVersusReverse) < 1e-12)
    }

    @Test func smoothPointsHaveNoKinks() throws {
        let report = try Self.report(Self.lab.replacingOccurrences(of: "%@", with: "[0.0, 1.0]"))
        #expect(report.check.agreement.kinks.isEmpty)
        #expect(report.check.agreement.agrees)
    }

    @Test(arguments: [1e150, 1e-150, 1e100])
    func extremeScalesAgree(_ scale: Double) throws {
        let inputs = "[[0.0, \(1.0 * scale)], [\(0.3 * scale), \(0.4 * scale)], [\(0.1 * scale), \(0.2 * scale)]]"
        let json = """
        {"parameters": {"U": [[-0.3, 0.6], [0.2, 0.1]], "V": [[0.4, 0.4], [0.9, -0.7]], "W": [[0.2, 0.1], [-0.2, 0.5]]},
         "h0": [0, 0], "inputs": \(inputs)}
        """
        let report = try Self.report(json)
        #expect(report.check.agreement.agrees, "\(report.agreementLine)")
    }

    @Test func largeTensorsAreRefusedWithAnEstimate() throws {
        var generator = SeededRandom(seed: 7)
        let d = 60
        func matrix() -> String {
            "[" + (0..<d).map { _ in
                "[" + (0..<d).map { _ in String(Double.random(in: -0.1...0.1, using: &generator)) }
                    .joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
        }
        let vector = "[" + Array(repeating: "0.5", count: d).joined(separator: ",") + "]"
        let json = """
        {"parameters": {"U": \(matrix()), "V": \(matrix()), "W": \(matrix())},
         "h0": \(vector), "inputs": [\(vector), \(vector), \(vector), \(vector)]}
        """
        let start = Date()
        #expect {
            _ = try Self.report(json, length: 3)
        } throws: { error in
            guard case .usage(let message) = error as? RNNGraphError else { return false }
            return message.hasPrefix("the finite-difference check would take about 7.")
                && message.contains("above the limit of 1e+08")
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
