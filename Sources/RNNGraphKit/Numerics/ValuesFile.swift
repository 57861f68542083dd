import Foundation

/// A values file: the numbers for a model's leaves, read from JSON.
///
/// ```json
/// {"parameters": {"U": [[…]], "V": [[…]], "W": [[…]]},
///  "h0": […], "inputs": [[…], […], […]], "targets": [[…], …]}
/// ```
/// Scalars are numbers, vectors arrays, matrices arrays of rows. The model
/// and its options come from elsewhere; read the file first to learn the
/// sequence length it implies (``impliedLength(for:)``), build the model,
/// then bind the numbers to it with ``values(for:)``.
public struct ValuesFile: Sendable {
    /// Where the numbers came from (a path, or `standard input`), for messages.
    public let source: String
    /// The members of the file's object, in order.
    let members: [(key: String, value: JSONValue)]

    /// The largest values file read, in bytes (16 MiB). Parsing takes 10 to 20
    /// bytes of memory per byte of JSON (a 12 MB file peaks at 132 MB, a 200 MB
    /// file at 4.5 GB), and no model's tensors need a larger file.
    public static let maximumBytes = 16 << 20

    /// Reads a values file; `-` reads standard input. Pipes, FIFOs and devices are
    /// read in chunks, and reading stops once the file is past ``maximumBytes``.
    /// - Throws: ``RNNGraphError/input(_:)`` when the file cannot be read, is larger
    ///   than ``maximumBytes`` or is not a values file; ``RNNGraphError/io(_:)`` when
    ///   reading fails part-way.
    public static func read(_ path: String) throws -> ValuesFile {
        let source = path == "-" ? "standard input" : path
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw RNNGraphError.input("cannot read values file \(path): \(reason); check the path")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        func tooLarge(_ size: String) -> RNNGraphError {
            .input("values file \(source) has \(size) bytes, above the limit of \(maximumBytes) (\(maximumBytes >> 20) MiB); "
                   + "a values file holds one model's tensors: check that this is the right file")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > maximumBytes {
            throw tooLarge("\(status.st_size)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw errno == EISDIR
                    ? RNNGraphError.input("cannot read values file \(path): it is a folder; give a JSON file")
                    : RNNGraphError.io("cannot read values file \(source): \(reason)")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumBytes { throw tooLarge("more than \(maximumBytes)") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RNNGraphError.input("\(source): not UTF-8 text; save the values file as UTF-8 JSON")
        }
        return try ValuesFile(json: text, source: source)
    }

    /// Parses the JSON text of a values file.
    /// - Throws: ``RNNGraphError/input(_:)`` for malformed JSON (with line and column) or a value that is not an object.
    public init(json text: String, source: String = "values") throws {
        self.source = source
        guard case .object(let members) = try JSONValue.parse(text, source: source) else {
            throw RNNGraphError.input("\(source): expected a JSON object with \"parameters\" and \"inputs\", "
                                      + "or one member per leaf of the model")
        }
        self.members = members
    }

    /// How many entries of the input sequence lie beyond step N, read off the model's text.
    private func inputsBeyondLength(_ options: ModelOptions) throws -> Int {
        try Self.inputFamily(options, options.resolvedDefinition)?.extra ?? 0
    }

    /// The definition to bind by leaf names: the model's own, or for a preset given a file
    /// without the preset layout's `parameters`, the preset's bundled text (which unrolls to the same graph).
    func keyedDefinition(_ options: ModelOptions) -> ModelDefinition? {
        if let definition = options.definition { return definition }
        guard member("parameters") == nil else { return nil }
        return BundledModels.definition(named: options.preset.rawValue)
    }

    /// The member named `key`; braces do not count (`g_{4}` is `g_4`, `W_{hh}` is `W_hh`).
    func member(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value ?? members.first { Self.unbraced($0.key) == key }?.value
    }

    /// A name without braces, as the model language's names are compared.
    static func unbraced(_ key: String) -> String { key.filter { $0 != "{" && $0 != "}" } }

    /// The layout of a preset's values file: `parameters`, `h0`, `inputs` and `targets`.
    struct PresetLayout {
        let parameters: [(key: String, value: JSONValue)]
        let initialState: JSONValue?
        let inputs: [JSONValue]
        let targets: [JSONValue]?
    }

    /// The file read in the preset layout.
    /// - Throws: ``RNNGraphError/input(_:)`` for an unknown key or a missing or malformed member.
    func presetLayout() throws -> PresetLayout {
        let known = ["parameters", "h0", "inputs", "targets"]
        for member in members where !known.contains(member.key) {
            throw RNNGraphError.input(
                "\(source): unknown key \"\(member.key)\"; a values file has \(known.joined(separator: ", "))")
        }
        guard let parameterValue = member("parameters") else {
            throw RNNGraphError.input("\(source): missing \"parameters\" (an object such as {\"U\": [[…]], …})")
        }
        guard case .object(let parameters) = parameterValue else {
            throw RNNGraphError.input("\(source): \"parameters\" must be an object, got \(parameterValue.kindDescription)")
        }
        guard let inputValue = member("inputs") else {
            throw RNNGraphError.input("\(source): missing \"inputs\" (an array with one entry per step)")
        }
        guard case .array(let inputs) = inputValue else {
            throw RNNGraphError.input("\(source): \"inputs\" must be an array, got \(inputValue.kindDescription)")
        }
        var targets: [JSONValue]?
        if let targetValue = member("targets") {
            guard case .array(let list) = targetValue else {
                throw RNNGraphError.input("\(source): \"targets\" must be an array, got \(targetValue.kindDescription)")
            }
            targets = list
        }
        return PresetLayout(parameters: parameters, initialState: member("h0"), inputs: inputs, targets: targets)
    }

    /// The sequence length N the inputs imply for a model with these options: the number
    /// of inputs, less the entries its text reads beyond step N (one for cs187, whose last
    /// input is the last target).
    /// - Throws: ``RNNGraphError/input(_:)`` when there are too few inputs for even N = 1.
    public func impliedLength(for options: ModelOptions) throws -> Int {
        if let definition = keyedDefinition(options) { return try impliedLength(for: definition, options) }
        let inputs = try presetLayout().inputs
        let extra = try inputsBeyondLength(options)
        guard inputs.count >= 1 + extra else {
            throw RNNGraphError.input(
                "\(source): \"inputs\" has \(inputs.count) entr\(inputs.count == 1 ? "y" : "ies"); "
                + (extra > 0 ? "the model needs at least \(1 + extra) (x_1 and the target x_\(1 + extra))"
                             : "at least 1 is needed"))
        }
        return inputs.count - extra
    }

    /// Checks, before the model is unrolled, that the inputs cover the length of `options`.
    /// - Throws: ``RNNGraphError/input(_:)`` when there are too few inputs.
    public func checkInputs(for options: ModelOptions) throws {
        if let definition = keyedDefinition(options) { return try checkInputs(for: definition, options) }
        let inputs = try presetLayout().inputs
        let extra = try inputsBeyondLength(options)
        let needed = options.length + extra
        guard inputs.count >= needed else {
            let input = Notation.input.ascii
            throw RNNGraphError.input(
                "\(source): too few inputs for --length \(options.length): the model needs \(needed) "
                + "(\(input)_\(options.steps.lowerBound) … \(input)_\(options.steps.upperBound + extra)), "
                + "\"inputs\" has \(inputs.count)")
        }
    }

    /// Binds the numbers to the leaves of `model`, checking names, shapes and values.
    /// - Throws: ``RNNGraphError/input(_:)`` naming the first problem: a missing or unknown
    ///   parameter, a wrong shape, dimensions that disagree, a value that is not finite,
    ///   a class index out of range, or too few inputs or targets for the model's length.
    public func values(for model: Model) throws -> VariableValues {
        if let definition = keyedDefinition(model.options) { return try definitionValues(for: model, definition) }
        let layout = try presetLayout()
        let (parameters, initialState, inputs, targets) = (layout.parameters, layout.initialState, layout.inputs, layout.targets)
        let graph = model.graph
        let options = model.options
        let shapes = LeafShapes(options)
        let rows = LeafShapes.vectorsAreRows(options)
        var binding = DimensionBinding()
        var leaves = [Tensor?](repeating: nil, count: graph.count)
        var ranks = [Int](repeating: 2, count: graph.count)

        func assign(_ variable: Variable, _ json: JSONValue, _ shape: LeafShape, label: String? = nil) throws {
            let name = label ?? variable.name
            if let classes = shape.classes {
                let index = try classIndex(json, name: name, classes: classes, binding: binding)
                leaves[variable.id.index] = .scalar(Double(index))
                ranks[variable.id.index] = 0
                return
            }
            let (tensor, rank) = try Self.tensor(from: json, name: name, vectorIsRow: rows)
            try binding.check(name, tensor, against: shape)
            leaves[variable.id.index] = tensor
            ranks[variable.id.index] = rank
        }

        // Parameters, in the preset's checking order.
        let declared = graph.variables(of: .parameter)
        for member in parameters where !declared.contains(where: { $0.symbol.ascii == member.key }) {
            let names = declared.map(\.symbol.ascii).joined(separator: ", ")
            throw RNNGraphError.input("\(source): unknown parameter \"\(member.key)\"; this model's parameters are \(names)")
        }
        for (name, shape) in shapes.parameters {
            guard let variable = declared.first(where: { $0.symbol.ascii == name }) else { continue }
            guard let json = parameters.first(where: { $0.key == name })?.value else {
                throw RNNGraphError.input(
                    "\(source): missing parameter \"\(name)\" in \"parameters\"; this model needs "
                    + declared.map(\.symbol.ascii).joined(separator: ", "))
            }
            try assign(variable, json, shape)
        }

        // Inputs: every leaf that shares the input symbol (for cs187 that includes the last target x_{N+1}).
        let inputNodes = graph.variables(of: .input)
        let inputSymbols = Set(inputNodes.map(\.symbol))
        let sequence = graph.variables.filter {
            $0.kind == .input || ($0.kind == .target && inputSymbols.contains($0.symbol))
        }
        try checkInputs(for: options)
        guard inputs.count >= sequence.count else {
            throw RNNGraphError.failure("\(source): the model needs \(sequence.count) inputs, more than checked")
        }
        let initial = graph.variables(of: .initialState).first
        if let initial, let json = initialState {
            try assign(initial, json, shapes.initialState, label: "h0")
        } else if initial == nil, initialState != nil {
            throw RNNGraphError.input(
                "\(source): this model has no h0 (the first step has no recurrent input); remove \"h0\"")
        }
        for (k, variable) in sequence.enumerated() {
            try assign(variable, inputs[k], variable.kind == .input ? shapes.input : shapes.target)
        }
        if let initial, initialState == nil {
            // Zeros by default, shaped from the dimensions fixed so far.
            let shape = shapes.initialState
            guard let r = binding.size(shape.rows), let c = binding.size(shape.cols) else {
                throw RNNGraphError.input("\(source): cannot tell the shape of h0; give \"h0\" explicitly")
            }
            leaves[initial.id.index] = Tensor(rows: r, cols: c)
            ranks[initial.id.index] = rows ? 2 : (r == 1 && c == 1 ? 0 : 1)
        }

        // Targets other than next inputs, by step.
        let targetNodes = graph.variables(of: .target).filter { !inputSymbols.contains($0.symbol) }
        if targetNodes.isEmpty {
            if targets != nil {
                throw RNNGraphError.input(
                    "\(source): this model takes no \"targets\""
                    + (graph.variables(of: .target).contains { inputSymbols.contains($0.symbol) }
                       ? " (its targets are the next inputs: put x_{N+1} last in \"inputs\")" : "")
                    + "; remove them")
            }
        } else {
            guard let targets else {
                throw RNNGraphError.input(
                    "\(source): missing \"targets\" (one per step with a loss: \(targetNodes.map(\.name).joined(separator: ", ")))")
            }
            let steps = Array(options.steps)
            for variable in targetNodes {
                // One entry per step; a single entry also serves a model with a single target (loss at the last step).
                let position = targetNodes.count == 1 && targets.count == 1
                    ? 0 : (steps.firstIndex(of: variable.time ?? steps[0]) ?? 0)
                guard position < targets.count else {
                    throw RNNGraphError.input(
                        "\(source): too few targets for --length \(options.length): \(variable.name) needs entry "
                        + "\(position + 1), \"targets\" has \(targets.count)")
                }
                try assign(variable, targets[position], shapes.target)
            }
        }
        return VariableValues(graph: graph, leaves: leaves, ranks: ranks, vectorsAreRows: rows)
    }

    private func classIndex(_ json: JSONValue, name: String, classes: Dimension,
                            binding: DimensionBinding) throws -> Int {
        guard case .number(let value, let isInteger) = json, isInteger || value.rounded() == value, value.isFinite else {
            throw RNNGraphError.input("\(name): expected a class index (an integer), got \(Self.describe(json))")
        }
        let count = binding.size(classes) ?? 0
        guard value >= 0, value < Double(count) else {
            throw RNNGraphError.input(
                "\(name): class index \(Int(exactly: value).map(String.init) ?? "\(value)") is out of range "
                + "0…\(count - 1) (the \(classes.rawValue) size is \(count))")
        }
        return Int(value)
    }

    private static func describe(_ json: JSONValue) -> String {
        if case .number(let value, _) = json { return "\(value)" }
        return json.kindDescription
    }

    /// Reads a number, an array of numbers or an array of rows; returns the tensor and the rank given.
    static func tensor(from json: JSONValue, name: String, vectorIsRow: Bool) throws -> (Tensor, Int) {
        func number(_ value: JSONValue, _ position: String) throws -> Double {
            guard case .number(let x, _) = value else {
                throw RNNGraphError.input("\(name)\(position): expected a number, got \(value.kindDescription)")
            }
            guard x.isFinite else {
                throw RNNGraphError.input("\(name)\(position): \(x.isNaN ? "NaN" : "infinity") is not allowed; values must be finite numbers")
            }
            return x
        }
        switch json {
        case .number:
            return (.scalar(try number(json, "")), 0)
        case .array(let elements):
            guard !elements.isEmpty else { throw RNNGraphError.input("\(name): empty array; give at least one number") }
            if case .array = elements[0] {
                var rowValues: [[Double]] = []
                for (i, element) in elements.enumerated() {
                    guard case .array(let row) = element else {
                        throw RNNGraphError.input("\(name)[\(i)]: expected a row (an array), got \(element.kindDescription)")
                    }
                    guard !row.isEmpty else { throw RNNGraphError.input("\(name)[\(i)]: empty row; give at least one number") }
                    guard row.count == (rowValues.first?.count ?? row.count) else {
                        throw RNNGraphError.input(
                            "\(name): rows have different lengths (row 0 has \(rowValues.first?.count ?? 0), row \(i) has \(row.count))")
                    }
                    rowValues.append(try row.enumerated().map { try number($1, "[\(i)][\($0)]") })
                }
                return (Tensor(rowValues), 2)
            }
            let values = try elements.enumerated().map { try number($1, "[\($0)]") }
            return (vectorIsRow ? .row(values) : .column(values), 1)
        default:
            throw RNNGraphError.input("\(name): expected a number, a vector or a matrix, got \(json.kindDescription)")
        }
    }
}
