import RNNGraphKit

/// What a document derives: the gradient of `loss` with respect to `variable` in `model`.
public struct DerivationRequest: Sendable {
    /// The model.
    public let model: Model
    /// The variable differentiated (the loss).
    public let loss: NodeID
    /// The variable differentiated with respect to.
    public let variable: NodeID
    /// How time indices are written.
    public let timeStyle: TimeIndexStyle

    /// Creates a request.
    public init(model: Model, loss: NodeID, variable: NodeID, timeStyle: TimeIndexStyle) {
        self.model = model
        self.loss = loss
        self.variable = variable
        self.timeStyle = timeStyle
    }
}

/// The source of every piece of LaTeX math a document shows: the model's
/// equations, the derivation in its forms, and the term of each path.
///
/// ``PathSumDerivation`` is the built-in source. A source backed by the
/// symbolic calculus plugs in by conforming to this protocol and being
/// passed to ``DocumentGenerator``; nothing else changes.
public protocol DerivationSource: Sendable {
    /// The model's defining equations, one LaTeX line each (`h_{1} = …`).
    func equations(for request: DerivationRequest) throws -> [String]
    /// The derivation in every form the source knows, in display order.
    func displays(for request: DerivationRequest) throws -> [DerivationDisplay]
    /// The term of the expanded sum that belongs to `path` (variable first, loss last).
    func term(along path: [NodeID], for request: DerivationRequest) throws -> String
}

/// The chain rule over paths, read straight off the graph: correct by the
/// definition of the chain rule, for any graph.
///
/// - equations: each defined variable as `v = definition`, in graph order;
/// - `expanded`: `∂L/∂v = Σ_paths Π_edges ∂b/∂a`, factors from the loss down,
///   terms in ``PathEnumerator`` order;
/// - `recursive`: reverse accumulation, `δ_a = Σ_children δ_b ∂b/∂a` for every
///   variable between `v` and `L` (with `δ_L = 1`), then `∂L/∂v` from the `δ`
///   of `v`'s children.
///
/// It has no compact form: that needs the symbolic calculus.
public struct PathSumDerivation: DerivationSource {
    /// The built-in source.
    public init() {}

    /// Each defined variable as `v = definition`, in graph order.
    public func equations(for request: DerivationRequest) throws -> [String] {
        let notation = notation(request)
        return request.model.graph.variables.compactMap { notation.equation($0.id) }
    }

    /// The `expanded` and `recursive` forms.
    public func displays(for request: DerivationRequest) throws -> [DerivationDisplay] {
        let notation = notation(request)
        let graph = request.model.graph
        let lhs = "\\frac{\\partial \(notation.latex(request.loss))}{\\partial \(notation.latex(request.variable))}"
        let terms = PathEnumerator(graph, from: request.variable, to: request.loss).map(notation.product(along:))
        let expanded = terms.enumerated().map { k, term in
            k == 0 ? "\(lhs) &= \(term)" : "&\\quad + \(term)"
        }

        // Reverse accumulation over the variables that lie on some path.
        let onWay = Self.between(graph, request.variable, request.loss)
        func delta(_ id: NodeID) -> String { "\\delta_{\(notation.latex(id))}" }
        func sum(into id: NodeID) -> String {
            graph.children[id.index].filter { onWay[$0.index] }.map { child in
                child == request.loss ? notation.partial(child, id) : "\(delta(child)) \(notation.partial(child, id))"
            }.joined(separator: " + ")
        }
        var recursive: [String] = []
        for position in stride(from: request.loss.index - 1, to: request.variable.index, by: -1)
        where onWay[position] {
            recursive.append("\(delta(NodeID(position))) &= \(sum(into: NodeID(position)))")
        }
        recursive.append("\(lhs) &= \(sum(into: request.variable))")

        return [
            DerivationDisplay(form: "expanded", title: DocumentText("Expanded: one product per path"),
                              body: expanded.joined(separator: " \\\\\n")),
            DerivationDisplay(form: "recursive",
                              title: DocumentText(
                                "Recursive: backpropagation, each delta the total derivative of the loss"),
                              body: recursive.joined(separator: " \\\\\n")),
        ]
    }

    /// `∂b/∂a` for every edge of the path, from the loss down to the variable.
    public func term(along path: [NodeID], for request: DerivationRequest) throws -> String {
        notation(request).product(along: path)
    }

    private func notation(_ request: DerivationRequest) -> VariableNotation {
        VariableNotation(graph: request.model.graph, timeStyle: request.timeStyle)
    }

    /// `true` for every variable on some path from `source` to `target`.
    static func between(_ graph: ComputationGraph, _ source: NodeID, _ target: NodeID) -> [Bool] {
        var fromSource = Array(repeating: false, count: graph.count)
        fromSource[source.index] = true
        for position in source.index...target.index where fromSource[position] {
            for child in graph.children[position] where child <= target { fromSource[child.index] = true }
        }
        var onWay = Array(repeating: false, count: graph.count)
        onWay[target.index] = fromSource[target.index]
        for position in stride(from: target.index, through: source.index, by: -1) where onWay[position] {
            for parent in graph.variables[position].parents where fromSource[parent.index] {
                onWay[parent.index] = true
            }
        }
        return onWay
    }
}
