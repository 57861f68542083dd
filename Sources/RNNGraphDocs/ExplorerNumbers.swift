import Foundation
import RNNGraphKit

/// The numbers an explorer page shows for one length: each node's value and adjoint (∂L/∂v, or of the
/// quantity differentiated), and each term's contribution to the gradient, as JSON (full precision, as
/// `--json` writes them) and as short text.
public struct ExplorerNumbers: Sendable {
    /// A tensor in both forms.
    public struct Number: Sendable, Encodable {
        /// Full precision, as the values report's JSON writes it.
        public let json: String
        /// Six significant digits.
        public let text: String
        /// The Frobenius norm, by which terms are sorted.
        public let size: Double
    }

    /// By node name, its value.
    public let values: [String: Number]
    /// By node name, its adjoint.
    public let adjoints: [String: Number]
    /// By term number (from 1, as `--paths` numbers them), the term's contribution.
    public let contributions: [Number]

    /// The numbers of `values`, differentiating `of` (by name; the loss by default) along `paths`, each
    /// path's node names from its source up.
    /// - Throws: `RNNGraphError/input(_:)` when the forward pass gives a non-finite number;
    ///   `RNNGraphError/usage(_:)` for an unknown `of`.
    public init(_ values: VariableValues, of: String?, paths: [[String]]) throws {
        let forward = ForwardPass(values)
        let graph = values.graph
        if let bad = graph.variables.first(where: { !forward[$0.id].isFinite }) {
            throw RNNGraphError.input("the forward pass gives a non-finite value for \(bad.name); use smaller values")
        }
        guard let target = of.flatMap({ graph.variable(named: $0) }) ?? graph.loss else {
            throw RNNGraphError.usage("the model has no loss to differentiate; name the quantity differentiated")
        }
        let reverse = ReverseAccumulation(forward, of: target.id)
        func number(_ tensor: Tensor, _ id: NodeID) -> Number {
            let rank = values.rank(of: id, value: tensor)
            let text = tensor.isScalar ? NumberFormat.short(tensor.scalar)
                : "[" + tensor.entries.map { NumberFormat.short($0) }.joined(separator: ", ") + "]"
            return Number(json: NumberFormat.json(tensor, rank: rank), text: text,
                          size: tensor.entries.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        var shownValues: [String: Number] = [:], shownAdjoints: [String: Number] = [:]
        for variable in graph.variables where variable.kind != .parameterCopy {
            shownValues[variable.name] = number(forward[variable.id], variable.id)
            shownAdjoints[variable.name] = number(reverse.gradient(withRespectTo: variable.id), variable.id)
        }
        let sum = PathSum(forward, of: target.id)
        let ids = Dictionary(graph.variables.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        contributions = paths.map { names in
            let path = names.compactMap { ids[$0] }
            return number(sum.term(path).value, path[0])
        }
        self.values = shownValues
        self.adjoints = shownAdjoints
    }
}
