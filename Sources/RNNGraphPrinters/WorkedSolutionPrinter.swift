import Foundation
import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNumerics
import RNNGraphPaths

/// Prints a worked solution as a LaTeX fragment — the sheet a teacher hands out:
/// the given values, the forward equations with numbers substituted step by step,
/// the value of the differentiated quantity, one line per path term of the
/// chain rule (numbered like `--paths`) with its value, their sum, and the
/// agreement with reverse accumulation.
///
/// The numbers come from a `WorkedSolution`; this type only formats them. Terms are written as the paths are enumerated, so long
/// derivations stream out instead of piling up in memory.
public struct WorkedSolutionPrinter: Sendable {
    /// How variables and partials are written.
    public let printer: LaTeXPrinter
    /// Significant digits of the numbers shown.
    public let digits: Int

    /// A printer with the given settings, showing `digits` significant digits.
    public init(settings: LaTeXSettings = LaTeXSettings(), digits: Int = 6) {
        printer = LaTeXPrinter(settings: settings)
        self.digits = digits
    }

    /// What the sheet computed, for callers that check it after writing.
    public struct Summary: Sendable {
        /// The sum of the path terms.
        public let pathSum: Tensor
        /// The gradient by reverse accumulation.
        public let reverse: Tensor
        /// Largest entry-wise difference, relative to max(1, |x|).
        public let largestDifference: Double
        /// The number of terms written.
        public let termCount: Int
    }

    /// Writes the worked solution of `derivation` at `values`.
    /// - Throws: `RNNGraphError/usage(_:)` above `limit` terms or when the quantity
    ///   differentiated is not a scalar, before anything is written.
    @discardableResult
    public func write<Output: TextOutputStream>(_ derivation: Derivation, values: VariableValues,
                                                limit: Int = Derivation.defaultTermLimit,
                                                to output: inout Output) throws -> Summary {
        try derivation.checkSize(limit: limit)
        let target = derivation.of.id
        var solution = try WorkedSolution(values, of: target, wrt: derivation.wrt.id)
        let forward = solution.forward
        let graph = forward.graph
        let name: (NodeID) -> String = { printer.variable(IndexedVariable(graph[$0])) }

        // Given values.
        output.write("\\paragraph{Given.}\n\\begin{align*}\n")
        let leaves = graph.variables.filter { $0.definition == nil }
        for (k, leaf) in leaves.enumerated() {
            output.write("\(name(leaf.id)) &= \(number(forward[leaf.id]))")
            output.write(k == leaves.count - 1 ? "\n" : "\\\\\n")
        }
        output.write("\\end{align*}\n")

        // Forward pass, numbers substituted.
        output.write("\\paragraph{Forward pass.}\n\\begin{align*}\n")
        let equations = EquationPrinter(settings: printer.settings)
        let times = leaves.allSatisfy { forward[$0.id].isScalar } ? " \\cdot " : " "
        let defined = graph.variables.filter { $0.definition != nil && $0.id.index <= target.index }
        for (k, variable) in defined.enumerated() {
            let definition = variable.definition!
            let symbolic = equations.latex(definition, name, top: true)
            let substituted = equations.latex(definition, { factor(forward[$0]) }, top: true, times: times)
            output.write("\(name(variable.id)) &= \(symbolic)\\\\\n")
            output.write("  &= \(substituted)\\\\\n")
            output.write("  &= \(number(forward[variable.id]))")
            output.write(k == defined.count - 1 ? "\n" : "\\\\[1ex]\n")
        }
        if defined.isEmpty { output.write("\(name(target)) &= \(number(forward[target]))\n") }
        output.write("\\end{align*}\n")
        output.write("So \\(\(name(target)) = \(number(forward[target]))\\).\n\n")

        // One term per path.
        let lhs = printer.lhs(derivation, atLength: true)
        output.write("\\paragraph{Chain rule, one term per path from \\(\(name(derivation.wrt.id))\\) "
                     + "to \\(\(name(target))\\).}\n")
        if derivation.hasPath {
            output.write("\\begin{align*}\n")
            // Every factor is printed once, and every edge's Jacobian written once: by head and argument.
            let expanded = derivation.expandedFactors
            let factors = expanded.factors.map(printer.printed)
            var jacobians = graph.variables.map { [String?](repeating: nil, count: $0.parents.count) }
            for (path, edges) in zip(derivation.paths, derivation.paths.edgeLists) {
                let term = solution.add(path)
                let count = solution.termCount
                if count > 1 { output.write("\\\\\n") }
                output.write("(\(count))\\; ")
                let product = expanded.isNested ? nil : expanded.product(edges)
                if let product, product.count > 1 {
                    printer.writeProduct(product, of: factors, to: &output)
                } else {
                    output.write(printer.latex(expanded.term(edges)))
                }
                output.write("\n  &= ")
                // The factors are the edges' Jacobians, from the target down like the edges.
                if term.factors.allSatisfy(\.isScalar) && term.factors.count > 1 {
                    for (k, (edge, jacobian)) in zip(edges, term.factors).enumerated() {
                        if k > 0 { output.write(" \\cdot ") }
                        if jacobians[edge.head.index][edge.argument] == nil {
                            jacobians[edge.head.index][edge.argument] = factor(jacobian)
                        }
                        output.write(jacobians[edge.head.index][edge.argument]!)
                    }
                    output.write(" = ")
                }
                output.write(number(term.value))
            }
            output.write("\n\\end{align*}\n")
        } else {
            output.write("No path: \\(\(name(target))\\) does not depend on \\(\(name(derivation.wrt.id))\\).\n\n")
        }

        // The backward pass: every computed variable's adjoint, from the target down (the δ values).
        let adjoints = solution.adjoints
        if !adjoints.isEmpty {
            output.write("\\paragraph{Backward pass.} Reverse accumulation from \\(\(name(target))\\) down: the "
                         + "adjoint of each variable is the sum over its children \\(c\\) of "
                         + "\\((\\partial c/\\partial v)^\\top\\) times the adjoint of \\(c\\).\n\\begin{align*}\n")
            for (k, (variable, adjoint)) in adjoints.enumerated() {
                output.write("\\frac{\\partial \(name(target))}{\\partial \(name(variable.id))} &= " + number(adjoint))
                output.write(k == adjoints.count - 1 ? "\n" : "\\\\\n")
            }
            output.write("\\end{align*}\n")
        }

        // The sum and the check.
        let reverse = solution.reverse, difference = solution.largestDifference, count = solution.termCount
        output.write("\\paragraph{Sum.}\n\\begin{align*}\n\(lhs) &= ")
        switch count {
        case 0: break
        case 1: output.write("(1) = ")
        case 2: output.write("(1) + (2) = ")
        default: output.write("(1) + \\cdots + (\(count)) = ")
        }
        output.write("\(number(solution.pathSum))\n\\end{align*}\n")
        output.write("Reverse accumulation (backpropagation) gives \\(\(lhs) = \(number(reverse))\\); "
                     + "largest relative difference \\(\(scientific(difference))\\).\n")
        return Summary(pathSum: solution.pathSum, reverse: reverse, largestDifference: difference, termCount: count)
    }

    /// A number as LaTeX: `0.05`, `-1.2 \times 10^{-5}`.
    public func scalar(_ x: Double) -> String {
        let text = NumberFormat.short(x, digits: digits)
        guard let e = text.firstIndex(where: { $0 == "e" }) else {
            return text == "nan" || text == "inf" || text == "-inf" ? "\\text{\(text)}" : text
        }
        let mantissa = String(text[..<e])
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(mantissa) \\times 10^{\(exponent)}"
    }

    /// A scientific number for differences: `0` or `3.5 \times 10^{-17}`.
    func scientific(_ x: Double) -> String {
        guard x != 0 else { return "0" }
        let text = String(format: "%.1e", x)
        let parts = text.split(separator: "e")
        return "\(parts[0]) \\times 10^{\(Int(parts[1]) ?? 0)}"
    }

    /// A tensor as LaTeX: a number, or a `bmatrix`.
    public func number(_ t: Tensor) -> String {
        if t.isScalar { return scalar(t.scalar) }
        let rows = t.rowArrays.map { $0.map(scalar).joined(separator: " & ") }
        return "\\begin{bmatrix} " + rows.joined(separator: " \\\\ ") + " \\end{bmatrix}"
    }

    /// A tensor standing in for a factor: negative scalars in parentheses.
    func factor(_ t: Tensor) -> String {
        if t.isScalar && (t.scalar < 0 || scalar(t.scalar).contains("\\times")) { return "\\left(\(scalar(t.scalar))\\right)" }
        return number(t)
    }
}
