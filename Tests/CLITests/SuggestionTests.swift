import Foundation
import Testing

/// A name that matches nothing gets the name most likely meant: by case, by
/// braces and underscores, or by one slip of the keyboard when that is unambiguous.
@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    static let cases: [([String], String?)] = [
        (["--latex", "--wrt", "u"], "U"),
        (["--latex", "--of", "O2", "--wrt", "U"], "o_2"),
        (["--model", "lstm", "--latex", "--wrt", "w_HF"], "W_hf"),
        (["--model", "lstm", "--latex", "--wrt", "Whf"], "W_hf"),
        (["--model", "lstm", "--latex", "--wrt", "W_hff"], "W_hf"),
        (["--model", "lstm", "--latex", "--wrt", "W_hx"], nil),  // W_hi, W_hf, W_hg, W_ho, W_hq: no single guess
        (["--show", "U,H1,L", "--svg", "-"], "h_1"),
        (["--latex", "--wrt", "q"], nil),
        (["--latex", "--form", "compact", "--wrt", "v"], "V"),
        (["--values", "Docs/examples/lab-2x2.json", "--of", "H1", "--wrt", "U"], "h_1"),
    ]

    @Test("unknown names suggest the likely one", arguments: cases.indices)
    func suggestion(index: Int) throws {
        let (arguments, expected) = Self.cases[index]
        let r = try CLI.run(arguments, in: CLI.packageRoot)
        #expect(r.status == 64)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("unknown variable"))
        if let expected {
            #expect(r.stderr.contains("(did you mean \(expected)?)"), "\(arguments): \(r.stderr)")
        } else {
            #expect(!r.stderr.contains("did you mean"), "\(arguments): \(r.stderr)")
        }
    }

    @Test("a values-file key misspelt is named with the name the model uses")
    func valuesFileKey() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (text, expected) in [
            (#"{"parameters": {"u": 1, "V": 1, "W": 1}, "inputs": [1, 2, 3]}"#, #"missing "U" (the file has "u""#),
            (#"{"U": 1, "V": 1, "W": 1, "X": [1, 2, 3]}"#, #"missing "x" (a list with one entry per step) (the file has "X""#),
        ] {
            let file = folder.appendingPathComponent("v.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["--values", file.path])
            #expect(r.status == 65)
            #expect(r.stderr.contains(expected), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }
}
