import BigInt
import RNNGraphCore
import RNNGraphPaths

/// The gradient of one variable, computed three independent ways.
public struct GradientComparison: Sendable {
    /// The variable differentiated with respect to (a parameter, a per-step copy, `h_0`, an input or a target).
    public let variable: Variable
    /// Sum over paths of products of local Jacobians (``PathSum``); `nil` when the paths
    /// were too many to enumerate (``Agreement/pathSumSkipped``).
    public let pathSum: Tensor?
    /// Reverse accumulation (``ReverseAccumulation``).
    public let reverse: Tensor
    /// Central finite differences (``FiniteDifferences``).
    public let finiteDifferences: Tensor
    /// Number of paths summed by the path-sum computation.
    public let pathCount: Int
}

/// How far the three computations are apart. Each entry's disagreement is
/// `|a − b| / max(1, |a|, |b|)`: relative for large gradients, absolute near zero.
public struct Agreement: Sendable {
    /// Name of the differentiated variable (`L`).
    public let of: String
    /// Largest disagreement allowed.
    public let tolerance: Double
    /// Largest disagreement between path sums and reverse accumulation (`nil` when the path sum was skipped).
    public let pathSumVersusReverse: Double?
    /// Largest disagreement between reverse accumulation and finite differences.
    public let reverseVersusFiniteDifferences: Double
    /// Largest disagreement between path sums and finite differences (`nil` when the path sum was skipped).
    public let pathSumVersusFiniteDifferences: Double?
    /// Where the largest disagreement occurs (`U[0][1]`), or `nil` when there are no entries.
    public let worstEntry: String?
    /// Entries at a kink (`h_0[0]` when a ReLU's argument is exactly 0), where the
    /// function has no derivative, only the convention ReLU′(0) = 0 that path sums
    /// and reverse accumulation follow: finite differences are not compared there.
    public let kinks: [String]
    /// Total number of paths (summed, or too many to sum).
    public let pathCount: BigUInt
    /// Whether the paths were too many to enumerate, so that only reverse accumulation
    /// and finite differences were compared.
    public var pathSumSkipped: Bool { pathSumVersusReverse == nil }

    /// The largest of the three disagreements.
    public var largest: Double {
        max(pathSumVersusReverse ?? 0, reverseVersusFiniteDifferences, pathSumVersusFiniteDifferences ?? 0)
    }

    /// Whether every disagreement is within the tolerance.
    public var agrees: Bool { largest <= tolerance }
}

/// Computes the gradient of a scalar variable with respect to every parameter,
/// per-step parameter copy, `h_0`, input and real-valued target, three ways, and compares them.
public struct GradientCheck: Sendable {
    /// The default relative tolerance.
    public static let defaultTolerance = 1e-6
    /// The number of paths above which the path-sum computation is skipped (the other two still run).
    public static let defaultMaximumPaths = 1_000_000

    /// The evaluated graph.
    public let forward: ForwardPass
    /// The differentiated variable.
    public let target: NodeID
    /// The entry of ``target`` differentiated (row-major, 0-based), `nil` when the target is a scalar.
    public let entry: Int?
    /// One comparison per variable of ``differentiableVariables(of:)``, in graph order.
    public let comparisons: [GradientComparison]
    /// One comparison per computed variable other than the target and per-step parameter
    /// copies, in graph order: the adjoints `∂target/∂h_t`, `∂target/∂o_t`, … that
    /// backpropagation through time passes back (the δ values).
    public let adjoints: [GradientComparison]
    /// The summary, over ``comparisons`` and ``adjoints``.
    public let agreement: Agreement

    /// The variables gradients are reported for: parameters, their per-step copies, the
    /// initial state, inputs and real-valued targets (not class indices), in graph order.
    public static func differentiableVariables(of graph: ComputationGraph) -> [Variable] {
        let classIndices = Set(graph.variables.compactMap(\.definition).flatMap(\.classIndices))
        return graph.variables.filter {
            [.parameter, .parameterCopy, .initialState, .input].contains($0.kind)
                || ($0.kind == .target && !classIndices.contains($0.id))
        }
    }

    /// The computed variables whose adjoints are reported: every defined variable except
    /// per-step parameter copies and `target` itself, in graph order.
    public static func adjointVariables(of graph: ComputationGraph, target: NodeID) -> [Variable] {
        graph.variables.filter { $0.definition != nil && $0.kind != .parameterCopy && $0.id != target }
    }

    /// Runs the three computations for the gradient of `target` (default: the loss), or of
    /// its entry at row-major position `entry` (0-based), for every leaf and every computed variable.
    /// When the paths to enumerate exceed `maximumPaths` (an LSTM has millions at N = 8),
    /// the path sum is skipped and reverse accumulation and finite differences are compared.
    /// - Throws: `RNNGraphError/usage(_:)` when the target is not a scalar defined variable
    ///   (and no entry is named), or when the finite-difference check would cost too much.
    public init(_ forward: ForwardPass, of target: NodeID? = nil, entry: Int? = nil,
                tolerance: Double = defaultTolerance, maximumPaths: Int = defaultMaximumPaths) throws {
        let graph = forward.graph
        guard let target = target ?? graph.loss?.id else {
            throw RNNGraphError.usage("the graph has no loss; name a scalar variable with --of")
        }
        let name = graph[target].name
        guard graph[target].definition != nil else {
            throw RNNGraphError.usage("--of \(name): \(name) is given, not computed; choose a computed variable such as L")
        }
        guard entry != nil || forward[target].isScalar else {
            throw RNNGraphError.usage(
                "--of \(name): \(name) is \(forward[target].shapeDescription), not a scalar; choose L, a step loss "
                + "or an entry such as \(name)[1], or add --wrt for the Jacobian")
        }
        let variables = Self.differentiableVariables(of: graph)
        let computed = Self.adjointVariables(of: graph, target: target)
        let pathSum = PathSum(forward, of: target, entry: entry)
        var total = BigUInt(0)
        for variable in variables { total += pathSum.pathCount(from: variable.id) }
        var adjointPaths = BigUInt(0)
        for variable in computed { adjointPaths += pathSum.pathCount(from: variable.id) }
        // The leaves' path sums as before; the adjoints' too while the paths of both stay within the limit.
        let sumsPaths = total <= BigUInt(maximumPaths)
        let sumsAdjointPaths = total + adjointPaths <= BigUInt(maximumPaths)
        try Self.checkFiniteDifferenceCost(forward, variables: variables + computed)
        let reverse = ReverseAccumulation(forward, of: target, entry: entry)
        let differences = FiniteDifferences(forward, of: target, entry: entry)
        var kinks: [String] = []
        var kinkEntries: [NodeID: Set<Int>] = [:]
        func compare(_ variable: Variable, sumsPaths: Bool) -> GradientComparison {
            let estimate = differences.estimate(withRespectTo: variable.id)
            kinks += estimate.kinks.map { Self.entryName(variable.name, estimate.gradient, $0) }
            kinkEntries[variable.id] = Set(estimate.kinks)
            return GradientComparison(variable: variable,
                                      pathSum: sumsPaths ? pathSum.gradient(withRespectTo: variable.id) : nil,
                                      reverse: reverse.gradient(withRespectTo: variable.id),
                                      finiteDifferences: estimate.gradient,
                                      pathCount: Int(clamping: pathSum.pathCount(from: variable.id)))
        }
        comparisons = variables.map { compare($0, sumsPaths: sumsPaths) }
        adjoints = computed.map { compare($0, sumsPaths: sumsAdjointPaths) }
        self.forward = forward
        self.target = target
        self.entry = entry

        var worst: (value: Double, entry: String?) = (0, nil)
        var pairs = [0.0, 0.0, 0.0]
        for comparison in comparisons + adjoints {
            let kinks = kinkEntries[comparison.variable.id] ?? []
            let gradients: [(Tensor?, Tensor)] = [(comparison.pathSum, comparison.reverse),
                                                  (comparison.reverse, comparison.finiteDifferences),
                                                  (comparison.pathSum, comparison.finiteDifferences)]
            for (k, (first, b)) in gradients.enumerated() {
                guard let a = first else { continue }
                for i in a.entries.indices where k == 0 || !kinks.contains(i) {
                    let x = a.entries[i], y = b.entries[i]
                    var d = abs(x - y) / max(1, abs(x), abs(y))
                    if d.isNaN { d = .infinity }
                    pairs[k] = max(pairs[k], d)
                    if d > worst.value || worst.entry == nil {
                        worst = (d, Self.entryName(comparison.variable.name, a, i))
                    }
                }
            }
        }
        let ofName = entry.map { Self.entryName(name, forward[target], $0, oneBased: true) } ?? name
        agreement = Agreement(of: ofName, tolerance: tolerance, pathSumVersusReverse: sumsPaths ? pairs[0] : nil,
                              reverseVersusFiniteDifferences: pairs[1],
                              pathSumVersusFiniteDifferences: sumsPaths ? pairs[2] : nil,
                              worstEntry: worst.entry, kinks: kinks, pathCount: total)
    }

    /// The most multiply-adds the finite-difference check may take. Measured in a
    /// debug build on a 2-core machine: 4.6·10⁷ (hidden size 30) take 21 s.
    public static let maximumFiniteDifferenceWork = 1e8

    /// The multiply-adds of the finite-difference check: two forward passes per
    /// entry of every differentiated variable, each pass about one multiply-add per
    /// entry of every argument of every computed variable (a matrix-vector product
    /// reads each matrix entry once). It grows as d⁴ with the hidden size d.
    public static func finiteDifferenceWork(_ forward: ForwardPass, variables: [Variable]) -> Double {
        let graph = forward.graph
        var pass = 0.0
        for variable in graph.variables where variable.definition != nil {
            pass += Double(forward[variable.id].count)
            for parent in variable.parents { pass += Double(forward[parent].count) }
        }
        let entries = variables.reduce(0.0) { $0 + Double(forward[$1.id].count) }
        return 2 * entries * pass
    }

    /// - Throws: ``RNNGraphError/usage(_:)`` when the finite-difference check would take
    ///   more than ``maximumFiniteDifferenceWork`` multiply-adds, with the estimate.
    static func checkFiniteDifferenceCost(_ forward: ForwardPass, variables: [Variable]) throws {
        let work = finiteDifferenceWork(forward, variables: variables)
        guard work > maximumFiniteDifferenceWork else { return }
        throw RNNGraphError.usage(
            "the finite-difference check would take about \(NumberFormat.short(work, digits: 2)) multiply-adds, "
            + "above the limit of \(NumberFormat.short(maximumFiniteDifferenceWork, digits: 2)); "
            + "it grows as the fourth power of the hidden size: use smaller tensors or a smaller --length")
    }

    /// The comparison for a variable by name (canonical or short): a leaf's gradient or a computed variable's adjoint.
    public func comparison(for name: String) -> GradientComparison? {
        guard let variable = forward.graph.variable(named: name) else { return nil }
        return (comparisons + adjoints).first { $0.variable.id == variable.id }
    }

    /// `x_1[0]`, `U[0][1]` (0-based, as the agreement line has always written them), or with
    /// `oneBased` the lab's `h_1[1]`, `U[1,2]` (the `--of`/`--wrt` entry syntax).
    static func entryName(_ name: String, _ tensor: Tensor, _ index: Int, oneBased: Bool = false) -> String {
        if tensor.isScalar { return name }
        if oneBased {
            if tensor.cols == 1 || tensor.rows == 1 { return "\(name)[\(index + 1)]" }
            return "\(name)[\(index / tensor.cols + 1),\(index % tensor.cols + 1)]"
        }
        if tensor.cols == 1 { return "\(name)[\(index)]" }
        return "\(name)[\(index / tensor.cols)][\(index % tensor.cols)]"
    }
}
