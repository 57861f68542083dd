import RNNGraphKit

/// The quantity differentiated (`--of`) and the variable differentiated by (`--wrt`), as given.
///
/// Every mode reads them through ``resolved(for:)``, one lookup whether or not `--values` is
/// given, so that a name means the same variable in a formula, a Jacobian, a worked solution,
/// a highlighted path and the explorer page.
struct NamedQuantities: Equatable {
    /// `--of` as given: a variable (`h1`, `h_{1}`, `h_N`), or one of its entries (`h1[1]`).
    var of: String?
    /// `--wrt` as given: a variable (`U`, `h_{N-1}`), or one of its entries (`U[1,2]`).
    var wrt: String?

    /// The names in canonical form (`h_3`, `h_2[1]`) for the model of `options`, read by the
    /// derivation's lookup, which takes every spelling of a step: `h3`, `h_3`, `h_{3}`, and counted
    /// from the last, `h_N` and `h_{N-1}`. A name not given stays absent.
    /// - Throws: ``RNNGraphError/usage(_:)`` for an unknown name (with the valid ones) or a malformed entry.
    func resolved(for options: ModelOptions) throws -> NamedQuantities {
        guard of != nil || wrt != nil else { return self }
        let d = try Derivation(options: options, of: of, wrt: wrt)
        return NamedQuantities(of: of.map { _ in Self.written(d.ofName, d.ofIndices) },
                               wrt: wrt.map { _ in Self.written(d.wrtName, d.wrtIndices) })
    }

    /// `name`, or its entry at 1-based `indices` (`U[1,2]`).
    private static func written(_ name: String, _ indices: [Int]) -> String {
        indices.isEmpty ? name : name + "[" + indices.map(String.init).joined(separator: ",") + "]"
    }
}
