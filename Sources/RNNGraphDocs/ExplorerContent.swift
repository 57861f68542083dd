import BigInt
import Foundation
import RNNGraphKit
import RNNGraphRender

/// What the explorer page shows, computed once for each length: the figure as SVG with its node and
/// edge hooks, each path's edges, the terms through each node, each edge's local partial, and every
/// form of the derivation as MathML.
public struct ExplorerContent: Sendable {
    /// The derivation's forms at one length, by name (`expanded`, `compact`, `merged`, `recursive`)
    /// and local form, each as MathML lines.
    public struct Length: Sendable {
        /// The length N.
        public let length: Int
        /// The figure as SVG, each node carrying `data-node` and each edge `data-edge="tail->head"`.
        public let svg: String
        /// For path k (from 1, numbered as the expanded form's terms), its edges as `tail->head`.
        public let paths: [[String]]
        /// By node name, the numbers of the terms whose paths pass through it.
        public let termsThrough: [String: [Int]]
        /// By edge (`tail->head`), its local partial as MathML: symbolic and closed.
        public let partials: [String: (symbolic: String, closed: String)]
        /// The left side of the expanded form as MathML.
        public let lhs: String
        /// The expanded form's terms as MathML, symbolic and closed.
        public let terms: (symbolic: [String], closed: [String])
        /// The other forms by `form-local` (`compact-closed`), in page order.
        public let forms: [(name: String, form: Form)]
        /// The numbers at this length, when values were given for it.
        public let numbers: ExplorerNumbers?
    }

    /// A form of the derivation as MathML lines, or why the model has no such form.
    public enum Form: Sendable {
        /// The form's lines (`<math>` contents).
        case lines([String])
        /// The message of the refusal.
        case refused(String)
    }

    /// The lengths computed, in increasing order.
    public let lengths: [Length]
    /// The model's text as written.
    public let modelText: String
    /// The length shown first.
    public let initialLength: Int

    /// The most lengths a page holds.
    public static let maximumLengths = 6
    /// The most terms of one length's expanded form a page holds.
    public static let maximumTerms = 2_000

    /// The content for `options` at the last ``maximumLengths`` lengths up to its own, differentiating
    /// `of` (the loss by default) by `wrt`, with the numbers of `values` (of a model of `options`) at its length.
    /// - Throws: `RNNGraphError/usage(_:)` when a length's expanded form has more than ``maximumTerms`` terms,
    ///   with its count; `RNNGraphError/input(_:)` when `values` give a non-finite number.
    public init(options: ModelOptions, of: String?, wrt: String?, modelText: String,
                timeStyle: TimeIndexStyle = .subscript_, values: VariableValues? = nil) throws {
        let last = options.length
        // The longest length has the most terms: refused from the rolled graph's count before any is unrolled.
        try Self.checkCount(try Derivation(options: options, of: of, wrt: wrt).count, length: last)
        let first = max(1, last - Self.maximumLengths + 1)
        var lengths: [Length] = []
        for n in first...last {
            var at = options
            at.length = n
            lengths.append(try Self.length(at, of: of, wrt: wrt, timeStyle: timeStyle, values: n == last ? values : nil))
        }
        self.lengths = lengths
        self.modelText = modelText
        self.initialLength = last
    }

    private static func length(_ options: ModelOptions, of: String?, wrt: String?, timeStyle: TimeIndexStyle,
                               values: VariableValues?) throws -> Length {
        let model = try Model(options)
        let symbolic = try Derivation(model: model, of: of, wrt: wrt, local: .symbolic)
        let closed = try Derivation(model: model, of: of, wrt: wrt, local: .closed)
        try checkCount(try symbolic.count, length: options.length)
        let graph = symbolic.graph
        let name = { (id: NodeID) in graph[id].name }
        let printer = MathMLPrinter(timeStyle: timeStyle)
        var paths: [[String]] = [], pathNodes: [[String]] = []
        var through: [String: [Int]] = [:]
        var partials: [String: (symbolic: String, closed: String)] = [:]
        let symbolicFactors = symbolic.expandedFactors, closedFactors = closed.expandedFactors
        for path in symbolic.paths.edgeLists {
            let k = paths.count + 1
            var keys: [String] = [], nodes: [String] = []
            for edge in path.reversed() {
                let tail = name(graph[edge.head].parents[edge.argument]), head = name(edge.head)
                let key = "\(tail)->\(head)"
                keys.append(key)
                if nodes.isEmpty { nodes.append(tail) }
                nodes.append(head)
                for node in [tail, head] where through[node]?.last != k { through[node, default: []].append(k) }
                if partials[key] == nil {
                    partials[key] = (printer.mathML(symbolicFactors.term([edge])), printer.mathML(closedFactors.term([edge])))
                }
            }
            paths.append(keys)
            pathNodes.append(nodes)
        }
        let formPrinter = MathMLPrinter(timeStyle: timeStyle, focusableFactors: true)
        var forms: [(name: String, form: Form)] = []
        // A form the model has not (a recurrence with no single compact shape) is shown as the reason why.
        func form(_ lines: () throws -> [String]) -> Form {
            do { return .lines(try lines()) } catch { return .refused((error as? RNNGraphError)?.message ?? "\(error)") }
        }
        for (local, d) in [("symbolic", symbolic), ("closed", closed)] {
            for (shape, shapeName) in [(CompactShape.split, "compact"), (.merged, "merged")] {
                forms.append(("\(shapeName)-\(local)", form {
                    let formula = try d.compact(shape: shape)
                    return [row(printer.lhs(d), formPrinter.mathML(formula))] + formPrinter.blockDefinitionLines(formula)
                }))
            }
            forms.append(("recursive-\(local)", form { formPrinter.recursiveLines(try d.recursive(), of: d) }))
        }
        // Parameters as nodes: every edge of a path is an edge of the figure.
        let figure = try Figure(model, options: FigureOptions(timeStyle: timeStyle, parameters: .nodes))
        let numbers = try values.map { values in
            try ExplorerNumbers(values, of: of, paths: pathNodes)
        }
        let svg = String(decoding: try GraphvizRenderer.render(figure, format: .svg), as: UTF8.self)
        return Length(length: options.length, svg: ExplorerHooks.hooked(svg), paths: paths, termsThrough: through,
                      partials: partials, lhs: printer.lhs(symbolic, atLength: true),
                      terms: (symbolic.terms.map(printer.mathML), closed.terms.map(printer.mathML)), forms: forms,
                      numbers: numbers)
    }

    /// Refuses a page whose expanded form at `length` has more than ``maximumTerms`` terms.
    private static func checkCount(_ count: BigUInt, length: Int) throws {
        guard count > BigUInt(maximumTerms) else { return }
        let digits = String(count).count
        let size = digits > 9 ? "about 10^\(digits - 1)" : String(count)
        throw RNNGraphError.usage("the explorer page at N = \(length) would hold \(size) terms, above its limit of "
                                  + "\(maximumTerms); use a shorter length or a smaller model")
    }

    private static func row(_ lhs: String, _ rhs: String) -> String { "<mrow>\(lhs)<mo>=</mo>\(rhs)</mrow>" }
}
