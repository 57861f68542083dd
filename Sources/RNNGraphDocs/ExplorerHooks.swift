import Foundation

/// The hooks of the explorer's figure: Graphviz's SVG groups of nodes and edges, named by their
/// `<title>` (the node's name, or `tail->head`), given `data-node` and `data-edge` attributes.
enum ExplorerHooks {
    /// `svg` with `data-node="name"` on every node group and `data-edge="tail->head"` on every edge group,
    /// its XML prologue and doctype removed so that it stands inline in HTML.
    static func hooked(_ svg: String) -> String {
        var out = ""
        var rest = Substring(svg)
        if let start = rest.range(of: "<svg") { rest = rest[start.lowerBound...] }
        while let group = rest.range(of: "<g id=\"") {
            out += rest[..<group.lowerBound]
            rest = rest[group.lowerBound...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<close]
            let after = rest[rest.index(after: close)...]
            let kind = tag.contains("class=\"node\"") ? "node" : tag.contains("class=\"edge\"") ? "edge" : nil
            if let kind, let open = after.range(of: "<title>"), let end = after.range(of: "</title>"),
               after[..<open.lowerBound].allSatisfy(\.isWhitespace) {
                let title = after[open.upperBound..<end.lowerBound].replacingOccurrences(of: "&#45;", with: "-")
                out += "\(tag) data-\(kind)=\"\(title)\" tabindex=\"0\""
            } else {
                out += tag
            }
            rest = rest[close...]
        }
        return out + rest
    }
}
