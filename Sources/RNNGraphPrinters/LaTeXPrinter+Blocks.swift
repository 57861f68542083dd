import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Jacobians of stacked states: named in a Π, defined under the formula.
extension LaTeXPrinter {
    /// The name a Jacobian of stacked states has in a Π, `\mathbf{J}_{j}` (transposed in a gradient
    /// layout), defined below the formula by ``blockDefinitions(_:)``.
    func blockName(_ b: BlockMatrix) -> String {
        let states = b.isTransposed ? b.columns : b.rows
        var name = indexed("\\mathbf{J}", states.first?.time)
        if namesStackedStates, let time = states.first?.time {
            let label = states.map(\.symbol.latex).joined(separator: ",")
            name = settings.timeStyle == .subscript_ ? "\\mathbf{J}^{\(label)}_{\(index(time))}"
                                                     : indexed("\\mathbf{J}_{\(label)}", time)
        }
        return b.isTransposed ? "{\(name)}^{\\top}" : name
    }

    /// The definitions of the Jacobians of stacked states that Π's of `formula` multiply (empty when none):
    /// `J_j = ∂(h_j, c_j)/∂(h_{j-1}, c_{j-1})` as a matrix of named blocks, then each block's sum over the
    /// paths inside one step.
    public func blockDefinitions(_ formula: Formula) -> String {
        let blocks = formula.stackedBlocks
        return blocks.isEmpty ? "" : naming(blocks).definitions(of: blocks)
    }

    /// The printer that names Jacobians of stacked states by their states when `blocks` hold several stacks.
    func naming(_ blocks: [BlockMatrix]) -> LaTeXPrinter {
        var printer = self
        printer.namesStackedStates = Set(blocks.map { ($0.isTransposed ? $0.columns : $0.rows).map(\.symbol.ascii) }).count > 1
        return printer
    }

    private func definitions(of found: [BlockMatrix]) -> String {
        var output = "\\begin{align*}\n"
        for b in found {
            let of = b.isTransposed ? b.columns : b.rows, wrt = b.isTransposed ? b.rows : b.columns
            let stack = { (parts: [IndexedVariable]) in "\\left(" + parts.map(variable).joined(separator: ", ") + "\\right)" }
            let names = b.blocks.indices.map { r in
                b.blocks[r].indices.map { c -> String in
                    if b.blocks[r][c] == .zero { return b.hasMatrixBlocks ? "\\mathbf{0}" : "0" }
                    return blockEntryName(b, r, c)
                }
            }
            output.write("\(blockName(b)) &= \(b.isTransposed ? "\\left(" : "")\\frac{\\partial \(stack(of))}{\\partial \(stack(wrt))}"
                         + "\(b.isTransposed ? "\\right)^{\\top}" : "") = \\begin{bmatrix} "
                         + names.map { $0.joined(separator: " & ") }.joined(separator: " \\\\ ") + " \\end{bmatrix}\\\\\n")
            for r in b.blocks.indices {
                for c in b.blocks[r].indices where b.blocks[r][c] != .zero {
                    let name = blockEntryName(b, r, c)
                    if print(b.blocks[r][c], .top) == name { continue }
                    output.write("\(name)\n  &= ")
                    if b.hasMatrixBlocks, case .integer(let n) = b.blocks[r][c] {
                        // A block between vectors that is a number is that multiple of the identity (c_j = c_{j-1} + …).
                        output.write(n == 1 ? "\\mathbf{I}" : n == -1 ? "-\\mathbf{I}" : "\(n) \\mathbf{I}")
                    } else {
                        writeRightSide(b.blocks[r][c].terms, numbered: false, to: &output)
                    }
                    output.write("\\\\\n")
                }
            }
        }
        output.removeLast(3)
        return output + "\n\\end{align*}\n"
    }

    /// Block `(r, c)` of a Jacobian of stacked states by name: `∂h_j/∂c_{j-1}`, transposed in a gradient layout.
    private func blockEntryName(_ b: BlockMatrix, _ r: Int, _ c: Int) -> String {
        let (of, wrt) = b.jacobian(r, c)
        let name = partial(of: of, wrt: wrt)
        return b.isTransposed ? "\\left(\(name)\\right)^{\\top}" : name
    }
}
