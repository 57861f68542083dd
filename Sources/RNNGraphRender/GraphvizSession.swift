import Foundation
internal import CGraphviz
import RNNGraphKit

/// One render through the C API. Callers hold ``GraphvizRenderer``'s lock.
enum GraphvizSession {
    /// Graphviz messages captured during the current render.
    nonisolated(unsafe) private static var messages: [String] = []

    /// The one Graphviz context of the process, created at first use and never
    /// freed, as `dot` does: the pango plugin keeps pointers into the context,
    /// so freeing it and creating another leaves them dangling. Accessed under
    /// ``GraphvizRenderer``'s lock only.
    nonisolated(unsafe) private static var shared: OpaquePointer?

    /// The process's context, created on first use. Callers hold ``GraphvizRenderer``'s lock.
    static func context() throws -> OpaquePointer {
        if let shared { return shared }
        guard let created = gvContext() else { throw failure("could not create a Graphviz context") }
        shared = created
        return created
    }

    static func render(_ figure: Figure, device: String) throws -> Data {
        messages = []
        let previousHandler = agseterrf { message in
            if let message { GraphvizSession.messages.append(String(cString: message)) }
            return 0
        }
        let previousLevel = agseterr(AGWARN)
        defer {
            agseterrf(previousHandler)
            agseterr(previousLevel)
            agreseterrors()
        }

        // The context first: it reads the plugin configuration.
        let context = try context()
        guard let graph = build(figure) else { throw failure("could not create the graph") }
        defer { agclose(graph) }

        // The figure names its engine (`layout`), so the DOT text laid out by hand draws the same picture.
        let engine = figure.graphAttributes.last { $0.name == "layout" }?.value ?? "dot"
        guard gvLayout(context, graph, engine) == 0 else { throw failure("layout failed") }
        defer { gvFreeLayout(context, graph) }

        var result: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = rnngraph_render_data(context, graph, device, &result, &length)
        defer { if let result { gvFreeRenderData(result) } }
        guard status == 0, let result, length > 0 else { throw failure("rendering \(device) failed") }
        if agerrors() >= Int32(AGERR.rawValue) { throw failure("rendering \(device) failed") }
        return Data(bytes: result, count: length)
    }

    /// A Swift error carrying Graphviz's own words when it said something.
    private static func failure(_ what: String) -> RNNGraphError {
        let said = messages.joined(separator: " ").split(whereSeparator: \.isNewline).joined(separator: " ")
        return .failure("Graphviz: \(what)" + (said.isEmpty ? "" : ": \(said)"))
    }

    /// Builds the cgraph graph of `figure`: attributes, nodes and edges.
    private static func build(_ figure: Figure) -> UnsafeMutablePointer<Agraph_t>? {
        guard let graph = "rnn".withCString({ agopen(UnsafeMutablePointer(mutating: $0), Agdirected, nil) })
        else { return nil }
        for attribute in figure.graphAttributes { set(graph, attribute, in: graph) }
        for attribute in figure.nodeDefaults { declare(graph, AGNODE, attribute) }
        for attribute in figure.edgeDefaults { declare(graph, AGEDGE, attribute) }
        var nodes: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        for node in figure.nodes {
            guard let created = node.id.withCString({ agnode(graph, UnsafeMutablePointer(mutating: $0), 1) })
            else { continue }
            nodes[node.id] = created
            for attribute in node.attributes { set(created, attribute, in: graph) }
        }
        for edge in figure.edges {
            guard let tail = nodes[edge.from], let head = nodes[edge.to],
                  let created = agedge(graph, tail, head, nil, 1) else { continue }
            for attribute in edge.attributes { set(created, attribute, in: graph) }
        }
        return graph
    }

    /// Declares a default for every node or edge.
    private static func declare(_ graph: UnsafeMutablePointer<Agraph_t>, _ kind: Int32,
                                _ attribute: Figure.Attribute) {
        attribute.name.withCString { name in
            attribute.value.withCString { value in
                _ = agattr(graph, kind, UnsafeMutablePointer(mutating: name), UnsafeMutablePointer(mutating: value))
            }
        }
    }

    /// Sets one attribute on a graph, node or edge; HTML-like values keep their HTML flag.
    private static func set(_ object: UnsafeMutableRawPointer, _ attribute: Figure.Attribute,
                            in graph: UnsafeMutablePointer<Agraph_t>) {
        attribute.name.withCString { name in
            let mutableName = UnsafeMutablePointer(mutating: name)
            if attribute.isHTML {
                let html = attribute.value.withCString { agstrdup_html(graph, UnsafeMutablePointer(mutating: $0)) }
                _ = "".withCString { agsafeset(object, mutableName, html, UnsafeMutablePointer(mutating: $0)) }
                agstrfree(graph, html)
            } else {
                attribute.value.withCString { value in
                    _ = "".withCString {
                        agsafeset(object, mutableName, UnsafeMutablePointer(mutating: value),
                                  UnsafeMutablePointer(mutating: $0))
                    }
                }
            }
        }
    }
}
