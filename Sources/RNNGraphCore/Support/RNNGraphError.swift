/// Every error the library reports: one line that names the problem and the fix.
public enum RNNGraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A request that cannot be satisfied as given (bad option, unknown name, too large).
    case usage(String)
    /// A values file or template that cannot be read or does not fit the model.
    case input(String)
    /// An output file could not be created (missing folder, collision, no permission).
    case output(String)
    /// Reading or writing failed part-way (full disk, closed pipe, read error).
    case io(String)
    /// Graphviz or another component failed.
    case failure(String)
    /// A model text that cannot be read: the one-line message (`file:line:column: …`) and,
    /// as a compiler shows it, the line and a caret under the column.
    case model(String, excerpt: [String])

    /// The one-line message.
    public var message: String {
        switch self {
        case .usage(let m), .input(let m), .output(let m), .io(let m), .failure(let m), .model(let m, _): return m
        }
    }

    /// The lines shown under the message: the place in a model text, or none.
    public var excerpt: [String] {
        if case .model(_, let lines) = self { return lines }
        return []
    }

    public var description: String { message }
}
