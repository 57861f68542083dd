import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// The expanded form and the path list reach their stream piece by piece, as
/// the paths are enumerated, never as one text built in memory.
@Suite struct StreamingTests {
    /// Records how many writes arrive and the largest one.
    struct Recorder: TextOutputStream {
        var writes = 0
        var largest = 0
        var total = 0
        mutating func write(_ string: String) {
            writes += 1
            largest = max(largest, string.utf8.count)
            total += string.utf8.count
        }
    }

    @Test func expandedFormIsWrittenTermByTerm() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: 60)), wrt: "U")
        var recorder = Recorder()
        try LaTeXPrinter().writeExpanded(d, to: &recorder)
        #expect(recorder.writes >= 1830)
        #expect(recorder.largest < 4_000)
        #expect(recorder.total > 100 * recorder.largest)
    }

    @Test func pathsAreWrittenOneByOne() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: 60)), wrt: "U")
        var recorder = Recorder()
        try PathPrinter().write(d, to: &recorder)
        #expect(recorder.writes >= 1830)
        #expect(recorder.largest < 100)
    }

    @Test func refusalComesBeforeAnyOutput() throws {
        let d = try Derivation(model: Model(ModelOptions(model: .cs187, length: 50)), wrt: "U")
        var recorder = Recorder()
        #expect(throws: RNNGraphError.self) { try LaTeXPrinter().writeExpanded(d, limit: 1000, to: &recorder) }
        #expect(throws: RNNGraphError.self) { try PathPrinter().write(d, limit: 1000, to: &recorder) }
        #expect(recorder.writes == 0)
    }
}
