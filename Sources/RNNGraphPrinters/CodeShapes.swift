import RNNGraphCore

/// The shapes of a model's leaves in letters, for the generated docstrings (`W_hf: (H, H)`):
/// values that an equation adds, multiplies entry by entry or passes through an element-wise
/// function have one size; a matrix product `W v` (`v W` in rows) gives `W` the sizes of the
/// result and of `v`. Sizes are named `D` (the first input's), `H` (the first state's), `K`
/// (the first target's) and `H2`, `H3`, … for the others.
struct CodeShapes {
    private var parent: [String: String] = [:]
    private var matrices: [String: (rows: String, columns: String)] = [:]
    private var fresh = 0

    private mutating func find(_ a: String) -> String {
        guard let p = parent[a], p != a else { parent[a] = parent[a] ?? a; return a }
        let root = find(p)
        parent[a] = root
        return root
    }

    private mutating func union(_ a: String, _ b: String) { parent[find(a)] = find(b) }

    /// Records the sizes that `e`, of the size of `node`, implies (`rows`: the model's layout).
    mutating func read(_ e: Expression, as node: String, rows: Bool, name: (NodeID) -> (name: String, isParameter: Bool)) {
        if case .variable(let id) = e { union(node, name(id).name) }
        guard let (entry, arguments) = e.call else { return }
        switch entry.sizeRule {
        case .asResult:
            for a in arguments { read(a, as: node, rows: rows, name: name) }
        case .equalPair:
            fresh += 1
            for a in arguments { read(a, as: "#\(fresh)", rows: rows, name: name) }
        case .matrixProduct:
            let (matrix, vector) = rows ? (arguments[1], arguments[0]) : (arguments[0], arguments[1])
            guard case .variable(let id) = matrix, name(id).isParameter else { return }
            fresh += 1
            let inner = "#\(fresh)"
            read(vector, as: inner, rows: rows, name: name)
            matrices[name(id).name] = rows ? (inner, node) : (node, inner)
        case .other:
            break
        }
    }

    /// Letters for the sizes: `D`, `H`, `K` for the classes of `input`, `state` and `target`, then `H2`, ….
    mutating func letters(input: String?, state: String?, target: String?) -> (String) -> String? {
        var letter: [String: String] = [:]
        for (name, value) in [(input, "D"), (state, "H"), (target, "K")] {
            if let name, letter[find(name)] == nil { letter[find(name)] = value }
        }
        var next = 2
        let keys = parent.keys.sorted()
        for key in keys.filter({ !$0.hasPrefix("#") }) + keys.filter({ $0.hasPrefix("#") }) where letter[find(key)] == nil {
            letter[find(key)] = "H\(next)"
            next += 1
        }
        let roots = Dictionary(uniqueKeysWithValues: parent.keys.map { ($0, find($0)) })
        return { roots[$0].flatMap { letter[$0] } }
    }

    /// A matrix's two sizes, as the keys of their classes.
    mutating func matrix(_ name: String) -> (rows: String, columns: String)? {
        guard let m = matrices[name] else { return nil }
        return (find(m.rows), find(m.columns))
    }

    /// The class key of a value's size.
    mutating func size(_ name: String) -> String? { parent[name] == nil ? nil : find(name) }
}
