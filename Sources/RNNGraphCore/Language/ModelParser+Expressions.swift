/// The expressions of a line: sums, element-wise and matrix products, signs, powers,
/// calls, brackets and sums over time, each refused beyond the nesting and size limits.
extension LineParser {
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
            if let slip = nameSlip(base, superscript: superscript, subscripts: subscripts) { throw slip }
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
            throw notAnExpression(token)
        }
    }

    // The messages below are made outside `primary`, which recurses once per level of nesting: their
    // strings would otherwise widen each of its frames.

    /// Why a name cannot start an expression here: `sum (…)` without its index, or `h_t-1` without braces.
    @inline(never)
    func nameSlip(_ base: String, superscript: String?, subscripts: [String]) -> ModelParseError? {
        if base == "sum" || base == "mean", superscript == nil, isSymbol("(", next) {
            return error("\(base) needs the index it runs over: write \(base)_\(timeVariable) (…) for the \(base) over "
                         + "\(timeVariable), or \(base)_{\(timeVariable)=1}^{N} (…)")
        }
        if let last = subscripts.last, last == timeVariable || last == "N",
           case .symbol(let sign) = next.kind, sign == "-" || sign == "+", !next.spaceBefore,
           case .number = tokens[min(position + 2, tokens.count - 1)].kind,
           !tokens[min(position + 2, tokens.count - 1)].spaceBefore {
            let written = "\(base)_\(last)\(sign)\(tokens[position + 2].text)"
            return error("\(written) reads as \(base)_\(last) \(sign) \(tokens[position + 2].text); write "
                         + "\(base)_{\(last)\(sign)\(tokens[position + 2].text)} for another step (braces), or put spaces "
                         + "around '\(sign)' for the arithmetic")
        }
        return nil
    }

    /// Why `token` cannot start an expression, with the fix where one is likely.
    @inline(never)
    func notAnExpression(_ token: ModelToken) -> ModelParseError {
        if token.kind == .symbol("="), position > 0, tokens[position - 1].kind == .symbol("=") {
            return error("expected an expression, found '='; a definition has one '=' (h_t = …)")
        }
        if position > 0, case .symbol(let op) = tokens[position - 1].kind, ["+", "-", "*", "@"].contains(op) {
            return error("expected an expression after '\(op)', found \(describe(token)); "
                         + "write what it combines or remove the '\(op)'")
        }
        return error("expected an expression, found \(describe(token))")
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
