import RNNGraphCore
import RNNGraphPaths

/// Reverse accumulation split by lag: the adjoint `∂target/∂v` of every variable as a
/// sum over lags k, where the part at lag k collects the paths from `v` to the target
/// through exactly k recurrent steps (`ComputationGraph/isRecurrentStep(from:to:)`).
///
/// Summed over every lag it is the full gradient; summed up to K it is the gradient of
/// truncated backpropagation through time, which keeps the paths reaching back at most
/// K steps. Each part is accumulated like ``ReverseAccumulation``, with the lag raised
/// by one on every recurrent edge, so the cost is that of one backward pass per lag.
public struct LagAccumulation: Sendable {
    /// The evaluated graph.
    public let forward: ForwardPass
    /// The largest lag kept.
    public let maximumLag: Int
    /// `parts[k][v]`: the part of the adjoint of variable `v` from paths through exactly k recurrent steps.
    public let parts: [[Tensor]]

    /// Splits the adjoints of `target` (a scalar, or its entry `entry`) by lag, up to `maximumLag`
    /// (default: the graph's `ComputationGraph/maximumLag`, which keeps every path).
    public init(_ forward: ForwardPass, of target: NodeID, entry: Int? = nil, maximumLag: Int? = nil) {
        precondition(entry != nil || forward[target].isScalar, "lag accumulation needs a scalar variable")
        let graph = forward.graph
        let lags = max(0, maximumLag ?? graph.maximumLag)
        var seed = Tensor.zeros(like: forward[target])
        seed.entries[entry ?? 0] = 1
        var parts = [[Tensor?]](repeating: Array(repeating: nil, count: graph.count), count: lags + 1)
        parts[0][target.index] = seed
        for position in stride(from: target.index, through: 0, by: -1) {
            guard let definition = graph.variables[position].definition else { continue }
            let child = NodeID(position)
            for lag in 0...lags {
                guard let upstream = parts[lag][position] else { continue }
                ReverseAccumulation.backward(definition, upstream, forward) { parent, contribution in
                    let reached = lag + (graph.isRecurrentStep(from: parent, to: child) ? 1 : 0)
                    guard reached <= lags else { return }
                    parts[reached][parent.index] = parts[reached][parent.index].map { $0 + contribution } ?? contribution
                }
            }
        }
        self.forward = forward
        self.maximumLag = lags
        self.parts = parts.map { row in row.indices.map { row[$0] ?? Tensor.zeros(like: forward.values[$0]) } }
    }

    /// The part of the gradient with respect to `id` from paths through exactly `lag` recurrent steps.
    public func part(_ id: NodeID, lag: Int) -> Tensor { parts[lag][id.index] }

    /// The gradient with respect to `id` from the paths through at most `lag` recurrent steps (all kept lags by default).
    public func gradient(withRespectTo id: NodeID, upTo lag: Int? = nil) -> Tensor {
        var total = Tensor.zeros(like: forward[id])
        for k in 0...min(lag ?? maximumLag, maximumLag) { total = total + parts[k][id.index] }
        return total
    }
}
