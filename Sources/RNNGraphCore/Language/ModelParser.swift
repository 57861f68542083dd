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

    /// Parses `text`.
    /// - Throws: ``ModelParseError`` at the first problem.
    public static func parse(_ text: String) throws(ModelParseError) -> ModelSyntax {
        guard text.utf8.count <= maximumBytes else {
            throw ModelParseError(message: "the model text has \(text.utf8.count) bytes, above the limit of \(maximumBytes)",
                                  location: SourceLocation(line: 1, column: 1))
        }
        var syntax = ModelSyntax()
        var sawTime = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var lexer = ModelLexer(line, line: index + 1)
            let tokens = try lexer.tokens()
            guard tokens.count > 1 else { continue }
            var parser = LineParser(tokens: tokens, line: index + 1, timeVariable: syntax.timeVariable)
            try parser.statement(into: &syntax, sawTime: &sawTime)
        }
        guard !syntax.equations.isEmpty else {
            throw ModelParseError(message: "the model has no equations; write one per line, such as h_t = tanh(W h_{t-1} + U x_t)",
                                  location: SourceLocation(line: 1, column: 1))
        }
        return syntax
    }
}

/// The parser of one line.
private struct LineParser {
    let tokens: [ModelToken]
    let line: Int
    var timeVariable: String
    var position = 0

    init(tokens: [ModelToken], line: Int, timeVariable: String) {
        self.tokens = tokens
        self.line = line
        self.timeVariable = timeVariable
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

    mutating func expect(_ s: String, _ what: String) throws(ModelParseError) {
        guard isSymbol(s) else { throw error("expected \(what), found \(describe(current))") }
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
            throw error("expected '=' or ':=' after \(tokens[0].text), found \(describe(current))")
        }
        position += 1
        let expression = try expression()
        try expectEnd()
        syntax.equations.append(Equation(target: target, isInline: inline, expression: expression, line: line))
    }

    /// `time t = 1..N`, `time t = 0..N-1`.
    mutating func timeRange(into syntax: inout ModelSyntax) throws(ModelParseError) {
        let variable = try expectWord("the time variable, as in time t = 1..N")
        try expect("=", "'=' after the time variable, as in time t = 1..N")
        guard case .number(let first) = current.kind, first == first.rounded() else {
            throw error("expected the first step (an integer), as in time t = 1..N")
        }
        position += 1
        try expect("..", "'..' between the first and the last step, as in time t = 1..N")
        guard word() == "N" else { throw error("expected N as the last step, as in time t = 1..N or t = 0..N-1") }
        position += 1
        var offset = 0
        if isSymbol("-") || isSymbol("+") {
            let sign = isSymbol("-") ? -1 : 1
            position += 1
            guard case .number(let k) = current.kind, k == k.rounded() else {
                throw error("expected an integer after N\(sign < 0 ? "-" : "+")")
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
        if let k = Int(compact) { return .fixed(k) }
        for (head, make) in [(timeVariable, TimeIndex.relative), ("N", TimeIndex.end)] where compact.hasPrefix(head) {
            let rest = compact.dropFirst(head.count)
            if rest.isEmpty { return make(0) }
            guard let sign = rest.first, sign == "+" || sign == "-" else { continue }
            guard let k = Int(rest.dropFirst()) else {
                throw error("expected an integer offset in the time index _{\(text)}, as in _{\(head)-1}", at: token)
            }
            return make(sign == "-" ? -k : k)
        }
        return nil
    }

    // MARK: Expressions

    mutating func expression() throws(ModelParseError) -> Term {
        var left = try elementwise()
        while isSymbol("+") || isSymbol("-") {
            let plus = isSymbol("+")
            position += 1
            let right = try elementwise()
            left = plus ? .add(left, right) : .subtract(left, right)
        }
        return left
    }

    mutating func elementwise() throws(ModelParseError) -> Term {
        var left = try matrixProduct()
        while isSymbol("*") {
            position += 1
            left = .elementwise(left, try matrixProduct())
        }
        return left
    }

    mutating func matrixProduct() throws(ModelParseError) -> Term {
        var left = try unary()
        while true {
            if isSymbol("@") {
                position += 1
                left = .matrixProduct(left, try unary())
            } else if startsOperand(current) {
                left = .matrixProduct(left, try unary())
            } else {
                return left
            }
        }
    }

    /// Whether `token` begins an operand written next to the previous one (juxtaposition).
    func startsOperand(_ token: ModelToken) -> Bool {
        switch token.kind {
        case .name, .number: return true
        case .symbol(let s): return s == "(" || s == "["
        default: return false
        }
    }

    mutating func unary() throws(ModelParseError) -> Term {
        if isSymbol("-") {
            position += 1
            return .negate(try unary())
        }
        return try postfix()
    }

    mutating func postfix() throws(ModelParseError) -> Term {
        var term = try primary()
        while isSymbol("^") {
            position += 1
            let braced = isSymbol("{")
            if braced { position += 1 }
            let token = current
            if case .number(let k) = token.kind, k == k.rounded(), k >= 1, k <= 64 {
                position += 1
                term = .power(term, Int(k))
            } else if case .name(let base, nil, []) = token.kind, base == "T" || base == "top" {
                position += 1
                term = .transpose(term)
            } else {
                throw error("expected a whole power from 1 to 64 or T after '^', found \(describe(token))")
            }
            if braced { try expect("}", "'}' to close the power") }
        }
        return term
    }

    mutating func primary() throws(ModelParseError) -> Term {
        let token = current
        switch token.kind {
        case .number(let value):
            guard value.isFinite else { throw error("malformed number '\(token.text)'") }
            position += 1
            return .number(value)
        case .name(let base, let superscript, let subscripts):
            if base == "sum" || base == "mean", !subscripts.isEmpty {
                return try overTime(mean: base == "mean", superscript: superscript, subscripts: subscripts)
            }
            if subscripts.isEmpty, superscript == nil, isSymbol("(", next), !next.spaceBefore {
                position += 2
                var arguments: [Term] = []
                if !isSymbol(")") {
                    arguments.append(try expression())
                    while isSymbol(",") {
                        position += 1
                        arguments.append(try expression())
                    }
                }
                try expect(")", "')' to close the arguments of \(base) at column \(token.column)")
                return .call(base, arguments, SourceLocation(line: line, column: token.column))
            }
            return .name(try reference())
        case .symbol("("):
            position += 1
            let inner = try expression()
            try expect(")", "')' to close the '(' at column \(token.column)")
            return inner
        case .symbol("["):
            position += 1
            var parts = [try expression()]
            while isSymbol(";") {
                position += 1
                parts.append(try expression())
            }
            try expect("]", "';' or ']' to close the '[' at column \(token.column)")
            return .stack(parts)
        case .symbol("<"):
            position += 1
            let a = try expression()
            try expect(",", "',' between the two sides of the inner product <a, b>")
            let b = try expression()
            try expect(">", "'>' to close the inner product that starts at column \(token.column)")
            return .inner(a, b)
        default:
            throw error("expected an expression, found \(describe(token))")
        }
    }

    /// `sum_t E`, `mean_t E`, `sum_{t=1}^{N} E`.
    mutating func overTime(mean: Bool, superscript: String?, subscripts: [String]) throws(ModelParseError) -> Term {
        let token = current
        let location = SourceLocation(line: line, column: token.column)
        position += 1
        let spec = subscripts[0].filter { $0 != " " }
        var lower: TimeIndex?
        var upper: TimeIndex?
        if spec != timeVariable {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard subscripts.count == 1, parts.count == 2, parts[0] == timeVariable,
                  let low = try timeIndex(parts[1], token), let superscript,
                  let high = try timeIndex(superscript.filter { $0 != " " }, token) else {
                throw error("expected sum_\(timeVariable) E or sum_{\(timeVariable)=1}^{N} E over the time variable \(timeVariable)",
                            at: token)
            }
            lower = low
            upper = high
        }
        let body = try elementwise()
        return .overTime(mean: mean, lower: lower, upper: upper, body: body, location: location)
    }
}
