/// A named size shared by several tensors of a model: the hidden size, the
/// input size, and so on. Leaves are checked against each other through them.
public enum Dimension: String, Sendable, CaseIterable {
    /// Always 1 (the column count of a column vector, the row count of a bias row).
    case one = "1"
    /// The hidden size H.
    case hidden
    /// The input size D.
    case input
    /// The output size (number of classes for softmax).
    case output
    /// The number of rows of a batch (pytorch).
    case batch
}

/// The expected shape of one leaf, in named dimensions.
struct LeafShape: Sendable {
    /// Rows and columns of the tensor.
    var rows: Dimension
    var cols: Dimension
    /// Whether a JSON array of numbers is read as a row (`1 × n`) rather than a column (`n × 1`).
    var vectorIsRow: Bool
    /// For class-index targets: the dimension that bounds the index; the tensor is then a `1 × 1` index.
    var classes: Dimension?

    static func matrix(_ rows: Dimension, _ cols: Dimension, rowVectors: Bool = false) -> LeafShape {
        LeafShape(rows: rows, cols: cols, vectorIsRow: rowVectors, classes: nil)
    }

    static func classIndex(_ classes: Dimension) -> LeafShape {
        LeafShape(rows: .one, cols: .one, vectorIsRow: false, classes: classes)
    }
}

/// What each preset expects of its leaves, in the order they are checked:
/// the recurrent matrix first, so that it fixes the hidden size.
struct LeafShapes: Sendable {
    /// Parameters by ASCII name, in checking order.
    let parameters: [(name: String, shape: LeafShape)]
    let initialState: LeafShape
    let input: LeafShape
    let target: LeafShape

    init(_ options: ModelOptions) {
        switch options.preset {
        case .cs187:
            parameters = [("V", .matrix(.hidden, .hidden)), ("U", .matrix(.hidden, .input)),
                          ("W", .matrix(.input, .hidden))]
            initialState = .matrix(.hidden, .one)
            input = .matrix(.input, .one)
            target = .matrix(.input, .one)
        case .goodfellow:
            parameters = [("W", .matrix(.hidden, .hidden)), ("U", .matrix(.hidden, .input)),
                          ("V", .matrix(.output, .hidden)), ("b", .matrix(.hidden, .one)),
                          ("c", .matrix(.output, .one))]
            initialState = .matrix(.hidden, .one)
            input = .matrix(.input, .one)
            target = options.outputLoss == .softmax ? .classIndex(.output) : .matrix(.output, .one)
        case .pytorch:
            parameters = [("Wh", .matrix(.hidden, .hidden, rowVectors: true)),
                          ("Wx", .matrix(.input, .hidden, rowVectors: true)),
                          ("b", .matrix(.one, .hidden, rowVectors: true))]
            initialState = .matrix(.batch, .hidden, rowVectors: true)
            input = .matrix(.batch, .input, rowVectors: true)
            target = .matrix(.batch, .hidden, rowVectors: true)
        }
    }

    /// Whether vectors of this model are rows (batch × features).
    static func vectorsAreRows(_ options: ModelOptions) -> Bool { options.resolvedDefinition.layout == .rows }
}

/// Sizes fixed so far while reading a values file, with the leaf that fixed each.
struct DimensionBinding {
    private var sizes: [Dimension: (size: Int, from: String)] = [.one: (1, "")]

    func size(_ dimension: Dimension) -> Int? { sizes[dimension]?.size }

    /// Checks `tensor` against `shape`, fixing unbound dimensions from it.
    /// - Throws: ``RNNGraphError/input(_:)`` such as "W: expected 3×3 (hidden × hidden), got 3×2".
    mutating func check(_ name: String, _ tensor: Tensor, against shape: LeafShape) throws {
        var proposed = sizes
        var mismatch = false
        for (dimension, actual) in [(shape.rows, tensor.rows), (shape.cols, tensor.cols)] {
            if let bound = proposed[dimension] {
                if bound.size != actual { mismatch = true }
            } else {
                proposed[dimension] = (actual, name)
            }
        }
        guard mismatch else {
            sizes = proposed
            return
        }
        func expected(_ dimension: Dimension) -> String {
            proposed[dimension].map { "\($0.size)" } ?? "?"
        }
        var sources: [String] = []
        for dimension in [shape.rows, shape.cols] where dimension != .one {
            if let bound = proposed[dimension], bound.from != name,
               !sources.contains(where: { $0.hasPrefix("\(dimension.rawValue) ") }) {
                sources.append("\(dimension.rawValue) = \(bound.size) from \(bound.from)")
            }
        }
        let note = sources.isEmpty ? "" : "; \(sources.joined(separator: ", "))"
        throw RNNGraphError.input(
            "\(name): expected \(expected(shape.rows))×\(expected(shape.cols)) "
            + "(\(shape.rows.rawValue) × \(shape.cols.rawValue)), got \(tensor.rows)×\(tensor.cols)\(note)")
    }

    /// Fixes `dimension` if it is still free.
    mutating func bindIfFree(_ dimension: Dimension, _ size: Int, from name: String) {
        if sizes[dimension] == nil { sizes[dimension] = (size, name) }
    }
}
