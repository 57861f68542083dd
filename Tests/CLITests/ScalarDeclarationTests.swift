import Foundation
import Testing

/// `scalars a, c`: a number that scales vectors has a number for its gradient in the printed closed forms, and a
/// parameter read only element-wise without the declaration is taken as a vector, with a note saying how to declare it.
@Suite struct ScalarDeclarationTests {
    static let equations = "time t = 1..N\nh_t = tanh(a * (W x_t) + c * h_{t-1})\nL = sum_t (y_t - V h_t)^2\n"

    @Test func aDeclaredScalarHasANumberForItsGradient() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let declared = folder.appendingPathComponent("declared.rnn"), undeclared = folder.appendingPathComponent("plain.rnn")
        try ("scalars a, c\n" + Self.equations).write(to: declared, atomically: true, encoding: .utf8)
        try Self.equations.write(to: undeclared, atomically: true, encoding: .utf8)
        for form in ["recursive", "expanded", "compact", "merged"] {
            let result = try CLI.run(["--model", declared.path, "--latex", "--form", form, "--local", "closed", "--wrt", "c",
                                      "--length", "2"])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
            #expect(result.stdout.contains("h_{0}^{\\top}") || result.stdout.contains("h_{t-1}^{\\top}"), "\(form): \(result.stdout)")
            #expect(!result.stdout.contains("\\operatorname{diag}\\left(c\\right)")
                    && !result.stdout.contains("\\operatorname{diag}\\left(h_{"), "\(form): \(result.stdout)")
        }
        let plain = try CLI.run(["--model", undeclared.path, "--latex", "--form", "recursive", "--local", "closed", "--wrt", "c"])
        #expect(plain.status == 0 && plain.stdout.contains("\\operatorname{diag}\\left(h_{t-1}\\right)"))
        #expect(plain.stderr.contains("note: c is read only as a factor of element-wise products")
                && plain.stderr.contains("scalars c"), "\(plain.stderr)")
        // A matrix or a state is not noted.
        let matrix = try CLI.run(["--model", undeclared.path, "--latex", "--form", "recursive", "--local", "closed", "--wrt", "W"])
        #expect(matrix.status == 0 && matrix.stderr.isEmpty, "\(matrix.stderr)")
    }
}
