import Foundation
@testable import RNNGraphKit

/// Evaluates a printed formula with real matrices, written apart from the
/// library's (scalar) `FormulaEvaluator`: a transpose transposes, `diag`
/// needs a vector, products multiply in their printed order and must have
/// shapes that multiply, and a 1 × 1 factor scales. A shape that does not fit
/// is an error naming the formula.
struct MatrixFormulaEvaluator {
    /// The value of a formula: a matrix, or the identity or zero of a size the context gives (an empty Π or Σ).
    enum Value {
        case matrix(Tensor)
        case identity
        /// `c I`, the identity scaled by a number (`1.5 I` in a skip connection's `U^⊤ diag(…) − 1.5 I`).
        case scaledIdentity(Double)
        case zero
        /// `𝟏`, a column of ones as long as the matrix it multiplies has columns.
        case onesColumn
        /// `𝟏^⊤`, a row of ones as long as the matrix it multiplies has rows.
        case onesRow
    }

    /// A formula whose shapes do not fit.
    struct ShapeError: Error, CustomStringConvertible {
        let description: String
    }

    let length: Int
    /// Variable values by `symbol|time` (time `-` for untimed variables).
    let values: [String: Tensor]
    /// The δ recursions, for recursive forms; set it with ``reading(_:)``.
    private(set) var recursive: RecursiveFormula?
    /// The values of δ found so far (`state|t`), for the recursions of ``recursive``.
    private var known = Known()

    final class Known { var values: [String: Value] = [:] }

    /// The same evaluator reading δ from the recursions of `recursive`.
    func reading(_ recursive: RecursiveFormula?) -> MatrixFormulaEvaluator {
        var copy = self
        copy.recursive = recursive
        copy.known = Known()
        return copy
    }

    /// An evaluator reading the values of `forward`'s variables.
    init(_ forward: ForwardPass, length: Int) {
        var values: [String: Tensor] = [:]
        for v in forward.graph.variables {
            values[Self.key(v.symbol.ascii, v.time)] = forward[v.id]
        }
        // `ŷ_t` names softmax(o_t) where a cross-entropy reads it inline.
        func inlineScores(_ e: RNNGraphKit.Expression) -> [NodeID] {
            switch e {
            case .crossEntropy(_, .softmax(.variable(let o))): return [o]
            case .sum(let terms), .mean(let terms), .apply(_, let terms): return terms.flatMap(inlineScores)
            default: return []
            }
        }
        for o in forward.graph.variables.compactMap(\.definition).flatMap { inlineScores($0) } {
            let z = forward[o]
            let top = z.entries.max() ?? 0
            let e = z.map { exp($0 - top) }
            values[Self.key(Notation.prediction.ascii, forward.graph[o].time), default: (1 / e.sum) * e] = (1 / e.sum) * e
        }
        self.values = values
        self.length = length
    }

    static func key(_ symbol: String, _ time: Int?) -> String { "\(symbol)|\(time.map(String.init) ?? "-")" }

    /// The value of `formula`, as a tensor of the shape `like` when it is an empty sum.
    func tensor(_ formula: Formula, like: Tensor) throws -> Tensor {
        switch try evaluate(formula, [:]) {
        case .matrix(let m): return m
        case .zero: return Tensor.zeros(like: like)
        case .scaledIdentity(let c) where like.isScalar: return .scalar(c)
        default: throw ShapeError(description: "the formula is an empty product or a vector of ones")
        }
    }

    private func index(_ e: IndexExpression, _ bindings: [String: Int]) throws -> Int {
        guard let v = e.value(length: length, bindings: bindings) else { throw ShapeError(description: "unbound \(e)") }
        return v
    }

    private func matrix(_ f: Formula, _ bindings: [String: Int]) throws -> Tensor {
        guard case .matrix(let m) = try evaluate(f, bindings) else {
            throw ShapeError(description: "\(f) has no size of its own")
        }
        return m
    }

    private func elementwise(_ f: Formula, _ bindings: [String: Int], _ op: (Double) -> Double) throws -> Value {
        .matrix(try matrix(f, bindings).map(op))
    }

    /// Adds two matrices of one shape; a row broadcasts over the rows of a batch (a bias inside an activation).
    private func add(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if a.hasShape(of: b) { return a + b }
        if a.rows == 1, a.cols == b.cols { return a.broadcast(rows: b.rows, cols: b.cols) + b }
        if b.rows == 1, b.cols == a.cols { return a + b.broadcast(rows: a.rows, cols: a.cols) }
        throw ShapeError(description: "cannot add \(a.shapeDescription) and \(b.shapeDescription)")
    }

    private func multiply(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.zero, _), (_, .zero): return .zero
        case (.identity, let x), (let x, .identity): return x
        case (.scaledIdentity(let c), .matrix(let y)), (.matrix(let y), .scaledIdentity(let c)):
            if y.isScalar { return .scaledIdentity(c * y.scalar) }
            return .matrix(c * y)
        case (.onesRow, .matrix(let y)):
            return try multiply(.matrix(Tensor(rows: 1, cols: y.rows, repeating: 1)), .matrix(y))
        case (.matrix(let x), .onesColumn):
            return try multiply(.matrix(x), .matrix(Tensor(rows: x.cols, cols: 1, repeating: 1)))
        case (.matrix(let x), .matrix(let y)):
            if x.isScalar { return .matrix(x.scalar * y) }
            if y.isScalar { return .matrix(y.scalar * x) }
            guard x.cols == y.rows else {
                throw ShapeError(description: "cannot multiply \(x.shapeDescription) by \(y.shapeDescription)")
            }
            return .matrix(x.matmul(y))
        default:
            throw ShapeError(description: "a vector of ones with no matrix to fit")
        }
    }

    private func sum(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.zero, let x), (let x, .zero): return x
        case (.matrix(let x), .matrix(let y)): return .matrix(try add(x, y))
        case (.identity, .matrix(let x)), (.matrix(let x), .identity):
            return try sum(.scaledIdentity(1), .matrix(x))
        case (.scaledIdentity(let c), .matrix(let x)), (.matrix(let x), .scaledIdentity(let c)):
            // `c I + M`: the identity of M's size, which must be square.
            guard x.rows == x.cols else { throw ShapeError(description: "I + a \(x.shapeDescription) matrix") }
            var eye = Tensor.zeros(like: x)
            for k in 0..<x.rows { eye[k, k] = c }
            return .matrix(x + eye)
        default: throw ShapeError(description: "an identity of unknown size in a sum")
        }
    }

    func evaluate(_ formula: Formula, _ bindings: [String: Int]) throws -> Value {
        func eval(_ f: Formula) throws -> Value { try evaluate(f, bindings) }
        switch formula {
        case .integer(let n): return n == 0 ? .zero : .matrix(.scalar(Double(n)))
        case .number(let x): return .matrix(.scalar(x))
        case .reciprocal(let n): return .matrix(.scalar(1 / Double(try index(n, bindings))))
        case .variable(let v):
            let time = try v.time.map { try index($0, bindings) }
            guard let x = values[Self.key(v.symbol.ascii, time)] else {
                throw ShapeError(description: "no variable \(v.symbol.ascii) at \(time.map(String.init) ?? "-")")
            }
            return .matrix(x)
        case .partial:
            throw ShapeError(description: "a symbolic partial has no value")
        case .sum(let terms):
            return try terms.reduce(Value.zero) { try sum($0, eval($1)) }
        case .product(let factors):
            // Constants (integers, 1/n) commute: multiplied in last, so that `2 𝟏^⊤ G` finds the matrix its ones fit.
            func isConstant(_ f: Formula) -> Bool {
                switch f {
                case .integer, .number, .reciprocal: return true
                default: return false
                }
            }
            let constants = factors.filter(isConstant)
            let others = factors.filter { !isConstant($0) }
            return try (others + constants).reduce(Value.identity) { try multiply($0, eval($1)) }
        case .indexedSum(let i, let from, let to, let body):
            var total = Value.zero
            let (a, b) = (try index(from, bindings), try index(to, bindings))
            if a <= b {
                for k in a...b {
                    var inner = bindings
                    inner[i] = k
                    total = try sum(total, evaluate(body, inner))
                }
            }
            return total
        case .indexedProduct(let i, let from, let to, let body), .ascendingProduct(let i, let from, let to, let body):
            var total = Value.identity
            let (a, b) = (try index(from, bindings), try index(to, bindings))
            if a <= b {
                let order: [Int]
                if case .indexedProduct = formula { order = Array((a...b).reversed()) } else { order = Array(a...b) }
                for k in order {
                    var inner = bindings
                    inner[i] = k
                    total = try multiply(total, evaluate(body, inner))
                }
            }
            return total
        case .difference(.integer(let n), let b):
            // `1 − s`: the constant stands for a matrix of ones shaped like `s`.
            return .matrix(try matrix(b, bindings).map { Double(n) - $0 })
        case .difference(let a, .unitVector(let y)):
            let x = try matrix(a, bindings)
            return .matrix(x - (try unit(y, like: x, bindings)))
        case .difference(let a, let b):
            return try sum(eval(a), multiply(.matrix(.scalar(-1)), eval(b)))
        case .negation(let a): return try multiply(.matrix(.scalar(-1)), eval(a))
        case .quotient(.unitVector(let y), let b):
            return .matrix(try unit(y, like: matrix(b, bindings), bindings).zip(try matrix(b, bindings), /))
        case .unitVector:
            throw ShapeError(description: "a unit vector with nothing to give its size")
        case .hadamard(let a, let b):
            let x = try matrix(a, bindings), y = try matrix(b, bindings)
            guard x.hasShape(of: y) else {
                throw ShapeError(description: "cannot multiply \(x.shapeDescription) by \(y.shapeDescription) element-wise")
            }
            return .matrix(x.zip(y, *))
        case .ones: return .onesColumn
        case .identity: return .scaledIdentity(1)
        case .quotient(let a, let b):
            let x = try matrix(a, bindings), y = try matrix(b, bindings)
            guard x.hasShape(of: y) else { throw ShapeError(description: "cannot divide \(x.shapeDescription) by \(y.shapeDescription)") }
            return .matrix(x.zip(y, /))
        case .activation(let f, let a): return try elementwise(a, bindings) { f($0) }
        case .softmax(let a):
            let z = try matrix(a, bindings)
            let top = z.entries.max() ?? 0
            let e = z.map { exp($0 - top) }
            return .matrix((1 / e.sum) * e)
        case .indicator(let a): return try elementwise(a, bindings) { $0 > 0 ? 1 : 0 }
        case .oneMinusSquare(let a): return try elementwise(a, bindings) { 1 - $0 * $0 }
        case .stacked(let parts):
            let blocks = try parts.map { try matrix($0, bindings) }
            guard let cols = blocks.first?.cols, blocks.allSatisfy({ $0.cols == cols }) else {
                throw ShapeError(description: "cannot stack \(blocks.map(\.shapeDescription))")
            }
            return .matrix(Tensor(rows: blocks.reduce(0) { $0 + $1.rows }, cols: cols, entries: blocks.flatMap(\.entries)))
        case .blockSelection(let k, let parts):
            let sizes = try parts.map { try matrix($0, bindings).rows }
            var e = Tensor(rows: sizes[k], cols: sizes.reduce(0, +))
            let start = sizes[..<k].reduce(0, +)
            for r in 0..<sizes[k] { e.entries[r * e.cols + start + r] = 1 }
            return .matrix(e)
        case .elementwise(.exp, let a): return try elementwise(a, bindings) { Foundation.exp($0) }
        case .elementwise(.log, let a): return try elementwise(a, bindings) { Foundation.log($0) }
        case .elementwise(.reciprocal, let a): return try elementwise(a, bindings) { 1 / $0 }
        case .elementwise(.power(let k), let a): return try elementwise(a, bindings) { Foundation.pow($0, Double(k)) }
        case .operation(let operation, let part, let arguments):
            let x = try arguments.map { try matrix($0, bindings) }
            let rows = x.map(\.rows).max()!, cols = x.map(\.cols).max()!
            guard x.allSatisfy({ Tensor.broadcasts($0.rows, $0.cols, to: rows, cols) }) else {
                throw ShapeError(description: "\(operation.name) of \(x.map(\.shapeDescription))")
            }
            let common = x.map { $0.broadcast(rows: rows, cols: cols) }
            let at = { (k: Int) in common.map { $0.entries[k] } }
            switch (operation.rule, part) {
            case (.elementwise(let rule), .value):
                return .matrix(Tensor(rows: rows, cols: cols, entries: (0..<(rows * cols)).map { rule.value(at($0)) }))
            case (.elementwise(let rule), .slope(let k)):
                return .matrix(Tensor(rows: rows, cols: cols, entries: (0..<(rows * cols)).map { rule.slope(at($0), argument: k) }))
            case (.vector(let rule), .value):
                return .matrix(Tensor(rows: rows, cols: cols, entries: rule.value(x[0].entries)))
            case (.vector(let rule), .jacobian):
                guard rows == 1 || cols == 1 else { throw ShapeError(description: "Jacobian of \(operation.name) of a matrix") }
                return .matrix(Tensor(rule.jacobian(x[0].entries)))
            case (.elementwise, .jacobian), (.vector, .slope):
                throw ShapeError(description: "\(operation.name) has no \(part)")
            }
        case .diag(let a):
            let v = try matrix(a, bindings)
            guard v.rows == 1 || v.cols == 1 else { throw ShapeError(description: "diag of a \(v.shapeDescription) matrix") }
            var d = Tensor(rows: v.count, cols: v.count)
            for k in 0..<v.count { d.entries[k * v.count + k] = v.entries[k] }
            return .matrix(d)
        case .transpose(let a):
            switch try eval(a) {
            case .matrix(let m): return .matrix(m.transposed)
            case .onesColumn: return .onesRow
            case .onesRow: return .onesColumn
            case let other: return other
            }
        case .softmaxJacobian(let a):
            let y = try matrix(a, bindings)
            guard y.rows == 1 || y.cols == 1 else { throw ShapeError(description: "softmax Jacobian of a \(y.shapeDescription) matrix") }
            let column = Tensor.column(y.entries)
            var d = Tensor(rows: y.count, cols: y.count)
            for k in 0..<y.count { d.entries[k * y.count + k] = y.entries[k] }
            return .matrix(d - column.matmul(column.transposed))
        case .delta(let t, let state):
            return try deltaValue(try index(t, bindings), state: state)
        case .blocks(let b):
            // Each block sized by the vectors its row and column stand for; a number scales an identity.
            func size(_ v: IndexedVariable) throws -> Int { try matrix(.variable(v), bindings).count }
            let rows = try b.rows.map(size), cols = try b.columns.map(size)
            var m = Tensor(rows: rows.reduce(0, +), cols: cols.reduce(0, +))
            for (r, blockRow) in b.blocks.enumerated() {
                for (c, block) in blockRow.enumerated() {
                    let top = rows[..<r].reduce(0, +), left = cols[..<c].reduce(0, +)
                    guard case .matrix(let x) = try eval(block) else { continue }
                    if x.isScalar && (rows[r], cols[c]) != (1, 1) {
                        guard rows[r] == cols[c] else { throw ShapeError(description: "a number as a \(rows[r]) × \(cols[c]) block") }
                        for i in 0..<rows[r] { m.entries[(top + i) * m.cols + left + i] = x.scalar }
                        continue
                    }
                    guard x.rows == rows[r], x.cols == cols[c] else {
                        throw ShapeError(description: "a \(x.shapeDescription) block where \(rows[r]) × \(cols[c]) belongs")
                    }
                    for i in 0..<x.rows { for k in 0..<x.cols { m.entries[(top + i) * m.cols + left + k] = x.entries[i * x.cols + k] } }
                }
            }
            return .matrix(m)
        }
    }

    /// The one-hot vector of class index `y`, shaped like `like` (a vector).
    private func unit(_ y: Formula, like: Tensor, _ bindings: [String: Int]) throws -> Tensor {
        let index = Int(try matrix(y, bindings).scalar)
        guard like.rows == 1 || like.cols == 1, index < like.count else {
            throw ShapeError(description: "e_\(index) for a \(like.shapeDescription) matrix")
        }
        var e = Tensor.zeros(like: like)
        e.entries[index] = 1
        return e
    }

    /// `δ` of `state` at time `t`: the case of its recursion whose steps hold `t`, at that step
    /// (a single-step case is written at its step, a range in the recursion's index).
    private func deltaValue(_ t: Int, state: Symbol?) throws -> Value {
        guard let delta = recursive?.deltas.first(where: { $0.state == state }) else {
            throw ShapeError(description: "δ of \(state?.ascii ?? "the state") without its recursion")
        }
        let key = "\(state?.ascii ?? "-")|\(t)"
        if let value = known.values[key] { return value }
        let holding = try delta.cases.filter { c in
            try (c.from.map { try index($0, [:]) <= t } ?? true) && (c.to.map { try index($0, [:]) >= t } ?? true)
        }
        guard holding.count == 1, let c = holding.first else {
            throw ShapeError(description: "δ of \(state?.ascii ?? "the state") at \(t): \(holding.count) cases hold")
        }
        let value = try evaluate(c.formula, c.from != nil && c.from == c.to ? [:] : [delta.index: t])
        known.values[key] = value
        return value
    }
}
