import Foundation
import RNNGraphKit

/// The names a template may use at one level of a context: each a value, a
/// record with names of its own, or a list of items.
struct TemplateScope: Sendable {
    /// What a name denotes.
    indirect enum Field: Sendable {
        /// A value printed as it is.
        case leaf
        /// A record: a section over it may use its names.
        case record(TemplateScope)
        /// A list: a section over it repeats once per item, whose names it may use.
        case list(Field)
    }

    let fields: [String: Field]

    init(_ fields: [String: Field]) { self.fields = fields }
}

extension TemplateScope: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, Field)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}

/// A tag of a template, with the line it is on and the bytes of literal text before it.
struct TemplateTag: Equatable {
    enum Kind: Equatable { case variable, section, inverted, close, partial, pragma, other }
    let kind: Kind
    let name: String
    let line: Int
    var textBefore = 0
}

/// What one tag adds to a rendered document: its literal text before it and,
/// for a variable, the field it prints, repeated once per item of each
/// enclosing list section (`lists`, outermost first).
struct TemplateSegment: Sendable {
    let textBytes: Int
    let field: String?
    let lists: [String]
}

/// Checks, before rendering, that every name a template uses exists in the
/// context, so that a typo is an error rather than silent empty output.
///
/// Mustache looks a name up in the innermost section's item first, then in
/// each enclosing one out to the root; the check follows the same rule.
enum TemplateCheck {
    /// Transforms swift-mustache applies to values (`{{count(paths)}}`).
    static let valueTransforms: Set<String> = [
        "empty", "capitalized", "lowercased", "uppercased", "reversed", "first", "last", "count", "sorted",
        "equalzero", "plusone",
    ]
    /// Transforms of the position in a list (`{{^last()}}`).
    static let sequenceTransforms: Set<String> = ["first", "last", "index", "even", "odd"]

    /// The deepest nesting of sections a template may have: deeper templates
    /// overflow the parser's stack or take minutes to render.
    static let maximumDepth = 16

    /// The most transforms one tag may apply (`{{count(paths)}}` applies one).
    static let maximumTransforms = 4

    /// The field paths the template uses (`figurePDF`, `frames.figure`) and the
    /// segments its output is made of, or an error naming the template, line and unknown name.
    static func check(_ text: String, templateName: String, scope: TemplateScope) throws
        -> (used: Set<String>, segments: [TemplateSegment]) {
        var used = Set<String>()
        var segments: [TemplateSegment] = []
        // Enclosing sections, innermost last: the field each one is over and its path.
        var stack: [(field: TemplateScope.Field, path: String)] = [(.record(scope), "")]
        // Paths of the list sections enclosing each level of the stack.
        var lists: [[String]] = [[]]
        for tag in try tags(of: text, templateName: templateName) {
            func fail(_ why: String) -> RNNGraphError {
                .input("template \(templateName), line \(tag.line): \(why)")
            }
            segments.append(TemplateSegment(textBytes: tag.textBefore, field: nil, lists: lists.last!))
            switch tag.kind {
            case .other, .pragma:
                continue
            case .partial:
                throw fail("partials and blocks ('\(tag.name)') are not supported; put their text in the template itself")
            case .close:
                stack.removeLast()
                lists.removeLast()
                continue
            case .variable, .section, .inverted:
                break
            }
            let (name, transforms) = try split(tag.name, fail: fail)
            if name.isEmpty {
                guard let transform = transforms.first, transforms.count == 1,
                      sequenceTransforms.contains(transform), stack.count > 1 else {
                    throw fail("'\(tag.name)' is not a list position (first(), last(), index(), even(), odd() "
                               + "inside a list section)")
                }
                if tag.kind != .variable {
                    stack.append((.leaf, stack.last!.path))
                    lists.append(lists.last!)
                }
                continue
            }
            for transform in transforms where !valueTransforms.contains(transform) {
                throw fail("unknown transform '\(transform)' in '\(tag.name)'")
            }
            guard let (field, path) = resolve(name, in: stack) else {
                throw fail("the context has no '\(name)'" + suggestion(for: stack))
            }
            used.insert(path)
            if tag.kind == .variable {
                segments.append(TemplateSegment(textBytes: 0, field: path, lists: lists.last!))
            } else if case .list(let item) = field, transforms.isEmpty {
                stack.append((item, path))
                lists.append(tag.kind == .section ? lists.last! + [path] : lists.last!)
            } else {
                stack.append((transforms.isEmpty ? field : .leaf, path))
                lists.append(lists.last!)
            }
        }
        return (used, segments)
    }

    /// Splits `count(paths)` into the name and its transforms, outermost first.
    private static func split(_ tag: String, fail: (String) -> RNNGraphError) throws -> (String, [String]) {
        var parts = tag.split(separator: "(", omittingEmptySubsequences: false).map(String.init)
        let name = parts.removeLast()
        guard name.filter({ $0 == ")" }).count == parts.count else { throw fail("malformed name '\(tag)'") }
        return (name.replacingOccurrences(of: ")", with: ""), parts)
    }

    /// Looks a dotted name up the way Mustache does: its first part in the
    /// innermost scope that has it, the rest inside that.
    private static func resolve(_ name: String, in stack: [(field: TemplateScope.Field, path: String)])
        -> (TemplateScope.Field, String)? {
        if name == "." { return (stack.last!.field, stack.last!.path) }
        let parts = name.split(separator: ".").map(String.init)
        let levels = name.hasPrefix(".") ? [stack.last!] : Array(stack.reversed())
        for level in levels {
            guard case .record(let scope) = level.field, var field = scope.fields[parts[0]] else { continue }
            var path = level.path.isEmpty ? parts[0] : "\(level.path).\(parts[0])"
            for part in parts.dropFirst() {
                guard case .record(let inner) = field, let next = inner.fields[part] else { return nil }
                field = next
                path += ".\(part)"
            }
            return (field, path)
        }
        return nil
    }

    private static func suggestion(for stack: [(field: TemplateScope.Field, path: String)]) -> String {
        var names: [String] = []
        for level in stack.reversed() {
            if case .record(let scope) = level.field { names += scope.fields.keys.sorted() }
        }
        return "; names here: " + names.joined(separator: ", ")
    }

    /// The tags of a template, checked before swift-mustache parses it: delimiters
    /// of at least two characters (one-character delimiters crash its parser) and
    /// sections nested at most ``maximumDepth`` deep.
    static func tags(of text: String, templateName: String) throws -> [TemplateTag] {
        var tags: [TemplateTag] = []
        var open = "{{", close = "}}"
        var line = 1
        var depth = 0
        var rest = Substring(text)
        func fail(_ line: Int, _ why: String) -> RNNGraphError {
            .input("template \(templateName), line \(line): \(why)")
        }
        while let start = rest.range(of: open) {
            let textBefore = rest[..<start.lowerBound].utf8.count
            line += rest[..<start.lowerBound].filter(\.isNewline).count
            rest = rest[start.upperBound...]
            let tripleBrace = open == "{{" && rest.first == "{"
            let end = tripleBrace ? "}" + close : close
            guard let stop = rest.range(of: end) else { break }
            let body = rest[..<stop.lowerBound]
            let tagLine = line
            line += body.filter(\.isNewline).count
            rest = rest[stop.upperBound...]
            let sigil = body.first ?? " "
            let name = { (drop: Int) in
                String(body.dropFirst(drop)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func tag(_ kind: TemplateTag.Kind, _ name: String) -> TemplateTag {
                TemplateTag(kind: kind, name: name, line: tagLine, textBefore: textBefore)
            }
            switch sigil {
            case "!":
                tags.append(tag(.other, ""))
            case "%":
                tags.append(tag(.pragma, name(1)))
            case "=":
                let delimiters = name(1).dropLast().split(whereSeparator: \.isWhitespace)
                guard name(1).hasSuffix("="), delimiters.count == 2,
                      delimiters.allSatisfy({ $0.count >= 2 && !$0.contains("=") }) else {
                    throw fail(tagLine, "delimiters must be two strings of at least two characters without '=', "
                               + "such as {{=<< >>=}}")
                }
                open = String(delimiters[0])
                close = String(delimiters[1])
                tags.append(tag(.other, ""))
            case "#", "^", "$", "<":
                depth += 1
                guard depth <= maximumDepth else {
                    throw fail(tagLine, "sections are nested more than \(maximumDepth) deep; flatten the template")
                }
                let kind: TemplateTag.Kind = sigil == "#" ? .section : sigil == "^" ? .inverted : .partial
                tags.append(tag(kind, name(1)))
            case "/":
                depth -= 1
                tags.append(tag(.close, name(1)))
            case ">": tags.append(tag(.partial, name(1)))
            case "{", "&": tags.append(tag(.variable, name(1)))
            default: tags.append(tag(.variable, name(0)))
            }
        }
        return tags
    }
}
