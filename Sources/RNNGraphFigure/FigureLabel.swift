import Foundation
import RNNGraphCore
import RNNGraphPaths
import RNNGraphPrinters

/// HTML-like labels for Graphviz.
enum FigureLabel {
    /// `h<SUB>1</SUB>`, `h<SUP>(1)</SUP>` or `<B>U</B><SUP>(1)</SUP>` for a copy.
    static func html(_ variable: Variable, timeStyle: TimeIndexStyle) -> String {
        guard let t = variable.time else { return variable.symbol.html }
        if variable.kind == .parameterCopy { return "\(variable.symbol.html)<SUP>(\(t))</SUP>" }
        switch timeStyle {
        case .subscript_: return "\(variable.symbol.html)<SUB>\(t)</SUB>"
        case .parenthesized: return "\(variable.symbol.html)<SUP>(\(t))</SUP>"
        case .bracketed: return "\(variable.symbol.html)<SUP>[\(t)]</SUP>"
        }
    }

    /// Escapes text for an HTML-like label.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
