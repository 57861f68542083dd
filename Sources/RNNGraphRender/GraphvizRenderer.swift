import Foundation
internal import CGraphviz
import RNNGraphKit

/// An output format of a figure.
public enum RenderFormat: String, Sendable, CaseIterable {
    case pdf, svg, png, dot, tikz

    /// The Graphviz device name (`dot` is written by ``DOTPrinter`` without layout,
    /// `tikz` by ``TikZPrinter`` from the layout read back).
    var device: String {
        switch self {
        case .pdf: return "pdf:cairo"
        case .png: return "png:cairo"
        case .svg: return "svg"
        case .dot, .tikz: return "dot"
        }
    }
}

/// Renders laid-out figures in process through Graphviz's C API (cgraph
/// builds the graph, gvc draws it with the `nop2` engine and the renderer).
///
/// Graphviz is not thread-safe: every call goes through one lock, so the
/// renderer may be used from any number of threads at once.
public enum GraphvizRenderer {
    /// The largest figure (in nodes) the renderer accepts.
    ///
    /// Figures are laid out (`FigureLayout`) and their edges routed (`EdgeRouter`)
    /// by the figure, and Graphviz only draws, so time grows about as nodes^1.4.
    /// Measured on a 2-core machine for the whole cs187 `--pdf` run: 0.74 s at
    /// 905 nodes (N = 300), 2.2 s at 3,005 nodes (N = 1000), 4.1 s at 4,805 nodes
    /// (N = 1600); SVG takes about half. Larger figures are refused before any
    /// Graphviz work, with the estimate in the message.
    public static let maximumNodes = 5_000

    /// The largest figure (in nodes) written as DOT text: about 38 MB of text;
    /// the text grows by about 380 bytes per node (positions, sizes and routes).
    /// Writing it unrolls the model and routes the edges: 30,005 nodes
    /// (cs187, N = 10,000) take about 20 s on the benchmark machine.
    public static let maximumDOTNodes = 100_000

    /// A rough estimate of the Graphviz time, in seconds, of a figure with
    /// `nodes` nodes on the benchmark machine (see ``maximumNodes``).
    public static func estimatedLayoutSeconds(nodes: Int) -> Double {
        2.2 * pow(Double(max(nodes, 1)) / 3_005, 1.4)
    }

    /// Refuses a figure of `nodes` nodes in `format` above ``maximumNodes`` (DOT: ``maximumDOTNodes``),
    /// with an estimate of the work; call it with a model's `Model.variableCount(for:)` to refuse
    /// before unrolling.
    /// - Throws: `RNNGraphError.usage(_:)` above the limit.
    public static func checkSize(nodes: Int, format: RenderFormat) throws {
        if format == .dot {
            guard nodes > maximumDOTNodes else { return }
            throw RNNGraphError.usage(
                "the DOT text would have \(nodes) nodes (about \(nodes * 380 / 1_000_000) MB), above the limit of "
                + "\(maximumDOTNodes); choose a smaller --length or keep fewer variables with --show")
        }
        if let refusal = refusal(nodes: nodes) { throw refusal }
    }

    private static func refusal(nodes: Int) -> RNNGraphError? {
        guard nodes > maximumNodes else { return nil }
        let seconds = estimatedLayoutSeconds(nodes: nodes)
        let estimate = seconds < 120 ? "about \(Int(seconds.rounded())) s"
            : seconds < 7_200 ? "about \(Int((seconds / 60).rounded())) minutes"
            : "about \(Int((seconds / 3_600).rounded())) hours"
        return RNNGraphError.usage(
            "the figure has \(nodes) nodes, above the rendering limit of \(maximumNodes) "
            + "(Graphviz layout would take \(estimate)); "
            + "choose a smaller --length or keep fewer variables with --show, or write --dot and lay it out yourself")
    }

    private static let lock = NSLock()

    /// The start-up begun by ``prepare(_:)`` and not yet finished.
    private static let preparation = DispatchGroup()

    /// Begins, on a second thread, the start-up a PDF or PNG render needs: Graphviz's context
    /// with its cairo and pango plugins, the font configuration and the fonts of the labels (about
    /// 60 M instructions, what `dot` spends before it reads a graph), so that it overlaps the work
    /// that builds the figure; the render waits for it under the renderer's lock. Does nothing for
    /// the other formats (their start-up is short). Call ``finishPreparing()`` before the process exits.
    public static func prepare(_ format: RenderFormat) {
        guard format == .pdf || format == .png else { return }
        preparation.enter()
        // A plain thread: Foundation's `Thread` takes a millisecond or more to start.
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { _ in
            GraphvizRenderer.warmUp()
            return nil
        }, nil)
        if started == 0 { pthread_detach(thread) } else { preparation.leave() }
    }

    /// The body of ``prepare(_:)``'s thread.
    private static func warmUp() {
        defer { preparation.leave() }
        lock.lock()
        defer { lock.unlock() }
        GraphvizSession.warmUp()
    }

    /// Waits for the start-up begun by ``prepare(_:)``, so that the process does not exit
    /// while a library is being loaded; returns at once when none was begun.
    public static func finishPreparing() {
        preparation.wait()
    }

    /// The bytes of `figure` in `format`; a TikZ picture is scaled to `tikzWidth` (a TeX dimension).
    /// - Throws: `RNNGraphError.usage(_:)` above ``maximumNodes``;
    ///   `RNNGraphError.failure(_:)` with Graphviz's own message when it fails.
    public static func render(_ figure: Figure, format: RenderFormat,
                              tikzWidth: String = TikZPrinter.defaultWidth) throws -> Data {
        try checkSize(nodes: figure.nodes.count, format: format)
        if format == .dot { return Data(DOTPrinter.print(figure).utf8) }
        lock.lock()
        defer { lock.unlock() }
        if format == .tikz {
            return Data(TikZPrinter.print(figure, geometry: try GraphvizSession.geometry(figure), width: tikzWidth).utf8)
        }
        let data = try GraphvizSession.render(figure, device: format.device)
        return format == .pdf ? ReproduciblePDF.normalize(data) : data
    }

    /// The Graphviz library version, such as `2.43.0`.
    public static var graphvizVersion: String {
        lock.lock()
        defer { lock.unlock() }
        guard let context = try? GraphvizSession.context() else { return "unknown" }
        return String(cString: gvcVersion(context))
    }
}
