import BigInt
import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Path counts match the reference table, and counting agrees with enumeration.
@Suite struct PathCountTests {
    static func table(_ key: String) throws -> [Int: Int] {
        let data = try Data(contentsOf: TestSupport.referenceFile)
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let section = root?["cs187_scalar_relu"] as? [String: Any]
        let entries = section?[key] as? [String: Int] ?? [:]
        var result: [Int: Int] = [:]
        for (n, count) in entries { result[Int(n)!] = count }
        return result
    }

    @Test func cs187CountsMatchReference() throws {
        for (key, wrt) in [("paths_U_to_L", "U"), ("paths_W_to_L", "W")] {
            let table = try Self.table(key)
            #expect(table.count == 8)
            for n in 1...8 {
                let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: n)), wrt: wrt)
                #expect(try d.count == BigUInt(table[n]!), "\(wrt) N=\(n)")
                #expect(d.paths.reduce(0) { c, _ in c + 1 } == table[n]!)
            }
        }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func countingEqualsEnumeration(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        for n in 1...8 {
            let model = try Model(TestSupport.with(options, length: n))
            for v in model.graph.variables {
                let d = try Derivation(model: model, wrt: v.name)
                let enumerated = d.paths.reduce(0) { c, _ in c + 1 }
                #expect(try d.count == BigUInt(enumerated), "\(name) N=\(n) \(v.name)")
                #expect(Array(d.terms).count == enumerated)
            }
        }
    }

    @Test func refusesHugeExpansionBeforeWork() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: 1000)), wrt: "U")
        var text = ""
        #expect(throws: RNNGraphError.self) { try LaTeXPrinter().writeExpanded(d, to: &text) }
        #expect(text.isEmpty)
        do {
            try d.checkSize(limit: Derivation.defaultTermLimit)
        } catch let error as RNNGraphError {
            #expect(error.message.contains("500500"))
            #expect(error.message.contains("--form compact"))
        }
    }
}
