/// The graph of a figure's operations view: every step of every definition
/// (a matrix product, a sum, an activation, a softmax, a loss, a mean, an
/// ``Operation``) as a node of its own between the variables, like an autograd
/// graph, named as in the maths.
///
/// Only figures read it: the numbers, the calculus and the paths work on the
/// model's own graph. An operation node has the kind and time of the variable
/// whose definition holds it (so it is drawn in that step's column) and a
/// definition of one step whose arguments are nodes or numbers; the variable
/// it completes is defined as that node. A definition that is just a variable
/// gets no operation node. The steps are those of `Expression.primitive`
/// (a cross-entropy of a softmax is one fused step, as the numbers compute it).
public struct OperationsGraph: Sendable {
    /// The model's variables and the operation nodes, every node after its arguments.
    public let graph: ComputationGraph
    /// The node of each variable of the model's graph, by that variable's index.
    public let nodes: [NodeID]
    /// The step each node computes, by node index: `nil` for a model variable.
    private let steps: [Primitive?]
    /// The node each operation node feeds (the next operation out, or the
    /// variable it completes), by node index: `nil` for a model variable.
    private let consumers: [NodeID?]
    /// The operation nodes of each variable's definition, operands first, by node index.
    private let operationsOf: [[NodeID]]

    /// The operations view of `model`'s graph.
    public init(_ model: ComputationGraph) {
        var builder = GraphBuilder()
        var nodes: [NodeID] = []
        var steps: [Primitive?] = []
        var consumers: [NodeID?] = []
        var operationsOf: [[NodeID]] = []
        nodes.reserveCapacity(model.count)
        for variable in model.variables {
            guard let definition = variable.definition else {
                nodes.append(builder.leaf(variable.kind, variable.symbol, time: variable.time))
                steps.append(nil)
                consumers.append(nil)
                operationsOf.append([])
                continue
            }
            var created: [NodeID] = []
            // Operands first (post-order), so every node follows its arguments.
            func lower(_ expression: Expression) -> Expression {
                switch expression.node {
                case .variable(let id): return .variable(nodes[id.index])
                case .constant: return expression
                case .step(let step, let arguments):
                    let lowered = arguments.map(lower)
                    let inner = Set(lowered.compactMap { argument -> NodeID? in
                        if case .variable(let id) = argument, steps[id.index] != nil { return id }
                        return nil
                    })
                    let numbers = lowered.compactMap { argument -> String? in
                        if case .constant(let c) = argument { return Self.number(c) }
                        return nil
                    }
                    let (text, latex) = step.symbol
                    let label = ([text] + numbers).joined(separator: " ")
                    let symbol = Symbol("\(variable.symbol.ascii)#\(created.count + 1)",
                                        latex: ([latex] + numbers).joined(separator: " "), html: label, text: label)
                    let id = builder.define(variable.kind, symbol, time: variable.time, as: step.expression(lowered))
                    for operand in inner.sorted() { consumers[operand.index] = id }
                    created.append(id)
                    steps.append(step)
                    consumers.append(nil)
                    return .variable(id)
                }
            }
            let completed = lower(definition)
            let id = builder.define(variable.kind, variable.symbol, time: variable.time, as: completed)
            if let root = created.last, case .variable(root) = completed { consumers[root.index] = id }
            nodes.append(id)
            steps.append(nil)
            consumers.append(nil)
            for _ in created { operationsOf.append([]) }
            operationsOf.append(created)
        }
        graph = builder.build()
        self.nodes = nodes
        self.steps = steps
        self.consumers = consumers
        self.operationsOf = operationsOf
    }

    /// Whether `id` is an operation node (not a variable of the model).
    public func isOperation(_ id: NodeID) -> Bool { steps[id.index] != nil }

    /// The number of operation nodes.
    public var operationCount: Int { steps.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The operation nodes of the definition of `variable` (a node of the model's graph), operands first.
    public func operations(of variable: NodeID) -> [NodeID] { operationsOf[nodes[variable.index].index] }

    /// The edges of this graph that carry the model's edge `from → to` (nodes of the
    /// model's graph): from `from` into each operation that reads it, then from
    /// operation to operation out to `to`. Empty when `to` does not read `from`.
    public func edges(from: NodeID, to: NodeID) -> [(from: NodeID, to: NodeID)] {
        let tail = nodes[from.index], head = nodes[to.index]
        let operations = operationsOf[head.index]
        if operations.isEmpty {
            return graph[head].parents.contains(tail) ? [(tail, head)] : []
        }
        var result: [(from: NodeID, to: NodeID)] = []
        var walked = Set<NodeID>()
        for operation in operations where graph[operation].parents.contains(tail) {
            result.append((tail, operation))
            var node = operation
            while walked.insert(node).inserted, let next = consumers[node.index] {
                result.append((node, next))
                node = next
            }
        }
        return result
    }

    /// A number as an operation's label shows it: `1`, `0.5`, `-2`.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
