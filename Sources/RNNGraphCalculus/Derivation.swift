
import BigInt
import RNNGraphCore
import RNNGraphPaths
import Synchronization

/// The chain rule over paths for one quantity and one variable of a model:
/// the paths, their number, and the derivative as a formula in each form.
///
/// ```swift
/// let d = try Derivation(options: ModelOptions(length: 3), of: "L", wrt: "U")
/// try d.count                    // 6
/// for term in d.terms { … }      // one product per path, lazily
/// let compact = try d.compact()  // Σ + Σ(Σ(Π)), valid for every N
/// ```
///
/// Made from options, a derivation unrolls the model only when something
/// needs the unrolled graph (paths, terms, numbers): the count and the
/// compact and recursive forms come from the rolled graph, so they take the
/// same time at N = 10⁶ as at N = 3.
public struct Derivation: Sendable {
    /// The options of the model differentiated.
    public let options: ModelOptions
    /// How local partials are written.
    public let local: LocalForm
    /// The shapes closed-form partials are written for (scalars, columns or rows).
    public let layout: ShapeLayout
    /// Whether an element-wise step is written `g ⊙ s` in the columns layout too, rather than `diag(s) g`
    /// (the rows layout always writes `⊙`).
    public let hadamard: Bool
    /// The quantity differentiated as a formula variable (`L`, `h_{3}`).
    public let ofVariable: IndexedVariable
    /// The variable differentiated by, as a formula variable (`U`).
    public let wrtVariable: IndexedVariable
    /// The canonical name of the quantity differentiated (`L`, `h_3`).
    public var ofName: String { Self.name(ofVariable, length: options.length) }
    /// The canonical name of the variable differentiated by (`U`, `h_0`).
    public var wrtName: String { Self.name(wrtVariable, length: options.length) }
    /// The 1-based indices of the entry of ``of`` differentiated (`h1[2]` gives `[2]`), empty for the whole.
    public private(set) var ofIndices: [Int] = []
    /// The 1-based indices of the entry of ``wrt`` differentiated by (`U[1,2]` gives `[1, 2]`), empty for the whole.
    public private(set) var wrtIndices: [Int] = []
    /// The most recurrent steps a path may take (truncated backpropagation through time),
    /// `nil` for every path; set with ``truncated(to:)``.
    public private(set) var maximumLag: Int?
    /// The rolled graph, when the derivation was made from options and the model has one.
    private let rolled: RolledGraph?
    private let unrolled: Unrolled

    /// The model differentiated, unrolled (on first use when made from options).
    public var model: Model { unrolled.value.model }
    /// The quantity differentiated (`L` by default), a variable of ``graph``.
    public var of: Variable { unrolled.value.of }
    /// The variable differentiated by, a variable of ``graph``.
    public var wrt: Variable { unrolled.value.wrt }
    /// The graph of ``model``.
    public var graph: ComputationGraph { model.graph }
    /// Whether ``model`` has been asked for yet (made from options, the derivation unrolls it then).
    var isUnrolled: Bool { unrolled.isMade }

    /// Looks `of` and `wrt` up by name (`h_1` or `h1`) in an unrolled model; `of` defaults to the loss.
    /// Either may name an entry with 1-based indices (`h1[1]`, `U[1,2]`): the paths are those of the
    /// whole variables, and the printed derivative is that entry of their Jacobian.
    /// `layout` defaults to the model text's (``ShapeLayout/preferred(for:)``); `hadamard` writes
    /// element-wise steps as `⊙` in the columns layout.
    /// - Throws: `RNNGraphError/usage(_:)` for an unknown name, listing the valid ones, or a malformed index.
    public init(model: Model, of: String? = nil, wrt: String? = nil, local: LocalForm = .symbolic,
                layout: ShapeLayout? = nil, hadamard: Bool = false) throws {
        let graph = model.graph
        let ofEntry = try of.map { try Quantity.split($0, option: "--of") }
        let wrtEntry = try Quantity.split(wrt ?? Self.firstParameter(graph), option: "--wrt")
        let (ofVariable, wrtVariable) = try Self.resolve(of: ofEntry?.name, wrt: wrtEntry.name, loss: graph.loss,
                                                         valid: graph.nameSummary,
                                                         families: graph.variables.map(\.symbol.ascii),
                                                         lookUp: graph.variable(named:))
        try Self.checkLayout(options: model.options, local: local, layout: layout, of: ofVariable.kind, name: ofVariable.name)
        let n = model.options.length
        self.init(options: model.options, local: local, layout: layout, hadamard: hadamard,
                  of: IndexedVariable(ofVariable).countedFromEnd(length: n),
                  wrt: IndexedVariable(wrtVariable).countedFromEnd(length: n), rolled: nil, unrolled: Unrolled { (model, ofVariable, wrtVariable) })
        ofIndices = ofEntry?.indices ?? []
        wrtIndices = wrtEntry.indices ?? []
    }

    /// Looks `of` and `wrt` up by name without unrolling the model; `of` defaults to the loss.
    /// - Throws: `RNNGraphError/usage(_:)` for invalid options or an unknown name, listing the valid ones.
    public init(options: ModelOptions, of: String? = nil, wrt: String? = nil, local: LocalForm = .symbolic,
                layout: ShapeLayout? = nil, hadamard: Bool = false) throws {
        try options.validate()
        guard let rolled = try? RolledGraph.shared(for: options) else {
            try self.init(model: Model(options), of: of, wrt: wrt, local: local, layout: layout, hadamard: hadamard)
            return
        }
        let length = options.length
        let ofEntry = try of.map { try Quantity.split($0, option: "--of") }
        let wrtEntry = try Quantity.split(wrt ?? Self.firstParameter(rolled.representative), option: "--wrt")
        let (ofVariable, wrtVariable) = try Self.resolve(
            of: ofEntry?.name, wrt: wrtEntry.name, loss: rolled.loss, valid: rolled.nameSummary(length: length),
            families: rolled.representative.variables.map(\.symbol.ascii),
            lookUp: { rolled.variable(named: $0, length: length) })
        let ofName = Self.name(ofVariable, length: length), wrtName = Self.name(wrtVariable, length: length)
        let ofKind = rolled.representative.variables.first { $0.symbol == ofVariable.symbol && $0.kind != .parameterCopy }?.kind
        try Self.checkLayout(options: options, local: local, layout: layout, of: ofKind ?? .loss, name: ofName)
        self.init(options: options, local: local, layout: layout, hadamard: hadamard, of: ofVariable, wrt: wrtVariable,
                  rolled: rolled, unrolled: Unrolled {
            let model = Model(validated: options)
            guard let of = model.graph.variable(named: ofName), let wrt = model.graph.variable(named: wrtName) else {
                preconditionFailure("the rolled graph names \(ofName) and \(wrtName), the unrolled graph does not")
            }
            return (model, of, wrt)
        })
        ofIndices = ofEntry?.indices ?? []
        wrtIndices = wrtEntry.indices ?? []
    }

    private init(options: ModelOptions, local: LocalForm, layout: ShapeLayout?, hadamard: Bool, of: IndexedVariable,
                 wrt: IndexedVariable, rolled: RolledGraph?, unrolled: Unrolled) {
        self.options = options
        self.local = local
        self.layout = layout ?? ShapeLayout.preferred(for: options)
        self.hadamard = hadamard
        self.ofVariable = of
        self.wrtVariable = wrt
        self.rolled = rolled
        self.unrolled = unrolled
    }

    /// Refuses a vector layout that the model's equations cannot be written in: a model that
    /// multiplies column vectors (`W h`) has no rows layout and one written in rows (`x W`) no
    /// columns layout; and a gradient is of a scalar (the loss or a step loss), not of a vector.
    private static func checkLayout(options: ModelOptions, local: LocalForm, layout: ShapeLayout?, of kind: VariableKind,
                                    name: String) throws {
        let layout = layout ?? ShapeLayout.preferred(for: options)
        guard local == .closed, layout != .scalar else { return }
        let written: ShapeLayout = options.definition.layout == .rows ? .rows : .columns
        if layout != written {
            let form = written == .rows ? "row vectors (x W)" : "column vectors (W h)"
            throw RNNGraphError.usage("--layout \(layout.rawValue) does not apply: the model's equations multiply \(form); "
                                      + "use --layout \(written.rawValue) or --layout scalar")
        }
        if kind != .loss && kind != .stepLoss {
            throw RNNGraphError.usage("--of \(name) is not a scalar, so it has no gradient in --layout \(layout.rawValue); "
                                      + "differentiate the loss or a step loss, or use --layout scalar or --local symbolic")
        }
    }

    /// `of` (default: `loss`) and `wrt` found by `lookUp`, or the error naming the valid names.
    private static func resolve<V>(of: String?, wrt: String, loss: V?, valid: @autoclosure () -> String,
                                   families: @autoclosure () -> [String],
                                   lookUp: (String) -> V?) throws -> (of: V, wrt: V) {
        func find(_ name: String, _ option: String) throws -> V {
            guard let v = lookUp(name) else {
                let suggestion = NameSuggestion.variable(for: name, families: families()) { lookUp($0) != nil }
                throw RNNGraphError.usage("unknown variable '\(name)' for \(option)\(NameSuggestion.phrase(suggestion)); "
                                          + "valid names: \(valid())")
            }
            return v
        }
        let ofVariable: V
        if let of {
            ofVariable = try find(of, "--of")
        } else if let loss {
            ofVariable = loss
        } else {
            throw RNNGraphError.usage("the model has no loss; name the quantity with --of")
        }
        return (ofVariable, try find(wrt, "--wrt"))
    }

    /// The name of the model's first parameter, the default variable to differentiate by.
    private static func firstParameter(_ graph: ComputationGraph) -> String {
        graph.variables(of: .parameter).first?.name ?? graph.variables.first?.name ?? "U"
    }

    /// The canonical name of a variable at a concrete time (`h_3`, `U`), steps counted from N at `length` steps.
    private static func name(_ v: IndexedVariable, length: Int) -> String {
        guard let time = v.time?.value(length: length) else { return v.symbol.ascii }
        return "\(v.symbol.ascii)_\(time)"
    }

    /// The unrolled model and the two variables, made once, when first needed.
    private final class Unrolled: Sendable {
        typealias Value = (model: Model, of: Variable, wrt: Variable)
        private let made = Mutex<Value?>(nil)
        private let make: @Sendable () -> Value

        init(_ make: @escaping @Sendable () -> Value) { self.make = make }

        /// Whether the model has been unrolled yet.
        var isMade: Bool { made.withLock { $0 != nil } }

        var value: Value {
            made.withLock { made in
                if let made { return made }
                let value = make()
                made = value
                return value
            }
        }
    }

    /// The same derivation restricted to the paths through at most `k` recurrent steps
    /// (`ComputationGraph/isRecurrentStep(from:to:)`); `nil` keeps every path. The
    /// count, the paths and the expanded form follow; the compact and merged forms split
    /// their Σ bounds where their paths meet one recurrence and refuse otherwise; the
    /// recursive form refuses a truncated derivation.
    public func truncated(to k: Int?) -> Derivation {
        var copy = self
        // A lag beyond the longest sequence keeps every path; clamped so that no count overflows.
        copy.maximumLag = k.map { min($0, ModelOptions.maximumLength) }
        return copy
    }

    /// - Throws: `RNNGraphError/usage(_:)` when a truncated count would take too long, before unrolling.
    public func checkTruncation() throws {
        guard let maximumLag else { return }
        let variables = isUnrolled ? graph.count : try Model.variableCount(for: options)
        try LagPathCounter.checkWork(variables: variables, maximumLag: maximumLag)
    }

    /// Refuses a truncated derivation for the recursive form, whose δ recursion runs over every lag.
    func requireUntruncated(_ form: String) throws {
        guard let maximumLag else { return }
        throw RNNGraphError.usage("the \(form) form sums over every lag and cannot show a truncation to "
                                  + "\(maximumLag) steps; use the expanded form, the paths or the count")
    }

    /// Whether terms are gradients in a vector layout.
    public var isVector: Bool { local == .closed && layout != .scalar }

    /// The number of paths from ``wrt`` to ``of`` (the number of terms of the expanded form), exact,
    /// counted on the rolled graph when the model has not been unrolled.
    /// - Throws: `RNNGraphError/usage(_:)` with an estimate of its size when counting it exactly
    ///   would take more than about a second (`CountEstimate`).
    public var count: BigUInt {
        get throws {
            if let maximumLag {
                return LagPathCounter.counts(graph, from: wrt.id, to: of.id, maximumLag: maximumLag).reduce(0, +)
            }
            if let rolled, let counter = RolledPathCounter(rolled, length: options.length),
               let n = try counter.count(from: wrtVariable, to: ofVariable) {
                return n
            }
            return try PathCounter.checkedCount(graph, from: wrt.id, to: of.id, length: options.length)
        }
    }

    /// Whether ``of`` depends on ``wrt`` at all.
    public var hasPath: Bool {
        if maximumLag != nil { return (try? count).map { $0 > 0 } ?? true }
        if let rolled, let counter = RolledPathCounter(rolled, length: options.length),
           let reached = counter.reaches(from: wrtVariable, to: ofVariable) {
            return reached
        }
        return graph.reaches(wrt.id, of.id)
    }

    /// The paths, lazily, in the order of the terms.
    public var paths: PathEnumerator { PathEnumerator(graph, from: wrt.id, to: of.id, maximumLag: maximumLag) }

    /// The expanded form's terms, lazily: one product per path, factors from ``of`` down to ``wrt``.
    public var terms: LazyMapSequence<PathEnumerator.EdgeLists, Formula> {
        let factors = expandedFactors
        return paths.edgeLists.lazy.map { factors.term($0) }
    }

    /// The factors of the expanded form's terms, each edge's built once: in a vector
    /// layout the edge's action; otherwise its local partial, a right factor, so that
    /// a term reads from ``of`` down to ``wrt``.
    package var expandedFactors: ExpandedFactors {
        let locals = concreteLocals
        let form = local
        let layout = self.layout
        let hadamard = self.hadamard
        let vector = isVector
        return ExpandedFactors(graph: graph, onWay: paths.onWay) { child, parent in
            vector ? locals.action(child, parent, layout: layout, hadamard: hadamard)
                   : EdgeAction(rights: [locals.partial(child, parent, form: form)])
        }
    }

    /// The local partial `∂child/∂parent` of one edge of the unrolled graph, in ``local`` form.
    public func localPartial(_ child: NodeID, _ parent: NodeID) -> Formula {
        concreteLocals.partial(child, parent, form: local)
    }

    private var concreteLocals: LocalPartials {
        let graph = self.graph
        return LocalPartials(graph: graph, rename: { IndexedVariable(graph[$0]) },
                             renameArgument: { IndexedVariable(graph[$0]) }, count: { .constant($0) },
                             cache: ArgumentCache())
    }

    /// The expanded form as one sum, built in memory.
    /// - Throws: `RNNGraphError/usage(_:)` above `limit` terms.
    public func expanded(limit: Int = Derivation.defaultTermLimit) throws -> Formula {
        try checkSize(limit: limit)
        return Formula.add(Array(terms))
    }

    /// The default largest number of terms of an expanded formula.
    public static let defaultTermLimit = 100_000

    /// Refuses, before any work, an expanded form of more than `limit` terms: from an estimate of
    /// the count when it is far above, else from the exact count.
    public func checkSize(limit: Int) throws {
        if maximumLag == nil {
            let counter = rolled.flatMap { RolledPathCounter($0, length: options.length) }
            let estimate = counter?.estimate(from: wrtVariable, to: ofVariable)
                ?? PathCounter.estimate(graph, from: wrt.id, to: of.id)
            if estimate.digits > String(limit).count + 1 {
                throw RNNGraphError.usage("the expanded formula has about 10^\(estimate.digits - 1) terms, above the "
                                          + "limit of \(limit); use --form compact or raise --max-terms")
            }
        }
        let n = try count
        if n > BigUInt(limit) {
            throw RNNGraphError.usage(
                "the expanded formula has \(n) terms, above the limit of \(limit); use --form compact or raise --max-terms")
        }
    }

    func walker() throws -> (RolledWalker, top: Int, bottom: Int) {
        let rolled = try self.rolled ?? RolledGraph.shared(for: options)
        guard let top = rolled.family(of: ofVariable), let bottom = rolled.family(of: wrtVariable) else {
            throw RNNGraphError.usage("\(ofName) or \(wrtName) has no place in the rolled graph; use --form expanded")
        }
        return (RolledWalker(rolled: rolled, form: local, layout: layout, hadamard: hadamard, length: options.length),
                top, bottom)
    }

    var start: RolledWalker.Start { ofVariable.time.map { .fixed($0) } ?? .untimed }

    /// The compact form, valid for every N, derived from the rolled graph.
    /// - Throws: `RNNGraphError/usage(_:)` when the model's recurrence has no single compact shape.
    public func compact(shape: CompactShape = .split) throws -> Formula {
        let (walker, top, bottom) = try walker()
        let names = shape == .split ? ["t", "i", "k", "m", "n"] : ["k", "t", "i", "m", "n"]
        var terms: [Formula] = []
        var crossed: Set<[Int]> = []
        for path in walker.paths(from: bottom, to: top) where crossed.insert(walker.crossingSignature(path)).inserted {
            var request = RolledWalker.Request(edges: path, top: top, start: start,
                                               end: wrtVariable.time, loops: true,
                                               shape: shape, sumNames: names)
            request.maximumLag = maximumLag
            if let maximumLag, walker.meetsStackedStates(path, top: top) {
                // The lag is counted in steps of the stacked state, which the Π over its Jacobian does not split.
                throw RNNGraphError.usage("the \(shape == .split ? "compact" : "merged") form cannot show the truncation "
                                          + "to lag ≤ \(maximumLag) across a recurrence with several states (as h and c "
                                          + "in an LSTM); use the expanded form")
            }
            if let maximumLag, walker.exits(path, top: top).count > 1 {
                // The lag is the total over several recurrences, which no single Σ bound expresses.
                throw RNNGraphError.usage("the \(shape == .split ? "compact" : "merged") form cannot show the truncation "
                                          + "to lag ≤ \(maximumLag) for this model: its paths pass through several "
                                          + "recurrences; use the expanded form")
            }
            do {
                terms += try walker.terms(request).map(\.formula)
            } catch is RNNGraphError where maximumLag != nil {
                // The truncation's bounds could not be ordered for every N.
                throw RNNGraphError.usage("the \(shape == .split ? "compact" : "merged") form cannot show the truncation "
                                          + "to lag ≤ \(maximumLag ?? 0) for this model at N = \(options.length) with "
                                          + "bounds valid for every N; use the expanded form")
            }
        }
        return Formula.add(terms)
    }
}
