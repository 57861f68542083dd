/// A recurrent network defined by equations: a parsed and checked model text.
///
/// ```swift
/// let definition = try ModelDefinition(parsing: """
///     time t = 1..N
///     h_t = tanh(W h_{t-1} + U x_t)
///     o_t = V h_t
///     L = sum_t (y_t - o_t)^2
///     """)
/// let model = try Model(ModelOptions(definition: definition, length: 3))
/// ```
///
/// Names are families: `h` stands for `h_0 … h_N`. A family defined by a timed
/// equation is a step variable; one read at another step (`h_{t-1}`) is a
/// state. Undefined untimed names are parameters; undefined timed names are
/// inputs where a step reads them and targets where only the loss does.
public struct ModelDefinition: Hashable, Sendable {
    /// A name such as `cs187` or the path the text was read from, for messages and documents.
    public let name: String
    /// The model text.
    public let text: String
    /// The parsed statements.
    public let syntax: ModelSyntax
    /// The families of names, in order of first appearance.
    let families: [String: FamilyInfo]
    /// Parameter names in emission order (declared first, then by first appearance).
    let parameterOrder: [String]
    /// The name of the loss.
    public let lossName: String
    /// How far any time index of the text reaches from its step, from `N` or from step 0 (`1` for
    /// `h_{t-1}`, `5` for `o_5`): unrolling a few steps more than twice this meets every problem a
    /// longer sequence can have.
    let timeReach: Int

    /// What the definition knows about one name.
    struct FamilyInfo: Hashable, Sendable {
        var isTimed: Bool
        /// Index of the defining equation.
        var equation: Int?
        var declared: DeclaredRole?
        /// Read at another step than its own by a timed equation (`h_{t-1}`).
        var isState = false
        /// Order of first appearance.
        var order: Int
        /// Where it first appears.
        var location: SourceLocation
    }

    /// The suffix that tells a timed family's key (`h@t`) from an untimed name's (`L` beside `L_t`).
    static let timedSuffix = "@t"

    /// The key of the family a reference belongs to.
    static func key(_ reference: NameReference) -> String {
        reference.time == nil ? reference.name : reference.name + timedSuffix
    }

    /// The key of a family by name and timedness.
    static func key(_ name: String, timed: Bool) -> String { timed ? name + timedSuffix : name }

    /// A family key with every ``timedSuffix`` taken out, as `replacingOccurrences(of: timedSuffix, with: "")`
    /// gives it. A key has no `@` or only its suffix's; those are done here, without Foundation's
    /// search (a few microseconds for each leaf of every unrolling), and any other key by that search.
    static func unsuffixed(_ key: String) -> String {
        var ats = 0
        for byte in key.utf8 where byte == UInt8(ascii: "@") { ats += 1 }
        if ats == 0 { return key }
        if ats == 1 && key.hasSuffix(timedSuffix) { return String(key.dropLast(timedSuffix.count)) }
        return key.replacingOccurrences(of: timedSuffix, with: "")
    }

    /// The largest time offset a step variable reads (`h_{t-64}`).
    static let maximumOffset = 64

    /// The built-in function names of the language, then those of the operation catalogue.
    static let functions = ["tanh", "sigmoid", "relu", "identity", "softmax", "exp", "log", "ce"]
        + OperationCatalogue.all.map(\.name)

    /// Parses and checks a model text.
    /// - Parameters:
    ///   - text: the model text.
    ///   - name: what to call it in messages (a bundled name or a file path).
    /// - Throws: ``ModelParseError`` for a syntax error or a meaning that cannot hold.
    public init(parsing text: String, name: String = "model") throws(ModelParseError) {
        let syntax = try ModelParser.parse(text)
        self.name = name
        self.text = text
        self.syntax = syntax
        var families: [String: FamilyInfo] = [:]
        var order = 0
        var parameterOrder: [String] = []
        let activationSymbols = Set(syntax.activations.map(\.symbol))

        func fail(_ message: String, _ location: SourceLocation) -> ModelParseError {
            ModelParseError(message: message, location: location)
        }
        func note(_ reference: NameReference) {
            let key = Self.key(reference)
            if families[key] == nil {
                families[key] = FamilyInfo(isTimed: reference.time != nil, equation: nil, declared: nil, order: order,
                                           location: reference.location)
                order += 1
            }
        }
        // Defined names first, so that every reference finds its family.
        for (index, equation) in syntax.equations.enumerated() {
            let target = equation.target
            if let time = target.time, time != .relative(0) {
                throw fail("define \(target.name) for every step as \(target.name)_\(syntax.timeVariable) = …; "
                           + "a single step such as \(target.name)_0 cannot be defined", target.location)
            }
            if let previous = families[Self.key(target)]?.equation {
                throw fail("\(target.name) is defined twice (first on line \(syntax.equations[previous].line)); "
                           + "rename one or delete one",
                           target.location)
            }
            if Self.functions.contains(target.name) || activationSymbols.contains(target.name) {
                throw fail("\(target.name) is a function and cannot be defined; choose another name", target.location)
            }
            note(target)
            families[Self.key(target)]?.equation = index
        }
        var timedReads: [(NameReference, Int)] = []
        func visit(_ term: Term, equation: Int) throws(ModelParseError) {
            switch term {
            case .name(let reference):
                note(reference)
                timedReads.append((reference, equation))
            case .number: break
            case .call(let function, let arguments, let location):
                let isKnown = Self.functions.contains(function) || activationSymbols.contains(function)
                if !isKnown {
                    // `W(h_t + b)`: a matrix written against its parenthesized argument.
                    let isVariable = families[function] != nil || function.first?.isUppercase == true
                    guard isVariable, arguments.count == 1 else {
                        let meant = NameSuggestion.function(for: function, among: Self.functions)
                        let binding = meant.map { ["tanh", "sigmoid", "relu", "identity"].contains($0) ? $0 : "relu" } ?? "relu"
                        throw fail("unknown function \(function)\(NameSuggestion.phrase(meant)); the functions are "
                                   + "\(Self.functions.joined(separator: ", ")) (or bind a symbol: activation \(function) = \(binding))",
                                   location)
                    }
                    note(NameReference(name: function, time: nil, location: location))
                }
                if function == "ce", arguments.count != 2 {
                    throw fail("ce takes two arguments: ce(class index, probabilities)", location)
                }
                let arity = OperationCatalogue.named(function)?.arity ?? 1
                if isKnown, function != "ce", arguments.count != arity {
                    let wanted = arity == 1 ? "one argument" : arity == 2 ? "two arguments" : "\(arity) arguments"
                    throw fail("\(function) takes \(wanted), got \(arguments.count)", location)
                }
                for argument in arguments { try visit(argument, equation: equation) }
            case .add(let a, let b), .subtract(let a, let b), .matrixProduct(let a, let b), .elementwise(let a, let b),
                 .inner(let a, let b):
                try visit(a, equation: equation)
                try visit(b, equation: equation)
            case .negate(let a), .power(let a, _), .transpose(let a):
                try visit(a, equation: equation)
            case .stack(let parts):
                for part in parts { try visit(part, equation: equation) }
            case .overTime(_, _, _, let body, let location):
                guard syntax.equations[equation].target.time == nil else {
                    throw fail("a sum over time belongs in an equation without a time index, such as the loss", location)
                }
                try visit(body, equation: equation)
            }
        }
        for (index, equation) in syntax.equations.enumerated() {
            try visit(equation.expression, equation: index)
        }
        try InlineExpansion.check(syntax, families: families)
        // Declarations.
        for declaration in syntax.declarations {
            for declared in declaration.names {
                let key = families[declared] != nil ? declared : declared + Self.timedSuffix
                guard var family = families[key] else {
                    throw fail("\(declared) is declared as \(declaration.role.rawValue) but not used in any equation",
                               SourceLocation(line: declaration.line, column: 1))
                }
                if declaration.role != .loss, declaration.role != .biases, family.equation != nil {
                    throw fail("\(declared) is defined by an equation, so it cannot be one of the \(declaration.role.rawValue)",
                               SourceLocation(line: declaration.line, column: 1))
                }
                if declaration.role == .parameters || declaration.role == .biases {
                    guard !family.isTimed else {
                        throw fail("\(declared) has a time index, so it cannot be a parameter",
                                   SourceLocation(line: declaration.line, column: 1))
                    }
                    if declaration.role == .parameters, !parameterOrder.contains(declared) { parameterOrder.append(declared) }
                }
                if declaration.role != .biases, declaration.role != .scalars { family.declared = declaration.role }
                families[key] = family
            }
        }
        // States: read at another step by a timed equation.
        for (reference, equation) in timedReads where syntax.equations[equation].target.time != nil {
            if case .relative(let k) = reference.time, k != 0, families[Self.key(reference)]?.equation != nil {
                families[Self.key(reference)]?.isState = true
            }
            if case .relative(let k) = reference.time, k != 0, abs(k) > Self.maximumOffset {
                throw fail("the time offset \(k) is too large; offsets from -\(Self.maximumOffset) to "
                           + "\(Self.maximumOffset) are supported", reference.location)
            }
        }
        let undefinedParameters = families.filter { !$0.value.isTimed && $0.value.equation == nil && $0.value.declared == nil }
            .sorted { $0.value.order < $1.value.order }.map(\.key)
        for name in undefinedParameters where !parameterOrder.contains(name) { parameterOrder.append(name) }
        // The loss: declared, or the untimed name defined last.
        let declaredLoss = families.first { $0.value.declared == .loss && !$0.value.isTimed }?.key
        guard let loss = declaredLoss ?? syntax.equations.last(where: { $0.target.time == nil && !$0.isInline })?.target.name
                ?? syntax.equations.last(where: { $0.target.time == nil })?.target.name else {
            throw fail("the model has no loss: define one without a time index, such as L = sum_t (y_t - o_t)^2",
                       SourceLocation(line: syntax.equations.last?.line ?? 1, column: 1))
        }
        guard families[loss]?.equation != nil || families[loss + Self.timedSuffix]?.equation != nil else {
            throw fail("the loss \(loss) is declared but not defined; define it, such as \(loss) = sum_t (y_t - o_t)^2",
                       families[loss]?.location ?? SourceLocation(line: 1, column: 1))
        }
        self.families = families
        self.parameterOrder = parameterOrder
        self.lossName = loss
        var reach = max(abs(syntax.firstStep), abs(syntax.lastStepOffset))
        for reference in timedReads.map(\.0) + syntax.equations.map(\.target) {
            switch reference.time {
            case .relative(let k), .end(let k), .fixed(let k): reach = max(reach, abs(k))
            case nil: break
            }
        }
        self.timeReach = reach
        try checkAcyclic()
    }

    /// A defined timed family that reaches itself at the same step, or a state that reads
    /// both earlier and later steps of itself, has no order of evaluation.
    private func checkAcyclic() throws(ModelParseError) {
        do {
            var unroller = try ModelUnroller(definition: self, options: ModelOptions(definition: self, length: 4))
            _ = try unroller.build()
        } catch let error as ModelParseError {
            throw error
        } catch {
            return  // Option errors are reported when options are applied.
        }
    }

    public static func == (a: ModelDefinition, b: ModelDefinition) -> Bool { a.text == b.text && a.name == b.name }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(name)
    }

    /// The title of the model: its `model "…"` line, or its name.
    public var title: String { syntax.title ?? name }

    /// The vector layout the text declares (columns by default).
    public var layout: VectorLayout { syntax.layout ?? .columns }

    /// The time-index style the text declares (subscripts by default).
    public var timeStyle: TimeIndexStyle { syntax.timeStyle ?? .subscript_ }

    /// The names declared as biases.
    public var biases: [String] { syntax.declarations.filter { $0.role == .biases }.flatMap(\.names) }

    /// The leaves declared as scalars (`scalars a, c`): numbers broadcast over the vectors they combine with.
    public var scalars: [String] { syntax.declarations.filter { $0.role == .scalars }.flatMap(\.names) }

    /// The parameters, in the order the graph lists them.
    public var parameters: [String] { parameterOrder }
}
