import RNNGraphCore
import RNNGraphNotation
import RNNGraphPaths

/// One step of a model as the textbook cell diagram draws it: the step's
/// variables (gates, states, outputs), every operation of their equations as a
/// node of its own, and what the step reads from outside it (inputs `x_t`,
/// states of other steps `h_{t-1}`, `c_{t-1}`), named with a symbolic time index.
///
/// The step is an interior one of the model unrolled at ``unrolledLength``, so
/// that it reads everything a step reads. Parameters are no nodes: each is
/// written inside the operation it enters, on the side it multiplies (`W ×` for
/// `W x_t`, `× W` for `x_t W`, `p ⊙`, `+ b`), as numbers are (`+ 1`). A sum of a
/// number and a negation (`1 - z_t`) is one operation, `1 − ·`. The loss, a
/// sum over the steps, is no part of a step.
struct CellGraph {
    /// What a node of the cell is.
    enum Role: Hashable {
        /// A value from outside the step: an input, a target, a state of another step.
        case input
        /// A variable the step defines.
        case variable
        /// One operation of a definition.
        case operation(Primitive?)
    }

    /// A node of the cell.
    struct Node {
        /// Unique id in the figure.
        let id: String
        let role: Role
        /// The model variable's kind; `nil` for an operation.
        let kind: VariableKind?
        /// The label as an HTML-like Graphviz label.
        let html: String
        /// The label as LaTeX math, without dollars.
        let latex: String
        /// The symbol's ASCII name and the offset of its time from the step's (variables only).
        let family: String?
        let offset: Int?
        /// Whether the variable is defined as an activation (an LSTM's gate `f_t = σ(…)`).
        var isActivation = false
    }

    /// The unrolled length the step is taken from: its middle step reads every
    /// step a definition reaches up to three steps away.
    static let unrolledLength = 9

    private(set) var nodes: [Node] = []
    /// Edges (tail, head) by node index, in order of creation, without repeats.
    private(set) var edges: [(from: Int, to: Int)] = []
    /// The cell's state lines, each the node indices from the state of the step
    /// before to the state of this step, through element-wise operations only.
    private(set) var stateLines: [[Int]] = []

    /// The cell of `model` (its length is ignored), labels in `timeStyle`.
    init(_ model: Model, timeStyle: TimeIndexStyle) throws {
        var options = model.options
        options.length = Self.unrolledLength
        let graph = try Model(options).graph
        let steps = options.steps
        let step = steps.lowerBound + (steps.upperBound - steps.lowerBound) / 2
        let time = options.definition.syntax.timeVariable
        let notation = VariableNotation(timeStyle: timeStyle)
        var index: [NodeID: Int] = [:]

        func isParameter(_ id: NodeID) -> Bool { graph[id].kind == .parameter || graph[id].kind == .parameterCopy }
        func isDefined(_ variable: Variable) -> Bool {
            variable.time == step && variable.definition != nil && variable.kind != .parameterCopy
        }
        func node(for id: NodeID) -> Int {
            if let k = index[id] { return k }
            let variable = graph[id]
            let offset = variable.time.map { $0 - step }
            let latexTime = offset.map { IndexExpression.index(time, $0).description }
            nodes.append(Node(id: "\(variable.symbol.ascii)@\(offset.map(String.init) ?? "")",
                              role: isDefined(variable) ? .variable : .input, kind: variable.kind,
                              html: notation.html(variable.symbol, time: offset.map { Self.index(time, $0) }),
                              latex: notation.latex(variable.symbol, time: latexTime),
                              family: variable.symbol.ascii, offset: offset,
                              isActivation: { if case .activation? = variable.definition { return true }; return false }()))
            index[id] = nodes.count - 1
            return nodes.count - 1
        }
        func connect(_ from: Int, _ to: Int) {
            if !edges.contains(where: { $0.from == from && $0.to == to }) { edges.append((from, to)) }
        }
        var operationCount = 0
        // Operands first, so that every node follows what it reads; returns the node of a
        // variable or operation, nil for a number or a parameter.
        func lower(_ expression: Expression, owner: Variable) -> Int? {
            if case .variable(let id) = expression { return isParameter(id) ? nil : node(for: id) }
            if case .constant = expression { return nil }
            operationCount += 1
            let id = "\(owner.symbol.ascii)#\(operationCount)"
            // Fused only when what is subtracted is drawn, so that an edge enters the node.
            if let (number, negated) = Self.oneMinus(expression), !Self.isLeaf(negated, isParameter) {
                let operand = lower(negated, owner: owner)
                let text = Self.number(number)
                nodes.append(Node(id: id, role: .operation(nil), kind: nil, html: "\(text) − ·",
                                  latex: "\(text)-{\\cdot}", family: nil, offset: nil))
                if let operand { connect(operand, nodes.count - 1) }
                return nodes.count - 1
            }
            let (primitive, arguments) = expression.primitive!
            let operands = arguments.map { lower($0, owner: owner) }
            var before: [(html: String, latex: String)] = [], after: [(html: String, latex: String)] = []
            let ordered = primitive == .matrixProduct || primitive == .general(.hadamard)
            for (k, argument) in arguments.enumerated() {
                let words: (html: String, latex: String)
                if case .variable(let p) = argument, isParameter(p) {
                    words = (graph[p].symbol.html, graph[p].symbol.latex)
                } else if case .constant(let c) = argument {
                    words = (Self.number(c), Self.number(c))
                } else {
                    continue
                }
                // A product's parameter stands on the side it multiplies; anything else follows the symbol.
                if ordered && k == 0 { before.append(words) } else { after.append(words) }
            }
            let symbol = primitive.symbol
            let separator = primitive == .sum ? (" + ", " + ") : (", ", ", ")
            let html = (before.map(\.html) + [MarkupText.html(symbol.text)]).joined(separator: " ")
                + (after.isEmpty ? "" : " " + after.map(\.html).joined(separator: separator.0))
            let latex = (before.map(\.latex) + [symbol.latex]).joined(separator: " ")
                + (after.isEmpty ? "" : " " + after.map(\.latex).joined(separator: separator.1))
            nodes.append(Node(id: id, role: .operation(primitive), kind: nil, html: html, latex: latex,
                              family: nil, offset: nil))
            let created = nodes.count - 1
            for operand in operands.compactMap({ $0 }) { connect(operand, created) }
            return created
        }
        for variable in graph.variables where isDefined(variable) {
            let last = lower(variable.definition!, owner: variable)
            let target = node(for: variable.id)
            if let last { connect(last, target) }
        }
        guard operationCount > 0 else {
            throw RNNGraphError.usage("the model computes nothing at each step, so it has no cell to draw")
        }
        stateLines = Self.stateLines(nodes: nodes, edges: edges)
    }

    /// Whether `expression` is drawn as no node: a number or a parameter.
    private static func isLeaf(_ expression: Expression, _ isParameter: (NodeID) -> Bool) -> Bool {
        if case .variable(let id) = expression { return isParameter(id) }
        return expression.children.isEmpty
    }

    /// `(c, x)` when `expression` is `c - x` for a number `c`.
    private static func oneMinus(_ expression: Expression) -> (Double, Expression)? {
        guard case .sum(let terms) = expression, terms.count == 2 else { return nil }
        for (a, b) in [(terms[0], terms[1]), (terms[1], terms[0])] {
            if case .constant(let c) = a, case .apply(.negate, let operands) = b, operands.count == 1 {
                return (c, operands[0])
            }
        }
        return nil
    }

    /// A time index relative to the step as a figure label writes it: `t`, `t+1`, `t−1` (with a minus sign).
    static func index(_ time: String, _ offset: Int) -> String {
        offset == 0 ? time : offset > 0 ? "\(time)+\(offset)" : "\(time)−\(-offset)"
    }

    /// A number as an operation's label shows it: `1`, `0.5`, `-2`.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Whether an operation works entry by entry without mixing entries or squashing
    /// them: what a state line may pass through (`⊙`, `+`, `−`, `1 − ·`).
    static func isElementwise(_ role: Role) -> Bool {
        switch role {
        case .operation(nil), .operation(.sum?), .operation(.general(.hadamard)?), .operation(.general(.negate)?):
            return true
        default: return false
        }
    }

    /// For each variable of the step whose value of the step before reaches it through
    /// element-wise operations only (an LSTM's `c`, a GRU's `h`), the shortest such path.
    private static func stateLines(nodes: [Node], edges: [(from: Int, to: Int)]) -> [[Int]] {
        var next: [Int: [Int]] = [:]
        for edge in edges { next[edge.from, default: []].append(edge.to) }
        var lines: [[Int]] = []
        let starts = nodes.indices.filter { nodes[$0].role == .input && (nodes[$0].offset ?? 0) != 0 }
            .sorted { (abs(nodes[$0].offset!), $0) < (abs(nodes[$1].offset!), $1) }
        for k in starts {
            let start = nodes[k]
            // One line a state: from its nearest other step (a second-order model also reads h_{t-2}).
            guard let end = nodes.firstIndex(where: { $0.role == .variable && $0.family == start.family }),
                  !lines.contains(where: { $0.last == end }) else { continue }
            // Breadth first, through element-wise operations, to the same family at this step.
            var previous: [Int: Int] = [k: k]
            var queue = [k]
            var head = 0
            while head < queue.count, previous[end] == nil {
                let current = queue[head]
                head += 1
                for successor in next[current] ?? [] where previous[successor] == nil {
                    guard successor == end || isElementwise(nodes[successor].role) else { continue }
                    previous[successor] = current
                    queue.append(successor)
                }
            }
            guard previous[end] != nil else { continue }
            var path = [end]
            while path.last! != k { path.append(previous[path.last!]!) }
            lines.append(path.reversed())
        }
        return lines
    }
}
