import Foundation
import RNNGraphKit

/// Prints ``ExplorerContent`` as one self-contained HTML page: inline SVG, MathML, style and script,
/// nothing fetched. Every term is a focusable `data-term="k"` element; hovering or focusing it marks
/// the edges of path k with the class `on`; clicking a node lists the terms through it, clicking an
/// edge shows its local partial.
public enum ExplorerPage {
    /// The most bytes a page may have (8 MiB).
    public static let maximumBytes = 8 << 20

    /// The page for `content`.
    /// - Throws: `RNNGraphError/usage(_:)` when the page would be larger than ``maximumBytes``.
    public static func html(_ content: ExplorerContent) throws -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>rnngraph explorer</title>\n<style>\n\(ExplorerAssets.style)</style>\n</head>\n<body>\n"
        out += controls(content)
        for length in content.lengths {
            out += section(length, shown: length.length == content.initialLength)
            guard out.utf8.count <= maximumBytes else {
                let estimate = out.utf8.count / (length.length - content.lengths[0].length + 1) * content.lengths.count
                throw RNNGraphError.usage("the explorer page would have about \(estimate >> 20) MB, above the limit of "
                                          + "\(maximumBytes >> 20) MB; use a shorter length or a smaller model")
            }
        }
        out += "<aside id=\"panel\" aria-live=\"polite\"><p>Hover or focus a term to light up its path; "
        out += "click a node or an edge.</p></aside>\n"
        out += "<details id=\"model\"><summary>Model</summary><pre>\(MarkupText.html(content.modelText))</pre></details>\n"
        out += "<script type=\"application/json\" id=\"data\">\(try data(content))</script>\n"
        out += "<script>\n\(ExplorerAssets.script)</script>\n</body>\n</html>\n"
        return out
    }

    private static func controls(_ content: ExplorerContent) -> String {
        var out = "<header><h1>rnngraph explorer</h1><form id=\"controls\">"
        out += "<label>N <select id=\"length\">"
        for length in content.lengths {
            let selected = length.length == content.initialLength ? " selected" : ""
            out += "<option value=\"\(length.length)\"\(selected)>\(length.length)</option>"
        }
        out += "</select></label>"
        out += radios("form", ["expanded", "compact", "merged", "recursive"])
        out += radios("local", ["symbolic", "closed"])
        return out + "</form></header>\n"
    }

    private static func radios(_ name: String, _ values: [String]) -> String {
        "<fieldset><legend>\(name == "form" ? "Form" : "Partials")</legend>" + values.enumerated().map { k, value in
            "<label><input type=\"radio\" name=\"\(name)\" value=\"\(value)\"\(k == 0 ? " checked" : "")> \(value)</label>"
        }.joined() + "</fieldset>"
    }

    private static func section(_ length: ExplorerContent.Length, shown: Bool) -> String {
        var out = "<section class=\"length\" data-length=\"\(length.length)\"\(shown ? "" : " hidden")>\n"
        out += "<div class=\"figure\">\(length.svg)</div>\n"
        for (local, terms) in [("symbolic", length.terms.symbolic), ("closed", length.terms.closed)] {
            out += "<div class=\"form\" data-form=\"expanded-\(local)\"\(local == "symbolic" ? "" : " hidden")>"
            if length.numbers != nil {
                out += "<p><button type=\"button\" class=\"sort\" aria-pressed=\"false\">Sort terms by size</button></p>"
            }
            out += "<p class=\"terms\"><math><mrow>\(length.lhs)<mo>=</mo></mrow></math> "
            for (k, term) in terms.enumerated() {
                let size = length.numbers.map { " data-size=\"\($0.contributions[k].size)\"" } ?? ""
                out += "<span class=\"item\"\(size)><span class=\"plus\">+</span> "
                out += "<span class=\"term\" data-term=\"\(k + 1)\" tabindex=\"0\"><math>\(term)</math></span>"
                if let number = length.numbers?.contributions[k] {
                    out += "<span class=\"contribution\" data-contribution=\"\(number.json)\">\(MarkupText.html(number.text))</span>"
                }
                out += "</span> "
            }
            out += "</p></div>\n"
        }
        for form in length.forms {
            out += "<div class=\"form\" data-form=\"\(form.name)\" hidden>"
            switch form.form {
            case .lines(let lines): out += lines.map { "<math display=\"block\">\($0)</math>" }.joined(separator: "\n")
            case .refused(let message): out += "<p class=\"refused\">No such form for this model: \(MarkupText.html(message))</p>"
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    /// Each length's paths, terms through each node and edge partials, as JSON safe inside a `<script>`.
    private static func data(_ content: ExplorerContent) throws -> String {
        struct LengthData: Encodable {
            let paths: [[String]]
            let through: [String: [Int]]
            let partials: [String: [String]]
            /// By node name, its value and adjoint: full precision (JSON) and short text.
            let values: [String: [String]]?
            let adjoints: [String: [String]]?
        }
        var all: [String: LengthData] = [:]
        for length in content.lengths {
            all[String(length.length)] = LengthData(paths: length.paths, through: length.termsThrough,
                                                    partials: length.partials.mapValues { [$0.symbolic, $0.closed] },
                                                    values: length.numbers?.values.mapValues { [$0.json, $0.text] },
                                                    adjoints: length.numbers?.adjoints.mapValues { [$0.json, $0.text] })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(all), as: UTF8.self)
        return json.replacingOccurrences(of: "</", with: "<\\/")
    }
}
