import Foundation
import RNNGraphCore
import RNNGraphPaths

/// The numbers of every step of an expression, one case each: its shape rule,
/// value, directional derivative (forward mode) and vector–Jacobian product
/// (reverse mode). ``ForwardPass``, ``LocalJacobian``, ``ReverseAccumulation``
/// and the values file's shape check read these and nothing else.
extension Primitive {
    /// The shape of the result for arguments of the given shapes, or why they do not fit.
    func shape(_ shapes: [(rows: Int, cols: Int)]) -> Result<(rows: Int, cols: Int), OperationShapeError> {
        func show(_ s: (rows: Int, cols: Int)) -> String { "\(s.rows)×\(s.cols)" }
        switch self {
        case .matrixProduct:
            let a = shapes[0], b = shapes[1]
            guard a.cols == b.rows else { return .failure(OperationShapeError("cannot multiply \(show(a)) by \(show(b))")) }
            return .success((a.rows, b.cols))
        case .sum:
            let result = (rows: shapes.map(\.rows).max()!, cols: shapes.map(\.cols).max()!)
            for part in shapes where !Tensor.broadcasts(part.rows, part.cols, to: result.rows, result.cols) {
                return .failure(OperationShapeError("cannot add \(shapes.map(show).joined(separator: " and "))"))
            }
            return .success(result)
        case .activation, .softmax:
            return .success(shapes[0])
        case .squaredError, .inner:
            guard shapes[0] == shapes[1] else {
                return .failure(OperationShapeError("the two sides are \(show(shapes[0])) and \(show(shapes[1]))"))
            }
            return .success((1, 1))
        case .crossEntropy, .softmaxCrossEntropy:
            return .success((1, 1))
        case .mean:
            guard shapes.allSatisfy({ $0 == (1, 1) }) else { return .failure(OperationShapeError("a mean of non-scalars")) }
            return .success((1, 1))
        case .general(let operation):
            return operation.shape(shapes)
        }
    }

    /// The value for argument values `x`.
    func value(_ x: [Tensor]) -> Tensor {
        switch self {
        case .matrixProduct:
            return x[0].matmul(x[1])
        case .sum:
            return ForwardPass.sum(x)
        case .activation(let f):
            return x[0].map { f($0) }
        case .softmax:
            return ForwardPass.softmax(x[0])
        case .squaredError:
            return .scalar((x[0] - x[1]).entries.reduce(0) { $0 + $1 * $1 })
        case .crossEntropy:
            return .scalar(-Foundation.log(x[1].entries[ForwardPass.classIndex(x[0])]))
        case .softmaxCrossEntropy:
            // −log softmax(z)[y] = logsumexp(z) − z[y], finite for any gap between scores.
            return .scalar(ForwardPass.logSumExp(x[1]) - x[1].entries[ForwardPass.classIndex(x[0])])
        case .inner:
            return .scalar(x[0].zip(x[1], *).sum)
        case .mean:
            return .scalar(x.reduce(0.0) { $0 + $1.scalar } / Double(max(x.count, 1)))
        case .general(let operation):
            return operation.value(x)
        }
    }

    /// The directional derivative at argument values `x` when the arguments move along
    /// `dx` (`nil`: that argument does not move); `nil` when the result does not move.
    /// A class index never moves.
    func tangent(_ x: [Tensor], _ dx: [Tensor?]) -> Tensor? {
        switch self {
        case .matrixProduct:
            if dx[0] == nil && dx[1] == nil { return nil }
            var result: Tensor?
            if let da = dx[0] { result = da.matmul(x[1]) }
            if let db = dx[1] {
                let term = x[0].matmul(db)
                result = result.map { $0 + term } ?? term
            }
            return result
        case .sum:
            guard dx.contains(where: { $0 != nil }) else { return nil }
            let shape = ForwardPass.sumShape(x)
            var total = Tensor(rows: shape.rows, cols: shape.cols)
            for d in dx { if let d { total = total + d.broadcast(rows: shape.rows, cols: shape.cols) } }
            return total
        case .activation(let f):
            guard let d = dx[0] else { return nil }
            return x[0].map { f.derivative($0) }.zip(d, *)
        case .softmax:
            guard let d = dx[0] else { return nil }
            let s = ForwardPass.softmax(x[0])
            let projection = s.zip(d, *).sum
            return s.zip(d.map { $0 - projection }, *)
        case .squaredError:
            if dx[0] == nil && dx[1] == nil { return nil }
            let residual = x[0] - x[1]
            var total = 0.0
            if let dt = dx[0] { total += 2 * residual.zip(dt, *).sum }
            if let dp = dx[1] { total -= 2 * residual.zip(dp, *).sum }
            return .scalar(total)
        case .crossEntropy:
            guard let dp = dx[1] else { return nil }
            let index = ForwardPass.classIndex(x[0])
            return .scalar(-dp.entries[index] / x[1].entries[index])
        case .softmaxCrossEntropy:
            // d(logsumexp(z) − z[y]) = ⟨softmax(z), dz⟩ − dz[y], with no division by a tiny probability.
            guard let dz = dx[1] else { return nil }
            return .scalar(ForwardPass.softmax(x[1]).zip(dz, *).sum - dz.entries[ForwardPass.classIndex(x[0])])
        case .inner:
            if dx[0] == nil && dx[1] == nil { return nil }
            var total = 0.0
            if let dw = dx[0] { total += dw.zip(x[1], *).sum }
            if let dv = dx[1] { total += x[0].zip(dv, *).sum }
            return .scalar(total)
        case .mean:
            guard dx.contains(where: { $0 != nil }) else { return nil }
            return .scalar(dx.reduce(0.0) { $0 + ($1?.scalar ?? 0) } / Double(x.count))
        case .general(let operation):
            return operation.tangent(x, dx)
        }
    }

    /// The adjoint of each argument given the adjoint `g` of the result, at argument
    /// values `x`, shaped like the argument; `nil` for a class index, which has none.
    func adjoints(_ x: [Tensor], _ g: Tensor) -> [Tensor?] {
        switch self {
        case .matrixProduct:
            // Y = A B:  dA = G Bᵀ,  dB = Aᵀ G.
            return [g.matmul(x[1].transposed), x[0].transposed.matmul(g)]
        case .sum:
            // A broadcast term receives the sum of the adjoint over the entries it was repeated to.
            return x.map { g.reduced(toRows: $0.rows, cols: $0.cols) }
        case .activation(let f):
            return [g.zip(x[0].map { f.derivative($0) }, *)]
        case .softmax:
            // dz = s ⊙ (g − ⟨g, s⟩).
            let s = ForwardPass.softmax(x[0])
            let projection = s.zip(g, *).sum
            return [s.zip(g.map { $0 - projection }, *)]
        case .squaredError:
            // ∂/∂t Σ(t − p)² = 2(t − p);  ∂/∂p = −2(t − p).
            let residual = x[0] - x[1]
            return [(2 * g.scalar) * residual, (-2 * g.scalar) * residual]
        case .crossEntropy:
            // ∂/∂p (−log p[y]) = −1/p[y] at y, 0 elsewhere.
            let index = ForwardPass.classIndex(x[0])
            var dp = Tensor.zeros(like: x[1])
            dp.entries[index] = -g.scalar / x[1].entries[index]
            return [nil, dp]
        case .softmaxCrossEntropy:
            // ∂/∂z (logsumexp(z) − z[y]) = softmax(z) − e_y.
            var dz = ForwardPass.softmax(x[1])
            dz.entries[ForwardPass.classIndex(x[0])] -= 1
            return [nil, g.scalar * dz]
        case .inner:
            return [g.scalar * x[1], g.scalar * x[0]]
        case .mean:
            let share = Tensor.scalar(g.scalar / Double(max(x.count, 1)))
            return x.map { _ in share }
        case .general(let operation):
            return operation.adjoints(x, g)
        }
    }
}
