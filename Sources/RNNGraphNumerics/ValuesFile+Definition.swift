import Foundation
import RNNGraphCore
import RNNGraphPaths

/// Values files for models defined by equations: a JSON object keyed by leaf
/// names. A parameter maps to its tensor; a timed family (`x`, `y`, `G`) to a
/// list with one tensor per step, in time order; an initial state may be given
/// by its own name (`h_0`) and defaults to zeros. The older layout
/// (`parameters`, `h0`, `inputs`, `targets`) is read too.
extension ValuesFile {
    /// The leaf families of a model unrolled at `length`: name → the times present (nil for untimed).
    private static func leafFamilies(_ graph: ComputationGraph) -> [(name: String, kind: VariableKind, times: [Int?])] {
        var result: [(name: String, kind: VariableKind, times: [Int?])] = []
        for variable in graph.variables where variable.definition == nil {
            if let k = result.firstIndex(where: { $0.name == variable.symbol.ascii && $0.kind == variable.kind }) {
                result[k].times.append(variable.time)
            } else {
                result.append((variable.symbol.ascii, variable.kind, [variable.time]))
            }
        }
        return result
    }

    /// The member that holds the values of sequence family `name` (by name, or `inputs`/`targets`).
    private func sequenceMember(_ name: String, kind: VariableKind, in graph: ComputationGraph) -> (key: String, value: JSONValue)? {
        if let value = member(name) { return (name, value) }
        let families = Self.leafFamilies(graph).filter { $0.times.contains { $0 != nil } && $0.kind != .initialState }
        let inputs = Set(families.filter { $0.kind == .input }.map(\.name))
        let targets = Set(families.filter { $0.kind == .target }.map(\.name)).subtracting(inputs)
        if inputs == [name], let value = member("inputs") { return ("inputs", value) }
        if targets == [name], let value = member("targets") { return ("targets", value) }
        return nil
    }

    /// The first input family, how many more entries it has than steps, and the member that
    /// holds it (`nil` when the file lacks it), read off one unrolling at N = 1; `nil` when the
    /// model has no timed inputs.
    private func inputSequence(_ options: ModelOptions) throws
        -> (name: String, extra: Int, member: (key: String, value: JSONValue)?)? {
        var one = options
        one.length = 1
        let graph = try Model(one).graph
        let families = Self.leafFamilies(graph).filter { $0.kind == .input || $0.kind == .target }
            .filter { $0.times.contains { $0 != nil } }
        guard let first = families.first(where: { $0.kind == .input }) ?? families.first else { return nil }
        let count = graph.variables.filter { $0.symbol.ascii == first.name && $0.time != nil && $0.definition == nil
            && $0.kind != .initialState }.count
        return (first.name, count - 1, sequenceMember(first.name, kind: .input, in: graph))
    }

    /// The sequence length N the inputs imply for a model with these options: the number
    /// of entries of its first input family, less the entries its text reads beyond step N
    /// (one for cs187, whose last input is the last target `x_{N+1}`).
    /// - Throws: `RNNGraphError/input(_:)` when there are too few inputs for even N = 1.
    public func impliedLength(for options: ModelOptions) throws -> Int {
        guard let (name, extra, member) = try inputSequence(options) else { return options.length }
        guard let found = member else {
            throw RNNGraphError.input("\(source): missing \"\(name)\" (a list with one entry per step)\(misspelling(of: name))")
        }
        guard case .array(let list) = found.value else {
            throw RNNGraphError.input("\(source): \"\(found.key)\" must be a list with one entry per step, "
                                      + "got \(found.value.kindDescription)")
        }
        guard list.count >= 1 + extra else {
            throw RNNGraphError.input("\(source): \"\(found.key)\" has \(list.count) entries; the model needs at least \(1 + extra)")
        }
        return list.count - extra
    }

    /// ` (the file has "u": … rename it "U")` when a key of the file (or of `keys`) is `name` misspelt, else nothing.
    private func misspelling(of name: String, among keys: [String] = []) -> String {
        guard let key = NameSuggestion.closest(to: name, among: members.map(\.key) + keys) else { return "" }
        return " (the file has \"\(key)\": names are written as in the model; rename it \"\(name)\")"
    }

    /// Checks, before the model is unrolled, that the inputs cover the length of `options`.
    /// - Throws: `RNNGraphError/input(_:)` when there are too few inputs.
    public func checkInputs(for options: ModelOptions) throws {
        guard let (_, extra, member) = try inputSequence(options), let found = member,
              case .array(let list) = found.value else { return }
        let needed = options.length + extra
        guard list.count >= needed else {
            throw RNNGraphError.input("\(source): too few entries in \"\(found.key)\" for --length \(options.length): "
                                      + "the model needs \(needed), the file has \(list.count)")
        }
    }

    /// `names` without repeats, in their first order.
    private static func uniqued(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The largest graph size × leaf count for which ``disagreeingLeaf(_:_:)`` retries inference.
    private static let culpritSearchBudget = 5_000_000

    /// When the leaves' shapes do not fit together: the one leaf without which they do, as
    /// "W: expected 3×3, got 3×2" (the shape the other leaves imply); `nil` when no single leaf
    /// is to blame or the search would be too long.
    private static func disagreeingLeaf(_ graph: ComputationGraph, _ leaves: [Tensor?]) -> String? {
        let given = graph.variables.filter { leaves[$0.id.index] != nil && $0.definition == nil }
        guard given.count * graph.count <= culpritSearchBudget else { return nil }
        // Untimed leaves (parameters, initial states) first: they fix the sizes the steps share.
        let ordered = given.filter { $0.time == nil || $0.kind == .initialState } + given.filter { $0.time != nil && $0.kind != .initialState }
        for variable in ordered {
            var without = leaves
            without[variable.id.index] = nil
            guard let inference = try? ShapeInference(graph: graph, known: without),
                  inference.shape(of: variable.id) != nil, let tensor = leaves[variable.id.index] else { continue }
            return "\(variable.name): expected \(inference.shapeDescription(of: variable.id)), got \(tensor.shapeDescription)"
        }
        return nil
    }

    /// Binds the numbers to the leaves of `model`; a per-step list may be longer than the model
    /// reads, and its first entries are bound (one file for several lengths). The command line
    /// refuses a surplus instead (``values(for:lengthFromFile:allowingSurplus:)``).
    public func values(for model: Model) throws -> VariableValues {
        try values(for: model, lengthFromFile: false, allowingSurplus: true)
    }

    /// Where N came from, for a message: `--length 3`, or `N = 3 (from the 3 entries of "x")`
    /// when the length was read off the file (``impliedLength(for:)``).
    private func lengthOrigin(_ options: ModelOptions, fromFile: Bool) -> String {
        guard fromFile, let (_, _, member) = try? inputSequence(options), let found = member,
              case .array(let list) = found.value else { return "--length \(options.length)" }
        return "N = \(options.length) (from the \(list.count) entries of \"\(found.key)\")"
    }

    /// Binds the numbers to the leaves of `model` by their names, checking names, shapes and values.
    /// - Parameters:
    ///   - model: the model whose leaves take the numbers.
    ///   - lengthFromFile: the model's length was read off the file (no --length), which the
    ///     messages about a list's length say.
    ///   - allowingSurplus: a per-step list may hold more entries than the model reads (the
    ///     first are bound); otherwise a surplus is refused, never ignored.
    /// - Throws: `RNNGraphError/input(_:)` naming the first problem: a missing or unknown
    ///   leaf, shapes that do not fit, a value that is not finite, a class index out of
    ///   range, or too few or too many entries for the model's length.
    public func values(for model: Model, lengthFromFile: Bool, allowingSurplus: Bool = false) throws -> VariableValues {
        let graph = model.graph
        let rows = model.options.definition.layout == .rows
        var leaves = [Tensor?](repeating: nil, count: graph.count)
        var ranks = [Int](repeating: 2, count: graph.count)
        var used: Set<String> = []
        let classIndices = Set(graph.variables.compactMap(\.definition).flatMap(\.classIndices))
        let steps = model.options.steps

        func assign(_ variable: Variable, _ json: JSONValue, label: String) throws {
            if classIndices.contains(variable.id) {
                // Below 2^53, every whole number is exact and converts to Int without overflow.
                guard case .number(let value, _) = json, value.isFinite, value.rounded() == value, value >= 0,
                      value < 0x1p53 else {
                    let given: String
                    if case .number(let value, _) = json { given = "\(value)" } else { given = json.kindDescription }
                    throw RNNGraphError.input("\(label): expected a class index (a whole number from 0 below 2^53), "
                                              + "got \(given)")
                }
                leaves[variable.id.index] = .scalar(value)
                ranks[variable.id.index] = 0
                return
            }
            let (tensor, rank) = try Self.tensor(from: json, name: label, vectorIsRow: rows)
            leaves[variable.id.index] = tensor
            ranks[variable.id.index] = rank
        }

        let families = Self.leafFamilies(graph)
        // Per list key (a family, or two sharing it as cs187's x): the entries read, the times they stand for.
        var reads: [String: (count: Int, entries: Int, first: Variable, last: Variable)] = [:]
        let origin = { self.lengthOrigin(model.options, fromFile: lengthFromFile) }
        let leafNames = Self.uniqued(families.filter { $0.kind != .initialState }.map(\.name)).joined(separator: ", ")
        var legacyParameters: [(key: String, value: JSONValue)] = []
        if case .object(let members)? = member("parameters") {
            legacyParameters = members
            used.insert("parameters")
        }
        func misspelling(of name: String) -> String { self.misspelling(of: name, among: legacyParameters.map(\.key)) }
        for family in families {
            let members = graph.variables.filter { $0.definition == nil && $0.symbol.ascii == family.name && $0.kind == family.kind }
            if family.kind == .initialState {
                for variable in members {
                    let legacy = family.name == graph.variables(of: .initialState).first?.symbol.ascii ? member("h0") : nil
                    if let json = member(variable.name) ?? legacy {
                        used.insert(member(variable.name) != nil ? variable.name : "h0")
                        try assign(variable, json, label: variable.name)
                    }
                }
                continue
            }
            if family.times.allSatisfy({ $0 == nil }) {
                let variable = members[0]
                let json = member(family.name) ?? legacyParameters.first { $0.key == family.name }?.value
                    ?? (family.kind == .target ? member("targets") : nil)
                guard let json else {
                    throw RNNGraphError.input("\(source): missing \"\(family.name)\"\(misspelling(of: family.name)); "
                                              + "this model's leaves are \(leafNames)")
                }
                used.insert(member(family.name) != nil ? family.name : family.kind == .target && member("targets") != nil
                            && legacyParameters.allSatisfy { $0.key != family.name } ? "targets" : "parameters")
                if case .array(let list) = json, family.kind == .target, member(family.name) == nil, list.count == 1 {
                    try assign(variable, list[0], label: family.name)
                } else {
                    try assign(variable, json, label: family.name)
                }
                continue
            }
            guard let found = sequenceMember(family.name, kind: family.kind, in: graph) else {
                throw RNNGraphError.input("\(source): missing \"\(family.name)\" (a list with one entry per step: "
                                          + "\(members.map(\.name).joined(separator: ", ")))\(misspelling(of: family.name))")
            }
            used.insert(found.key)
            guard case .array(let list) = found.value else {
                throw RNNGraphError.input("\(source): \"\(found.key)\" must be a list with one entry per step, "
                                          + "got \(found.value.kindDescription)")
            }
            // The entries run over the family's times from its first; a single-step family takes a one-entry list.
            let allTimes = members.compactMap(\.time)
            let first = min(allTimes.min() ?? steps.lowerBound, steps.lowerBound)
            for (rank, variable) in members.enumerated() {
                let time = variable.time ?? first
                let position = list.count == members.count ? rank : time - first
                guard position >= 0, position < list.count else {
                    throw RNNGraphError.input("\(source): too few entries in \"\(found.key)\" for \(origin()): "
                                              + "\(variable.name) needs entry \(position + 1), the file has \(list.count)")
                }
                try assign(variable, list[position], label: "\(found.key)[\(position)] (\(variable.name))")
                var read = reads[found.key] ?? (list.count, 0, variable, variable)
                if position + 1 > read.entries { read.entries = position + 1; read.last = variable }
                if position == 0 { read.first = variable }
                reads[found.key] = read
            }
        }
        for member in members where !allowingSurplus {
            guard let read = reads[member.key], read.count > read.entries else { continue }
            let surplus = read.count - read.entries
            let fix = lengthFromFile ? "give every per-step list one entry per step" : "or leave --length out to read them all"
            throw RNNGraphError.input("\(source): \"\(member.key)\" has \(read.count) entries, \(surplus) more than "
                                      + "\(origin()) reads (\(read.first.name)…\(read.last.name)); remove the surplus "
                                      + "\(surplus == 1 ? "entry" : "entries")\(lengthFromFile ? ", or " : " ")\(fix)")
        }
        for member in members where !used.contains(member.key) && !used.contains(Symbol.unbraced(member.key)) {
            if member.key == "targets", let inputs = families.first(where: { $0.kind == .input }),
               families.contains(where: { $0.kind == .target && $0.name == inputs.name }) {
                throw RNNGraphError.input("\(source): this model takes no \"targets\" (its targets are later inputs: "
                                          + "put them at the end of \"\(inputs.name)\"); remove \"targets\"")
            }
            let names = Self.uniqued(families.filter { $0.kind != .initialState }.map(\.name)
                + graph.variables(of: .initialState).map(\.name))
            throw RNNGraphError.input("\(source): unknown key \"\(member.key)\"; this model's leaves are \(names.joined(separator: ", "))")
        }
        for (key, _) in legacyParameters where !families.contains(where: { $0.name == key && $0.kind == .parameter }) {
            throw RNNGraphError.input("\(source): unknown parameter \"\(key)\"; this model's parameters are "
                                      + families.filter { $0.kind == .parameter }.map(\.name).joined(separator: ", "))
        }

        // Shapes: initial states from the steps that read them; everything checked before evaluation.
        let inference: ShapeInference
        do {
            inference = try ShapeInference(graph: graph, known: leaves)
        } catch {
            if let leaf = Self.disagreeingLeaf(graph, leaves) { throw RNNGraphError.input(leaf) }
            throw RNNGraphError.input("\(source): the shapes do not fit \(error.variable): \(error.reason)")
        }
        for variable in graph.variables where variable.kind == .initialState && leaves[variable.id.index] == nil {
            guard let shape = inference.shape(of: variable.id) else {
                throw RNNGraphError.input("\(source): cannot tell the shape of \(variable.name); give \"\(variable.name)\" explicitly")
            }
            leaves[variable.id.index] = Tensor(rows: shape.rows, cols: shape.cols)
            ranks[variable.id.index] = rows ? 2 : (shape.rows == 1 && shape.cols == 1 ? 0 : (shape.cols == 1 ? 1 : 2))
        }
        try ConcreteShapes.check(graph, leaves: leaves, source: source)
        return VariableValues(graph: graph, leaves: leaves, ranks: ranks, vectorsAreRows: rows)
    }
}

/// A class-index target that picks past the end of its prediction.
private struct ClassIndexOutOfRange: Error {
    let target: NodeID
    let index: Int
    let count: Int
}

/// The exact shape of every variable from the leaves' values, so that no
/// evaluation ever meets shapes that do not fit: the first that does not is
/// a one-line error naming the variable.
enum ConcreteShapes {
    static func check(_ graph: ComputationGraph, leaves: [Tensor?], source: String) throws {
        var shapes: [(rows: Int, cols: Int)] = []
        shapes.reserveCapacity(graph.count)
        let classIndices = Set(graph.variables.compactMap(\.definition).flatMap(\.classIndices))
        for variable in graph.variables {
            if let leaf = leaves[variable.id.index] {
                shapes.append((leaf.rows, leaf.cols))
                continue
            }
            guard let definition = variable.definition else {
                throw RNNGraphError.input("\(source): no value for \(variable.name)")
            }
            do {
                shapes.append(try shape(definition, shapes, classIndices: classIndices, leaves: leaves))
            } catch let error as OperationShapeError {
                throw RNNGraphError.input("\(source): the shapes do not fit \(variable.name): \(error.reason)")
            }
            catch let error as ClassIndexOutOfRange {
                throw RNNGraphError.input("\(graph[error.target].name): class index \(error.index) is out of range "
                                          + "0…\(error.count - 1) (the prediction it picks from has \(error.count) entries)")
            }
            if variable.kind == .loss, shapes[variable.id.index] != (1, 1) {
                let s = shapes[variable.id.index]
                throw RNNGraphError.input("\(source): the loss \(variable.name) is \(s.rows)×\(s.cols), not a scalar; "
                                          + "check the shapes of the values, or sum the loss over its entries")
            }
        }
    }

    private static func shape(_ e: Expression, _ shapes: [(rows: Int, cols: Int)], classIndices: Set<NodeID>,
                              leaves: [Tensor?]) throws -> (rows: Int, cols: Int) {
        func sub(_ x: Expression) throws -> (rows: Int, cols: Int) {
            try shape(x, shapes, classIndices: classIndices, leaves: leaves)
        }
        switch e.node {
        case .variable(let id): return shapes[id.index]
        case .constant: return (1, 1)
        case .step(let primitive, let arguments):
            // A class index is checked against the number of classes, not shaped.
            if primitive == .crossEntropy || primitive == .softmaxCrossEntropy, case .variable(let id) = arguments[0] {
                let probabilities = try sub(arguments[1])
                if let index = leaves[id.index]?.scalar, Int(index) >= probabilities.rows * probabilities.cols {
                    throw ClassIndexOutOfRange(target: id, index: Int(index), count: probabilities.rows * probabilities.cols)
                }
                return (1, 1)
            }
            switch primitive.shape(try arguments.map(sub)) {
            case .success(let s): return s
            case .failure(let error): throw error
            }
        }
    }
}
