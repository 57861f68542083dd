import RNNGraphCore
import RNNGraphPaths

/// The backpropagation-through-time form: a backward recursion for `δ_t`,
/// the total derivative of the differentiated quantity by the recurrent
/// variable at step `t`, and the result written with `δ`.
public struct RecursiveFormula: Hashable, Sendable {
    /// The recursion for `δ`.
    public struct Delta: Hashable, Sendable {
        /// The recurrent variable at time `t` (`h_t`): `δ_t = ∂L/∂h_t`.
        public let variable: IndexedVariable
        /// The index name used in ``recurrence`` and ``below`` (`t`).
        public let index: String
        /// The last time at which `δ` is defined.
        public let last: IndexExpression
        /// `δ` at ``last``.
        public let boundary: Formula
        /// `δ_t` for `t` from ``recurrenceFrom`` to `last − 1`, in terms of `δ_{t+1}`.
        public let recurrence: Formula
        /// The first time at which ``recurrence`` holds; `nil` when `δ` is only propagated back.
        public let recurrenceFrom: IndexExpression?
        /// `δ_t` below ``recurrenceFrom`` (only propagation), when needed.
        public let below: Formula
        /// Whether ``below`` is used by the result and should be shown.
        public let showsBelow: Bool
    }

    /// The recursion; `nil` when no path meets a recurrence.
    public let delta: Delta?
    /// The derivative in terms of `δ`.
    public let result: Formula
}
