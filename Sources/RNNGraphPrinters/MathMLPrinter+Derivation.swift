import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// The recursive form as MathML lines: each δ's definition and cases, then the result; the definitions
/// of the Jacobians of stacked states a compact form multiplies.
extension MathMLPrinter {
    /// The lines of `form`, the recursive form of `d`: `δ_t = ∂L/∂h_t`, each case with its range, the result.
    public func recursiveLines(_ form: RecursiveFormula, of d: Derivation) -> [String] {
        var lines: [String] = []
        func line(_ left: String, _ right: Formula, _ condition: String?) {
            let range = condition.map { "<mspace width=\"2em\"/>" + $0 } ?? ""
            lines.append("<mrow>\(left)\(mo("="))\(mathML(right))\(range)</mrow>")
        }
        for delta in form.deltas {
            let t = delta.index
            let dt = self.delta(.index(t), state: delta.state)
            let definition = d.isVector ? gradient(of: d.ofVariable, wrt: delta.variable)
                                        : partial(of: d.ofVariable, wrt: delta.variable)
            lines.append("<mrow>\(dt)\(mo("="))\(definition)</mrow>")
            for c in delta.cases {
                switch (c.from, c.to) {
                case let (from?, to?) where from == to: line(self.delta(from, state: delta.state), c.formula, nil)
                case let (from?, to?): line(dt, c.formula, row(index(from), mo("≤"), mi(t), mo("≤"), index(to)))
                case let (nil, to?): line(dt, c.formula, row(mi(t), mo("≤"), index(to)))
                case let (from?, nil): line(dt, c.formula, row(mi(t), mo("≥"), index(from)))
                case (nil, nil): line(dt, c.formula, nil)
                }
            }
        }
        lines.append("<mrow>\(lhs(d))\(mo("="))\(mathML(form.result))</mrow>")
        return lines
    }

    /// The definitions of the Jacobians of stacked states that the Π's of `formula` multiply (none when none):
    /// `J_j` = the matrix of its blocks.
    public func blockDefinitionLines(_ formula: Formula) -> [String] {
        formula.stackedBlocks.map { b in
            let states = b.isTransposed ? b.columns : b.rows
            return "<mrow>\(indexed(mi("J", bold: true), states.first?.time))\(mo("="))\(mathML(.blocks(b)))</mrow>"
        }
    }
}
