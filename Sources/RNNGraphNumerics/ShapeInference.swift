import RNNGraphCore
import RNNGraphPaths

/// The shapes of every variable of a graph, inferred from the shapes of the
/// leaves that have values by unifying the dimensions the equations relate
/// (`W h`: W's columns are h's rows; a sum's terms share their shape, a
/// `1 × c` or `1 × 1` term broadcasting). All steps of a family share one
/// shape, so an initial state's shape follows from the steps that read it.
struct ShapeInference {
    private var parent: [Int] = []
    private var size: [Int?] = []
    /// Row and column dimension of each variable.
    private(set) var dims: [(rows: Int, cols: Int)] = []
    let graph: ComputationGraph

    /// Why shapes do not fit: the variable whose definition fails and what does not match.
    struct Mismatch: Error {
        let variable: String
        let reason: String
    }

    /// Infers shapes from `known` (values by node position, `nil` where unknown).
    init(graph: ComputationGraph, known: [Tensor?]) throws(Mismatch) {
        self.graph = graph
        var familyDims: [String: (rows: Int, cols: Int)] = [:]
        for variable in graph.variables {
            let family = "\(variable.symbol.ascii)|\(variable.time != nil)|\(variable.kind == .parameterCopy)"
            if let shared = familyDims[family] {
                dims.append(shared)
            } else {
                let fresh = (rows: newDimension(), cols: newDimension())
                familyDims[family] = fresh
                dims.append(fresh)
            }
            if variable.definition == nil, graph.numbers.contains(variable.id) {
                let d = dims[variable.id.index]
                if let tensor = known[variable.id.index], tensor.rows != 1 || tensor.cols != 1 {
                    throw Mismatch(variable: variable.name, reason: "it is declared a scalar but is \(tensor.shapeDescription)")
                }
                _ = fix(d.rows, 1)
                _ = fix(d.cols, 1)
            }
            if let tensor = known[variable.id.index] {
                let d = dims[variable.id.index]
                guard fix(d.rows, tensor.rows), fix(d.cols, tensor.cols) else {
                    throw Mismatch(variable: variable.name,
                                   reason: "it is \(tensor.shapeDescription) here but \(describe(d)) at another step")
                }
            }
        }
        for variable in graph.variables {
            guard let definition = variable.definition else { continue }
            let d = dims[variable.id.index]
            let inferred = try infer(definition, in: variable)
            if inferred.isConstant { continue }
            guard unify(d.rows, inferred.rows), unify(d.cols, inferred.cols) else {
                throw Mismatch(variable: variable.name,
                               reason: "its definition is \(describe(inferred.dims)) but other steps make it \(describe(d))")
            }
        }
    }

    /// The inferred shape of a variable, if both of its sizes are fixed.
    func shape(of id: NodeID) -> (rows: Int, cols: Int)? {
        let d = dims[id.index]
        guard let r = value(d.rows), let c = value(d.cols) else { return nil }
        return (r, c)
    }

    private mutating func newDimension(_ value: Int? = nil) -> Int {
        parent.append(parent.count)
        size.append(value)
        return parent.count - 1
    }

    private mutating func find(_ a: Int) -> Int {
        var a = a
        while parent[a] != a {
            parent[a] = parent[parent[a]]
            a = parent[a]
        }
        return a
    }

    private func value(_ a: Int) -> Int? {
        var a = a
        while parent[a] != a { a = parent[a] }
        return size[a]
    }

    private mutating func fix(_ a: Int, _ value: Int) -> Bool {
        let root = find(a)
        if let known = size[root] { return known == value }
        size[root] = value
        return true
    }

    private mutating func unify(_ a: Int, _ b: Int) -> Bool {
        let ra = find(a), rb = find(b)
        if ra == rb { return true }
        if let x = size[ra], let y = size[rb], x != y { return false }
        parent[ra] = rb
        size[rb] = size[rb] ?? size[ra]
        return true
    }

    /// The inferred shape of a variable as `R×C`, `?` for a size not fixed.
    func shapeDescription(of id: NodeID) -> String { describe(dims[id.index]) }

    private func describe(_ d: (rows: Int, cols: Int)) -> String {
        "\(value(d.rows).map(String.init) ?? "?")×\(value(d.cols).map(String.init) ?? "?")"
    }

    private struct Inferred {
        var rows: Int
        var cols: Int
        var isConstant = false
        var dims: (rows: Int, cols: Int) { (rows, cols) }
    }

    private mutating func scalar() -> Inferred { Inferred(rows: newDimension(1), cols: newDimension(1)) }

    private mutating func infer(_ e: Expression, in variable: Variable) throws(Mismatch) -> Inferred {
        func fail(_ reason: String) -> Mismatch { Mismatch(variable: variable.name, reason: reason) }
        let primitive: Primitive, arguments: [Expression]
        switch e.node {
        case .variable(let id):
            return Inferred(rows: dims[id.index].rows, cols: dims[id.index].cols)
        case .constant:
            var result = scalar()
            result.isConstant = true
            return result
        case .step(let step, let stepArguments):
            (primitive, arguments) = (step, stepArguments)
        }
        var parts: [Inferred] = []
        for argument in arguments { parts.append(try infer(argument, in: variable)) }
        switch primitive {
        case .matrixProduct:
            let x = parts[0], y = parts[1]
            if x.isConstant { return y }
            if y.isConstant { return x }
            guard unify(x.cols, y.rows) else {
                throw fail("cannot multiply \(describe(x.dims)) by \(describe(y.dims))")
            }
            return Inferred(rows: x.rows, cols: y.cols)
        case .sum, .general(.hadamard):
            return try broadcast(parts, fail)
        case .activation, .softmax, .general(.negate), .general(.power), .general(.exp), .general(.log):
            return parts[0]
        case .general(.transpose):
            return Inferred(rows: parts[0].cols, cols: parts[0].rows, isConstant: parts[0].isConstant)
        case .general(.stack):
            for part in parts.dropFirst() where !unify(part.cols, parts[0].cols) {
                throw fail("stacked parts have different column counts")
            }
            let rows = parts.map { value($0.rows) }
            let total = rows.contains { $0 == nil } ? nil : rows.reduce(0) { $0 + $1! }
            return Inferred(rows: newDimension(total), cols: parts[0].cols)
        case .squaredError, .inner:
            let x = parts[0], y = parts[1]
            if !x.isConstant && !y.isConstant {
                guard unify(x.rows, y.rows), unify(x.cols, y.cols) else {
                    throw fail("the two sides are \(describe(x.dims)) and \(describe(y.dims))")
                }
            }
            return scalar()
        case .crossEntropy, .softmaxCrossEntropy, .mean, .general(.entrySum):
            return scalar()
        case .general(.catalogued(let operation)):
            switch operation.rule {
            case .elementwise: return try broadcast(parts, fail)
            case .vector: return parts[0]
            }
        }
    }

    /// The shape of an element-wise combination: equal shapes, or `1 × c`, `r × 1` and `1 × 1` broadcasting.
    private mutating func broadcast(_ parts: [Inferred], _ fail: (String) -> Mismatch) throws(Mismatch) -> Inferred {
        let real = parts.filter { !$0.isConstant }
        guard !real.isEmpty else { return parts[0] }
        // The widest known part leads; a part with a known size 1 where the lead is larger broadcasts.
        let lead = real.max { (value($0.rows) ?? 0) * 1_000_003 + (value($0.cols) ?? 0)
            < (value($1.rows) ?? 0) * 1_000_003 + (value($1.cols) ?? 0) }!
        for part in real {
            for (mine, theirs) in [(part.rows, lead.rows), (part.cols, lead.cols)] {
                if value(mine) == 1, value(theirs) != 1 { continue }
                guard unify(mine, theirs) else {
                    throw fail("cannot combine \(describe(part.dims)) with \(describe(lead.dims)) element by element")
                }
            }
        }
        return lead
    }
}
