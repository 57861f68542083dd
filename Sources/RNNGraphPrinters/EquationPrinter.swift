import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNumerics
import RNNGraphPaths

/// Prints a model's defining equations as LaTeX, in the model's notation:
/// `h_{t} = \sigma\left(\mathbf{U} x_{t} + \mathbf{V} h_{t-1}\right)`.
///
/// ``equation(for:in:)`` prints one variable of the unrolled graph with concrete
/// times; ``stepEquations(_:)`` prints one equation per family of the rolled
/// graph with symbolic times (`t`) and the loss as a sum over its steps.
public struct EquationPrinter: Sendable {
    /// The printer for variables and indices.
    public let printer: LaTeXPrinter

    /// An equation printer with the given settings.
    public init(settings: LaTeXSettings = LaTeXSettings()) { printer = LaTeXPrinter(settings: settings) }

    /// `name = definition` for one variable of `graph`; `nil` for a leaf.
    public func equation(for variable: Variable, in graph: ComputationGraph) -> String? {
        guard let definition = variable.definition else { return nil }
        let name: (NodeID) -> String = { printer.variable(IndexedVariable(graph[$0])) }
        return "\(name(variable.id)) = \(latex(definition, name, top: true))"
    }

    /// One equation per defined family of the model, with time written `t`.
    public func stepEquations(_ model: Model) throws -> [String] {
        let rolled = try RolledGraph.shared(for: model.options)
        let graph = rolled.representative
        let middle = rolled.representativeLength / 2
        var result: [String] = []
        for node in rolled.nodes {
            let members = graph.variables.filter { RolledGraph.Node.same($0, node) && $0.definition != nil }
            guard let representative = members.first(where: { $0.time == middle }) ?? members.last,
                  let definition = representative.definition else { continue }
            if let time = representative.time {
                let name: (NodeID) -> String = { id in
                    let v = graph[id]
                    return printer.variable(IndexedVariable(symbol: v.symbol, time: v.time.map { .index("t", $0 - time) },
                                                            isCopy: v.kind == .parameterCopy))
                }
                result.append("\(name(representative.id)) = \(latex(definition, name, top: true))")
            } else if let (terms, isMean) = Self.steps(definition), let summand = terms.dropFirst(terms.count / 2).first,
                      let anchor = summand.references.filter({ graph[$0].time != nil })
                          .min(by: { graph[$0].time! < graph[$1].time! }),
                      let step = graph[anchor].time, let family = rolled.family(of: graph[anchor]),
                      let range = rolled.edges.first(where: { rolled.nodes[$0.to] == node && $0.from == family })?.range {
                let name: (NodeID) -> String = { id in
                    let v = graph[id]
                    return printer.variable(IndexedVariable(symbol: v.symbol, time: v.time.map { .index("t", $0 - step) },
                                                            isCopy: v.kind == .parameterCopy))
                }
                var scale = ""
                if isMean {
                    let size = range.upper.base == range.lower.base
                        ? IndexExpression.constant(range.upper.offset - range.lower.offset + 1)
                        : range.upper.shifted(by: 1 - range.lower.offset)
                    scale = "\\frac{1}{\(printer.index(size))} "
                }
                let sum = "\\sum_{t=\(printer.index(range.lower))}^{\(printer.index(range.upper))}"
                result.append("\(printer.variable(IndexedVariable(representative))) = \(scale)\(sum) \(latex(summand, name, top: false))")
            } else {
                result.append(equation(for: representative, in: graph) ?? "")
            }
        }
        return result
    }

    /// The per-step terms of a sum or mean over steps.
    private static func steps(_ e: Expression) -> ([Expression], Bool)? {
        if case .sum(let terms) = e { return (terms, false) }
        if case .mean(let terms) = e { return (terms, true) }
        return nil
    }

    /// The precedence of an equation's outermost operation, in the table formulas are printed by.
    private static func precedence(_ e: Expression) -> Precedence {
        if case .constant(let c) = e { return c < 0 ? .signed : .atom }
        return e.call?.entry.precedence ?? .atom
    }

    /// `e` as LaTeX, each variable written by `name`; `times` separates the factors of a product
    /// (a space for symbols, `\cdot` when numbers stand in for them). An operation prints itself
    /// (``OperationEntry/latex(_:times:)``).
    func latex(_ e: Expression, _ name: (NodeID) -> String, top: Bool, times: String = " ") -> String {
        if case .variable(let id) = e { return name(id) }
        if case .constant(let c) = e { return NumberFormat.exact(c) }
        let (entry, arguments) = e.call!
        return withoutActuallyEscaping(name) { name in
            entry.latex(Arguments(printer: self, arguments: arguments, name: name, times: times), times: times)
        }
    }

    /// The arguments of a call, printed for its operation's printed form.
    private struct Arguments: ArgumentWriter {
        let printer: EquationPrinter
        let arguments: [Expression]
        let name: (NodeID) -> String
        let times: String

        var count: Int { arguments.count }

        func argument(_ k: Int, least: Precedence) -> String { placed(arguments[k], least) }

        func negatedOperand(_ k: Int, least: Precedence) -> String? {
            guard case .apply(.negate, let negated) = arguments[k] else { return nil }
            return placed(negated[0], least)
        }

        func isNumber(_ k: Int) -> Bool {
            if case .constant = arguments[k] { return true }
            return false
        }

        private func placed(_ x: Expression, _ least: Precedence) -> String {
            let text = printer.latex(x, name, top: false, times: times)
            return EquationPrinter.precedence(x) < least ? "\\left(\(text)\\right)" : text
        }
    }
}

extension RolledGraph.Node {
    /// Whether `variable` belongs to the family `node`.
    static func same(_ variable: Variable, _ node: RolledGraph.Node) -> Bool {
        variable.symbol == node.symbol && (variable.time != nil) == node.isTimed
            && (variable.kind == .parameterCopy) == node.isCopy
    }
}
