/// "Did you mean …?" for a name that matches nothing: the name the user most
/// likely meant, found by case, by braces and underscores, and by one slip of
/// the keyboard.
public enum NameSuggestion {
    /// The name closest to `written` among `candidates`, or `nil` when none is close:
    /// the same name in another case or spelling (`w` → `W`, `Whf` → `W_hf`), or one
    /// character off for names of three characters or more (`W_hx` → `W_hh` is not
    /// suggested when both `W_hh` and `W_hq` are as close).
    public static func closest(to written: String, among candidates: some Sequence<String>) -> String? {
        let target = folded(written)
        var spelling: [String] = [], slips: [String] = []
        for candidate in candidates where candidate != written {
            let key = folded(candidate)
            if key == target {
                spelling.append(candidate)
            } else if target.count >= 3, abs(key.count - target.count) <= 1, distance(key, target) <= 1 {
                slips.append(candidate)
            }
        }
        if spelling.count == 1 { return spelling[0] }
        if spelling.isEmpty, slips.count == 1 { return slips[0] }
        return nil
    }

    /// The variable a user most likely meant by `written` (`u` → `U`, `H_2` → `h_2`, `w_hf1` → `W_hf_1`):
    /// the family is matched by ``closest(to:among:)`` and a trailing step kept; `exists` says which
    /// names the graph has.
    public static func variable(for written: String, families: some Sequence<String>,
                                exists: (String) -> Bool) -> String? {
        let name = Symbol.unbraced(written)
        let digits = String(name.reversed().prefix { $0.isNumber }.reversed())
        var base = Substring(name.dropLast(digits.count))
        if !digits.isEmpty, base.hasSuffix("_") { base = base.dropLast() }
        let families = Array(Set(families)).sorted()
        if !digits.isEmpty, !base.isEmpty, let family = closest(to: String(base), among: families + [String(base)]),
           exists("\(family)_\(digits)") {
            return "\(family)_\(digits)"
        }
        if let family = closest(to: name, among: families), exists(family) { return family }
        return nil
    }

    /// `" (did you mean X?)"` for a suggestion, nothing otherwise: for the end of a message's first clause.
    public static func phrase(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean \($0)?)" } ?? ""
    }

    /// A name without braces and underscores, in lower case.
    static func folded(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "{" && $0 != "}" && $0 != "_" })
    }

    /// The edit distance between two strings: insertions, deletions, substitutions and swaps of two
    /// neighbouring characters (`tnah` is one slip from `tanh`).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var before = [Int](), previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            before = previous
            previous = current
        }
        return previous[b.count]
    }

    /// The built-in function most likely meant by an unknown `written` one: another spelling
    /// (`Tanh`, `tnah`), or the usual name of the same function elsewhere (`sigma` and `logistic`
    /// for `sigmoid`, `ln` for `log`, `cross_entropy` for `ce`).
    public static func function(for written: String, among functions: some Sequence<String>) -> String? {
        let aliases = ["sigma": "sigmoid", "σ": "sigmoid", "logistic": "sigmoid", "sigm": "sigmoid", "ln": "log",
                       "id": "identity", "crossentropy": "ce", "xent": "ce", "th": "tanh"]
        let functions = Array(functions)
        if let alias = aliases[folded(written)], functions.contains(alias) { return alias }
        return closest(to: written, among: functions)
    }
}

extension ComputationGraph {
    /// The error for a name the graph lacks, `context` saying where it was given (`for --wrt`), with the
    /// name most likely meant and the valid names.
    public func unknownVariable(_ name: String, _ context: String) -> RNNGraphError {
        let families = variables.map(\.symbol.ascii)
        let suggestion = NameSuggestion.variable(for: name, families: families) { variable(named: $0) != nil }
        return .usage("unknown variable '\(name)' \(context)\(NameSuggestion.phrase(suggestion)); valid names: \(nameSummary)")
    }
}
