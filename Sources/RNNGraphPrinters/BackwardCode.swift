import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// The backward pass as Python lines: the `δ` recursions and every parameter's and initial
/// state's gradient, printed from the recursive closed form of each gradient (the formulas
/// `--form recursive --local closed` prints), each statement under its LaTeX.
struct BackwardCode {
    /// One case of a `δ` recursion: the steps it holds at, its statement and its LaTeX.
    struct Case: Equatable {
        let from: IndexExpression?
        let to: IndexExpression?
        let condition: String
        let statement: String
        let comment: String
    }

    /// The recursion of one state's `δ`.
    struct Delta {
        let state: Symbol
        let name: String
        /// Whether `δ_t` reads later steps (a forward recurrence), computed from the last step down.
        let runsBackward: Bool
        var cases: [Case]
        /// The steps its cases and the gradients reading it bound.
        var bounds: [IndexExpression] = []
    }

    /// One loop of the backward pass over the `δ`s that run in one direction.
    struct Loop {
        /// Whether it runs from the last step down (forward recurrences).
        let descending: Bool
        let deltas: [Delta]
        /// `range(...)`'s arguments.
        let range: String
    }

    /// One gradient: the values-file key, its statement and its LaTeX.
    struct Gradient {
        let key: String
        /// The key in the dict `gradients` returns, as a Python expression (``ForwardCode/Leaf/keyCode``).
        let keyCode: String
        let leaf: String
        let statement: String
        let comment: String
    }

    /// The recursions, in an order in which each reads only `δ`s already computed at a step.
    let deltas: [Delta]
    let gradients: [Gradient]
    /// The loops: forward recurrences' `δ` from the last step down, then backward recurrences' up.
    let loops: [Loop]
    /// The shortest sequence the recursion holds for: below it, the ranges of a `δ`'s cases
    /// (derived for a long sequence) overlap, and the backward pass refuses to run.
    let minimumLength: Int

    init(options: ModelOptions, printer: CodePrinter, forward: ForwardCode) throws {
        var deltas: [Delta] = []
        var gradients: [Gradient] = []
        for leaf in forward.leaves where leaf.kind == .parameter || leaf.kind == .initialState {
            let d = try Derivation(options: options, wrt: leaf.key, local: .closed)
            guard d.hasPath else {
                gradients.append(Gradient(key: leaf.key, keyCode: leaf.keyCode, leaf: Self.leafValue(leaf), statement: "zeros_like(\(Self.leafValue(leaf)))",
                                          comment: "\(leaf.key) does not reach the loss"))
                continue
            }
            let form = try d.recursive()
            let named = printer.latex.naming(d)
            func deltaName(_ label: Symbol?) throws -> String {
                guard let delta = form.delta(for: label) else {
                    throw RNNGraphError.usage("the recursive form reads a δ it does not define; no code is printed for it")
                }
                return "delta_" + CodePrinter.identifier(delta.variable.symbol)
            }
            for delta in form.deltas {
                let symbol = delta.variable.symbol
                let position = deltas.firstIndex { $0.state == symbol } ?? {
                    deltas.append(Delta(state: symbol, name: "delta_" + CodePrinter.identifier(symbol),
                                        runsBackward: delta.runsBackward, cases: []))
                    return deltas.count - 1
                }()
                for c in delta.cases {
                    let left = named.delta(c.isSingleStep ? c.from! : .index(delta.index), state: delta.state)
                    let code = try printer.python(c.formula, .top, deltaName)
                    var comment = "\(left) = \(named.latex(c.formula))"
                    var condition: String
                    switch (c.from, c.to) {
                    case let (from?, to?) where from == to:
                        condition = "t == \(CodePrinter.index(from))"
                    case let (from?, to?):
                        condition = "\(CodePrinter.index(from)) <= t <= \(CodePrinter.index(to))"
                        comment += ", \(from) <= t <= \(to)"
                    case let (nil, to?):
                        condition = "t <= \(CodePrinter.index(to))"
                        comment += ", t <= \(to)"
                    case let (from?, nil):
                        condition = "t >= \(CodePrinter.index(from))"
                        comment += ", t >= \(from)"
                    case (nil, nil):
                        condition = "True"
                    }
                    deltas[position].bounds += [c.from, c.to].compactMap { $0 }
                    let statement = "\(deltas[position].name)[t] = \(code)"
                    let new = Case(from: c.from, to: c.to, condition: condition, statement: statement, comment: comment)
                    if !deltas[position].cases.contains(where: { $0.condition == new.condition }) {
                        deltas[position].cases.append(new)
                    }
                }
            }
            for (label, step) in Self.deltaSteps(form.result) {
                if let symbol = form.delta(for: label)?.variable.symbol, let k = deltas.firstIndex(where: { $0.state == symbol }) {
                    deltas[k].bounds.append(step)
                }
            }
            let code = try printer.python(form.result, .top, deltaName)
            let comment = "\(named.gradient(of: d.ofVariable, wrt: d.wrtVariable)) = \(named.latex(form.result))"
            gradients.append(Gradient(key: leaf.key, keyCode: leaf.keyCode, leaf: Self.leafValue(leaf),
                                      statement: form.result == .zero ? "zeros_like(\(Self.leafValue(leaf)))" : code,
                                      comment: comment))
        }
        self.deltas = deltas
        self.gradients = gradients
        minimumLength = Self.minimumLength(deltas)
        var loops: [Loop] = []
        for descending in [true, false] {
            let group = deltas.filter { $0.runsBackward == descending }
            guard !group.isEmpty else { continue }
            let others = deltas.filter { $0.runsBackward != descending }.map(\.name)
            if let reader = group.first(where: { d in d.cases.contains { c in others.contains { c.statement.contains($0 + "[") } } }) {
                throw RNNGraphError.usage("δ of \(reader.state.ascii) reads the δ of a recurrence that runs the other way in "
                                          + "time; no code is printed for it")
            }
            let bounds = group.flatMap(\.bounds)
            let uppers = bounds.filter { $0.base == .length }.map(\.offset), constants = bounds.filter { $0.base == .constant }.map(\.offset)
            let high = uppers.max().map { IndexExpression.length($0) } ?? .length(0)
            let low = constants.min() ?? 1
            let range = descending ? "\(CodePrinter.index(high)), \(low - 1), -1" : "\(low), \(CodePrinter.index(high.shifted(by: 1)))"
            loops.append(Loop(descending: descending, deltas: group, range: range))
        }
        self.loops = loops
    }

    /// The shortest length from which on (up to ``ModelOptions/maximumLength``'s first hundred
    /// steps) every `δ`'s cases cover disjoint steps.
    static func minimumLength(_ deltas: [Delta]) -> Int {
        var minimum = 1
        for length in 1...100 where !disjoint(deltas, at: length) { minimum = length + 1 }
        return minimum
    }

    /// Whether every `δ`'s cases cover disjoint steps at `length`.
    static func disjoint(_ deltas: [Delta], at length: Int) -> Bool {
        for delta in deltas {
            let ranges = delta.cases.map { c in
                (c.from?.value(length: length) ?? Int.min, c.to?.value(length: length) ?? Int.max)
            }.filter { $0.0 <= $0.1 }
            for (k, a) in ranges.enumerated() {
                for b in ranges[(k + 1)...] where a.0 <= b.1 && b.0 <= a.1 { return false }
            }
        }
        return true
    }

    /// The steps at which a result reads each `δ` (by its label): its fixed steps (`δ_0`) and the
    /// bounds of the Σ that read one.
    static func deltaSteps(_ f: Formula) -> [(Symbol?, IndexExpression)] {
        var steps: [(Symbol?, IndexExpression)] = []
        var read: [Symbol?] = []
        func walk(_ g: Formula) -> Formula {
            switch g {
            case .delta(let t, let label):
                read.append(label)
                if t.indexName == nil { steps.append((label, t)) }
            case .indexedSum(_, let from, let to, let body):
                let outer = read
                read = []
                _ = walk(body)
                steps += read.flatMap { [($0, from), ($0, to)] }
                read = outer + read
                return g
            default: break
            }
            return g.mapChildren(walk)
        }
        _ = walk(f)
        return steps
    }

    /// How the module reads a leaf's value: `W_hf`, or `h[0]` for an initial state.
    static func leafValue(_ leaf: ForwardCode.Leaf) -> String {
        guard let time = leaf.time, leaf.kind == .initialState else { return leaf.name }
        return "\(leaf.name)[\(CodePrinter.index(time))]"
    }
}
