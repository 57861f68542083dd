import Foundation
import Testing

/// Names echoed in error messages are safe: control characters escaped, long
/// names cut, the message one line.
@Suite struct EchoedNameTests {
    @Test(arguments: ["a\nb", "a\u{1B}[31mred", "a\rb", "tab\there"])
    func controlCharactersAreEscaped(_ name: String) throws {
        let result = try CLI.run(["--show", name, "--dot", "-"])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.dropLast().contains { $0.asciiValue.map { $0 < 0x20 } ?? false })
        #expect(result.stderr.contains("\\n") || result.stderr.contains("\\u{1B}") || result.stderr.contains("\\r")
                || result.stderr.contains("\\t"))
    }

    @Test func aLongNameIsCut() throws {
        let name = String(repeating: "x", count: 100_000)
        let result = try CLI.run(["--show", name, "--dot", "-"])
        #expect(result.status == 64)
        #expect(result.stderr.count < 1_200)
        #expect(result.stderr.contains("…"))
    }

    @Test func aLongPathIsCut() throws {
        let result = try CLI.run(["--svg", String(repeating: "d/", count: 20_000) + "x.svg"])
        #expect(result.status == 73 && result.stderr.count < 1_200)
    }
}
