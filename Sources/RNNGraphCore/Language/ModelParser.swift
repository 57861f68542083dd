import Foundation

/// Reads a model text into a ``ModelSyntax``.
///
/// A small hand-written recursive-descent parser rather than a combinator
/// library: the language is line-based with a dozen statement forms, and what
/// matters most is the diagnostic — every error names the line and column,
/// and what was expected there, which a hand-written parser can say precisely
/// at each decision point.
///
/// Precedence, loosest first: `+ -`; `*` and `⊙` (element-wise); juxtaposition,
/// `@` and `·` (matrix product); unary minus; `^k` and `^T`.
public struct ModelParser {
    /// The largest model text read, in bytes.
    public static let maximumBytes = 1 << 20

    /// The deepest an expression nests (parentheses, calls, products, powers, signs), and the deepest
    /// any expression of the unrolled graph does once inline definitions are substituted.
    public static let maximumDepth = 256
    /// The most expression nodes (names, numbers, operations) a model text has.
    public static let maximumNodes = 50_000
    /// The most equations a model text has.
    public static let maximumEquations = 1_000
    /// The longest name, in characters as written (`W_xh` has 4).
    public static let maximumNameLength = 64

    /// The lines of `text`, whether they end with LF, CRLF or CR.
    static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so splitting on "\n" alone would never end a CRLF line.
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// Parses `text`.
    /// - Throws: ``ModelParseError`` at the first problem.
    public static func parse(_ text: String) throws(ModelParseError) -> ModelSyntax {
        guard text.utf8.count <= maximumBytes else {
            throw ModelParseError(message: "the model text has \(text.utf8.count) bytes, above the limit of \(maximumBytes)",
                                  location: SourceLocation(line: 1, column: 1))
        }
        var syntax = ModelSyntax()
        var sawTime = false
        var nodes = 0
        for (index, line) in lines(of: text).enumerated() {
            var lexer = ModelLexer(line, line: index + 1)
            let tokens = try lexer.tokens()
            guard tokens.count > 1 else { continue }
            var parser = LineParser(tokens: tokens, line: index + 1, timeVariable: syntax.timeVariable, nodes: nodes)
            try parser.statement(into: &syntax, sawTime: &sawTime)
            nodes = parser.nodes
        }
        guard !syntax.equations.isEmpty else {
            throw ModelParseError(message: "the model has no equations; write one per line, such as h_t = tanh(W h_{t-1} + U x_t)",
                                  location: SourceLocation(line: 1, column: 1))
        }
        return syntax
    }
}

/// The parser of one line: statements here, expressions in `ModelParser+Expressions.swift`.
struct LineParser {
    let tokens: [ModelToken]
    let line: Int
    var timeVariable: String
    var position = 0
    /// Brackets, calls and sum bodies open at the current position.
    var nesting = 0
    /// Expression nodes of the model so far, this line's included.
    var nodes: Int

    init(tokens: [ModelToken], line: Int, timeVariable: String, nodes: Int) {
        self.tokens = tokens
        self.line = line
        self.timeVariable = timeVariable
        self.nodes = nodes
    }

    var current: ModelToken { tokens[position] }
    var next: ModelToken { tokens[min(position + 1, tokens.count - 1)] }

    func error(_ message: String, at token: ModelToken? = nil) -> ModelParseError {
        ModelParseError(message: message, location: SourceLocation(line: line, column: (token ?? current).column))
    }

    func describe(_ token: ModelToken) -> String {
        token.kind == .end ? "the end of the line" : "'\(token.text)'"
    }

    func isSymbol(_ s: String, _ token: ModelToken? = nil) -> Bool { (token ?? current).kind == .symbol(s) }

    mutating func expect(_ s: String, _ what: @autoclosure () -> String) throws(ModelParseError) {
        guard isSymbol(s) else { throw error("expected \(what()), found \(describe(current))") }
        position += 1
    }

    /// A plain word (a name without superscript or subscripts).
    func word(_ token: ModelToken? = nil) -> String? {
        if case .name(let base, nil, []) = (token ?? current).kind { return base }
        return nil
    }

    mutating func expectWord(_ what: String) throws(ModelParseError) -> String {
        guard let w = word() else { throw error("expected \(what), found \(describe(current))") }
        position += 1
        return w
    }

    mutating func expectEnd() throws(ModelParseError) {
        guard current.kind == .end else {
            if current.kind == .symbol(";") {
                throw error("unexpected ';': a statement ends with its line (';' only separates the parts of a stack [a; b])")
            }
            if current.kind == .symbol(")") {
                throw error("unexpected ')': no '(' is open here; remove it or open one before")
            }
            throw error("unexpected \(describe(current)); expected an operator or the end of the line")
        }
    }

    // MARK: Statements

    mutating func statement(into syntax: inout ModelSyntax, sawTime: inout Bool) throws(ModelParseError) {
        let isEquation = isSymbol("=", next) || isSymbol(":=", next)
        if !isEquation, let keyword = word() {
            switch keyword {
            case "model":
                position += 1
                guard case .string(let title) = current.kind else {
                    throw error("expected the model's title in quotes, such as model \"Elman network\"")
                }
                position += 1
                try expectEnd()
                syntax.title = title
                return
            case "time":
                position += 1
                if word() == "style" {
                    position += 1
                    let style = try expectWord("a time style: subscript, parenthesized or bracketed")
                    guard let value = TimeIndexStyle(rawValue: style) else {
                        throw error("unknown time style '\(style)'; use subscript, parenthesized or bracketed",
                                    at: tokens[position - 1])
                    }
                    try expectEnd()
                    syntax.timeStyle = value
                    return
                }
                guard !sawTime else {
                    throw error("the time range is given twice; keep one line such as time t = 1..N", at: tokens[0])
                }
                try timeRange(into: &syntax)
                sawTime = true
                return
            case "activation":
                position += 1
                let symbol = try expectWord("an activation symbol, as in activation sigma = relu")
                try expect("=", "'=' after the activation symbol")
                let functionToken = current
                let function = try expectWord("a function: relu, tanh, sigmoid or identity")
                guard let activation = Activation(rawValue: function) else {
                    throw error("unknown activation '\(function)'; use relu, tanh, sigmoid or identity", at: functionToken)
                }
                try expectEnd()
                syntax.activations.append(ActivationBinding(symbol: symbol, function: activation))
                return
            case "notation":
                position += 1
                let name = try referenceName()
                try expect("=", "'=' after the name, as in notation W_xh = \"\\mathbf{W}_{xh}\"")
                guard case .string(let latex) = current.kind else {
                    throw error("expected the LaTeX in quotes, as in notation W_xh = \"\\mathbf{W}_{xh}\"")
                }
                position += 1
                try expectEnd()
                syntax.notation[name] = latex
                return
            case "layout":
                position += 1
                let token = current
                let layout = try expectWord("a layout: rows or columns")
                guard let value = VectorLayout(rawValue: layout) else {
                    throw error("unknown layout '\(layout)'; use rows or columns", at: token)
                }
                try expectEnd()
                syntax.layout = value
                return
            default:
                if let role = DeclaredRole(rawValue: keyword) {
                    position += 1
                    var names: [String] = []
                    repeat {
                        if !names.isEmpty { position += 1 }
                        names.append(try referenceName())
                    } while isSymbol(",")
                    try expectEnd()
                    syntax.declarations.append(Declaration(role: role, names: names, line: line))
                    return
                }
            }
        }
        guard case .name = current.kind else {
            throw error("expected an equation such as h_t = tanh(W h_{t-1} + U x_t), found \(describe(current))")
        }
        let target = try reference()
        let inline = isSymbol(":=")
        guard isSymbol("=") || inline else {
            if tokens.count > 1, case .name = tokens[1].kind, let first = word(tokens[0]),
               NameSuggestion.distance(first.lowercased(), "time") <= 2 {
                throw error("expected '=' or ':=' after \(tokens[0].text), found \(describe(current)); "
                            + "did you mean time \(tokens[1].text) = 1..N?")
            }
            if isSymbol("[") {
                throw error("expected '=' or ':=' after \(tokens[0].text), found '['; write a step as a subscript: "
                            + "\(tokens[0].text)_t, \(tokens[0].text)_{t-1}")
            }
            throw error("expected '=' or ':=' after \(tokens[0].text), found \(describe(current))")
        }
        position += 1
        let expression = try expression()
        try expectEnd()
        guard syntax.equations.count < ModelParser.maximumEquations else {
            throw error("the model has more than \(ModelParser.maximumEquations) equations; write a smaller model",
                        at: tokens[0])
        }
        syntax.equations.append(Equation(target: target, isInline: inline, expression: expression.term, line: line))
    }

    /// `time t = 1..N`, `time t = 0..N-1`.
    mutating func timeRange(into syntax: inout ModelSyntax) throws(ModelParseError) {
        let variable = try expectWord("the time variable, as in time t = 1..N")
        try expect("=", "'=' after the time variable, as in time t = 1..N")
        guard case .number(let first) = current.kind, first == first.rounded(), abs(first) <= 64 else {
            throw error("expected the first step (an integer from -64 to 64), as in time t = 1..N")
        }
        position += 1
        try expect("..", "'..' between the first and the last step, as in time t = 1..N")
        guard word() == "N" else { throw error("expected N as the last step, as in time t = 1..N or t = 0..N-1") }
        position += 1
        var offset = 0
        if isSymbol("-") || isSymbol("+") {
            let sign = isSymbol("-") ? -1 : 1
            position += 1
            guard case .number(let k) = current.kind, k == k.rounded(), k <= 64 else {
                throw error("expected an integer from 0 to 64 after N\(sign < 0 ? "-" : "+")")
            }
            position += 1
            offset = sign * Int(k)
        }
        try expectEnd()
        syntax.timeVariable = variable
        timeVariable = variable
        syntax.firstStep = Int(first)
        syntax.lastStepOffset = offset
    }

    /// A name in a declaration or notation line: no time index.
    mutating func referenceName() throws(ModelParseError) -> String {
        guard case .name = current.kind else { throw error("expected a name, found \(describe(current))") }
        let token = current
        let reference = try reference()
        guard reference.time == nil || reference.time == .relative(0) else {
            throw error("write the name without a time index here", at: token)
        }
        return reference.name
    }

    /// A name token as a reference: its identity and its time index.
    mutating func reference() throws(ModelParseError) -> NameReference {
        let token = current
        guard case .name(let base, let superscript, let subscripts) = token.kind else {
            throw error("expected a name, found \(describe(token))")
        }
        position += 1
        var name = base
        if let superscript { name += "^{\(superscript)}" }
        var time: TimeIndex?
        for (k, part) in subscripts.enumerated() {
            if k == subscripts.count - 1, let index = try timeIndex(part, token) {
                time = index
            } else {
                let plain = part.allSatisfy { $0.isLetter || $0.isNumber }
                name += plain ? "_\(part)" : "_{\(part)}"
            }
        }
        return NameReference(name: name, time: time, location: SourceLocation(line: line, column: token.column))
    }

    /// A subscript read as a time index, or `nil` when it is part of the name.
    func timeIndex(_ text: String, _ token: ModelToken) throws(ModelParseError) -> TimeIndex? {
        let compact = text.filter { $0 != " " }
        let limit = ModelOptions.maximumLength
        if compact.first?.isNumber == true || compact.first == "-" || compact.first == "+", compact.dropFirst().allSatisfy(\.isNumber),
           compact.contains(where: \.isNumber) {
            guard let k = Int(compact), abs(k) <= limit else {
                throw error("the step \(compact) is outside -\(limit)…\(limit), the longest sequence", at: token)
            }
            return .fixed(k)
        }
        for (head, make) in [(timeVariable, TimeIndex.relative), ("N", TimeIndex.end)] where compact.hasPrefix(head) {
            let rest = compact.dropFirst(head.count)
            if rest.isEmpty { return make(0) }
            guard let sign = rest.first, sign == "+" || sign == "-" else { continue }
            guard let k = Int(rest.dropFirst()), k >= 0 else {
                throw error("expected an integer offset in the time index _{\(text)}, as in _{\(head)-1}", at: token)
            }
            guard k <= limit else {
                throw error("the time offset \(k) in _{\(text)} is above \(limit), the longest sequence", at: token)
            }
            return make(sign == "-" ? -k : k)
        }
        return nil
    }
}
