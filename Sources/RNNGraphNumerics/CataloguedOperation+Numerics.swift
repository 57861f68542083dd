import RNNGraphCore

/// The numbers of a catalogued operation, derived from its rule: an element-wise
/// operation broadcasts its arguments and multiplies changes by its slopes; a vector
/// operation multiplies them by its Jacobian.
extension CataloguedOperation {
    /// The shape of the result for arguments of the given shapes, or why they do not fit.
    func shape(_ shapes: [(rows: Int, cols: Int)]) -> Result<(rows: Int, cols: Int), OperationShapeError> {
        let shown = shapes.map { "\($0.rows)×\($0.cols)" }.joined(separator: " and ")
        switch rule {
        case .elementwise:
            let rows = shapes.map(\.rows).max()!, cols = shapes.map(\.cols).max()!
            guard shapes.allSatisfy({ Tensor.broadcasts($0.rows, $0.cols, to: rows, cols) }) else {
                return .failure(OperationShapeError("\(name) of \(shown)"))
            }
            return .success((rows, cols))
        case .vector:
            guard shapes[0].rows == 1 || shapes[0].cols == 1 else {
                return .failure(OperationShapeError("\(name) of \(shown) (it takes a vector)"))
            }
            return .success(shapes[0])
        }
    }

    /// The value for argument values `x`.
    func value(_ x: [Tensor]) -> Tensor {
        switch rule {
        case .elementwise(let rule):
            let common = Self.broadcast(x)
            return Tensor(rows: common[0].rows, cols: common[0].cols,
                          entries: common[0].entries.indices.map { k in rule.value(common.map { $0.entries[k] }) })
        case .vector(let rule):
            return Tensor(rows: x[0].rows, cols: x[0].cols, entries: rule.value(x[0].entries))
        }
    }

    /// The directional derivative at `x` along `dx` (`nil`: that argument does not move).
    func tangent(_ x: [Tensor], _ dx: [Tensor?]) -> Tensor? {
        guard dx.contains(where: { $0 != nil }) else { return nil }
        switch rule {
        case .elementwise(let rule):
            let common = Self.broadcast(x)
            var total = Tensor.zeros(like: common[0])
            for (k, change) in dx.enumerated() {
                guard let change else { continue }
                total = total + Self.slope(rule, common, argument: k)
                    .zip(change.broadcast(rows: total.rows, cols: total.cols), *)
            }
            return total
        case .vector(let rule):
            let jacobian = rule.jacobian(x[0].entries), d = dx[0]!.entries
            return Tensor(rows: x[0].rows, cols: x[0].cols,
                          entries: jacobian.map { row in zip(row, d).reduce(0) { $0 + $1.0 * $1.1 } })
        }
    }

    /// The adjoint of each argument given the adjoint `g` of the result, at argument values `x`.
    func adjoints(_ x: [Tensor], _ g: Tensor) -> [Tensor] {
        switch rule {
        case .elementwise(let rule):
            let common = Self.broadcast(x)
            return x.indices.map { k in
                g.zip(Self.slope(rule, common, argument: k), *).reduced(toRows: x[k].rows, cols: x[k].cols)
            }
        case .vector(let rule):
            let jacobian = rule.jacobian(x[0].entries)
            let entries = x[0].entries.indices.map { j in
                jacobian.indices.reduce(0.0) { $0 + jacobian[$1][j] * g.entries[$1] }
            }
            return [Tensor(rows: x[0].rows, cols: x[0].cols, entries: entries)]
        }
    }

    /// The arguments broadcast to their common shape.
    private static func broadcast(_ x: [Tensor]) -> [Tensor] {
        let rows = x.map(\.rows).max()!, cols = x.map(\.cols).max()!
        return x.map { $0.broadcast(rows: rows, cols: cols) }
    }

    /// The slope by `argument` at every position of the broadcast arguments.
    private static func slope(_ rule: any ElementwiseRule, _ common: [Tensor], argument: Int) -> Tensor {
        Tensor(rows: common[0].rows, cols: common[0].cols,
               entries: common[0].entries.indices.map { k in rule.slope(common.map { $0.entries[k] }, argument: argument) })
    }
}
