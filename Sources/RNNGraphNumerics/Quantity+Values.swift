import RNNGraphCore
import RNNGraphPaths

extension Quantity {
    /// The quantity `text` names in `forward`'s graph: a variable, or one of its entries.
    /// A vector (a column, or a single row) takes one index; a matrix takes two.
    /// - Throws: `RNNGraphError/usage(_:)` for an unknown name, a malformed index or one out of range.
    public static func parse(_ text: String, in forward: ForwardPass, option: String) throws -> Quantity {
        let (name, indices) = try split(text, option: option)
        guard let variable = forward.graph.variable(named: name) else {
            throw forward.graph.unknownVariable(name, "in \(option)")
        }
        guard let indices else { return Quantity(variable) }
        let value = forward[variable.id]
        let isVector = value.cols == 1 || value.rows == 1
        let shape = value.isScalar ? "a scalar" : isVector ? "a vector of \(value.count) entries"
            : "a \(value.rows)×\(value.cols) matrix"
        let example = value.isScalar ? variable.name
            : isVector ? "\(variable.name)[\(value.count)]" : "\(variable.name)[\(value.rows),\(value.cols)]"
        let entry: Int?
        switch indices.count {
        case 1 where isVector && !value.isScalar:
            entry = (1...value.count).contains(indices[0]) ? indices[0] - 1 : nil
        case 2 where !isVector:
            entry = (1...value.rows).contains(indices[0]) && (1...value.cols).contains(indices[1])
                ? (indices[0] - 1) * value.cols + indices[1] - 1 : nil
        default:
            entry = nil
        }
        guard let entry else {
            throw RNNGraphError.usage("\(option) '\(text)': \(variable.name) is \(shape); indices start at 1, "
                                      + "so the last entry is \(example)")
        }
        return Quantity(variable: variable, entry: entry, indices: indices)
    }
}
