import Foundation
import Testing

/// A count too large to compute exactly is refused with its estimated size, before any work,
/// and commands that count internally refuse or answer without counting exactly.
@Suite struct CountLimitTests {
    /// The LSTM has (5 + √21)/2 paths per step in the long run (the largest eigenvalue of its
    /// two-state step: 4 paths h → h, 3 h → c, 1 c → h, 1 c → c), so its count has N·log10 of that digits.
    static func lstmDigits(_ n: Int) -> Int { Int(Double(n) * log10((5 + 21.0.squareRoot()) / 2)) }

    @Test func theLSTMCountAtAMillionStepsIsRefusedWithItsSize() throws {
        let result = try CLI.run(["--model", "lstm", "--count", "--length", "1000000"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let line = result.stderr.trimmingCharacters(in: .newlines)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix("rnngraph: error: the number of paths at N = 1000000 has about "))
        #expect(line.hasSuffix("use a smaller --length"))
        let stated = line.split(separator: "has about ").last?.split(separator: " digits").first
            .map { Int($0.replacingOccurrences(of: " ", with: "")) } ?? nil
        let digits = try #require(stated)
        #expect(abs(digits - Self.lstmDigits(1_000_000)) < 10, "\(digits)")
        #expect(line.contains("(≈ 10^\(digits - 1))"))
    }

    @Test(arguments: ["--paths", "--latex"])
    func pathsAndTheExpandedFormAtAMillionStepsAreRefusedFromTheEstimate(option: String) throws {
        let result = try CLI.run(["--model", "lstm", option, "--length", "1000000"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("rnngraph: error: the expanded formula has about 10^"))
        #expect(result.stderr.contains("above the limit of 100000"))
    }

    @Test func aCountBelowTheLimitIsExact() throws {
        let result = try CLI.run(["--model", "lstm", "--count", "--length", "300"])
        #expect(result.status == 0)
        let count = result.stdout.trimmingCharacters(in: .newlines)
        #expect(count.allSatisfy { $0.isNumber })
        #expect(abs(count.count - Self.lstmDigits(300)) <= 2)
    }
}
