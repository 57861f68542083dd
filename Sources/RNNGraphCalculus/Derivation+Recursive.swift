import RNNGraphCore
import RNNGraphPaths

extension Derivation {
    /// The recursive (backpropagation through time) form, derived from the rolled graph.
    ///
    /// Every recurrence the paths meet contributes its states: the families that feed a later
    /// (or, backward, an earlier) step of their own recurrence (`h` for an Elman network or a GRU,
    /// `h` and `c` for an LSTM, one per layer when layers are stacked). Each state `s` gets
    /// `δ^s_t`, the total derivative of ``of`` by `s_t`: the paths from `s_t` to ``of`` that meet no
    /// other state, plus, for every path from `s_t` to a state `s'` that meets no state between,
    /// its partials times `δ^{s'}` there. The result is the paths from ``wrt`` to the first state
    /// they meet, times its `δ`, plus the paths that meet none.
    /// - Throws: `RNNGraphError/usage(_:)` for a truncated derivation, or a recurrence that runs
    ///   both forward and backward in time.
    public func recursive() throws -> RecursiveFormula {
        try requireUntruncated("recursive")
        let (walker, top, bottom) = try walker()
        let plan = try RecursionPlan(walker: walker, top: top, bottom: bottom, start: start, length: options.length)
        guard !plan.states.isEmpty else {
            return RecursiveFormula(deltas: [], result: try plan.result(end: wrtVariable.time))
        }
        var live: [Int: StepInterval] = [:]
        var terms: [Int: [RecursionPlan.Term]] = [:]
        // δ^s may be nonzero from its last term down to the first step of s (up from the first term
        // for a backward recurrence); a term read from δ^{s'} counts once δ^{s'} may be nonzero.
        for round in 0... {
            guard round <= 2 * plan.states.count + 2 else {
                throw RNNGraphError.usage("the ranges of the δ recursions do not settle; use --form compact")
            }
            var changed = false
            for s in plan.states {
                let found = try plan.terms(of: s, live: live)
                terms[s] = found
                let steps = plan.liveSteps(of: s, hull: plan.order.hull(found.map(\.interval)))
                if steps != live[s] { live[s] = steps; changed = true }
            }
            if !changed { break }
        }
        let result = try plan.result(end: wrtVariable.time, live: live)
        let deltas = try plan.deltas(terms: terms, live: live, result: result)
        return RecursiveFormula(deltas: deltas, result: result)
    }
}
