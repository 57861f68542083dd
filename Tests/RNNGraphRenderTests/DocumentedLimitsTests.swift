import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// What the README, the guide and the Python package's README say about the tool's
/// limits and its bundled models is what the tool does.
@Suite struct DocumentedLimitsTests {
    /// The checkout's root, two folders above this file's.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every number matched by `pattern`'s first group in `text`, commas and
    /// line breaks dropped ("5,000" is 5000).
    static func numbers(_ pattern: String, in text: String) throws -> [Int] {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.matches(in: flat, range: NSRange(flat.startIndex..., in: flat)).compactMap { match in
            Range(match.range(at: 1), in: flat).flatMap { Int(flat[$0].replacingOccurrences(of: ",", with: "")) }
        }
    }

    @Test(arguments: ["README.md", "Docs/guide.md", "Docs/chain-rule.md"])
    func figureAndDOTLimitsAreTheRenderers(path: String) throws {
        let text = try Self.text(path)
        let figure = try Self.numbers(#"(?:[Ff]igures?|rendering limit of|\| figure \([^|]*\|) (?:up to |above )?([0-9][0-9,]*)(?: nodes)?"#,
                                      in: text)
        let dot = try Self.numbers(#"DOT(?: text)?(?: (?:up to|above|\|)| would have [^,]*, above the limit of) ([0-9][0-9,]*)"#,
                                   in: text)
        #expect(!figure.isEmpty && !dot.isEmpty, "\(path) states no figure or DOT limit")
        #expect(figure.allSatisfy { $0 == GraphvizRenderer.maximumNodes }, "\(path): figure limits \(figure)")
        #expect(dot.allSatisfy { $0 == GraphvizRenderer.maximumDOTNodes }, "\(path): DOT limits \(dot)")
    }

    /// The names in backquotes from "takes a bundled" to the next semicolon are every bundled model, in order.
    @Test(arguments: ["README.md", "python/README.md"])
    func modelListsAreTheBundledModels(path: String) throws {
        let text = try Self.text(path)
        let start = try #require(text.range(of: "takes a bundled"), "\(path) lists no bundled models")
        let list = text[start.upperBound...].prefix { $0 != ";" }
        let names = list.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            .filter { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !$0.isEmpty }
        #expect(names == BundledModels.names, "\(path)")
    }
}
