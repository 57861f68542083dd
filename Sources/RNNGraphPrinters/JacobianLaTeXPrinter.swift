import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNumerics
import RNNGraphPaths

/// Prints a `JacobianReport` as LaTeX: one `bmatrix` slice per entry of the quantity,
/// `∂h_{1,i}/∂U = [...]`, shaped like the variable differentiated by (or a number for an entry).
public struct JacobianLaTeXPrinter: Sendable {
    /// How variables are written.
    public let printer: LaTeXPrinter
    /// How numbers are written.
    private let numbers: WorkedSolutionPrinter

    /// A printer with the given settings, showing `digits` significant digits.
    public init(settings: LaTeXSettings = LaTeXSettings(), digits: Int = 6) {
        printer = LaTeXPrinter(settings: settings)
        numbers = WorkedSolutionPrinter(settings: settings, digits: digits)
    }

    /// An `align*` block with the Jacobian's slices, the quantity's indices first.
    public func latex(_ report: JacobianReport) -> String {
        let j = report.jacobian
        let forward = report.forward
        let of = IndexedVariable(j.of.variable), wrt = IndexedVariable(j.wrt.variable)
        let ofValue = forward[j.of.variable.id], wrtValue = forward[j.wrt.variable.id]
        let rows = j.of.entry.map { [$0] } ?? Array(0..<ofValue.count)
        let width = j.wrt.entry == nil ? wrtValue.count : 1
        let wrtText = j.wrt.entry == nil ? printer.variable(wrt) : printer.entry(wrt, j.wrt.indices)
        var lines: [String] = []
        for (k, row) in rows.enumerated() {
            let indices = j.of.entry != nil ? j.of.indices
                : ofValue.cols == 1 || ofValue.rows == 1 ? [row + 1] : [row / ofValue.cols + 1, row % ofValue.cols + 1]
            let ofText = ofValue.isScalar && j.of.entry == nil ? printer.variable(of) : printer.entry(of, indices)
            let entries = Array(j.reverse[(k * width)..<((k + 1) * width)])
            let slice = width == 1 && j.wrt.entry != nil ? Tensor.scalar(entries[0])
                : Tensor(rows: wrtValue.rows, cols: wrtValue.cols, entries: entries)
            lines.append("\\frac{\\partial \(ofText)}{\\partial \(wrtText)} &= \(numbers.number(slice))")
        }
        return "\\begin{align*}\n" + lines.joined(separator: "\\\\\n") + "\n\\end{align*}\n"
    }
}
