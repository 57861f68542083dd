import Foundation
import Testing

/// `--values` with entries (`--of 'h1[1]'`, `--wrt 'U[1,1]'`, 1-based) and Jacobians (`--of h1 --wrt U`).
@Suite("rnngraph --values --of/--wrt: entries and Jacobians")
struct JacobianCommandTests {
    static let lab = "Docs/examples/lab-2x2.json"

    private func jacobian(_ arguments: [String]) throws -> [String: Any] {
        let result = try Binary.run(["--values", Self.lab, "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object?["jacobian"] as? [String: Any])
    }

    // By hand: h_1 = relu(U x_1 + V h_0) with x_1 = (0, 1), h_0 = 0, so h_1 = (U_12, U_22) = (0.6, 0.1),
    // both positive: ∂h_{1,i}/∂U_{j,k} = [i = j] x_{1,k}, that is [[0, 1], [0, 0]] for i = 1.
    @Test("∂h_1[1]/∂U and ∂h_1/∂U on the lab's example, derived by hand")
    func labJacobians() throws {
        let row = try jacobian(["--of", "h1[1]", "--wrt", "U"])
        #expect(row["values"] as? [[Double]] == [[0, 1], [0, 0]])
        #expect(row["shape"] as? [Int] == [2, 2])
        #expect(row["of"] as? String == "h_1[1]")
        let full = try jacobian(["--of", "h1", "--wrt", "U"])
        #expect(full["values"] as? [[[Double]]] == [[[0, 1], [0, 0]], [[0, 0], [0, 1]]])
        #expect(full["shape"] as? [Int] == [2, 2, 2])
        // ∂h_{2,2}/∂V_{2,1}: h_2 = relu(U x_2 + V h_1), both entries positive, so it is h_{1,1} = 0.6.
        let single = try jacobian(["--of", "h2[2]", "--wrt", "V[2,1]"])
        #expect(single["values"] as? Double == 0.6)
        #expect(single["shape"] as? [Int] == [])
    }

    @Test("the table prints one slice per entry of the quantity")
    func table() throws {
        let result = try Binary.run(["--values", Self.lab, "--of", "h1", "--wrt", "U"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Jacobian ∂h_1/∂U  (2, 2, 2)"))
        #expect(result.stdout.contains("  ∂h_1[2]/∂U  [[0, 0],\n               [0, 1]]"))
    }

    @Test(arguments: [
        (["--of", "h1[3]", "--wrt", "U"], "--of 'h_1[3]': h_1 is a vector of 2 entries; indices start at 1, so the last entry is h_1[2]"),
        (["--of", "h1[0]", "--wrt", "U"], "indices start at 1"),
        (["--of", "h1", "--wrt", "U[1]"], "--wrt 'U[1]': U is a 2×2 matrix; indices start at 1, so the last entry is U[2,2]"),
        (["--of", "h1[1", "--wrt", "U"], "--of 'h1[1': write an entry with 1-based indices"),
        (["--of", "h1[a]"], "--of 'h1[a]': write an entry with 1-based indices"),
        (["--of", "h1"], "h_1 is 2×1, not a scalar; choose L, a step loss or an entry such as h_1[1]"),
        (["--of", "q1[1]", "--wrt", "U"], "unknown variable 'q1' for --of"),
    ])
    func badEntries(_ arguments: [String], _ message: String) throws {
        let result = try Binary.run(["--values", Self.lab] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("--of an entry reports the gradient of that entry, with the adjoints")
    func entryReport() throws {
        let result = try Binary.run(["--values", Self.lab, "--of", "h2[1]", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let gradients = try #require(object["gradients"] as? [String: Any])
        let adjoints = try #require(object["adjoints"] as? [String: Any])
        // h_{2,1} = relu(U_1· x_2 + V_1· h_1) > 0: ∂/∂V = [[h_1ᵀ], [0]], ∂/∂h_1 = V_1· = (0.4, 0.4).
        #expect(gradients["V"] as? [[Double]] == [[0.6, 0.1], [0, 0]])
        #expect(adjoints["h_1"] as? [Double] == [0.4, 0.4])
        #expect(adjoints["o_2"] as? [Double] == [0, 0])
        #expect((object["agreement"] as? [String: Any])?["of"] as? String == "h_2[1]")
    }

    @Test("--latex prints entries as the lab writes them, and --latex --values the Jacobian's slices")
    func latexEntries() throws {
        let formula = try Binary.run(["--latex", "--length", "1", "--of", "h1[1]", "--wrt", "U[1,1]"])
        #expect(formula.status == 0, "\(formula.stderr)")
        #expect(formula.stdout.hasPrefix("\\begin{align*}\n\\frac{\\partial h_{1,1}}{\\partial \\mathbf{U}_{1,1}} &= "
                                         + "\\left[\\frac{\\partial h_{1}}{\\partial \\mathbf{U}}\\right]_{1;\\,1,1}"))
        let sheet = try Binary.run(["--latex", "--values", Self.lab, "--of", "h1", "--wrt", "U"])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        // The hand-derived Jacobian of labJacobians, slice by slice.
        #expect(sheet.stdout == """
        \\begin{align*}
        \\frac{\\partial h_{1,1}}{\\partial \\mathbf{U}} &= \\begin{bmatrix} 0 & 1 \\\\ 0 & 0 \\end{bmatrix}\\\\
        \\frac{\\partial h_{1,2}}{\\partial \\mathbf{U}} &= \\begin{bmatrix} 0 & 0 \\\\ 0 & 1 \\end{bmatrix}
        \\end{align*}

        """)
        // ∂L/∂U_{1,2} is the (1,2) entry of the report's ∂L/∂U, 0.14092.
        let entry = try Binary.run(["--latex", "--values", Self.lab, "--wrt", "U[1,2]"])
        #expect(entry.stdout.contains("\\frac{\\partial L}{\\partial \\mathbf{U}_{1,2}} &= 0.14092"))
        let bad = try Binary.run(["--latex", "--of", "h1[x]"])
        #expect(bad.status == 64 && bad.stderr.contains("write an entry with 1-based indices"))
    }
}
