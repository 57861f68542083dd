import RNNGraphCore

/// The recurrences of a rolled graph: its strongly connected families, and
/// the cycles through a state, advancing time by one step, forward
/// (`h_{t-1} → h_t`) or backward (`g_{t+1} → g_t`).
package struct RecurrenceCycles {
    /// For every family, the families of its strongly connected component (itself only if not recurrent).
    package let component: [[Int]]
    /// Whether a family lies on a cycle.
    package let isRecurrent: [Bool]

    package init(_ rolled: RolledGraph) {
        let n = rolled.nodes.count
        var reach = Array(repeating: Array(repeating: false, count: n), count: n)
        for edge in rolled.edges { reach[edge.from][edge.to] = true }
        for k in 0..<n { for i in 0..<n where reach[i][k] { for j in 0..<n where reach[k][j] { reach[i][j] = true } } }
        var component: [[Int]] = []
        var recurrent: [Bool] = []
        for k in 0..<n {
            let members = (0..<n).filter { $0 == k || (reach[k][$0] && reach[$0][k]) }
            component.append(members)
            recurrent.append(reach[k][k])
        }
        self.component = component
        self.isRecurrent = recurrent
    }

    /// The most cycles a recurrence may have before its rolled forms are refused.
    static let cycleLimit = 1_000

    /// Every simple cycle through family `k`, each as edges walked backwards from `k` to `k`, with the
    /// steps one round advances (the same for every cycle): `1` forward (`h_{t-1} → h_t`), `−1` backward.
    /// An Elman network has one cycle; a GRU several (through `z_t`, `r_t`, `n_t` and directly).
    /// `k` must be the only state of its recurrence (several, as in an LSTM, are crossed with the
    /// Jacobian of the stacked state instead).
    /// - Throws: when the cycles advance time by other than one step, or by different amounts.
    package func cycles(at k: Int, in rolled: RolledGraph) throws -> (cycles: [[Int]], advance: Int) {
        let members = Set(component[k])
        let name = rolled.nodes[k].symbol.ascii
        precondition(!hasCycle(avoiding: k, within: members, in: rolled),
                     "cycles through \(name), one of several states of its recurrence (its crossing is block by block)")
        var found: [(edges: [Int], advance: Int)] = []
        var trail: [Int] = []
        var visited: Set<Int> = []
        func visit(_ node: Int, _ advance: Int) throws {
            for e in rolled.incoming(node) where members.contains(rolled.edges[e].from) {
                let from = rolled.edges[e].from
                let step = advance + (rolled.edges[e].offset ?? 0)
                trail.append(e)
                if from == k {
                    found.append((trail, step))
                    guard found.count <= Self.cycleLimit else {
                        throw RNNGraphError.usage("the recurrence through \(name) has more than \(Self.cycleLimit) cycles; "
                                                  + "use --form recursive or --form expanded")
                    }
                } else if !visited.contains(from) {
                    visited.insert(from)
                    try visit(from, step)
                    visited.remove(from)
                }
                trail.removeLast()
            }
        }
        try visit(k, 0)
        guard let advance = found.first?.advance, advance == 1 || advance == -1,
              found.allSatisfy({ $0.advance == advance }) else {
            let advances = Set(found.map(\.advance)).sorted().map(String.init).joined(separator: ", ")
            throw RNNGraphError.usage(
                "the recurrence through \(name) advances \(advances) steps a round, not one, so it has no compact or merged "
                + "form; use --form recursive or --form expanded")
        }
        return (found.map(\.edges), advance)
    }

    /// Whether the component's families other than `k` still hold a cycle.
    private func hasCycle(avoiding k: Int, within members: Set<Int>, in rolled: RolledGraph) -> Bool {
        var state: [Int: Int] = [:]  // 1 on the stack, 2 done
        func visit(_ node: Int) -> Bool {
            state[node] = 1
            for e in rolled.incoming(node) {
                let from = rolled.edges[e].from
                guard from != k, members.contains(from) else { continue }
                if state[from] == 1 { return true }
                if state[from] == nil && visit(from) { return true }
            }
            state[node] = 2
            return false
        }
        return members.sorted().contains { $0 != k && state[$0] == nil && visit($0) }
    }
}
