import Foundation
import RNNGraphCore
import RNNGraphPaths

/// Local partial derivatives `∂b/∂a` of a variable `b` with respect to one of
/// its direct arguments `a`, the others held fixed — the factors of the
/// path-sum formula.
///
/// Computed by forward-mode tangent propagation through `b`'s defining
/// `Expression`: a unit tangent on one entry of `a` gives one column.
/// Layout: numerator layout on row-major flattenings, so the Jacobian is
/// `b.count × a.count` and `J[i][j] = ∂b_i/∂a_j`.
public enum LocalJacobian {
    /// The Jacobian of `child` with respect to its argument `parent`, at the values of `forward`.
    /// - Precondition: `parent` is one of `child`'s parents.
    public static func of(_ child: NodeID, withRespectTo parent: NodeID, at forward: ForwardPass) -> Tensor {
        let variable = forward.graph[child]
        guard let definition = variable.definition else { preconditionFailure("\(variable.name) is a leaf") }
        precondition(variable.parents.contains(parent), "\(forward.graph[parent].name) is not an argument of \(variable.name)")
        let base = forward[parent]
        let childCount = forward[child].count
        var jacobian = Tensor(rows: childCount, cols: base.count)
        for j in 0..<base.count {
            var direction = Tensor.zeros(like: base)
            direction.entries[j] = 1
            guard let column = tangent(of: definition, along: parent, direction, at: forward) else { continue }
            for i in 0..<childCount { jacobian[i, j] = column.entries[i] }
        }
        return jacobian
    }

    /// The directional derivative of `expression` when variable `parent` moves along `direction`
    /// (all other variables fixed); `nil` when the expression does not depend on `parent`.
    public static func tangent(of expression: RNNGraphCore.Expression, along parent: NodeID, _ direction: Tensor,
                               at forward: ForwardPass) -> Tensor? {
        func value(_ e: Expression) -> Tensor { ForwardPass.evaluate(e) { forward[$0] } }
        func tangent(_ e: Expression) -> Tensor? {
            LocalJacobian.tangent(of: e, along: parent, direction, at: forward)
        }
        switch expression.node {
        case .variable(let id):
            return id == parent ? direction : nil
        case .constant:
            return nil
        case .step(let primitive, let arguments):
            let tangents = arguments.map(tangent)
            guard tangents.contains(where: { $0 != nil }) else { return nil }
            return primitive.tangent(arguments.map(value), tangents)
        }
    }
}
