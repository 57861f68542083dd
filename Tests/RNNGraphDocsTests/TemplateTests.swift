import Foundation
@testable import RNNGraphDocs
import RNNGraphKit
import Testing

/// Shipped templates, strict checking and the one-line errors of bad input.
@Suite struct TemplateTests {
    @Test func shippedDefaultsEqualTemplatesFolder() throws {
        let folder = Support.packageRoot.appendingPathComponent("Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == DocumentTemplate.shippedDefaults.map(\.fileName).sorted())
        for (fileName, text) in DocumentTemplate.shippedDefaults {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(fileName))
            #expect(onDisk == Data(text.utf8), "\(fileName) differs from Templates/; run scripts/embed-templates.sh")
        }
        for name in DocumentTemplate.builtInNames {
            #expect(DocumentTemplate.fileName(ofBuiltIn: name) != nil)
            _ = try DocumentTemplate.named(name)
        }
    }

    @Test func unknownTemplateName() {
        #expect(throws: RNNGraphError.usage(
            "unknown template 'poster'; use article, section, slides or the path of a template file")) {
            try DocumentTemplate.named("poster")
        }
        #expect(throws: RNNGraphError.input("template file /nonexistent/t.tex does not exist; use article, "
                                            + "section, slides or the path of a template file")) {
            try DocumentTemplate.named("/nonexistent/t.tex")
        }
    }

    @Test func syntaxErrorNamesTemplateAndLine() {
        let text = "{{%CONTENT_TYPE: TEXT}}\n{{=<< >>=}}\nline three\n<<#paths>>\n<<number>>\n<</frames>>\n"
        #expect(throws: RNNGraphError.input("template broken.tex, line 6: a section is closed with a name that "
                                            + "does not match its opening: <</frames>>")) {
            try DocumentTemplate(name: "broken.tex", text: text)
        }
    }

    @Test func unknownVariableIsAnError() {
        let text = "{{%CONTENT_TYPE: TEXT}}\n{{=<< >>=}}\n<<title.plain>>\n<<#paths>><<nmber>><</paths>>\n"
        #expect {
            try DocumentTemplate(name: "typo.md", text: text)
        } throws: { error in
            let message = (error as? RNNGraphError)?.message ?? ""
            return message.hasPrefix("template typo.md, line 4: the context has no 'nmber'; names here: latex, ")
        }
        // Inside an optional section the check holds even when the section would not be rendered.
        let optional = "{{%CONTENT_TYPE: TEXT}}\n<<x>>{{#numbers}}{{los}}{{/numbers}}\n"
        #expect(throws: RNNGraphError.self) { try DocumentTemplate(name: "o.md", text: optional) }
        let dotted = "{{%CONTENT_TYPE: TEXT}}\n{{title.html}}\n"
        #expect(throws: RNNGraphError.self) { try DocumentTemplate(name: "d.md", text: dotted) }
        let transform = "{{%CONTENT_TYPE: TEXT}}\n{{#paths}}{{^lst()}},{{/lst()}}{{/paths}}\n"
        #expect(throws: RNNGraphError.self) { try DocumentTemplate(name: "t.md", text: transform) }
        let partial = "{{%CONTENT_TYPE: TEXT}}\n{{>header}}\n"
        #expect(throws: RNNGraphError.self) { try DocumentTemplate(name: "p.md", text: partial) }
    }

    @Test func validTemplateUsesAndRendersEveryKindOfName() throws {
        let text = "{{%CONTENT_TYPE: TEXT}}\n{{count(paths)}} {{pathCount}} {{#paths}}{{number}}:{{.text}}"
            + "{{^last()}}, {{/last()}}{{/paths}} {{#numbers}}{{loss}}{{/numbers}}{{^numbers}}none{{/numbers}}\n"
        let template = try DocumentTemplate(name: "ok.md", text: text)
        #expect(template.usedFields == ["paths", "pathCount", "paths.number", "paths.text", "numbers", "numbers.loss"])
        let generator = try DocumentGenerator(model: Model(ModelOptions(length: 2)))
        let rendered = try generator.render(template, figureStem: "s")
        #expect(rendered.text == "3 3 1:U → h₁ → o₁ → L, 2:U → h₂ → o₂ → L, 3:U → h₁ → h₂ → o₂ → L none\n")
        #expect(rendered.figures.isEmpty, "no figure is rendered when the template names none")
    }

    @Test func contentTypeIsRequired() {
        #expect(throws: RNNGraphError.self) { try DocumentTemplate(name: "html.md", text: "{{title.plain}}\n") }
        #expect(throws: RNNGraphError.self) {
            try DocumentTemplate(name: "late.md", text: "{{title.plain}}\n{{%CONTENT_TYPE: TEXT}}\n")
        }
    }

    @Test func templatesFolderErrors() throws {
        #expect(throws: RNNGraphError.input(
            "cannot read the templates folder /nonexistent: it is missing or not readable")) {
            try DocumentTemplate.named("article", templatesFolder: "/nonexistent")
        }
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: RNNGraphError.input(
            "the templates folder \(folder.path) has no slides.tex; add it or drop --templates")) {
            try DocumentTemplate.named("slides", templatesFolder: folder.path)
        }
        try "{{%CONTENT_TYPE: TEXT}}\nmine: {{modelName.plain}}\n".write(
            to: folder.appendingPathComponent("section.md"), atomically: true, encoding: .utf8)
        let mine = try DocumentTemplate.named("section", templatesFolder: folder.path)
        let generator = try DocumentGenerator(model: Model(ModelOptions(model: .pytorch, length: 1)))
        #expect(try generator.render(mine, figureStem: "m").text == "mine: pytorch\n")
    }

    @Test func outputErrorsWriteNothing() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(length: 2)))
        let slides = try DocumentTemplate.named("slides")
        #expect(throws: RNNGraphError.self) { try generator.write(slides, to: "/nonexistent/folder/s.tex") }
        #expect(throws: RNNGraphError.usage("figure stem 'a/b' must be a file name, not a path")) {
            try generator.write(slides, to: NSTemporaryDirectory() + "stem.tex", figureStem: "a/b")
        }

        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The figure `x-graph.svg` would overwrite the document itself.
        let section = try DocumentTemplate.named("section")
        #expect(throws: RNNGraphError.output("figure x-graph.svg would overwrite x-graph.svg in \(folder.path); "
                                             + "choose another document name or figure stem")) {
            try generator.write(section, to: folder.appendingPathComponent("x-graph.svg").path, figureStem: "x")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func templateScopeMatchesContentFields() throws {
        let generator = try DocumentGenerator(model: Model(ModelOptions(length: 1)),
                                              numbers: Support.numbers(for: Model(ModelOptions(length: 1))))
        let content = try generator.content(figureStem: "c")
        func check(_ value: Any, _ field: TemplateScope.Field, at path: String) {
            switch field {
            case .leaf:
                break
            case .list(let item):
                guard let array = value as? [Any], let first = array.first else {
                    Issue.record("\(path) is not a non-empty list")
                    return
                }
                check(first, item, at: path + "[0]")
            case .record(let scope):
                let mirror = Mirror(reflecting: value)
                let value = mirror.displayStyle == .optional ? mirror.children.first!.value : value
                let labels = Mirror(reflecting: value).children.compactMap(\.label)
                #expect(Set(labels) == Set(scope.fields.keys), "fields of \(path)")
                for child in Mirror(reflecting: value).children {
                    if let label = child.label, let inner = scope.fields[label] {
                        check(child.value, inner, at: "\(path).\(label)")
                    }
                }
            }
        }
        check(content, .record(DocumentContent.templateScope), at: "content")
    }
}
