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

/// The parser of one line.
private struct LineParser {
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

    // MARK: Expressions

    /// A term with its depth (the longest chain of nodes from it to a leaf) and size (its number of nodes).
    struct Built {
        let term: Term
        let depth: Int
        let size: Int
    }

    /// A leaf term.
    mutating func leaf(_ term: Term) throws(ModelParseError) -> Built { try node(term, []) }

    /// `term`, built over `parts`; refused when it nests deeper or the model grows larger than the limits.
    mutating func node(_ term: Term, _ parts: [Built], at token: ModelToken? = nil) throws(ModelParseError) -> Built {
        let depth = 1 + (parts.map(\.depth).max() ?? 0)
        guard depth <= ModelParser.maximumDepth else {
            throw error("the expression nests more than \(ModelParser.maximumDepth) levels deep (parentheses, calls, "
                        + "products, powers, signs); write it with fewer levels", at: token)
        }
        nodes += 1
        guard nodes <= ModelParser.maximumNodes else {
            throw error("the model's expressions have more than \(ModelParser.maximumNodes) parts; write a smaller model",
                        at: token)
        }
        return Built(term: term, depth: depth, size: 1 + parts.reduce(0) { $0 + $1.size })
    }

    /// Enters a bracket, a call or a sum body, refusing nesting deeper than the limit.
    mutating func enter(_ token: ModelToken) throws(ModelParseError) {
        nesting += 1
        guard nesting <= ModelParser.maximumDepth else {
            throw error("brackets and calls nest more than \(ModelParser.maximumDepth) levels deep; write it with fewer levels",
                        at: token)
        }
    }

    mutating func expression() throws(ModelParseError) -> Built {
        // Read iteratively and built as a balanced tree, so that a long flat sum stays shallow.
        var terms = [(term: try elementwise(), negated: false)]
        while isSymbol("+") || isSymbol("-") {
            let negated = isSymbol("-")
            position += 1
            terms.append((try elementwise(), negated))
        }
        return try balancedSum(terms[...])
    }

    /// `a₀ ± a₁ ± …` as a balanced tree of `+` and `-` with the same value and the same order of terms;
    /// the first term's sign is `+`.
    mutating func balancedSum(_ terms: ArraySlice<(term: Built, negated: Bool)>) throws(ModelParseError) -> Built {
        guard terms.count > 1 else { return terms[terms.startIndex].term }
        let middle = terms.startIndex + terms.count / 2
        let left = try balancedSum(terms[..<middle])
        // `l - (r₀ ∓ r₁ …)` when the right half starts with a minus: its signs flip.
        let subtract = terms[middle].negated
        let right = try balancedSum(terms[middle...].map { (term: $0.term, negated: $0.negated != subtract) }[...])
        return try node(subtract ? .subtract(left.term, right.term) : .add(left.term, right.term), [left, right])
    }

    mutating func elementwise() throws(ModelParseError) -> Built {
        var left = try matrixProduct()
        while isSymbol("*") {
            let token = current
            position += 1
            let right = try matrixProduct()
            left = try node(.elementwise(left.term, right.term), [left, right], at: token)
        }
        return left
    }

    mutating func matrixProduct() throws(ModelParseError) -> Built {
        var left = try unary()
        while true {
            let token = current
            if isSymbol("@") {
                position += 1
            } else if !startsOperand(current) {
                return left
            }
            let right = try unary()
            left = try node(.matrixProduct(left.term, right.term), [left, right], at: token)
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

    mutating func unary() throws(ModelParseError) -> Built {
        var signs: [ModelToken] = []
        while isSymbol("-") {
            signs.append(current)
            position += 1
        }
        var term = try postfix()
        for sign in signs.reversed() { term = try node(.negate(term.term), [term], at: sign) }
        return term
    }

    mutating func postfix() throws(ModelParseError) -> Built {
        var term = try primary()
        while isSymbol("^") {
            let caret = current
            position += 1
            let braced = isSymbol("{")
            if braced { position += 1 }
            let token = current
            if case .number(let k) = token.kind, k == k.rounded(), k >= 1, k <= 64 {
                position += 1
                term = try node(.power(term.term, Int(k)), [term], at: caret)
            } else if case .name(let base, nil, []) = token.kind, base == "T" || base == "top" {
                position += 1
                term = try node(.transpose(term.term), [term], at: caret)
            } else {
                throw error("expected a whole power from 1 to 64 or T after '^', found \(describe(token))")
            }
            if braced { try expect("}", "'}' to close the power") }
        }
        return term
    }

    mutating func primary() throws(ModelParseError) -> Built {
        let token = current
        switch token.kind {
        case .number(let value):
            guard value.isFinite else { throw error("malformed number '\(token.text)'") }
            position += 1
            return try leaf(.number(value))
        case .name(let base, let superscript, let subscripts):
            if base == "sum" || base == "mean", !subscripts.isEmpty {
                try enter(token)
                defer { nesting -= 1 }
                return try overTime(mean: base == "mean", superscript: superscript, subscripts: subscripts)
            }
            if subscripts.isEmpty, superscript == nil, isSymbol("(", next), !next.spaceBefore {
                try enter(token)
                defer { nesting -= 1 }
                position += 2
                var arguments: [Built] = []
                if !isSymbol(")") {
                    arguments.append(try expression())
                    while isSymbol(",") {
                        position += 1
                        arguments.append(try expression())
                    }
                }
                try expect(")", "')' to close the arguments of \(base) at column \(token.column)")
                return try node(.call(base, arguments.map(\.term), SourceLocation(line: line, column: token.column)),
                                arguments, at: token)
            }
            if base == "sum" || base == "mean", superscript == nil, isSymbol("(", next) {
                throw error("\(base) needs the index it runs over: write \(base)_\(timeVariable) (…) for the \(base) over "
                            + "\(timeVariable), or \(base)_{\(timeVariable)=1}^{N} (…)")
            }
            if let last = subscripts.last, last == timeVariable || last == "N",
               case .symbol(let sign) = next.kind, sign == "-" || sign == "+", !next.spaceBefore,
               case .number = tokens[min(position + 2, tokens.count - 1)].kind,
               !tokens[min(position + 2, tokens.count - 1)].spaceBefore {
                let written = "\(base)_\(last)\(sign)\(tokens[position + 2].text)"
                throw error("\(written) reads as \(base)_\(last) \(sign) \(tokens[position + 2].text); write "
                            + "\(base)_{\(last)\(sign)\(tokens[position + 2].text)} for another step (braces), or put spaces "
                            + "around '\(sign)' for the arithmetic")
            }
            return try leaf(.name(try reference()))
        case .symbol("*") where position > 0 && tokens[position - 1].kind == .symbol("*") && !token.spaceBefore:
            throw error("'**' is not a power in the model language; write ^ (h_t^2 squares each entry)",
                        at: tokens[position - 1])
        case .symbol("("):
            try enter(token)
            defer { nesting -= 1 }
            position += 1
            let inner = try expression()
            try expect(")", "')' to close the '(' at column \(token.column)")
            return inner
        case .symbol("["):
            try enter(token)
            defer { nesting -= 1 }
            position += 1
            var parts = [try expression()]
            while isSymbol(";") {
                position += 1
                parts.append(try expression())
            }
            try expect("]", "';' or ']' to close the '[' at column \(token.column)")
            return try node(.stack(parts.map(\.term)), parts, at: token)
        case .symbol("<"):
            try enter(token)
            defer { nesting -= 1 }
            position += 1
            let a = try expression()
            try expect(",", "',' between the two sides of the inner product <a, b>")
            let b = try expression()
            try expect(">", "'>' to close the inner product that starts at column \(token.column)")
            return try node(.inner(a.term, b.term), [a, b], at: token)
        default:
            if token.kind == .symbol("="), position > 0, tokens[position - 1].kind == .symbol("=") {
                throw error("expected an expression, found '='; a definition has one '=' (h_t = …)")
            }
            if position > 0, case .symbol(let op) = tokens[position - 1].kind, ["+", "-", "*", "@"].contains(op) {
                throw error("expected an expression after '\(op)', found \(describe(token)); "
                            + "write what it combines or remove the '\(op)'")
            }
            throw error("expected an expression, found \(describe(token))")
        }
    }

    /// `sum_t E`, `mean_t E`, `sum_{t=1}^{N} E`.
    mutating func overTime(mean: Bool, superscript: String?, subscripts: [String]) throws(ModelParseError) -> Built {
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
        return try node(.overTime(mean: mean, lower: lower, upper: upper, body: body.term, location: location), [body],
                        at: token)
    }
}
