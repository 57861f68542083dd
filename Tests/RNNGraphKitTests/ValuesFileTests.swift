import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

@Suite("Values files")
struct ValuesFileTests {
    static let goodfellow = """
    {"parameters": {"U": [[1, 0], [0, 1], [1, 1]], "W": [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
                    "V": [[1, 0, 0], [0, 1, 0]], "b": [0, 0, 0], "c": [0, 0]},
     "inputs": [[1, 2], [3, 4]], "targets": [0, 1]}
    """

    func message(_ json: String, _ options: ModelOptions = ModelOptions(model: .goodfellow, length: 2)) -> String? {
        do {
            let file = try ValuesFile(json: json, source: "test.json")
            _ = try file.values(for: try Model(options))
            return nil
        } catch let error as RNNGraphError {
            guard case .input(let message) = error else { return "not an input error: \(error)" }
            return message
        } catch {
            return "unexpected \(error)"
        }
    }

    func replacing(_ old: String, _ new: String) -> String {
        precondition(Self.goodfellow.contains(old))
        return Self.goodfellow.replacingOccurrences(of: old, with: new)
    }

    @Test("the base file is valid and h0 defaults to zeros")
    func valid() throws {
        #expect(message(Self.goodfellow) == nil)
        let values = try ValuesFile(json: Self.goodfellow).values(for: try Model(ModelOptions(model: .goodfellow, length: 2)))
        #expect(values["h_0"] == Tensor.column([0, 0, 0]))
    }

    @Test("malformed JSON names line and column")
    func malformed() {
        #expect(message("{\"parameters\": {},\n  \"inputs\": [1, 2,, 3]}")
                == "test.json: malformed JSON at line 2, column 19: expected a value, found ','")
        #expect(message("{\"parameters\": {}")?.hasPrefix("test.json: malformed JSON at line 1, column 18") == true)
        #expect(message("") == "test.json: malformed JSON at line 1, column 1: expected a value, found end of file")
    }

    @Test("each bad input gets one line naming the problem", arguments: [
        (#""W": [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]]"#, #""W": [[0.1, 0], [0, 0.1], [0, 0]]"#,
         "W: expected 3×3, got 3×2"),
        (#""U": [[1, 0], [0, 1], [1, 1]]"#, #""U": [[1, 0], [0, 1]]"#,
         "U: expected 3×2, got 2×2"),
        (#", "c": [0, 0]"#, "", "test.json: missing \"c\"; this model's leaves are U, W, V, b, c, x, y"),
        (#""b": [0, 0, 0]"#, #""b": [0, NaN, 0]"#, "b[1]: NaN is not allowed; values must be finite numbers"),
        (#""b": [0, 0, 0]"#, #""b": [0, 1e999, 0]"#, "b[1]: infinity is not allowed; values must be finite numbers"),
        (#""targets": [0, 1]"#, #""targets": [0, 2]"#, "y_2: class index 2 is out of range 0…1 (the prediction it picks from has 2 entries)"),
        (#""targets": [0, 1]"#, #""targets": [0, 0.5]"#, "targets[1] (y_2): expected a class index (a whole number from 0 below 2^53), got 0.5"),
        (#""targets": [0, 1]"#, #""targets": [0, 9223372036854775808]"#,
         "targets[1] (y_2): expected a class index (a whole number from 0 below 2^53), got 9.223372036854776e+18"),
        (#""inputs": [[1, 2], [3, 4]]"#, #""inputs": [[1, 2, 3], [3, 4]]"#,
         "x_1: expected 2×1, got 3×1"),
        (#""inputs": [[1, 2], [3, 4]]"#, #""inputs": [[1, 2]]"#,
         "test.json: too few entries in \"inputs\" for --length 2: x_2 needs entry 2, the file has 1"),
        (#""V": [[1, 0, 0], [0, 1, 0]]"#, #""V": [[1, 0, 0], [0, 1]]"#,
         "V: rows have different lengths (row 0 has 3, row 1 has 2)"),
        (#""c": [0, 0]"#, #""c": [0, 0], "d": 1"#, "test.json: unknown parameter \"d\"; this model's parameters are U, W, V, b, c"),
    ])
    func badInput(old: String, new: String, expected: String) {
        #expect(message(replacing(old, new)) == expected)
    }

    @Test("N follows from the inputs: N + 1 for cs187, N otherwise")
    func impliedLength() throws {
        let cs187 = try ValuesFile(json: #"{"parameters": {}, "inputs": [1, 2, 3, 4]}"#)
        #expect(try cs187.impliedLength(for: ModelOptions(model: .cs187)) == 3)
        #expect(try cs187.impliedLength(for: ModelOptions(model: .goodfellow)) == 4)
        let short = try ValuesFile(json: #"{"parameters": {}, "inputs": [1]}"#)
        #expect(throws: RNNGraphError.self) { try short.impliedLength(for: ModelOptions(model: .cs187)) }
    }

    @Test("cs187 takes its targets from the inputs, not from \"targets\"")
    func cs187Targets() {
        let json = #"{"parameters": {"U": 1, "V": 1, "W": 1}, "inputs": [1, 2], "targets": [1]}"#
        #expect(message(json, ModelOptions(model: .cs187, length: 1))?.contains("takes no \"targets\"") == true)
    }

    @Test("the JSON report is deterministic and lists names in graph order")
    func deterministicJSON() throws {
        let model = try Model(ModelOptions(model: .goodfellow, length: 2, detail: true))
        let values = try ValuesFile(json: Self.goodfellow).values(for: model)
        let first = try NumericReport(values).json
        let second = try NumericReport(values).json
        #expect(first == second)
        let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["values", "loss", "gradients", "adjoints", "agreement"])
        let names = ["a_1", "h_1", "o_1", "yhat_1", "L_1", "a_2"]
        let positions = names.map { first.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
    }
}
