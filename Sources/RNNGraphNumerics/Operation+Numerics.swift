import Foundation
import RNNGraphCore
import RNNGraphPaths

/// The numbers of each ``Operation``: its value, its directional derivative
/// (forward mode, for local Jacobians) and its vector–Jacobian product
/// (reverse mode), which `Primitive` hands on for its `general` steps.
extension Operation {
    /// The shape of the result for arguments of the given shapes, or a reason why they do not fit.
    public func shape(_ shapes: [(rows: Int, cols: Int)]) -> Result<(rows: Int, cols: Int), OperationShapeError> {
        func show(_ s: (rows: Int, cols: Int)) -> String { "\(s.rows)×\(s.cols)" }
        switch self {
        case .hadamard:
            let a = shapes[0], b = shapes[1]
            let rows = max(a.rows, b.rows), cols = max(a.cols, b.cols)
            guard Tensor.broadcasts(a.rows, a.cols, to: rows, cols), Tensor.broadcasts(b.rows, b.cols, to: rows, cols) else {
                return .failure(OperationShapeError("element-wise product of \(show(a)) and \(show(b))"))
            }
            return .success((rows, cols))
        case .negate, .power, .exp, .log:
            return .success(shapes[0])
        case .transpose:
            return .success((shapes[0].cols, shapes[0].rows))
        case .entrySum:
            return .success((1, 1))
        case .stack:
            let cols = shapes[0].cols
            guard shapes.allSatisfy({ $0.cols == cols }) else {
                return .failure(OperationShapeError("stacking \(shapes.map(show).joined(separator: ", ")) (column counts differ)"))
            }
            return .success((shapes.reduce(0) { $0 + $1.rows }, cols))
        case .catalogued(let operation):
            return operation.shape(shapes)
        }
    }

    /// The value for argument values `x`.
    public func value(_ x: [Tensor]) -> Tensor {
        switch self {
        case .hadamard:
            let rows = max(x[0].rows, x[1].rows), cols = max(x[0].cols, x[1].cols)
            return x[0].broadcast(rows: rows, cols: cols).zip(x[1].broadcast(rows: rows, cols: cols), *)
        case .negate: return x[0].map { -$0 }
        case .power(let k): return x[0].map { Foundation.pow($0, Double(k)) }
        case .transpose: return x[0].transposed
        case .exp: return x[0].map { Foundation.exp($0) }
        case .log: return x[0].map { Foundation.log($0) }
        case .entrySum: return .scalar(x[0].sum)
        case .stack:
            return Tensor(rows: x.reduce(0) { $0 + $1.rows }, cols: x[0].cols, entries: x.flatMap(\.entries))
        case .catalogued(let operation): return operation.value(x)
        }
    }

    /// The directional derivative at argument values `x` when the arguments move along
    /// `dx` (`nil`: that argument does not move). Returns `nil` when nothing moves.
    public func tangent(_ x: [Tensor], _ dx: [Tensor?]) -> Tensor? {
        guard dx.contains(where: { $0 != nil }) else { return nil }
        switch self {
        case .hadamard:
            let rows = max(x[0].rows, x[1].rows), cols = max(x[0].cols, x[1].cols)
            let a = x[0].broadcast(rows: rows, cols: cols), b = x[1].broadcast(rows: rows, cols: cols)
            var total = Tensor(rows: rows, cols: cols)
            if let da = dx[0] { total = total + da.broadcast(rows: rows, cols: cols).zip(b, *) }
            if let db = dx[1] { total = total + a.zip(db.broadcast(rows: rows, cols: cols), *) }
            return total
        case .negate: return dx[0]!.map { -$0 }
        case .power(let k):
            let slope = x[0].map { Double(k) * Foundation.pow($0, Double(k - 1)) }
            return slope.zip(dx[0]!, *)
        case .transpose: return dx[0]!.transposed
        case .exp: return x[0].map { Foundation.exp($0) }.zip(dx[0]!, *)
        case .log: return dx[0]!.zip(x[0], /)
        case .entrySum: return .scalar(dx[0]!.sum)
        case .stack:
            return Operation.stack.value(zip(x, dx).map { $1 ?? Tensor.zeros(like: $0) })
        case .catalogued(let operation): return operation.tangent(x, dx)
        }
    }

    /// The adjoint of each argument given the adjoint `g` of the result, at argument values `x`.
    public func adjoints(_ x: [Tensor], _ g: Tensor) -> [Tensor] {
        switch self {
        case .hadamard:
            let rows = g.rows, cols = g.cols
            let a = x[0].broadcast(rows: rows, cols: cols), b = x[1].broadcast(rows: rows, cols: cols)
            return [g.zip(b, *).reduced(toRows: x[0].rows, cols: x[0].cols),
                    g.zip(a, *).reduced(toRows: x[1].rows, cols: x[1].cols)]
        case .negate: return [g.map { -$0 }]
        case .power(let k):
            return [x[0].map { Double(k) * Foundation.pow($0, Double(k - 1)) }.zip(g, *)]
        case .transpose: return [g.transposed]
        case .exp: return [x[0].map { Foundation.exp($0) }.zip(g, *)]
        case .log: return [g.zip(x[0], /)]
        case .entrySum: return [x[0].map { _ in g.scalar }]
        case .stack:
            var result: [Tensor] = []
            var offset = 0
            for part in x {
                result.append(Tensor(rows: part.rows, cols: part.cols,
                                     entries: Array(g.entries[(offset * g.cols)..<((offset + part.rows) * g.cols)])))
                offset += part.rows
            }
            return result
        case .catalogued(let operation): return operation.adjoints(x, g)
        }
    }
}

/// Why the arguments of an operation do not fit together.
public struct OperationShapeError: Error, Sendable {
    /// What does not fit, such as "element-wise product of 3×1 and 2×1".
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}
