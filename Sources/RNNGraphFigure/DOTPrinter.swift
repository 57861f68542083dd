import RNNGraphCore
import RNNGraphPaths

/// Writes a ``Figure`` as DOT text, byte for byte the same for the same figure.
public enum DOTPrinter {
    /// The DOT text of `figure`, ending in a newline.
    public static func print(_ figure: Figure, name: String = "rnn") -> String {
        var out = "digraph \(quote(name)) {\n"
        if !figure.graphAttributes.isEmpty {
            out += "  graph \(list(figure.graphAttributes));\n"
        }
        if !figure.nodeDefaults.isEmpty { out += "  node \(list(figure.nodeDefaults));\n" }
        if !figure.edgeDefaults.isEmpty { out += "  edge \(list(figure.edgeDefaults));\n" }
        for node in figure.nodes {
            out += "  \(quote(node.id)) \(list(node.attributes));\n"
        }
        for edge in figure.edges {
            out += "  \(quote(edge.from)) -> \(quote(edge.to))"
            out += edge.attributes.isEmpty ? ";\n" : " \(list(edge.attributes));\n"
        }
        out += "}\n"
        return out
    }

    private static func list(_ attributes: [Figure.Attribute]) -> String {
        "[" + attributes.map { "\($0.name)=\(value($0))" }.joined(separator: ", ") + "]"
    }

    private static func value(_ attribute: Figure.Attribute) -> String {
        attribute.isHTML ? "<\(attribute.value)>" : quote(attribute.value)
    }

    /// A DOT double-quoted string.
    static func quote(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
