import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Feeds the values-file reader seeded random mutations of valid files: every
/// input must give a values file or an ``RNNGraphError``, never a crash. The
/// run lasts `RNNGRAPH_FUZZ_SECONDS` seconds (default 2; `make fuzz` runs 60
/// under AddressSanitizer), with the seed in `RNNGRAPH_FUZZ_SEED` (default 1).
@Suite struct ValuesFileFuzzTests {
    static let seeds = [
        """
        {"parameters": {"U": [[-0.3, 0.6], [0.2, 0.1]], "V": [[0.4, 0.4], [0.9, -0.7]], "W": [[0.2, 0.1], [-0.2, 0.5]]},
         "h0": [0, 0], "inputs": [[0.0, 1.0], [0.3, 0.4], [0.1, 0.2]]}
        """,
        """
        {"parameters": {"U": [[1, 0], [0, 1], [1, 1]], "W": [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
                        "V": [[1, 0, 0], [0, 1, 0]], "b": [0, 0, 0], "c": [0, 0]},
         "inputs": [[1, 2], [3, 4]], "targets": [0, 1]}
        """,
    ]
    /// Fragments a mutation may insert: JSON syntax, extreme numbers, escapes, non-ASCII.
    static let fragments = ["[", "]", "{", "}", ",", ":", "\"", "\\u0000", "\\ud800", "1e309", "-0", "NaN",
                            "Infinity", "1e-400", "null", "true", "[[[[", "]]]]", "é", "\u{0}", "\n", "0.", "-",
                            "123456789012345678901234567890", "\"inputs\"", "\"parameters\""]

    static func mutate(_ text: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = text
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !bytes.isEmpty: bytes.remove(at: position)
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 2 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 3: bytes.insert(contentsOf: Array(fragments.randomElement(using: &random)!.utf8), at: position)
            default:
                let end = min(bytes.count, position + Int.random(in: 0...16, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }

    @Test func mutatedValuesFilesGiveAValueOrATypedError() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["RNNGRAPH_FUZZ_SECONDS"].flatMap(Double.init) ?? 2
        var random = SeededRandom(seed: environment["RNNGRAPH_FUZZ_SEED"].flatMap(UInt64.init) ?? 1)
        let model = try Model(ModelOptions(model: .cs187, length: 2))
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0, accepted = 0
        while Date() < deadline {
            let seed = Array(Self.seeds.randomElement(using: &random)!.utf8)
            let bytes = Self.mutate(seed, &random)
            runs += 1
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            do {
                let file = try ValuesFile(json: text, source: "fuzz")
                _ = try? file.values(for: model)
                accepted += 1
            } catch is RNNGraphError {
                continue
            }
        }
        #expect(runs > 100, "the fuzz loop ran \(runs) times")
        print("values-file fuzz: \(runs) inputs, \(accepted) parsed, \(seconds) s")
    }
}
