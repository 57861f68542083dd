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
}
