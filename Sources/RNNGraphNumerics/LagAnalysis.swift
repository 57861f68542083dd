import BigInt
import Foundation
import RNNGraphCore
import RNNGraphPaths

/// How much of each parameter's gradient comes from paths reaching back k steps
/// (vanishing and exploding gradients), and, with a truncation K, the gradient of
/// truncated backpropagation through time beside the full one.
public struct LagAnalysis: Sendable {
    /// The parameters analysed, in graph order.
    public let parameters: [Variable]
    /// The split of the adjoints by lag, over every lag.
    public let accumulation: LagAccumulation
    /// The truncation K: only paths through at most K recurrent steps, or `nil`.
    public let truncation: Int?
    /// The largest difference between the truncated gradients by lag and path sums over the
    /// kept paths; `nil` without truncation or when the paths were too many to sum.
    public let truncatedPathSumVersusReverse: Double?
    /// The number of kept paths (from every parameter), with a truncation.
    public let keptPaths: BigUInt?
    /// The largest difference between the sum of the parts over every lag and the full gradient.
    public let lagSumVersusReverse: Double

    /// The most variables × lags kept in memory.
    public static let maximumWork = 5_000_000

    /// Splits the gradient of `check`'s target by lag; with `truncation`, also sums the kept paths.
    /// - Throws: `RNNGraphError/usage(_:)` when the split would take too much memory.
    public init(_ check: GradientCheck, truncation: Int?, maximumPaths: Int = GradientCheck.defaultMaximumPaths) throws {
        let forward = check.forward
        let graph = forward.graph
        let work = Double(graph.count) * Double(graph.maximumLag + 1)
        guard work <= Double(Self.maximumWork) else {
            throw RNNGraphError.usage("splitting the gradient by lag would keep about \(NumberFormat.short(work, digits: 2)) "
                                      + "tensors, above the limit of \(Self.maximumWork); use a smaller length")
        }
        let accumulation = LagAccumulation(forward, of: check.target, entry: check.entry)
        parameters = graph.variables(of: .parameter)
        var lagSum = 0.0
        for comparison in check.comparisons {
            lagSum = max(lagSum, Self.difference(accumulation.gradient(withRespectTo: comparison.variable.id),
                                                 comparison.reverse))
        }
        lagSumVersusReverse = lagSum
        self.accumulation = accumulation
        self.truncation = truncation
        guard let truncation else {
            truncatedPathSumVersusReverse = nil
            keptPaths = nil
            return
        }
        let sums = PathSum(forward, of: check.target, entry: check.entry, maximumLag: truncation)
        let kept = parameters.reduce(BigUInt(0)) { $0 + sums.pathCount(from: $1.id) }
        keptPaths = kept
        guard kept <= BigUInt(maximumPaths) else {
            truncatedPathSumVersusReverse = nil
            return
        }
        var largest = 0.0
        for parameter in parameters {
            largest = max(largest, Self.difference(sums.gradient(withRespectTo: parameter.id),
                                                   accumulation.gradient(withRespectTo: parameter.id, upTo: truncation)))
        }
        truncatedPathSumVersusReverse = largest
    }

    /// `|a − b| / max(1, |a|, |b|)`, the largest over the entries.
    static func difference(_ a: Tensor, _ b: Tensor) -> Double {
        var largest = 0.0
        for (x, y) in zip(a.entries, b.entries) {
            let d = abs(x - y) / max(1, abs(x), abs(y))
            largest = max(largest, d.isNaN ? .infinity : d)
        }
        return largest
    }

    /// The lags 0 … the graph's largest.
    public var lags: ClosedRange<Int> { 0...accumulation.maximumLag }

    /// The Frobenius norm of the part of `parameter`'s gradient at each lag.
    public func norms(_ parameter: Variable) -> [Double] {
        lags.map { k in sqrt(accumulation.part(parameter.id, lag: k).entries.reduce(0) { $0 + $1 * $1 }) }
    }

    /// Whether both identities hold within `tolerance`.
    public func agrees(tolerance: Double) -> Bool {
        max(lagSumVersusReverse, truncatedPathSumVersusReverse ?? 0) <= tolerance
    }
}
