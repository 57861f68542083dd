import RNNGraphCore
import RNNGraphPaths

/// The factors of the expanded form, built once per edge and shared by every term
/// whose path takes that edge: a term is the product of its edges' factors.
///
/// An edge contributes left and right factors (``EdgeAction``): a term multiplies
/// the left factors of its edges from the source up, then the right factors from
/// the target down. Each edge's factors are flattened as ``Formula/multiply(_:)``
/// flattens them inside a term, so a term's factors are the concatenation of its
/// edges' and ``formula(_:)`` gives exactly the product `multiply` would.
package struct ExpandedFactors: Sendable {
    /// Every factor of every term, numbered by position.
    package let factors: [Formula]
    /// By head and argument position: the numbers of the edge's factors; `nil` when its
    /// partial is 0, and for edges on no path, which no term reads.
    private let edges: [[(lefts: [Int], rights: [Int])?]]
    /// By head and argument position, the actions of edges that are not products (element-wise steps).
    private let elementwise: [[EdgeAction?]]
    /// Whether some term has an element-wise step, so that it is nested rather than a product of ``factors``.
    package let isNested: Bool

    /// The factors of the edges on the paths of `onWay` (``PathEnumerator``), `action`
    /// giving each edge's, by head and tail.
    init(graph: ComputationGraph, onWay: [Bool], action: (NodeID, NodeID) -> EdgeAction) {
        var factors: [Formula] = []
        // The numbers of `pieces` flattened into `factors`; `nil` when one is 0.
        func number(_ pieces: [Formula]) -> [Int]? {
            var numbers: [Int] = []
            for piece in pieces {
                switch piece {
                case .integer(0): return nil
                case .integer(1): continue
                case .reciprocal(let n) where n.base == .constant && n.offset == 1: continue  // a mean over one step
                case .product(let inner):
                    numbers += factors.count..<(factors.count + inner.count)
                    factors += inner
                default:
                    numbers.append(factors.count)
                    factors.append(piece)
                }
            }
            return numbers
        }
        var elementwise: [[EdgeAction?]] = graph.variables.map { [EdgeAction?](repeating: nil, count: $0.parents.count) }
        edges = graph.variables.map { head in
            guard onWay[head.id.index] else { return [] }
            return head.parents.enumerated().map { position, parent -> (lefts: [Int], rights: [Int])? in
                guard onWay[parent.index] else { return nil }
                let edge = action(head.id, parent)
                if !edge.isProduct { elementwise[head.id.index][position] = edge }
                guard let lefts = number(edge.lefts), let rights = number(edge.rights) else { return nil }
                return (lefts, rights)
            }
        }
        self.factors = factors
        self.elementwise = elementwise
        isNested = elementwise.contains { $0.contains { $0 != nil } }
    }

    /// One path's term: the product of its factors, or, when a step is element-wise,
    /// the edges' actions done in turn from the target down.
    package func term(_ path: [PathEnumerator.Edge]) -> Formula {
        guard isNested else { return formula(product(path)) }
        var g = Formula.one
        for edge in path {
            if let action = elementwise[edge.head.index][edge.argument] {
                g = action.apply(to: g)
            } else {
                guard let numbers = edges[edge.head.index][edge.argument] else { return .zero }
                g = EdgeAction(lefts: numbers.lefts.map { factors[$0] }, rights: numbers.rights.map { factors[$0] }).apply(to: g)
            }
        }
        return g
    }

    /// The numbers of the factors of one path's term, in order, or `nil` when the term is 0.
    /// - Parameter path: the path's edges from the target down (``PathEnumerator/EdgeLists``).
    package func product(_ path: [PathEnumerator.Edge]) -> [Int]? {
        var numbers: [Int] = []
        numbers.reserveCapacity(path.count)
        for edge in path.reversed() {
            guard let factors = edges[edge.head.index][edge.argument] else { return nil }
            numbers += factors.lefts
        }
        for edge in path { numbers += edges[edge.head.index][edge.argument]!.rights }
        return numbers
    }

    /// A term as a formula: 0, 1, a single factor or a product, a factor −1 as its sign.
    package func formula(_ product: [Int]?) -> Formula {
        guard let product else { return .zero }
        return Formula.multiply(product.map { factors[$0] })
    }
}
