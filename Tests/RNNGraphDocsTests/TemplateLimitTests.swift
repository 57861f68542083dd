import Foundation
@testable import RNNGraphDocs
import RNNGraphKit
import Testing

/// Templates are bounded before swift-mustache sees them: delimiters of at
/// least two characters, nesting at most 16 deep, and output size estimated
/// before rendering.
@Suite struct TemplateLimitTests {
    static let header = "{{%CONTENT_TYPE: TEXT}}"

    @Test(arguments: ["{{=[ ]=}}[#paths][/paths]", "{{=< >=}}", "{{=<< >=}}", "{{=<<>>=}}", "{{=<< >> x=}}"])
    func shortOrMalformedDelimitersAreRefused(_ body: String) {
        #expect(throws: RNNGraphError.input("template t, line 1: delimiters must be two strings of at least two "
                                            + "characters without '=', such as {{=<< >>=}}")) {
            try DocumentTemplate(name: "t", text: Self.header + body)
        }
    }

    @Test(arguments: [17, 1_000, 5_000])
    func deepNestingIsRefusedBeforeParsing(_ depth: Int) {
        let text = Self.header + String(repeating: "{{#paths}}", count: depth) + "x"
            + String(repeating: "{{/paths}}", count: depth)
        let start = Date()
        #expect(throws: RNNGraphError.input("template t, line 1: sections are nested more than 16 deep; "
                                            + "flatten the template")) {
            try DocumentTemplate(name: "t", text: text)
        }
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func sixteenLevelsAreAllowed() throws {
        let text = Self.header + String(repeating: "{{#numbers}}", count: 16) + "x"
            + String(repeating: "{{/numbers}}", count: 16)
        _ = try DocumentTemplate(name: "t", text: text)
    }

    @Test func nestedListsAreRefusedByTheirEstimatedOutput() throws {
        let text = Self.header + String(repeating: "{{#paths}}", count: 4) + "{{term}}"
            + String(repeating: "{{/paths}}", count: 4)
        let template = try DocumentTemplate(name: "four", text: text)
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: .cs187, length: 19)))
        let content = try generator.content(figureStem: "f")
        #expect(content.pathCount == 190)
        #expect(template.estimatedBytes(content) > 190 * 190 * 190 * 190)
        #expect(throws: RNNGraphError.self) { try template.render(content) }
        do {
            _ = try template.render(content)
        } catch let error as RNNGraphError {
            #expect(error.message.hasPrefix("template four would write about "))
            #expect(error.message.contains("above the limit of 64 MB"))
        }
    }

    @Test func theEstimateBoundsTheShippedTemplates() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: .cs187, length: 19)))
        for name in DocumentTemplate.builtInNames {
            let template = try DocumentTemplate.named(name)
            let content = try generator.content(figureStem: "f")
            let estimate = template.estimatedBytes(content)
            let actual = try template.render(content).utf8.count
            #expect(Double(actual) <= estimate, "\(name)")
            #expect(estimate < Double(DocumentTemplate.maximumOutputBytes), "\(name)")
        }
    }
}
