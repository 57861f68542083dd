import Foundation
internal import CGraphviz
import RNNGraphKit

/// An output format of a figure.
public enum RenderFormat: String, Sendable, CaseIterable {
    case pdf, svg, png, dot

    /// The Graphviz device name (`dot` is written by ``DOTPrinter`` without layout).
    var device: String {
        switch self {
        case .pdf: return "pdf:cairo"
        case .png: return "png:cairo"
        case .svg: return "svg"
        case .dot: return "dot"
        }
    }
}

/// Lays out and renders figures in process through Graphviz's C API
/// (cgraph builds the graph, gvc runs `dot` layout and the renderer).
///
/// Graphviz is not thread-safe: every call goes through one lock, so the
/// renderer may be used from any number of threads at once.
public enum GraphvizRenderer {
    /// The largest figure (in nodes) the renderer accepts; layout time grows
    /// quickly beyond it.
    public static let maximumNodes = 5_000

    private static let lock = NSLock()

    /// The bytes of `figure` in `format`.
    /// - Throws: ``RNNGraphError/usage(_:)`` above ``maximumNodes``;
    ///   ``RNNGraphError/failure(_:)`` with Graphviz's own message when it fails.
    public static func render(_ figure: Figure, format: RenderFormat) throws -> Data {
        if format == .dot { return Data(DOTPrinter.print(figure).utf8) }
        guard figure.nodes.count <= maximumNodes else {
            throw RNNGraphError.usage(
                "the figure has \(figure.nodes.count) nodes, above the rendering limit of \(maximumNodes); "
                + "choose a smaller --length or keep fewer variables with --show")
        }
        lock.lock()
        defer { lock.unlock() }
        let data = try GraphvizSession.render(figure, device: format.device)
        return format == .pdf ? ReproduciblePDF.normalize(data) : data
    }

    /// The Graphviz library version, such as `2.43.0`.
    public static var graphvizVersion: String {
        lock.lock()
        defer { lock.unlock() }
        guard let context = gvContext() else { return "unknown" }
        defer { gvFreeContext(context) }
        return String(cString: gvcVersion(context))
    }
}
