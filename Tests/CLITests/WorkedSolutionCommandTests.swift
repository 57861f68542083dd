import Foundation
import Testing

@Suite("--latex --values: the worked solution")
struct WorkedSolutionCommandTests {
    @Test("prints the sheet instead of the numbers table, deterministically; --latex-out and --standalone")
    func sheet() throws {
        let path = try Binary.temporaryFile(#"{"parameters": {"U": 0.1, "V": 0.2, "W": 0.3}, "h0": 0, "inputs": [0.5, 0.6, 0.7]}"#)
        let result = try Binary.run(["--latex", "--values", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("&= \\sigma\\left(0.1 \\cdot 0.5 + 0.2 \\cdot 0\\right)"))
        #expect(result.stdout.contains("(3)\\;"))
        #expect(result.stdout.contains("= -0.46068"))
        #expect(!result.stdout.contains("\\documentclass"))
        #expect(try Binary.run(["--latex", "--values", path]).stdout == result.stdout)
        let out = path + ".tex"
        let written = try Binary.run(["--latex", "--values", path, "--standalone", "--latex-out", out, "--wrt", "W"])
        #expect(written.status == 0 && written.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.hasPrefix("\\documentclass") && text.contains("\\partial \\mathbf{W}"))
        let limited = try Binary.run(["--latex", "--values", path, "--max-terms", "2"])
        #expect(limited.status == 64)
        let stray = try Binary.run(["--latex", "--values", path, "--json"])
        #expect(stray.status == 64)
    }
}
