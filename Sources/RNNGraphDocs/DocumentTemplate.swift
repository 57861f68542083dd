import Foundation
import Mustache
import RNNGraphKit

/// A Mustache template for a document, parsed and checked against
/// ``DocumentContent`` when it is created.
///
/// Templates must declare their content type (`{{%CONTENT_TYPE: TEXT}}` for
/// LaTeX and Markdown, so that `&` and `<` are not escaped as HTML), and LaTeX
/// templates switch delimiters (`{{=<< >>=}}`) so that TeX braces do not
/// collide with Mustache tags. Every name a template uses must exist in the
/// context: a typo is an error, not empty output.
public struct DocumentTemplate: Sendable {
    /// The name used in messages: a built-in file name (`article.tex`) or a path.
    public let name: String
    /// The template text.
    public let text: String
    /// Field paths the template uses (`figurePDF`, `frames.figure`).
    let usedFields: Set<String>
    /// What the output is made of, for its size estimate.
    private let segments: [TemplateSegment]
    private let template: MustacheTemplate

    /// Parses and checks `text`.
    /// - Throws: `RNNGraphError.input(_:)` naming the template and line of a
    ///   syntax error, an unknown name, or a missing content type.
    public init(name: String, text: String) throws {
        guard text.utf8.count <= Self.maximumBytes else {
            throw RNNGraphError.input("template \(name) has \(text.utf8.count) bytes, above the limit of "
                                      + "\(Self.maximumBytes) (\(Self.maximumBytes >> 20) MiB); check that this is a template")
        }
        // Delimiters and nesting first: swift-mustache crashes on one-character
        // delimiters, overflows its stack on deep nesting and takes gigabytes for long chains of transforms.
        let tags = try TemplateCheck.tags(of: text, templateName: name)
        let limit = TemplateCheck.maximumTransforms
        if let tag = tags.first(where: { $0.name.filter { $0 == "(" }.count > limit }) {
            throw RNNGraphError.input("template \(name), line \(tag.line): a tag applies more than \(limit) transforms; "
                                      + "apply at most \(limit), as in {{count(paths)}}")
        }
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.line.trimmingCharacters(in: .whitespaces)
            throw RNNGraphError.input(
                "template \(name), line \(error.context.lineNumber): \(Self.describe(error.error)): \(line)")
        }
        guard let first = tags.first, first.kind == .pragma, first.name.hasPrefix("CONTENT_TYPE") else {
            throw RNNGraphError.input(
                "template \(name): declare its content type in its first tag, {{%CONTENT_TYPE: TEXT}} "
                + "for LaTeX or Markdown (otherwise & and < are escaped as HTML)")
        }
        (usedFields, segments) = try TemplateCheck.check(text, templateName: name, scope: DocumentContent.templateScope)
        self.name = name
        self.text = text
    }

    /// The largest template read, in bytes (1 MiB).
    public static let maximumBytes = 1 << 20

    /// The largest document rendered, in bytes (64 MiB).
    public static let maximumOutputBytes = 64 << 20

    /// An upper estimate of the size of `content` rendered through this template:
    /// each segment's text and longest value, times the lengths of its enclosing lists.
    public func estimatedBytes(_ content: DocumentContent) -> Double {
        segments.reduce(0) { total, segment in
            let repeats = segment.lists.reduce(1.0) { $0 * Double(content.listLength(at: $1)) }
            let value = segment.field.map { content.largestValueBytes(at: $0) } ?? 0
            return total + Double(segment.textBytes + value) * repeats
        }
    }

    /// Renders `content`.
    /// - Throws: `RNNGraphError.usage` when the estimated output exceeds ``maximumOutputBytes``.
    public func render(_ content: DocumentContent) throws -> String {
        let estimate = estimatedBytes(content)
        guard estimate <= Double(Self.maximumOutputBytes) else {
            throw RNNGraphError.usage(
                "template \(name) would write about \(Self.megabytes(estimate)) MB, above the limit of "
                + "\(Self.maximumOutputBytes >> 20) MB; nest fewer list sections or choose a smaller --length")
        }
        let output = template.render(content)
        // A template with text or variables that renders nothing has sections empty for this content.
        guard !output.isEmpty || segments.allSatisfy({ $0.textBytes == 0 && $0.field == nil }) else {
            throw RNNGraphError.input("template \(name) rendered nothing; check its sections, which are empty for "
                                      + "this model or these options")
        }
        return output
    }

    private static func megabytes(_ bytes: Double) -> String {
        let megabytes = bytes / Double(1 << 20)
        return megabytes < 1e9 ? "\(Int(megabytes.rounded()))" : String(format: "%.1e", megabytes)
    }

    /// The names of the built-in templates, each a file in `Templates/`.
    public static let builtInNames = ["article", "section", "slides"]

    /// The file name of a built-in template: `article.tex`, `section.md`, `slides.tex`.
    public static func fileName(ofBuiltIn name: String) -> String? {
        switch name {
        case "article": return "article.tex"
        case "section": return "section.md"
        case "slides": return "slides.tex"
        default: return nil
        }
    }

    /// The defaults shipped in the library, by file name, byte for byte the files of `Templates/`.
    public static var shippedDefaults: [(fileName: String, text: String)] { DefaultTemplates.files }

    /// The template a command line names.
    ///
    /// - Parameters:
    ///   - nameOrPath: `article`, `section`, `slides`, or the path of a template file.
    ///   - folder: a folder of the user's templates (`article.tex`, `section.md`,
    ///     `slides.tex`) that replaces the shipped defaults; `nil` uses the defaults.
    /// - Throws: `RNNGraphError` for an unknown name, an unreadable folder or
    ///   file, or a template that does not parse or check.
    public static func named(_ nameOrPath: String, templatesFolder folder: String? = nil) throws -> DocumentTemplate {
        if let fileName = fileName(ofBuiltIn: nameOrPath) {
            guard let folder else {
                let text = DefaultTemplates.files.first { $0.fileName == fileName }!.text
                return try DocumentTemplate(name: fileName, text: text)
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                  FileManager.default.isReadableFile(atPath: folder),
                  (try? FileManager.default.contentsOfDirectory(atPath: folder)) != nil else {
                throw RNNGraphError.input("cannot read the templates folder \(folder): it is missing or not readable")
            }
            let path = URL(fileURLWithPath: folder).appendingPathComponent(fileName).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw RNNGraphError.input("the templates folder \(folder) has no \(fileName); add it or drop --templates")
            }
            return try load(path)
        }
        guard nameOrPath.contains("/") || nameOrPath.contains(".") else {
            throw RNNGraphError.usage("unknown template '\(nameOrPath)'; use "
                + builtInNames.joined(separator: ", ") + " or the path of a template file")
        }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw RNNGraphError.input("template file \(nameOrPath) does not exist; use "
                + builtInNames.joined(separator: ", ") + " or the path of a template file")
        }
        return try load(nameOrPath)
    }

    /// Reads and checks a template file.
    public static func load(_ path: String) throws -> DocumentTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RNNGraphError.input("cannot read template file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RNNGraphError.input("template file \(path) is not UTF-8 text")
        }
        return try DocumentTemplate(name: path, text: text)
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with a name that does not match its opening"
        case .unfinishedName?: return "a tag is not closed or its name is malformed"
        case .expectedSectionEnd?: return "a section is never closed"
        case .invalidSetDelimiter?: return "malformed delimiter change"
        case .transformAppliedToInheritanceSection?: return "transform applied to an inheritance section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?: return "malformed inheritance section"
        case .invalidConfigVariableSyntax?: return "malformed pragma"
        case .unrecognisedConfigVariable?: return "unknown pragma"
        case nil: return "syntax error"
        }
    }
}
