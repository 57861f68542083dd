/// A problem in a model text, at a line and column: a syntax error, or a
/// meaning that cannot hold (an unknown function, a recurrence that reaches
/// itself, a name used both with and without a time index).
public struct ModelParseError: Error, Equatable, Sendable {
    /// What is wrong and what was expected.
    public let message: String
    /// Where.
    public let location: SourceLocation

    /// The error as a compiler writes it: `file:line:column: message`, then the
    /// line and a caret under the column.
    public func formatted(source: String, text: String) -> String {
        ([headline(source: source)] + excerpt(text: text)).joined(separator: "\n")
    }

    /// The error as ``RNNGraphError/model(_:excerpt:)``.
    public func error(source: String, text: String) -> RNNGraphError {
        .model(headline(source: source), excerpt: excerpt(text: text))
    }

    /// `file:line:column: message`.
    func headline(source: String) -> String { "\(source):\(location.line):\(location.column): \(message)" }

    /// The line of the text the error is on, and a caret under its column.
    func excerpt(text: String) -> [String] {
        let lines = ModelParser.lines(of: text)
        guard location.line >= 1, location.line <= lines.count else { return [] }
        var line = lines[location.line - 1].replacingOccurrences(of: "\t", with: " ")
            .replacingOccurrences(of: "\r", with: "")
        var caretColumn = min(max(location.column, 1), line.count + 1)
        // A long line is shown as the stretch around the column.
        let window = 100
        if line.count > window {
            let start = max(0, min(caretColumn - 1 - window / 2, line.count - window))
            let stretch = line.dropFirst(start).prefix(window)
            line = (start > 0 ? "…" : "") + stretch + (start + window < line.count ? "…" : "")
            caretColumn += (start > 0 ? 1 : 0) - start
        }
        return ["  \(line)", "  \(String(repeating: " ", count: caretColumn - 1))^"]
    }
}

import Foundation
