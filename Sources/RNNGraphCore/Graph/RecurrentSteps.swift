extension ComputationGraph {
    /// Whether the edge `parent → child` is one recurrent step: both variables belong to
    /// time steps, at different times, and the parent is computed or an initial state
    /// (`h_{t-1} → h_t`, `h_0 → h_1`, `g_{t+1} → g_t`; not `x_t → h_t` or `o_t → L`).
    /// The number of such edges on a path is how many steps it reaches back (its lag).
    public func isRecurrentStep(from parent: NodeID, to child: NodeID) -> Bool {
        let tail = self[parent], head = self[child]
        guard let from = tail.time, let to = head.time, from != to else { return false }
        return tail.definition != nil || tail.kind == .initialState
    }

    /// The largest number of recurrent steps any path of the graph takes (`N` for
    /// `h_0 → h_1 → … → h_N`), found in one pass over the edges.
    public var maximumLag: Int {
        var depth = [Int](repeating: 0, count: count)
        for variable in variables {
            for parent in variable.parents {
                let step = isRecurrentStep(from: parent, to: variable.id) ? 1 : 0
                depth[variable.id.index] = Swift.max(depth[variable.id.index], depth[parent.index] + step)
            }
        }
        return depth.max() ?? 0
    }
}
