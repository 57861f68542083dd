import Foundation
import RNNGraphCore

extension RolledGraph {
    /// The rolled graph of the model `options` describe (their length ignored), built once and
    /// shared: the derivation, its counts, the step equations and a document's checks all read the
    /// same one instead of unrolling the model twice each. The process keeps the last
    /// ``sharedCapacity`` models' rolled graphs, and their refusals.
    /// - Throws: `RNNGraphError/usage(_:)` when the unrolled graphs are not repetitions of one step.
    public static func shared(for options: ModelOptions) throws -> RolledGraph {
        try SharedRolledGraphs.all.graph(for: options)
    }

    /// How many models' rolled graphs ``shared(for:)`` keeps.
    public static let sharedCapacity = 16
}

/// The rolled graphs built so far, by model and options (length left out), oldest first.
private final class SharedRolledGraphs: @unchecked Sendable {
    static let all = SharedRolledGraphs()

    private let lock = NSLock()
    private var built: [ModelOptions: Result<RolledGraph, any Error>] = [:]
    private var order: [ModelOptions] = []

    func graph(for options: ModelOptions) throws -> RolledGraph {
        var key = options
        key.length = RolledGraph.lengths.0
        lock.lock()
        let known = built[key]
        lock.unlock()
        if let known { return try known.get() }
        // Built outside the lock: two threads asking at once both build it, and keep the same graph.
        let result = Result { try RolledGraph(options: key) }
        lock.lock()
        if built[key] == nil {
            built[key] = result
            order.append(key)
            if order.count > RolledGraph.sharedCapacity { built[order.removeFirst()] = nil }
        }
        lock.unlock()
        return try result.get()
    }
}
