import Testing
@testable import RNNGraphCore
@testable import RNNGraphKit
@testable import RNNGraphPaths

/// The rolled graph built once per model and shared: the same families, edges and ranges as one
/// built afresh, whatever the length asked for.
@Suite struct SharedRolledGraphTests {
    static func same(_ a: RolledGraph, _ b: RolledGraph) -> Bool {
        a.nodes == b.nodes && a.edges == b.edges && a.representativeLength == b.representativeLength
            && a.representative.variables == b.representative.variables
            && a.edges.map { $0.range.map { [$0.lower, $0.upper] } } == b.edges.map { $0.range.map { [$0.lower, $0.upper] } }
    }

    @Test(arguments: TestSupport.variants.map(\.0))
    func sharedEqualsFresh(name: String) throws {
        let options = TestSupport.variants.first { $0.0 == name }!.1
        let fresh = try RolledGraph(options: options)
        for n in [1, 3, 50] {
            #expect(Self.same(try RolledGraph.shared(for: TestSupport.with(options, length: n)), fresh), "\(name) N=\(n)")
        }
    }

    @Test func differentOptionsAreDifferentGraphs() throws {
        let plain = try RolledGraph.shared(for: ModelOptions(model: .cs187))
        let copies = try RolledGraph.shared(for: ModelOptions(model: .cs187, parameterCopies: true))
        #expect(plain.nodes.count < copies.nodes.count)
        #expect(Self.same(plain, try RolledGraph(options: ModelOptions(model: .cs187))))
    }
}
