import Foundation
import Testing

/// The Swift snippets of the DocC tutorial and of `Docs/library.md` are copies
/// of the example target's code, so they compile as that target does.
@Suite struct SnippetTests {
    static let documents = ["Sources/RNNGraphKit/RNNGraphKit.docc/GeneratingADocument.md", "Docs/library.md"]

    /// Lines without their indentation, empty lines dropped.
    static func normalized(_ text: some StringProtocol) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The bodies of the ```swift blocks of a Markdown text.
    static func swiftBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test(arguments: documents)
    func snippetsAreCopiedFromTheExample(document: String) throws {
        let example = try String(contentsOf: Support.packageRoot
            .appendingPathComponent("Sources/DocsGeneratorExample/main.swift"), encoding: .utf8)
        let source = Self.normalized(example)
        let text = try String(contentsOf: Support.packageRoot.appendingPathComponent(document), encoding: .utf8)
        let blocks = Self.swiftBlocks(text)
        #expect(!blocks.isEmpty, "\(document) has its Swift snippets")
        for block in blocks {
            let lines = Self.normalized(block)
            let found = lines.isEmpty || (0...max(0, source.count - lines.count)).contains { start in
                start + lines.count <= source.count && Array(source[start..<(start + lines.count)]) == lines
            }
            #expect(found, "\(document): this snippet is not in Sources/DocsGeneratorExample/main.swift:\n\(block)")
        }
    }
}
