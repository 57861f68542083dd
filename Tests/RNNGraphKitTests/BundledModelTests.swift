import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Every bundled text parses and unrolls, and ``BundledModel`` names exactly the files of `Models/`.
@Suite("Bundled model texts")
struct BundledModelTests {
    @Test func enumNamesEveryFile() {
        #expect(BundledModel.allCases.map(\.rawValue) == BundledModels.names)
        for model in BundledModel.allCases {
            #expect(model.text == BundledModels.text(named: model.rawValue))
            #expect(model.definition.text == model.text)
        }
    }

    @Test("every bundled model parses and unrolls", arguments: BundledModels.names)
    func bundledParses(name: String) throws {
        let definition = try #require(BundledModels.definition(named: name))
        for length in 1...5 {
            let model = try Model(ModelOptions(definition: definition, length: length))
            #expect(model.graph.loss != nil)
        }
    }
}
