import Foundation
import RNNGraphDocs
import RNNGraphKit
import Testing

/// The worked numbers a document shows: the backward pass's δ values, from the loss down.
@Suite struct WorkedNumbersTests {
    @Test("the lab's adjoints, from the loss down, as the article's rows")
    func adjointRows() throws {
        let file = try ValuesFile.read(Support.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        let options = ModelOptions(definition: BundledModels.definition(named: "cs187")!, length: 2)
        let report = try NumericReport(try file.values(for: Model(options)))
        let numbers = WorkedNumbers(report, timeStyle: options.defaultTimeStyle)
        // By hand (Docs/homework.md): ∂L/∂o_2 = 2(o_2 − x_3), ∂L/∂h_2 = Wᵀ∂L/∂o_2, ∂L/∂o_1, ∂L/∂h_1.
        #expect(numbers.adjoints.map(\.name) == ["o_{2}", "h_{2}", "o_{1}", "h_{1}"].map {
            "\\frac{\\partial L}{\\partial \($0)}"
        })
        #expect(numbers.adjoints.map(\.value) == [
            "\\begin{bmatrix} 0.086 & -0.002 \\end{bmatrix}^{\\top}",
            "\\begin{bmatrix} 0.0176 & 0.0076 \\end{bmatrix}^{\\top}",
            "\\begin{bmatrix} -0.34 & -0.94 \\end{bmatrix}^{\\top}",
            "\\begin{bmatrix} 0.13388 & -0.50228 \\end{bmatrix}^{\\top}",
        ])
    }

    @Test("the article's lag plot: ∂L/∂U's part at lag 1 is the one path U → h_1 → h_2 → o_2 → L")
    func lagPlot() throws {
        let file = try ValuesFile.read(Support.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path)
        let options = ModelOptions(definition: BundledModels.definition(named: "cs187")!, length: 2)
        let report = try NumericReport(try file.values(for: Model(options)))
        let plot = WorkedNumbers(report, timeStyle: options.defaultTimeStyle).lagPlot
        // By hand (Docs/homework.md): that path adds (Vᵀ ∂L/∂h_2) x_1ᵀ = [[0, 0.01388], [0, 0.00172]] to ∂L/∂U.
        let expected = (0.01388 * 0.01388 + 0.00172 * 0.00172).squareRoot()
        let line = try #require(plot.split(separator: "\n").first { $0.hasPrefix("\\addplot") })
        let second = try #require(line.components(separatedBy: "(1,").last?.split(separator: ")").first)
        #expect(abs(try #require(Double(second)) - expected) <= 1e-12)
        #expect(plot.hasPrefix("\\begin{tikzpicture}") && plot.contains("\\partial L/\\partial \\mathbf{U}"))
    }
}
