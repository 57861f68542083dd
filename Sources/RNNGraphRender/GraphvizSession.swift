import Foundation
internal import CGraphviz
import RNNGraphKit

/// One render through the C API. Callers hold ``GraphvizRenderer``'s lock.
enum GraphvizSession {
    /// Graphviz messages captured during the current render.
    nonisolated(unsafe) private static var messages: [String] = []

    /// The Graphviz contexts of the process, created at first use and never
    /// freed, as `dot` does: the pango plugin keeps pointers into its context,
    /// so freeing it and creating another leaves them dangling. Accessed under
    /// ``GraphvizRenderer``'s lock only.
    nonisolated(unsafe) private static var full: OpaquePointer?
    nonisolated(unsafe) private static var plain: OpaquePointer?

    /// The context with every installed plugin (cairo for PDF and PNG, pango to
    /// measure text), created on first use; plugins and fonts shipped beside the
    /// executable (the Python wheel's) come first. Callers hold ``GraphvizRenderer``'s lock.
    static func context() throws -> OpaquePointer {
        if let full { return full }
        BundledGraphvizFiles.apply()
        guard let created = gvContext() else { throw failure("could not create a Graphviz context") }
        full = created
        return created
    }

    /// The context for SVG and the read-back layout: the core renderers and the
    /// layouts only (from `GVBINDIR` when set, as Graphviz does), text measured
    /// with Graphviz's own font metrics, so no font library is loaded and the
    /// bytes do not depend on the fonts installed (falls back to the full
    /// context where the plugins cannot be found).
    static func plainContext() throws -> OpaquePointer {
        if let plain { return plain }
        let created = if let folder = BundledGraphvizFiles.pluginFolder {
            folder.withCString { rnngraph_plain_context($0) }
        } else {
            rnngraph_plain_context(nil)
        }
        guard let created else { return try context() }
        plain = created
        return created
    }

    /// The context that renders `device`: cairo devices need the full one.
    private static func context(for device: String) throws -> OpaquePointer {
        device.hasSuffix(":cairo") ? try context() : try plainContext()
    }

    /// Creates the context with every plugin and lays out a two-node graph in the figures' fonts,
    /// so that the plugins, the font configuration and the fonts are loaded before the first PDF or
    /// PNG figure. Does nothing once a figure has been laid out. Callers hold ``GraphvizRenderer``'s lock.
    static func warmUp() {
        guard drawn == nil, let context = try? context() else { return }
        let text = """
            digraph { node [fontname="Helvetica", fontsize="14"]; edge [fontname="Helvetica", fontsize="12"]; \
            a [label=<h<SUB>0</SUB>>, pos="0,0!"]; b [label=<h<SUB>1</SUB>>, pos="0,72!"]; \
            a -> b [label="W", pos="e,0,60 0,12 0,30 0,40 0,60"] }
            """
        let previousHandler = agseterrf { _ in 0 }  // its messages, if any, are the figure's to give
        defer { agseterrf(previousHandler) }
        guard let graph = text.withCString({ agmemread($0) }) else { return }
        if gvLayout(context, graph, "nop2") == 0 { gvFreeLayout(context, graph) }
        agclose(graph)
    }

    static func render(_ figure: Figure, device: String) throws -> Data {
        try withLayout(of: figure, device: device) { context, graph in try renderData(context, graph, device: device) }
    }

    /// Where Graphviz put every node and edge of `figure`, read back from the
    /// laid-out graph (the `pos`, `width`, `height` and `lp` it attaches).
    static func geometry(_ figure: Figure) throws -> FigureGeometry {
        try withLayout(of: figure, device: "dot") { context, graph in
            _ = try renderData(context, graph, device: "dot")  // attaches the layout's attributes
            var nodes: [FigureGeometry.Node] = []
            var edges: [FigureGeometry.Edge] = []
            var node = agfstnode(graph)
            while let current = node {
                let id = String(cString: agnameof(current))
                let pos = FigureGeometry.parseSpline(attribute(current, "pos")).points.first
                nodes.append(FigureGeometry.Node(id: id, x: pos?.x ?? 0, y: pos?.y ?? 0,
                                                 width: (Double(attribute(current, "width")) ?? 0) * 72,
                                                 height: (Double(attribute(current, "height")) ?? 0) * 72,
                                                 labelCentre: FigureGeometry.parseSpline(attribute(current, "xlp"))
                                                    .points.first))
                var edge = agfstout(graph, current)
                while let out = edge {
                    let spline = FigureGeometry.parseSpline(attribute(out, "pos"))
                    let label = FigureGeometry.parseSpline(attribute(out, "lp")).points.first
                    edges.append(FigureGeometry.Edge(from: id, to: String(cString: agnameof(out.pointee.node)),
                                                     points: spline.points, arrowTip: spline.tip, labelCentre: label))
                    edge = agnxtout(graph, out)
                }
                node = agnxtnode(graph, current)
            }
            return FigureGeometry(nodes: nodes, edges: edges)
        }
    }

    /// The text of an attribute of a laid-out node or edge, empty when unset.
    private static func attribute(_ object: UnsafeMutableRawPointer, _ name: String) -> String {
        name.withCString { agget(object, UnsafeMutablePointer(mutating: $0)).map { String(cString: $0) } } ?? ""
    }

    /// The last graph drawn and its context. It is freed when the next layout starts rather than
    /// before the render returns, as `dot` frees each graph when it reads the next one and leaves
    /// the last to the end of the process: a run that draws one figure does not take it apart
    /// (3 % of the instructions of a 300-node SVG). Accessed under ``GraphvizRenderer``'s lock only.
    nonisolated(unsafe) private static var drawn: (context: OpaquePointer, graph: UnsafeMutablePointer<Agraph_t>)?

    /// Frees the last graph drawn, if any.
    private static func freeDrawn() {
        guard let (context, graph) = drawn else { return }
        drawn = nil
        gvFreeLayout(context, graph)
        agclose(graph)
    }

    /// Builds and lays out `figure` and runs `body` on it; the graph is freed at the next layout.
    private static func withLayout<T>(of figure: Figure, device: String,
                                      _ body: (OpaquePointer, UnsafeMutablePointer<Agraph_t>) throws -> T) throws -> T {
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

        freeDrawn()
        // The context first: it loads the plugins.
        let context = try context(for: device)
        guard let graph = build(figure) else { throw failure("could not create the graph") }

        // The figure names its engine (`layout`), so the DOT text laid out by hand draws the same picture.
        let engine = figure.graphAttributes.last { $0.name == "layout" }?.value ?? "dot"
        guard gvLayout(context, graph, engine) == 0 else {
            agclose(graph)
            throw failure("layout failed")
        }
        drawn = (context, graph)
        return try body(context, graph)
    }

    /// The bytes of the laid-out `graph` rendered by `device`.
    private static func renderData(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>,
                                   device: String) throws -> Data {
        if device == "png:cairo" {
            // Cairo bitmaps are at most 32,767 pixels a side: a larger figure is drawn at a lower
            // resolution (Graphviz's default is 96 dpi) rather than scaled by Graphviz with a stray message.
            _ = rnngraph_fit_bitmap(graph, 96, 32_000)
        }
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
        var nodeSymbols = AttributeSymbols(graph: graph, kind: AGNODE)
        var edgeSymbols = AttributeSymbols(graph: graph, kind: AGEDGE)
        var nodes: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        nodes.reserveCapacity(figure.nodes.count)
        for node in figure.nodes {
            guard let created = node.id.withCString({ agnode(graph, UnsafeMutablePointer(mutating: $0), 1) })
            else { continue }
            nodes[node.id] = created
            for attribute in node.attributes { nodeSymbols.set(created, attribute) }
        }
        for edge in figure.edges {
            guard let tail = nodes[edge.from], let head = nodes[edge.to],
                  let created = agedge(graph, tail, head, nil, 1) else { continue }
            for attribute in edge.attributes { edgeSymbols.set(created, attribute) }
        }
        return graph
    }

    /// The attributes of one kind (nodes or edges) met so far, each with its cgraph symbol, so
    /// that setting one on every node or edge looks its name up once (as `agsafeset` would, with
    /// an empty default where the figure declared none).
    private struct AttributeSymbols {
        let graph: UnsafeMutablePointer<Agraph_t>
        let kind: Int32
        private var known: [(name: String, symbol: UnsafeMutablePointer<Agsym_t>)] = []

        init(graph: UnsafeMutablePointer<Agraph_t>, kind: Int32) {
            self.graph = graph
            self.kind = kind
        }

        /// Sets `attribute` on `object`; HTML-like values keep their HTML flag.
        mutating func set(_ object: UnsafeMutableRawPointer, _ attribute: Figure.Attribute) {
            guard let symbol = symbol(attribute.name) else { return }
            if attribute.isHTML {
                let html = attribute.value.withCString { agstrdup_html(graph, UnsafeMutablePointer(mutating: $0)) }
                _ = agxset(object, symbol, html)
                agstrfree(graph, html)
            } else {
                _ = attribute.value.withCString { agxset(object, symbol, UnsafeMutablePointer(mutating: $0)) }
            }
        }

        private mutating func symbol(_ name: String) -> UnsafeMutablePointer<Agsym_t>? {
            if let found = known.first(where: { $0.name == name }) { return found.symbol }
            let symbol = name.withCString { name in
                let mutableName = UnsafeMutablePointer(mutating: name)
                return agattr(graph, kind, mutableName, nil)
                    ?? "".withCString { agattr(graph, kind, mutableName, UnsafeMutablePointer(mutating: $0)) }
            }
            if let symbol { known.append((name, symbol)) }
            return symbol
        }
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
