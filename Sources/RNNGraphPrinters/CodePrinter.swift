import RNNGraphCalculus
import RNNGraphCore
import RNNGraphPaths

/// Prints a model's forward pass and its backpropagation through time as one
/// self-contained Python module (NumPy or PyTorch): the forward pass from the
/// model's step equations, the backward pass from the recursive closed form
/// (`δ` recursions and gradients) that the LaTeX printer prints, one line of
/// code per case, each under a comment with its LaTeX.
public struct CodePrinter: Sendable {
    /// The array library the module is written for.
    public enum Target: String, CaseIterable, Sendable {
        /// NumPy arrays.
        case numpy
        /// PyTorch tensors.
        case torch

        /// The name the module imports the library as.
        var module: String { self == .numpy ? "np" : "torch" }

        /// The keyword arguments of a sum over axis `k` that keeps it.
        func axis(_ k: Int) -> String { self == .numpy ? "axis=\(k), keepdims=True" : "dim=\(k), keepdim=True" }
    }

    /// The array library.
    public let target: Target
    /// The layout of the model being printed: vector operations have code in columns only.
    var layout: VectorLayout = .columns
    /// The identifiers of the model's numbers (`scalars c`): they scale a product (`c * g`) rather than multiply it as matrices.
    var numbers: Set<String> = []
    /// The formula printer for the comments.
    let latex = LaTeXPrinter(settings: LaTeXSettings(productOrder: true))

    /// A code printer for `target`.
    public init(target: Target) { self.target = target }

    /// A Python variable for a model variable: `W_hf`, `h[t - 1]`.
    func variable(_ v: IndexedVariable) throws -> String {
        guard !v.isCopy else {
            throw RNNGraphError.usage("code is not printed for per-step parameter copies; remove the copies option")
        }
        let name = Self.identifier(v.symbol)
        guard let time = v.time else { return name }
        return "\(name)[\(Self.index(time))]"
    }

    /// A catalogued operation's value, slope or Jacobian in Python, its arguments already printed
    /// bare (for a whole argument of a call in the template) and as operands (anywhere else).
    /// - Throws: `RNNGraphError/usage(_:)` for an operation (or a part) with no code form.
    func operation(_ operation: CataloguedOperation, _ part: OperationPart,
                   bare: [String], operands arguments: [String]) throws -> String {
        let template: String?
        switch (operation.rule, part) {
        case (_, .value): template = operation.definition.code
        case (.elementwise(let rule), .slope(let k)): template = operation.definition.code == nil ? nil : rule.slopeCode(argument: k)
        case (.vector(let rule), .jacobian): template = rule.jacobianCode
        default: template = nil
        }
        if case .vector = operation.rule, layout == .rows {
            throw RNNGraphError.usage("code for the operation \(operation.name) is printed for column vectors only; "
                                      + "write the model in the columns layout")
        }
        guard let template else {
            throw RNNGraphError.usage("code for the operation \(operation.name) is not printed yet; "
                                      + "use the LaTeX forms for this model")
        }
        var text = template.replacingOccurrences(of: "{np}", with: target.module)
        for (k, argument) in bare.enumerated() {
            for (before, after) in [("(", ")"), ("(", ","), (", ", ")"), (", ", ",")] {
                text = text.replacingOccurrences(of: "\(before)#\(k + 1)\(after)", with: "\(before)\(argument)\(after)")
            }
        }
        return OperationTemplate.fill(text, arguments)
    }

    /// A Python identifier for a symbol (`W_hf`, `W1_x` for `W^{(1)}_x`; other characters Python does not allow become `_`).
    static func identifier(_ symbol: Symbol) -> String {
        let text = symbol.ascii.filter { !"^(){}".contains($0) }
        var out = String(text.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        if out.first?.isNumber ?? true { out = "v_" + out }
        return out
    }

    /// The module for the model `options` describe.
    /// - Throws: `RNNGraphError/usage(_:)` where the model has no recursive closed form or the code
    ///   printer has no form for a piece of it.
    public func module(_ options: ModelOptions) throws -> String {
        var printer = self
        printer.layout = options.definition.layout
        let forward = try ForwardCode(options: options, printer: printer)
        printer.numbers = forward.numbers
        let backward = try BackwardCode(options: options, printer: printer, forward: forward)
        // Below the length from which the cases hold, the backward pass derived at each shorter length.
        var short: [(length: Int, backward: BackwardCode)] = []
        for n in 1..<max(backward.minimumLength, 1) {
            var at = options
            at.length = n
            guard let code = try? BackwardCode(options: at, printer: printer, forward: forward),
                  BackwardCode.disjoint(code.deltas, at: n) else { break }
            short.append((n, code))
        }
        var out = CodeModule(printer: printer, forward: forward, backward: backward, short: short)
        return out.text()
    }
}
