import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The worked solution (`--latex --values`): term values that sum to the reference
/// gradient, a sheet that compiles, and the same text every time.
@Suite struct WorkedSolutionTests {

    static func sheet(length: Int, json: String) throws -> String {
        let model = try Model(ModelOptions(model: .cs187, length: length))
        let values = try ValuesFile(json: json).values(for: model)
        var text = ""
        try WorkedSolutionPrinter().write(try Derivation(model: model, wrt: "U"), values: values, to: &text)
        return text
    }

    /// A number as printed: `-0.1755` or `-1.2 \times 10^{-5}`.
    static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let range = t.range(of: " \\times 10^{") {
            guard let mantissa = Double(t[..<range.lowerBound]),
                  let exponent = Double(t[range.upperBound...].dropLast()) else { return nil }
            return mantissa * pow(10, exponent)
        }
        return Double(t)
    }

    /// The value of each numbered term: the text after the last ` = ` on the line below `(k)\;`.
    static func termValues(_ sheet: String) -> [Double] {
        let lines = sheet.split(separator: "\n").map(String.init)
        var result: [Double] = []
        for (k, line) in lines.enumerated() where line.range(of: #"^\(\d+\)\\;"#, options: .regularExpression) != nil {
            var value = lines[k + 1]
            if value.hasSuffix("\\\\") { value.removeLast(2) }
            let last = value.components(separatedBy: "= ").last!
            if let number = parse(last) { result.append(number) }
        }
        return result
    }

    @Test("cs187 scalar: printed term values sum to the reference dL/dU", arguments: 1...5)
    func termsSumToReference(length: Int) throws {
        let (json, reference) = try ReferenceData.cs187Values()
        let text = try Self.sheet(length: length, json: json)
        let values = Self.termValues(text)
        #expect(values.count == length * (length + 1) / 2)
        let expected = (reference["results"] as! [[String: Any]]).first { ($0["length"] as! Int) == length }!
        let want = ReferenceData.number(expected["dL/dU"]!)
        // Six significant digits per term.
        #expect(abs(values.reduce(0, +) - want) <= 1e-5 * max(1, abs(want)), "\(values) vs \(want)")
        #expect(text.contains("L = \(WorkedSolutionPrinter().scalar(ReferenceData.number(expected["L"]!)))"))
        #expect(text.contains("largest relative difference \\(0") || text.contains("10^{-1"))
    }

    @Test("the worked solution's numbers, before any printing: terms sum to the reference dL/dU and to reverse accumulation",
          arguments: 1...4)
    func numbersAgreeWithReference(length: Int) throws {
        let (json, reference) = try ReferenceData.cs187Values()
        let model = try Model(ModelOptions(model: .cs187, length: length))
        let derivation = try Derivation(model: model, wrt: "U")
        var solution = try WorkedSolution(try ValuesFile(json: json).values(for: model), of: derivation.of.id,
                                          wrt: derivation.wrt.id)
        var terms: [Double] = []
        for path in derivation.paths { terms.append(solution.add(path).value.scalar) }
        #expect(solution.termCount == length * (length + 1) / 2)
        let expected = (reference["results"] as! [[String: Any]]).first { ($0["length"] as! Int) == length }!
        let want = ReferenceData.number(expected["dL/dU"]!)
        #expect(abs(solution.pathSum.scalar - want) <= 1e-10 * max(1, abs(want)), "\(terms) vs \(want)")
        #expect(abs(terms.reduce(0, +) - solution.pathSum.scalar) <= 1e-12 * max(1, abs(want)))
        #expect(abs(solution.reverse.scalar - want) <= 1e-10 * max(1, abs(want)))
        #expect(solution.largestDifference <= 1e-12)
        #expect(abs(solution.forward[derivation.of.id].scalar - ReferenceData.number(expected["L"]!)) <= 1e-10)
        // The backward pass lists every computed variable before the loss, from the loss down.
        #expect(solution.adjoints.map(\.variable.id) == model.graph.variables
            .filter { $0.definition != nil && $0.id < derivation.of.id }.map(\.id).reversed())
    }

    @Test("a worked solution of a quantity that is not a scalar is refused")
    func nonScalarRefused() throws {
        let lab = try ValuesFile.read(TestSupport.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        let model = try Model(ModelOptions(model: .cs187, length: try lab.impliedLength(for: ModelOptions(model: .cs187))))
        let h = try #require(model.graph.variables.first { $0.name == "h_1" })
        let u = try #require(model.graph.variables.first { $0.name == "U" })
        #expect(throws: RNNGraphError.self) { try WorkedSolution(try lab.values(for: model), of: h.id, wrt: u.id) }
    }

    @Test("the sheet is the same every time")
    func deterministic() throws {
        let (json, _) = try ReferenceData.cs187Values()
        #expect(try Self.sheet(length: 3, json: json) == Self.sheet(length: 3, json: json))
    }

    @Test("the term limit is respected before anything is written")
    func termLimit() throws {
        let (json, _) = try ReferenceData.cs187Values()
        let model = try Model(ModelOptions(model: .cs187, length: 3))
        var text = ""
        #expect(throws: RNNGraphError.self) {
            try WorkedSolutionPrinter().write(try Derivation(model: model, wrt: "U"),
                                              values: try ValuesFile(json: json).values(for: model),
                                              limit: 5, to: &text)
        }
        #expect(text.isEmpty)
    }

    @Test("standalone sheets compile with pdflatex: cs187 N = 1…3 and the lab's 2×2 example")
    func compiles() throws {
        let (json, _) = try ReferenceData.cs187Values()
        var bodies: [(String, String)] = []
        for n in 1...3 { bodies.append(("cs187-\(n)", try Self.sheet(length: n, json: json))) }
        let lab = try ValuesFile.read(TestSupport.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        let model = try Model(ModelOptions(model: .cs187, length: try lab.impliedLength(for: ModelOptions(model: .cs187))))
        var text = ""
        try WorkedSolutionPrinter().write(try Derivation(model: model, wrt: "U"), values: try lab.values(for: model), to: &text)
        bodies.append(("lab-2x2", text))
        for (name, body) in bodies {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-worked-\(name)-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try LaTeXPrinter.standalone(body).write(to: folder.appendingPathComponent("sheet.tex"), atomically: true, encoding: .utf8)
            let (status, _, _) = try TestSupport.run("/usr/bin/pdflatex",
                                                     ["-interaction=nonstopmode", "-halt-on-error", "sheet.tex"], in: folder)
            let log = (try? String(contentsOf: folder.appendingPathComponent("sheet.log"), encoding: .utf8)) ?? ""
            let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }
            #expect(status == 0, "\(name): \(errors)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sheet.pdf").path), "\(name)")
        }
    }

    // By hand, lab-2x2 (ReLU, all pre-activations positive): ∂L/∂o_t = 2(o_t − x_{t+1}), so
    // ∂L/∂o_2 = 2((0.143, 0.199) − (0.1, 0.2)) = (0.086, −0.002), ∂L/∂o_1 = 2((0.13, −0.07) − (0.3, 0.4)) = (−0.34, −0.94);
    // ∂L/∂h_2 = Wᵀ ∂L/∂o_2 = (0.0176, 0.0076); ∂L/∂h_1 = Wᵀ ∂L/∂o_1 + Vᵀ ∂L/∂h_2
    // = (0.12, −0.504) + (0.01388, 0.00172) = (0.13388, −0.50228).
    @Test("the backward pass lists the lab's δ values, from the loss down")
    func backwardPass() throws {
        let json = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json"),
                              encoding: .utf8)
        let text = try Self.sheet(length: 2, json: json)
        let expected = [
            "\\frac{\\partial L}{\\partial o_{2}} &= \\begin{bmatrix} 0.086 \\\\ -0.002 \\end{bmatrix}\\\\",
            "\\frac{\\partial L}{\\partial h_{2}} &= \\begin{bmatrix} 0.0176 \\\\ 0.0076 \\end{bmatrix}\\\\",
            "\\frac{\\partial L}{\\partial o_{1}} &= \\begin{bmatrix} -0.34 \\\\ -0.94 \\end{bmatrix}\\\\",
            "\\frac{\\partial L}{\\partial h_{1}} &= \\begin{bmatrix} 0.13388 \\\\ -0.50228 \\end{bmatrix}",
        ]
        let lines = text.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("\\paragraph{Backward pass.}") })
        #expect(Array(lines[(start + 2)..<(start + 6)]) == expected)
    }
}
