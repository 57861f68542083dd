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
        switch expression {
        case .variable(let id):
            return id == parent ? direction : nil
        case .product(let left, let right):
            let dl = tangent(left), dr = tangent(right)
            if dl == nil && dr == nil { return nil }
            var result: Tensor?
            if let dl { result = dl.matmul(value(right)) }
            if let dr {
                let term = value(left).matmul(dr)
                result = result.map { $0 + term } ?? term
            }
            return result
        case .sum(let terms):
            let tangents = terms.map(tangent)
            guard tangents.contains(where: { $0 != nil }) else { return nil }
            let shape = ForwardPass.sumShape(terms.map(value))
            var total = Tensor(rows: shape.rows, cols: shape.cols)
            for t in tangents { if let t { total = total + t.broadcast(rows: shape.rows, cols: shape.cols) } }
            return total
        case .activation(let activation, let argument):
            guard let d = tangent(argument) else { return nil }
            return value(argument).map { activation.derivative($0) }.zip(d, *)
        case .softmax(let argument):
            guard let d = tangent(argument) else { return nil }
            let s = ForwardPass.softmax(value(argument))
            let projection = s.zip(d, *).sum
            return s.zip(d.map { $0 - projection }, *)
        case .squaredError(let target, let prediction):
            let dt = tangent(target), dp = tangent(prediction)
            if dt == nil && dp == nil { return nil }
            let residual = value(target) - value(prediction)
            var total = 0.0
            if let dt { total += 2 * residual.zip(dt, *).sum }
            if let dp { total -= 2 * residual.zip(dp, *).sum }
            return .scalar(total)
        case .crossEntropy(let target, let prediction):
            // The class index is not differentiable: only the prediction carries a tangent.
            let index = ForwardPass.classIndex(value(target))
            if case .softmax(let scores) = prediction {
                // d(logsumexp(z) − z[y]) = ⟨softmax(z), dz⟩ − dz[y], with no division by a tiny probability.
                guard let dz = tangent(scores) else { return nil }
                return .scalar(ForwardPass.softmax(value(scores)).zip(dz, *).sum - dz.entries[index])
            }
            guard let dp = tangent(prediction) else { return nil }
            return .scalar(-dp.entries[index] / value(prediction).entries[index])
        case .inner(let weights, let argument):
            let dw = tangent(weights), dv = tangent(argument)
            if dw == nil && dv == nil { return nil }
            var total = 0.0
            if let dw { total += dw.zip(value(argument), *).sum }
            if let dv { total += value(weights).zip(dv, *).sum }
            return .scalar(total)
        case .mean(let terms):
            let tangents = terms.map(tangent)
            guard tangents.contains(where: { $0 != nil }) else { return nil }
            let total = tangents.reduce(0.0) { $0 + ($1?.scalar ?? 0) }
            return .scalar(total / Double(terms.count))
        case .constant:
            return nil
        case .apply(let operation, let arguments):
            return operation.tangent(arguments.map(value), arguments.map(tangent))
        }
    }
}
