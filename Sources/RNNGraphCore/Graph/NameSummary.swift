/// The valid variable names of a model, short enough for an error message at
/// any length: each time-indexed family as one run (`h_0, …, h_3`), in order
/// of first appearance (`U, V, W, h_0, …, h_3, x_1, …, x_4, o_1, …, o_3, L`).
package struct NameSummary {
    private var groups: [(base: String, times: [ClosedRange<Int>])] = []
    private var position: [String: Int] = [:]

    /// An empty summary.
    package init() {}

    /// Adds `base` (untimed) or `base` at `times`; groups keep their first position.
    /// `key` tells apart families that share a base (a parameter and its per-step copies).
    package mutating func add(_ base: String, key: String, times: ClosedRange<Int>?) {
        let k: Int
        if let existing = position[key] {
            k = existing
        } else {
            k = groups.count
            position[key] = k
            groups.append((base, []))
        }
        if let times { groups[k].times.append(times) }
    }

    /// Runs in time order, touching runs joined.
    private static func merged(_ runs: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for run in runs.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, last.upperBound + 1 >= run.lowerBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, run.upperBound)
            } else {
                result.append(run)
            }
        }
        return result
    }

    /// The names, comma-separated.
    package var text: String {
        groups.flatMap { group -> [String] in
            guard !group.times.isEmpty else { return [group.base] }
            return Self.merged(group.times).flatMap { run -> [String] in
                let name = { (t: Int) in "\(group.base)_\(t)" }
                switch run.count {
                case 1: return [name(run.lowerBound)]
                case 2: return [name(run.lowerBound), name(run.upperBound)]
                default: return [name(run.lowerBound), "…", name(run.upperBound)]
                }
            }
        }.joined(separator: ", ")
    }
}

extension ComputationGraph {
    /// The valid names in order, each run of times abbreviated (`U, V, W, h_0, …, h_3, …, L`).
    public var nameSummary: String {
        var summary = NameSummary()
        for v in variables {
            summary.add(v.symbol.ascii, key: "\(v.symbol.ascii)|\(v.time != nil)|\(v.kind == .parameterCopy)",
                        times: v.time.map { $0...$0 })
        }
        return summary.text
    }
}
