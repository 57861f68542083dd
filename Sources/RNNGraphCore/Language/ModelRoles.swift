/// One name of a model and the role inferred for it (or declared), as
/// `rnngraph --print-roles` lists it.
public struct ModelRole: Hashable, Sendable {
    /// The name as the graph writes it: `h_t` for a step family, `h_0` for an initial state, `U` for a parameter.
    public let name: String
    /// The role.
    public let kind: VariableKind
    /// The line of its defining equation, if it has one.
    public let definedOnLine: Int?
    /// The lines of the equations that read it, in order, without repeats.
    public let readOnLines: [Int]
    /// Whether a declaration (`parameters`, `inputs`, `targets`, `loss`) gave the role rather than inference.
    public let isDeclared: Bool
}

/// Something in a model text that is legal but probably not what was meant,
/// such as a state's name misspelt so that it becomes an input.
public struct ModelWarning: Hashable, Sendable {
    /// One line naming the problem and the likely fix.
    public let message: String
    /// Where the name is first read.
    public let location: SourceLocation

    /// The warning as an error in `definition`'s text, with `note` after its message.
    public func error(in definition: ModelDefinition, adding note: String) -> RNNGraphError {
        ModelParseError(message: "\(message); \(note)", location: location)
            .error(source: definition.name, text: definition.text)
    }
}

extension ModelDefinition {
    /// Every name of the model with its role, in order of first appearance; the
    /// roles are those of the graph the model unrolls to (at three steps).
    public var roles: [ModelRole] {
        guard let graph = try? exampleGraph() else { return [] }
        let lines = referenceLines()
        var rows: [ModelRole] = []
        var seen: Set<String> = []
        var firstKind: [String: VariableKind] = [:]
        for variable in graph.variables where variable.kind != .parameterCopy {
            let timed = variable.time != nil
            let key = Self.key(variable.symbol.ascii, timed: timed)
            let base = variable.symbol.ascii
            // A family in another role at the sequence's end is named from N (`x_{N+1}` a target, `g_{N+1}` an
            // initial state); an initial state at the start by its step (`h_0`).
            func fromEnd(_ time: Int) -> String {
                let offset = time - Self.exampleLength
                return offset == 0 ? "\(base)_N" : "\(base)_{N\(offset > 0 ? "+" : "")\(offset)}"
            }
            let shown: String
            if let time = variable.time {
                if variable.kind == .initialState {
                    shown = time <= 0 ? variable.name : fromEnd(time)
                } else if let kind = firstKind[key], kind != variable.kind {
                    shown = fromEnd(time)
                } else {
                    shown = "\(base)_\(syntax.timeVariable)"
                    firstKind[key] = variable.kind
                }
            } else {
                shown = base
            }
            guard seen.insert("\(shown)|\(variable.kind)").inserted else { continue }
            let info = families[key] ?? families[Self.key(Symbol.unbraced(variable.symbol.ascii), timed: timed)]
            rows.append(ModelRole(
                name: shown, kind: variable.kind,
                definedOnLine: variable.kind.isLeaf ? nil : info?.equation.map { syntax.equations[$0].line },
                readOnLines: lines[key] ?? [],
                isDeclared: info?.declared != nil && info?.declared != .biases))
        }
        return rows
    }

    /// Names that are legal but look like slips: a timed name read but never
    /// defined that differs from a defined one only by case (`H` beside `h`), a
    /// parameter used once whose name differs from another parameter's only by
    /// case or braces and underscores (`Whf` beside `W_hf`), and an input that no
    /// state reads. Bundled models have none.
    public var warnings: [ModelWarning] {
        var result: [ModelWarning] = []
        let lines = referenceLines()
        let ordered = families.sorted { $0.value.order < $1.value.order }
        let defined = ordered.filter { $0.value.equation != nil && $0.value.isTimed }.map { Self.baseName($0.key) }
        for (key, info) in ordered where info.isTimed && info.equation == nil && info.declared == nil {
            let name = Self.baseName(key)
            guard let match = defined.first(where: { $0 != name && $0.lowercased() == name.lowercased() }) else { continue }
            let offset = firstOffset(of: key)
            // Only the loss reads it: a target (`<G_t, h_t>` beside a state g_t).
            let target = roles.contains { $0.kind == .target && $0.name.hasPrefix(name + "_") }
            let (role, declaration) = target ? ("a target", "targets") : ("an input", "inputs")
            result.append(ModelWarning(
                message: "\(name) is read at \(offset) but never defined, so it is taken as \(role); "
                    + "did you mean \(match)? (declare `\(declaration) \(name)` if it is one)",
                location: info.location))
        }
        let parameters = ordered.filter { !$0.value.isTimed && $0.value.equation == nil }
        for (key, info) in parameters where (lines[key]?.count ?? 0) == 1 && info.declared == nil {
            let folded = Self.folded(key)
            guard let other = parameters.first(where: { $0.key != key && Self.folded($0.key) == folded }) else { continue }
            result.append(ModelWarning(
                message: "parameter \(key) is used once and differs from parameter \(other.key) only in its spelling; "
                    + "did you mean \(other.key)? (declare `parameters \(key)` if both are meant)",
                location: info.location))
        }
        for (key, info) in parameters where info.declared == nil {
            if let message = parameterSlip(key, definedTimed: defined) {
                result.append(ModelWarning(message: message, location: info.location))
            } else if let message = labelSlip(key, lines: lines[key] ?? []) {
                result.append(ModelWarning(message: message, location: info.location))
            }
        }
        if let graph = try? exampleGraph(), graph.variables.contains(where: { $0.kind == .state }) {
            let readsState = Self.variablesFeedingStates(graph)
            var warned: Set<String> = []
            for variable in graph.variables where variable.kind == .input && !readsState.contains(variable.id) {
                let name = variable.symbol.ascii
                let key = Self.key(name, timed: variable.time != nil)
                guard families[key]?.declared == nil,
                      !graph.variables.contains(where: { $0.kind == .input && $0.symbol.ascii == name && readsState.contains($0.id) }),
                      warned.insert(name).inserted, let info = families[key] else { continue }
                result.append(ModelWarning(
                    message: "input \(name) is read by no state, so the recurrence never sees it; "
                        + "check the state's equation (declare `inputs \(name)` if this is meant)",
                    location: info.location))
            }
        }
        return result
    }

    /// Why an undeclared parameter read only by an untimed equation (the loss) looks like a many-to-one
    /// label, or `nil`: it is what a result is compared with, the left of a difference (`(y − W h_N)^2`)
    /// or the class of a cross-entropy (`ce(y, p)`), so it is likely data, not a weight to learn.
    private func labelSlip(_ name: String, lines: [Int]) -> String? {
        guard lines.count == 1, let equation = syntax.equations.first(where: { $0.line == lines[0] }),
              equation.target.time == nil else { return nil }
        func compared(_ term: Term) -> Bool {
            switch term {
            case .subtract(.name(let reference), let other):
                return (reference.name == name && reference.time == nil) || compared(other)
            case .call("ce", let arguments, _):
                if case .name(let reference)? = arguments.first, reference.name == name, reference.time == nil { return true }
                return arguments.contains(where: compared)
            case .call(_, let arguments, _): return arguments.contains(where: compared)
            case .add(let a, let b), .subtract(let a, let b), .matrixProduct(let a, let b), .elementwise(let a, let b),
                 .inner(let a, let b):
                return compared(a) || compared(b)
            case .negate(let a), .power(let a, _), .transpose(let a): return compared(a)
            case .stack(let terms): return terms.contains(where: compared)
            case .overTime(_, _, _, let body, _): return compared(body)
            case .name, .number: return false
            }
        }
        guard compared(equation.expression) else { return nil }
        return "\(name) is never defined and only the loss compares a result with it, so it is taken as a parameter "
            + "and differentiated; declare `targets \(name)` if it is a label (`parameters \(name)` if it is meant)"
    }

    /// Why an undeclared parameter's name looks like a slip, or `nil`: a function's name without its
    /// parentheses or in another case (`tanh W h`, `Tanh(…)`), a step variable's name without its step
    /// (`W h` beside `h_t`), or a subscript that reads like a step of another time variable or with a
    /// non-ASCII minus (`h_{s-1}`, `h_{t−1}`).
    private func parameterSlip(_ name: String, definedTimed: [String]) -> String? {
        let t = syntax.timeVariable
        let keep = " (declare `parameters \(name)` if it is meant)"
        if let function = Self.functions.first(where: { $0.lowercased() == name.lowercased() }) {
            return "\(name) is read as a parameter multiplying what follows, not as the function \(function); "
                + "write \(function)(…) in lower case with parentheses" + keep
        }
        if definedTimed.contains(name) {
            return "\(name) is read without a step, so it is a parameter, but \(name)_\(t) is a step variable; "
                + "write the step, such as \(name)_{\(t)-1}" + keep
        }
        let plain = Symbol.unbraced(name)
        guard let underscore = plain.lastIndex(of: "_") else { return nil }
        let base = plain[..<underscore], index = Array(plain[plain.index(after: underscore)...])
        guard index.count >= 3, index[0].isLetter, "+-−".contains(index[1]),
              index[2...].allSatisfy(\.isNumber) else { return nil }
        let sign = index[1] == "+" ? "+" : "-"
        let meant = "\(base)_{\(t)\(sign)\(String(index[2...]))}"
        if String(index[0]) == String(t) {
            return "\(name) is a parameter: its '\(index[1])' is not the ASCII '\(sign)' of a step; did you mean \(meant)?"
                + keep
        }
        return "\(name) is a parameter: its subscript reads like a step, but the time variable is \(t); did you mean \(meant)?"
            + keep
    }

    /// The length the roles are read at: they are the same at every length.
    private static let exampleLength = 3

    /// The graph at ``exampleLength`` steps.
    private func exampleGraph() throws -> ComputationGraph {
        var unroller = try ModelUnroller(definition: self, options: ModelOptions(definition: self,
                                                                                length: Self.exampleLength))
        return try unroller.build()
    }

    /// The lines that read each family, by family key.
    private func referenceLines() -> [String: [Int]] {
        var lines: [String: [Int]] = [:]
        for equation in syntax.equations {
            for reference in ModelUnroller.names(in: equation.expression) {
                let key = Self.key(reference)
                if lines[key]?.last != equation.line { lines[key, default: []].append(equation.line) }
            }
            if case .call(let function, _, _) = equation.expression, families[function] != nil,
               lines[function]?.last != equation.line {
                lines[function, default: []].append(equation.line)
            }
        }
        return lines
    }

    /// How the first reference of a family writes its time, relative to the time variable (`t-1`).
    private func firstOffset(of key: String) -> String {
        let t = syntax.timeVariable
        for equation in syntax.equations {
            for reference in ModelUnroller.names(in: equation.expression) where Self.key(reference) == key {
                switch reference.time {
                case .relative(let k): return k == 0 ? t : k < 0 ? "\(t)−\(-k)" : "\(t)+\(k)"
                case .end(let k): return k == 0 ? "N" : k < 0 ? "N−\(-k)" : "N+\(k)"
                case .fixed(let k): return "step \(k)"
                case nil: break
                }
            }
        }
        return t
    }

    /// The variables from which some state can be reached.
    private static func variablesFeedingStates(_ graph: ComputationGraph) -> Set<NodeID> {
        var result: Set<NodeID> = []
        var pending = graph.variables.filter { $0.kind == .state }.map(\.id)
        while let id = pending.popLast() {
            for parent in graph.variables[id.index].parents where result.insert(parent).inserted {
                pending.append(parent)
            }
        }
        return result
    }

    /// A family key without its timed suffix.
    private static func baseName(_ key: String) -> String {
        key.hasSuffix(timedSuffix) ? String(key.dropLast(timedSuffix.count)) : key
    }

    /// A name without braces and underscores, in lower case: the spelling slips compare equal.
    private static func folded(_ name: String) -> String {
        name.filter { $0 != "{" && $0 != "}" && $0 != "_" }.lowercased()
    }
}
