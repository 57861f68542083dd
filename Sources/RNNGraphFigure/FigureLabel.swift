import RNNGraphCore
import RNNGraphNotation

/// Text in Graphviz's HTML-like labels.
enum FigureLabel {
    /// Escapes text for an HTML-like label, as ``MarkupText/html(_:)`` does.
    static func escape(_ text: String) -> String { MarkupText.html(text) }
}
