import Foundation
import Testing

/// Slips a student makes in a model text, each refused with a message that names the fix:
/// one line, then the line of the text and a caret under the place.
@Suite("Messages that name the fix")
struct MessageTableTests {
    static let rnn = "h_t = tanh(W h_{t-1} + U x_t)"
    static let cases: [(text: String, message: String)] = [
        ("time t = 1...N\n\(rnn)\nL = sum_t (y_t - h_t)^2", "'...' has a dot too many: write the steps as 1..N"),
        ("time t = 1..N\nh_t = tanh(W h_t-1 + U x_t)\nL = sum_t (y_t - h_t)^2",
         "h_t-1 reads as h_t - 1; write h_{t-1} for another step (braces)"),
        ("time t = 1..N\nh_t = tanh(W h_t - 1 + U x_t)\nL = sum_t (y_t - h_t)^2",
         "h_t reads h_t itself: for the step before write h_{t-1}"),
        ("time t = 1..N\n\(rnn)\nL = sum_t h_t**2", "'**' is not a power in the model language; write ^"),
        ("time t = 1..N\n\(rnn)\nL = sum_t (y_t - h_t) ** 2", "'**' is not a power in the model language; write ^"),
        ("time t = 1..N\n\(rnn)\nL = sum (y_t - h_t)^2", "sum needs the index it runs over: write sum_t (…)"),
        ("time t = 1..N\n\(rnn)\nL = mean (y_t - h_t)^2", "mean needs the index it runs over: write mean_t (…)"),
        ("time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t\nL = sum_t (y_t - h_t)^2", "expected ')' to close the arguments of tanh"),
    ]

    @Test("each slip gets its message", arguments: cases.indices)
    func message(index: Int) throws {
        let (text, message) = Self.cases[index]
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--model", file.path, "--count"])
        #expect(r.status == 65)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.first?.contains(message) == true, "\(r.stderr)")
        #expect(lines.last?.trimmingCharacters(in: .whitespaces) == "^", "\(r.stderr)")
    }

    @Test("arithmetic written with spaces is still arithmetic")
    func spacedArithmeticIsAccepted() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.rnn")
        try "time t = 1..N\nh_t = tanh(W h_{t-1} + U x_t)\nL = sum_t (y_t - h_t - 1)^2\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["--model", file.path, "--count"]).status == 0)
    }
}
