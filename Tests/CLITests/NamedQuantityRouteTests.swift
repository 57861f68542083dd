import Foundation
import Testing

/// `--of` and `--wrt` are read by one lookup whether or not `--values` is given: each spelling
/// names the same variable (or is refused with the same message) in the chain rule's count, a
/// highlighted path, a Jacobian and a worked solution.
@Suite struct NamedQuantityRouteTests {
    static let lab = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path

    /// Spellings of a variable of the lab's model at N = 2 (the values file's length), each with
    /// the canonical name it denotes, or `nil` when every route refuses it.
    static let spellings: [(written: String, canonical: String?)] = [
        ("h_N", "h_2"), ("h_{N-1}", "h_1"), ("h2", "h_2"), ("h_{2}", "h_2"), ("h0", "h_0"), ("U", "U"),
        ("U[1,2]", "U[1,2]"), ("h_N[1]", "h_2[1]"), ("h_{N-1}[2]", "h_1[2]"),
        ("h9", nil), ("w", nil), ("q1[1]", nil), ("h1[1", nil), ("h_{N+1}", nil),
    ]

    /// The routes a name given to --wrt takes, at N = 2.
    static func wrtRoutes(_ name: String) -> [[String]] {
        [["--count", "--length", "2", "--wrt", name],
         ["--highlight", "1", "--dot", "-", "--length", "2", "--wrt", name],
         ["--values", lab, "--wrt", name],
         ["--values", lab, "--latex", "--wrt", name]]
    }

    /// The routes a name given to --of takes (by U), at N = 2.
    static func ofRoutes(_ name: String) -> [[String]] {
        [["--count", "--length", "2", "--of", name, "--wrt", "U"],
         ["--values", lab, "--of", name, "--wrt", "U"],
         ["--values", lab, "--latex", "--of", name, "--wrt", "U"]]
    }

    @Test(arguments: spellings.indices)
    func everyRouteReadsANameAlike(_ index: Int) throws {
        let (written, canonical) = Self.spellings[index]
        for routes in [Self.wrtRoutes, Self.ofRoutes] {
            let results = try routes(written).map { try CLI.run($0) }
            if let canonical {
                let expected = try routes(canonical).map { try CLI.run($0) }
                for (k, result) in results.enumerated() {
                    #expect(result.status == expected[k].status, "\(routes(written)[k]): \(result.stderr)")
                    #expect(result.stdout == expected[k].stdout, "\(routes(written)[k]) prints as \(canonical)")
                    #expect(!result.stdout.isEmpty || result.status != 0)
                }
            } else {
                for (k, result) in results.enumerated() {
                    #expect(result.status == 64, "\(routes(written)[k]): \(result.stderr)")
                    #expect(result.stderr == results[0].stderr, "\(routes(written)[k]) and \(routes(written)[0]) differ")
                    #expect(result.stderr.contains("'" + written.prefix { $0 != "[" }), "\(result.stderr)")
                }
            }
        }
    }
}
