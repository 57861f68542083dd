import RNNGraphCore
import RNNGraphPaths

/// The forward pass of a model as Python lines: one statement per family defined at every
/// step (`h[t] = np.tanh(...)`), read off the rolled graph's representative and checked to be
/// the same statement at every step it was unrolled to.
struct ForwardCode {
    /// A family defined at every step of its range.
    struct Family {
        let name: String
        let symbol: Symbol
        let lower: IndexExpression
        let upper: IndexExpression
        let statement: String
    }

    /// A leaf of the model: a parameter, an initial state, or a timed input or target.
    struct Leaf {
        /// The key in a values file (`W_hf`, `h_0`, `x`).
        let key: String
        /// The Python name it is stored under (`h` for `h_0`).
        let name: String
        /// The step an initial state stands at, or the first step of a timed leaf.
        let time: IndexExpression?
        /// The last step of a timed leaf.
        var last: IndexExpression?
        let kind: VariableKind
        /// The shape in letters (`shape (H, D)`, `a number`, `a class index`), empty when unknown.
        var shape = ""
        /// For an initial state: the matrix that multiplies it in a step, which shapes its zeros
        /// when the values leave it out (`nil`: the number 0, broadcast).
        var shapedBy: String?
        /// For an initial state read in a stack `W @ [h; x]` (columns): the timed leaves stacked
        /// with it, whose entries its zeros leave to `W`'s columns.
        var stackedWith: [String] = []
        /// For a state after the last step (`g_{N+1}`): the base of the name a values file gives it
        /// with its step's number (`g_3` at N = 2).
        var countedBase: String?

        /// The key as a Python expression: `"h_0"`, or `"g_" + str(N + 1)` for a state counted from
        /// N, read under the concrete name a values file (and `--values --json`) uses.
        var keyCode: String {
            guard let countedBase, let time else { return "\"\(key)\"" }
            return "\"\(countedBase)_\" + str(\(CodePrinter.index(time)))"
        }
    }

    let families: [Family]
    /// The loops of the forward pass, in order: families computed forward in time, families of a
    /// backward recurrence (`g[t] = … g[t + 1] …`) computed backward, then families that read those.
    let passes: [(reverse: Bool, families: [Family])]
    let leaves: [Leaf]
    /// The steps of the forward loop.
    let lower: IndexExpression
    let upper: IndexExpression
    /// The loss, as a Python expression after the loop.
    let loss: String
    let lossName: String
    let layout: VectorLayout
    /// The identifiers of the families that are numbers, `1 × 1` (``ComputationGraph/numbers``).
    let numbers: Set<String>

    init(options: ModelOptions, printer: CodePrinter) throws {
        let rolled = try RolledGraph.shared(for: options)
        let graph = rolled.representative
        let length = rolled.representativeLength
        layout = options.definition.layout
        numbers = Set(graph.numbers.map { CodePrinter.identifier(graph[$0].symbol) })
        /// A time of the representative written relative to the index `t` at step `step`.
        func name(_ step: Int?) -> (NodeID) throws -> String {
            { id in
                let v = graph[id]
                guard let time = v.time else { return try printer.variable(IndexedVariable(symbol: v.symbol, time: nil)) }
                let index: IndexExpression = step.map { .index("t", time - $0) }
                    ?? (2 * time >= length ? .length(time - length) : .constant(time))
                return try printer.variable(IndexedVariable(symbol: v.symbol, time: index, isCopy: v.kind == .parameterCopy))
            }
        }
        var families: [Family] = []
        var leaves: [Leaf] = []
        var firstMember: [Int: Int] = [:]
        // ŷ = softmax(z) where a cross-entropy reads it: the closed forms of its partials read ŷ.
        var predictions: [Family] = []
        let prediction = CodePrinter.identifier(Notation.prediction)
        for (k, node) in rolled.nodes.enumerated() where node.isTimed {
            let members = graph.variables.filter { RolledGraph.Node.same($0, node) && $0.definition != nil }
                .sorted { ($0.time ?? 0) < ($1.time ?? 0) }
            guard let first = members.first, let firstTime = first.time, let lastTime = members.last?.time else { continue }
            let steps: (lower: IndexExpression, upper: IndexExpression) = (
                2 * firstTime >= length ? .length(firstTime - length) : .constant(firstTime),
                2 * lastTime >= length ? .length(lastTime - length) : .constant(lastTime))
            let statements = try members.map { try printer.python($0.definition!, name($0.time)) }
            guard Set(statements).count == 1 else {
                throw RNNGraphError.usage("\(node.symbol.ascii) is computed differently at different steps; "
                                          + "code is printed only for models whose steps are all alike")
            }
            firstMember[families.count] = members.map(\.id.index).min() ?? first.id.index
            families.append(Family(name: CodePrinter.identifier(node.symbol), symbol: node.symbol,
                                   lower: steps.lower, upper: steps.upper, statement: statements[0]))
            for z in Self.predicted(first.definition!) {
                predictions.append(Family(name: prediction, symbol: Notation.prediction, lower: steps.lower,
                                          upper: steps.upper, statement: "softmax(\(try printer.python(z, name(first.time))))"))
            }
        }
        guard let lossVariable = graph.loss, let definition = lossVariable.definition else {
            throw RNNGraphError.usage("the model has no loss; code is printed for models with a loss")
        }
        lossName = lossVariable.name
        let (loss, lossPredictions) = try Self.loss(definition, graph: graph, length: length, printer: printer, name: name)
        self.loss = loss
        predictions += lossPredictions
        let order = families.indices.sorted { firstMember[$0]! < firstMember[$1]! }
        let named = Set(rolled.nodes.map { CodePrinter.identifier($0.symbol) })
        self.families = order.map { families[$0] } + (named.contains(prediction) ? [] : predictions.prefix(1))
        for v in graph.variables where v.kind.isLeaf && v.kind != .parameterCopy {
            let name = CodePrinter.identifier(v.symbol)
            switch v.kind {
            case .parameter:
                leaves.append(Leaf(key: v.name, name: name, time: nil, kind: v.kind))
            case .initialState:
                guard let time = v.time else { continue }
                let index: IndexExpression = 2 * time >= length ? .length(time - length) : .constant(time)
                // A state after the last step is named from N (`g_{N+1}`), as the recursive form writes it.
                let base = Symbol.unbraced(v.symbol.ascii)
                let key = index.base == .length ? "\(base)_{\(index)}" : v.name
                leaves.append(Leaf(key: key, name: name, time: index, kind: v.kind,
                                   countedBase: index.base == .length ? base : nil))
            default:
                guard !leaves.contains(where: { $0.name == name }) else { continue }
                // An untimed target or input (many-to-one: `L = (y - V h_N)^2` with `targets y`).
                guard v.time != nil else {
                    leaves.append(Leaf(key: Symbol.unbraced(v.symbol.ascii), name: name, time: nil, kind: v.kind))
                    continue
                }
                guard let k = rolled.family(of: v),
                      let times = rolled.times[k] else { continue }
                leaves.append(Leaf(key: Symbol.unbraced(v.symbol.ascii), name: name, time: times.lower, last: times.upper,
                                   kind: v.kind))
            }
        }
        guard let first = self.families.first else {
            throw RNNGraphError.usage("the model has no step equations; code is printed for recurrent models")
        }
        var lower = first.lower, upper = first.upper
        for f in self.families where f.symbol != Notation.prediction {
            guard f.lower.base == .constant, f.upper.base == .length else {
                throw RNNGraphError.usage("\(f.symbol.ascii) runs over steps \(f.lower)…\(f.upper); code is printed for "
                                          + "families from a fixed step to one counted from N")
            }
            if f.lower.offset < lower.offset { lower = f.lower }
            if f.upper.offset > upper.offset { upper = f.upper }
        }
        self.lower = lower
        self.upper = upper
        passes = try Self.passes(self.families)
        let ordered = self.families, layout = self.layout
        let shape = Self.shapes(graph: graph, rolled: rolled, leaves: leaves, families: ordered, layout: layout)
        let inputs = Set(leaves.filter { $0.kind != .parameter && $0.kind != .initialState }.map(\.name))
        self.leaves = leaves.map { leaf in
            var leaf = leaf
            if leaf.kind == .initialState {
                leaf.shapedBy = Self.matrix(multiplying: leaf.name, in: ordered, layout: layout)
                if leaf.shapedBy == nil, layout == .columns,
                   let (w, rest) = Self.stack(holding: leaf.name, in: ordered, inputs: inputs) {
                    leaf.shapedBy = w
                    leaf.stackedWith = rest
                }
            }
            leaf.shape = shape(leaf)
            return leaf
        }
    }

    /// The loss: a sum (or mean) of alike per-step terms as a `sum(... for t in range(...))`,
    /// anything else with its times counted from `N`.
    private static func loss(_ e: Expression, graph: ComputationGraph, length: Int, printer: CodePrinter,
                             name: (Int?) -> (NodeID) throws -> String) throws -> (String, [Family]) {
        let prediction = CodePrinter.identifier(Notation.prediction)
        func step(_ time: Int) -> IndexExpression { 2 * time >= length ? .length(time - length) : .constant(time) }
        var terms: [Expression] = [], isMean = false
        if case .sum(let t) = e { terms = t }
        if case .mean(let t) = e { terms = t; isMean = true }
        func anchor(_ x: Expression) -> Int? {
            x.references.compactMap { graph[$0].time }.min()
        }
        if terms.count > 1, let a = anchor(terms[0]), let b = anchor(terms[terms.count - 1]), b - a == terms.count - 1 {
            let printed = try terms.map { term -> String in try printer.python(term, name(anchor(term))) }
            if Set(printed).count == 1 {
                let from: IndexExpression = 2 * a >= length ? .length(a - length) : .constant(a)
                let to: IndexExpression = 2 * b >= length ? .length(b - length) : .constant(b)
                let sum = "sum(\(printed[0]) for t in range(\(CodePrinter.index(from)), \(CodePrinter.index(to.shifted(by: 1)))))"
                let predictions = try predicted(terms[0]).map {
                    Family(name: prediction, symbol: Notation.prediction, lower: from, upper: to,
                           statement: "softmax(\(try printer.python($0, name(a))))")
                }
                guard isMean else { return (sum, predictions) }
                let count = CodePrinter.index(to.shifted(by: 1 - from.offset).with(base: to.base == from.base ? .constant : to.base),
                                              parenthesized: true)
                return ("\(sum) / \(count)", predictions)
            }
        }
        let predictions = try predicted(e).compactMap { z -> Family? in
            guard let time = z.references.compactMap({ graph[$0].time }).min() else { return nil }
            return Family(name: prediction, symbol: Notation.prediction, lower: step(time), upper: step(time),
                          statement: "softmax(\(try printer.python(z, name(time))))")
        }
        return (try printer.python(e, name(nil)), predictions)
    }

    /// The arguments `z` of the softmaxes that cross-entropies read (`ce(y, softmax(z))`).
    private static func predicted(_ e: Expression) -> [Expression] {
        if case .crossEntropy(_, .softmax(let z)) = e { return [z] }
        return e.children.flatMap(predicted)
    }

    /// The families by loop: a backward recurrence, and every family reading one (directly or not),
    /// cannot be computed in the forward loop.
    private static func passes(_ families: [Family]) throws -> [(reverse: Bool, families: [Family])] {
        func reads(_ f: Family, _ g: Family) -> Bool {
            f.statement.split { !($0.isLetter || $0.isNumber || $0 == "_") }.contains { $0 == g.name }
        }
        let reverse = families.filter { $0.statement.contains("\($0.name)[t + ") }
        var later = Set(reverse.map(\.name))
        for f in families where !later.contains(f.name) && families.contains(where: { later.contains($0.name) && reads(f, $0) }) {
            later.insert(f.name)
        }
        let first = families.filter { !later.contains($0.name) }
        let after = families.filter { f in later.contains(f.name) && !reverse.contains { $0.name == f.name } }
        for r in reverse {
            if let f = after.first(where: { reads(r, $0) }) {
                throw RNNGraphError.usage("\(r.symbol.ascii) runs backward in time and reads \(f.symbol.ascii); code is printed "
                                          + "for backward recurrences that read only what the forward loop computes")
            }
        }
        return [(false, first), (true, reverse), (false, after)].filter { !$0.families.isEmpty }
    }

    /// Each leaf's shape in letters, read off the step equations and the loss (``CodeShapes``).
    private static func shapes(graph: ComputationGraph, rolled: RolledGraph, leaves: [Leaf], families: [Family],
                               layout: VectorLayout) -> (Leaf) -> String {
        guard layout != .scalars else { return { _ in "a number" } }
        var shapes = CodeShapes()
        let rows = layout == .rows
        let name = { (id: NodeID) in (name: CodePrinter.identifier(graph[id].symbol), isParameter: graph[id].kind == .parameter) }
        for v in graph.variables {
            guard let definition = v.definition else { continue }
            shapes.read(definition, as: v.time == nil ? "#loss" : CodePrinter.identifier(v.symbol), rows: rows, name: name)
        }
        // Class indices (the targets of cross-entropies) have no size; their predictions have K.
        var classes = Set<String>(), predictions: [String] = []
        func walk(_ e: Expression) {
            if case .crossEntropy(.variable(let id), let p) = e {
                classes.insert(CodePrinter.identifier(graph[id].symbol))
                if case .softmax(.variable(let z)) = p { predictions.append(CodePrinter.identifier(graph[z].symbol)) }
            }
            e.children.forEach(walk)
        }
        graph.variables.compactMap(\.definition).forEach(walk)
        let input = leaves.first { $0.kind == .input }?.name
        let target = leaves.first { $0.kind == .target && !classes.contains($0.name) }?.name ?? predictions.first
        let state = families.first { $0.statement.contains("\($0.name)[t - 1]") || $0.statement.contains("\($0.name)[t + 1]") }?.name
        let letter = shapes.letters(input: input, state: state, target: target)
        let numbers = Set(graph.numbers.map { CodePrinter.identifier(graph[$0].symbol) })
        return { leaf in
            if classes.contains(leaf.name) { return "a class index" }
            if numbers.contains(leaf.name) { return "a number" }
            if let m = shapes.matrix(leaf.name), let r = letter(m.rows), let c = letter(m.columns) { return "shape (\(r), \(c))" }
            guard let s = shapes.size(leaf.name).flatMap(letter) else { return "" }
            return rows && leaf.kind != .parameter ? "shape (batch, \(s))" : "shape (\(s),)"
        }
    }

    /// The matrix that multiplies an earlier step of family `name` in a step (`W @ h[t - 1]` in
    /// columns, `h[t - 2] @ W` in rows), `nil` when none does.
    private static func matrix(multiplying name: String, in families: [Family], layout: VectorLayout) -> String? {
        let identifier = { (c: Character) in c.isLetter || c.isNumber || c == "_" }
        for f in families {
            // `W @ h[t - k]` in columns, `h[t - k] @ W` in rows, for any lag k.
            var rest = Substring(f.statement)
            while let r = rest.range(of: "\(name)[t - ") ?? rest.range(of: "\(name)[t + ") {
                let lag = rest[r.upperBound...].prefix(while: \.isNumber)
                let after = rest[r.upperBound...].dropFirst(lag.count)
                if layout == .columns, rest[..<r.lowerBound].hasSuffix(" @ ") {
                    let w = String(rest[..<r.lowerBound].dropLast(3).reversed().prefix(while: identifier).reversed())
                    if !w.isEmpty { return w }
                }
                if layout == .rows, after.hasPrefix("] @ ") {
                    let w = String(after.dropFirst(4).prefix(while: identifier))
                    if !w.isEmpty { return w }
                }
                rest = after
            }
        }
        return nil
    }
}

extension ForwardCode {
    /// The matrix that multiplies a stack holding an earlier step of family `name` and timed
    /// leaves only (`W @ np.concatenate([h[t - 1], x[t]])`), and those leaves; `nil` when none does.
    private static func stack(holding name: String, in families: [Family], inputs: Set<String>) -> (String, [String])? {
        let identifier = { (c: Character) in c.isLetter || c.isNumber || c == "_" }
        for f in families {
            for call in [" @ np.concatenate([", " @ torch.cat(["] {
                var rest = Substring(f.statement)
                while let r = rest.range(of: call) {
                    let w = String(rest[..<r.lowerBound].reversed().prefix(while: identifier).reversed())
                    let body = rest[r.upperBound...]
                    rest = body
                    guard let end = body.range(of: "])") else { break }
                    let parts = body[..<end.lowerBound].components(separatedBy: ", ")
                    let names = parts.map { String($0.prefix(while: identifier)) }
                    let mine = parts.filter { $0.hasPrefix("\(name)[t - ") }
                    let others = zip(parts, names).filter { !$0.0.hasPrefix("\(name)[t - ") }.map(\.1)
                    if !w.isEmpty, mine.count == 1, others.allSatisfy(inputs.contains) { return (w, others) }
                }
            }
        }
        return nil
    }
}

extension IndexExpression {
    /// The expression with another base and the same offset.
    func with(base: Base) -> IndexExpression { IndexExpression(base, offset) }
}
