import Foundation
import Testing

/// An option the requested run would ignore is an error, and numbers given as
/// option values may be negative (then refused by range, not as missing).
@Suite struct OptionRuleTests {
    static let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path

    @Test(arguments: [
        (["--document", "d.tex", "--wrt", "V"], "--wrt does not apply to --document"),
        (["--document", "d.tex", "--latex-out", "x.tex"], "--latex-out does not apply to --document"),
        (["--document", "d.tex", "--highlight", "1"], "--highlight does not apply to --document"),
        (["--document", "d.tex", "--count"], "--count does not apply to --document"),
        (["--document", "d.tex", "--of", "o1"], "--of does not apply to --document"),
        (["--document", "d.tex", "--truncate", "1"], "--truncate does not apply to --document"),
        (["--document", "d.tex", "--values", lab, "--lag-plot", "l.svg"], "--lag-plot does not apply to --document"),
        (["--values", lab, "--wrt", "V", "--svg", "s.svg"], "--wrt with --values prints one Jacobian, not a figure"),
        (["--values", lab, "--wrt", "V", "--annotate", "values", "--svg", "s.svg"], "--wrt with --values prints one Jacobian"),
        (["--show", "", "--svg", "s.svg"], "--show '' names no variable"),
        (["--show", " , ", "--svg", "s.svg"], "names no variable"),
        (["--length", "-3", "--latex"], "length must be at least 1, got -3"),
        (["--tolerance", "-1", "--values", lab], "--tolerance must be a finite number ≥ 0, got -1"),
        (["--max-terms", "-5", "--latex"], "--max-terms must be at least 1, got -5"),
    ])
    func ignoredOrOutOfRangeOptionsAreErrors(_ arguments: [String], _ message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(arguments, in: folder)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(CLI.files(in: folder).isEmpty)
    }
}
