import RNNGraphCore
import RNNGraphPaths

/// The backpropagation-through-time form: one backward recursion per state
/// the paths pass (`δ_t` for an Elman network; `δ^h_t` and `δ^c_t` for an
/// LSTM; one per layer for stacked layers), each the total derivative of the
/// differentiated quantity by that state at step `t`, and the result
/// written with them.
public struct RecursiveFormula: Hashable, Sendable {
    /// The recursion of one state's `δ`: its cases, each valid over a range of steps.
    public struct Delta: Hashable, Sendable {
        /// The state at time ``index`` (`h_t`): `δ_t = ∂L/∂h_t`.
        public let variable: IndexedVariable
        /// The state's name in `δ` when the recursion has several states (`δ^c_t`), `nil` when it has one.
        public let state: Symbol?
        /// The index name used in the cases (`t`).
        public let index: String
        /// Whether the recursion runs backward in time (`δ_t` from `δ_{t+1}`, a forward
        /// recurrence) rather than forward (`δ_t` from `δ_{t−1}`, a backward recurrence).
        public let runsBackward: Bool
        /// The cases in the order they are computed: from the step where `δ` starts
        /// (the last step of a forward recurrence) towards the other end.
        public let cases: [Case]
    }

    /// `δ` over a range of steps: a single step (`δ_N = …`, the formula at that step)
    /// or a range (`δ_t = …` for `from ≤ t ≤ to`, the formula in the index).
    public struct Case: Hashable, Sendable {
        /// The first step, `nil` for every step up to ``to`` (the far end of the recursion).
        public let from: IndexExpression?
        /// The last step, `nil` for every step from ``from`` on.
        public let to: IndexExpression?
        /// `δ` in this range.
        public let formula: Formula

        /// Whether the case is a single step, whose formula is written at that step.
        public var isSingleStep: Bool { from != nil && from == to }

        /// Whether step `t` lies in the range at length `length`.
        public func contains(_ t: Int, length: Int) -> Bool {
            if let from, let low = from.value(length: length), t < low { return false }
            if let to, let high = to.value(length: length), t > high { return false }
            return true
        }
    }

    /// The recursions, in an order in which each case reads only `δ`s already known
    /// at that step; empty when no path meets a recurrence.
    public let deltas: [Delta]
    /// The derivative in terms of the `δ`s.
    public let result: Formula

    /// The recursion of the state written `state` in ``Formula/delta(_:state:)``.
    public func delta(for state: Symbol?) -> Delta? {
        deltas.first { $0.state == state }
    }
}
