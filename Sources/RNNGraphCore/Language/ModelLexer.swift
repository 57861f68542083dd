/// A token of one line of a model text.
struct ModelToken: Equatable {
    enum Kind: Equatable {
        /// A name with its superscript and subscripts as written (`W_xh`, `h_{t-1}`, `h^{(2)}_t`).
        case name(base: String, superscript: String?, subscripts: [String])
        case number(Double)
        case string(String)
        /// Punctuation and operators: `+ - * @ ^ ( ) [ ] ; , < > = :=` (`⊙`, `·`, `⟨`, `⟩` mapped to `*`, `@`, `<`, `>`).
        case symbol(String)
        case end
    }
    let kind: Kind
    /// 1-based column of the first character.
    let column: Int
    /// Whether whitespace came right before the token.
    let spaceBefore: Bool
    /// The characters as written.
    let text: String
}

/// Splits one line of a model text into tokens.
///
/// Names follow the contract of the model language: a letter followed by
/// letters or digits, then optionally `^{…}` (part of the name unless it is
/// a number or `T`, which the parser reads as a power or a transpose), then
/// subscripts `_x` or `_{…}`.
struct ModelLexer {
    private let characters: [Character]
    private let line: Int
    private var position = 0

    init(_ text: Substring, line: Int) {
        characters = Array(text)
        self.line = line
    }

    /// The tokens of the line, ending with `.end`; a comment (`#`) ends the line.
    mutating func tokens() throws(ModelParseError) -> [ModelToken] {
        var result: [ModelToken] = []
        while true {
            let start = position
            skipSpaces()
            let space = position > start || position == 0
            guard position < characters.count, characters[position] != "#" else {
                result.append(ModelToken(kind: .end, column: position + 1, spaceBefore: space, text: ""))
                return result
            }
            let column = position + 1
            let c = characters[position]
            let kind: ModelToken.Kind
            if c.isLetter {
                kind = try name()
                guard position - column < ModelParser.maximumNameLength else {
                    throw error("a name has \(position - column + 1) characters, above the limit of "
                                + "\(ModelParser.maximumNameLength); choose a shorter name", at: column)
                }
            } else if c.isNumber || (c == "." && peek(1)?.isNumber == true) {
                kind = .number(number())
            } else if c == "\"" {
                kind = .string(try string())
            } else {
                kind = try symbol()
            }
            result.append(ModelToken(kind: kind, column: column, spaceBefore: space,
                                     text: String(characters[(column - 1)..<position])))
        }
    }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == " " || c == "\t" || c == "\r" { position += 1 }
    }

    private func error(_ message: String, at column: Int? = nil) -> ModelParseError {
        ModelParseError(message: message, location: SourceLocation(line: line, column: column ?? position + 1))
    }

    private mutating func name() throws(ModelParseError) -> ModelToken.Kind {
        var base = ""
        while let c = peek(), c.isLetter || c.isNumber { base.append(c); position += 1 }
        var superscript: String?
        if peek() == "^", peek(1) == "{" {
            let save = position
            position += 1
            let content = try braced()
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            if Int(trimmed) != nil || ["T", "\\top", "⊤"].contains(trimmed) {
                position = save  // a power or a transpose, read by the parser
            } else {
                try checkPart(content, "superscript", at: save + 1)
                superscript = content
            }
        }
        var subscripts: [String] = []
        let isTimeSum = base == "sum" || base == "mean"
        while peek() == "_" {
            position += 1
            if peek() == "{" {
                let start = position
                let content = try braced()
                try checkPart(content, "subscript", at: start)
                subscripts.append(content)
            } else {
                var part = ""
                while let c = peek(), c.isLetter || c.isNumber { part.append(c); position += 1 }
                guard !part.isEmpty else { throw error("expected a subscript after '_' (such as _t, _{t-1} or _xh)") }
                subscripts.append(part)
            }
        }
        if isTimeSum, !subscripts.isEmpty, peek() == "^" {
            // The upper bound of sum_{t=1}^{N}.
            position += 1
            if peek() == "{" {
                superscript = try braced()
            } else {
                var part = ""
                while let c = peek(), c.isLetter || c.isNumber { part.append(c); position += 1 }
                superscript = part
            }
        }
        return .name(base: base, superscript: superscript, subscripts: subscripts)
    }

    /// Refuses an empty superscript or subscript of a name, or one with braces inside (`h^{{}}`).
    private func checkPart(_ content: String, _ what: String, at start: Int) throws(ModelParseError) {
        guard !content.trimmingCharacters(in: .whitespaces).isEmpty, !content.contains("{"), !content.contains("}") else {
            throw error("expected a \(what) without braces inside, such as ^{(2)} or _{t-1}", at: start + 1)
        }
    }

    /// Reads `{…}` with nesting and returns what is inside.
    private mutating func braced() throws(ModelParseError) -> String {
        let open = position + 1
        position += 1
        var depth = 1
        var content = ""
        while let c = peek() {
            position += 1
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 { return content }
            }
            content.append(c)
        }
        throw error("expected '}' to close the '{' at column \(open)")
    }

    private mutating func number() -> Double {
        var text = ""
        while let c = peek(), c.isNumber || (c == "." && peek(1) != ".") { text.append(c); position += 1 }
        if let e = peek(), e == "e" || e == "E",
           let next = peek(1), next.isNumber || ((next == "-" || next == "+") && peek(2)?.isNumber == true) {
            text.append("e")
            position += 1
            if next == "-" || next == "+" { text.append(next); position += 1 }
            while let c = peek(), c.isNumber { text.append(c); position += 1 }
        }
        return Double(text) ?? .nan
    }

    private mutating func string() throws(ModelParseError) -> String {
        let open = position + 1
        position += 1
        var text = ""
        while let c = peek() {
            position += 1
            if c == "\"" { return text }
            if c == "\\", peek() == "\"" {
                text.append("\"")
                position += 1
                continue
            }
            text.append(c)
        }
        throw error("expected '\"' to close the string that starts at column \(open)")
    }

    /// Why `c` is not in the language, and what to write instead where a reader might expect it.
    static func unexpected(_ c: Character) -> String {
        switch c {
        case "'", "′", "ᵀ": return "unexpected character '\(c)': write a transpose as ^T (V^T h_t)"
        case ".": return "unexpected character '.': a matrix product is written V h_t (or V @ h_t)"
        case "/", "÷":
            return "unexpected character '\(c)': the model language has no division; multiply by a number (0.5 h_t)"
        case "\\":
            return "unexpected character '\\': write plain names, not LaTeX (tanh(…), sigma, W_hh); "
                + "`notation W = \"…\"` sets how a name prints"
        case "$": return "unexpected character '$': write the equation without $ signs"
        case "×", "∙", "•": return "unexpected character '\(c)': a matrix product is written V h_t (or V @ h_t)"
        default: return "unexpected character '\(c)'"
        }
    }

    private mutating func symbol() throws(ModelParseError) -> ModelToken.Kind {
        let c = characters[position]
        position += 1
        switch c {
        case ":" where peek() == "=":
            position += 1
            return .symbol(":=")
        case "." where peek() == "." && peek(1) == ".":
            throw error("'...' has a dot too many: write the steps as 1..N", at: position)
        case "." where peek() == ".":
            position += 1
            return .symbol("..")
        case "+", "-", "*", "@", "^", "(", ")", "[", "]", ";", ",", "<", ">", "=", "{", "}":
            return .symbol(String(c))
        case "⊙": return .symbol("*")
        case "·": return .symbol("@")
        case "⟨": return .symbol("<")
        case "⟩": return .symbol(">")
        case "−": return .symbol("-")
        default:
            throw error(Self.unexpected(c), at: position)
        }
    }
}

import Foundation
