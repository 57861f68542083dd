import RNNGraphCore

/// The recurrences of a rolled graph: its strongly connected families, each
/// of which must be one cycle advancing time by one step, forward (`h_{t-1} → h_t`)
/// or backward (`g_{t+1} → g_t`).
package struct RecurrenceCycles {
    /// For every family, the families of its strongly connected component (itself only if not recurrent).
    package let component: [[Int]]
    /// Whether a family lies on a cycle.
    package let isRecurrent: [Bool]
    /// For a recurrent family, the edge entering it from its cycle.
    let cycleEdge: [Int?]

    package init(_ rolled: RolledGraph) {
        let n = rolled.nodes.count
        var reach = Array(repeating: Array(repeating: false, count: n), count: n)
        for edge in rolled.edges { reach[edge.from][edge.to] = true }
        for k in 0..<n { for i in 0..<n where reach[i][k] { for j in 0..<n where reach[k][j] { reach[i][j] = true } } }
        var component: [[Int]] = []
        var recurrent: [Bool] = []
        var cycleEdge: [Int?] = []
        for k in 0..<n {
            let members = (0..<n).filter { $0 == k || (reach[k][$0] && reach[$0][k]) }
            component.append(members)
            recurrent.append(reach[k][k])
            let entering = rolled.edges.indices.filter {
                rolled.edges[$0].to == k && members.contains(rolled.edges[$0].from) && reach[k][k]
            }
            cycleEdge.append(entering.count == 1 ? entering[0] : nil)
        }
        self.component = component
        self.isRecurrent = recurrent
        self.cycleEdge = cycleEdge
    }

    /// The cycle through family `k`, as edges walked backwards from `k` to `k`.
    /// - Throws: when the component is not a single cycle advancing time by one step either way.
    package func cycle(at k: Int, in rolled: RolledGraph) throws -> [Int] {
        var edges: [Int] = []
        var node = k
        var advance = 0
        repeat {
            guard let e = cycleEdge[node], let offset = rolled.edges[e].offset, edges.count <= rolled.edges.count else {
                throw RNNGraphError.usage(
                    "the recurrence through \(rolled.nodes[k].symbol.ascii) is not a single cycle (several states feed one another, as in an LSTM), "
                    + "so there is no rolled form (compact, merged or recursive); use --form expanded")
            }
            edges.append(e)
            advance += offset
            node = rolled.edges[e].from
        } while node != k
        guard advance == 1 || advance == -1 else {
            throw RNNGraphError.usage(
                "the recurrence through \(rolled.nodes[k].symbol.ascii) advances \(advance) steps, not one, so there is no rolled form "
                    + "(compact, merged or recursive); use --form expanded")
        }
        return edges
    }

    /// How many steps one round of the cycle at `k` advances time: 1 forward, −1 backward.
    package func advance(at k: Int, in rolled: RolledGraph) throws -> Int {
        try cycle(at: k, in: rolled).reduce(0) { $0 + (rolled.edges[$1].offset ?? 0) }
    }
}
