import Foundation
import Testing
@testable import RNNGraphKit
@testable import RNNGraphPrinters

/// Closed forms of model texts written only here, each a way of writing a step that once left a
/// partial symbolic or gave a gradient of the wrong shape: a number (`scalars a, c`) that scales a
/// vector on either side or is added to one, a step variable that is a number (an inner product),
/// a decimal constant factor, a variable read twice in one equation, and two summands reading the
/// previous state through different matrices. Every form is evaluated with real matrices of
/// distinct sizes by ``MatrixFormulaEvaluator`` and compared with reverse accumulation.
@Suite struct ClosedFormModelTests {
    static let texts = [
        // A number scales a matrix product and the previous state: ∇_c L = Σ_t h_{t-1}^⊤ diag(1 − h_t²) δ_t, a number.
        "scalar": """
            scalars a, c
            time t = 1..N
            h_t = tanh(a * (W x_t) + c * h_{t-1})
            L = sum_t (y_t - V h_t)^2
            """,
        // Numbers on the right of ⊙ and added to a vector (∇_γ L = Σ_t 𝟏^⊤ diag(1 − h_t²) δ_t).
        "scalar-right": """
            scalars alpha, beta, gamma
            time t = 1..N
            h_t = tanh((W x_t) * alpha + h_{t-1} * beta + gamma)
            L = sum_t (y_t - V h_t)^2
            """,
        // A number read twice in one sum, through a product and on its own.
        "scalar-twice": """
            scalars c
            time t = 1..N
            h_t = tanh(W x_t + h_{t-1} * c + c)
            L = sum_t (y_t - V h_t)^2
            """,
        // Numbers over a batch of rows: their gradients sum every entry, 𝟏^⊤ (g ⊙ v) 𝟏.
        "scalar-rows": """
            layout rows
            scalars a, c
            time t = 1..N
            h_t = tanh(a * (x_t W) + h_{t-1} * c + c)
            L = sum_t (y_t - h_t V)^2
            """,
        // A step variable that is a number: an inner product through a sigmoid gates the state.
        "scalar-gate": """
            time t = 1..N
            s_t = sigmoid(<u, h_{t-1}>)
            h_t = s_t * tanh(W x_t + U h_{t-1})
            L = sum_t (y_t - V h_t)^2
            """,
        // Decimal constants scale on either side, in front of an activation and of a skip connection.
        "half": """
            time t = 1..N
            h_t = 0.5 * tanh(W x_t + U h_{t-1})
            L = sum_t (y_t - V h_t)^2
            """,
        "half-skip": """
            time t = 1..N
            h_t = tanh(W x_t + U h_{t-1}) + 0.5 * h_{t-1}
            L = sum_t (y_t - V h_t)^2
            """,
        "half-right": """
            time t = 1..N
            h_t = tanh(W x_t + U (h_{t-1} * 0.25)) - h_{t-1} * 1.5
            L = sum_t (y_t - V h_t)^2
            """,
        // A variable read by both factors of a product: the product rule's two terms.
        "twice": """
            time t = 1..N
            f_t = sigmoid(U h_{t-1})
            h_t = f_t * tanh(W (f_t * x_t))
            L = sum_t (y_t - h_t)^2
            """,
        "mgu": """
            model "Minimal gated unit"
            time t = 1..N
            f_t = sigmoid(W_f x_t + U_f h_{t-1} + b_f)
            h_t = (1 - f_t) * h_{t-1} + f_t * tanh(W_h x_t + U_h (f_t * h_{t-1}) + b_h)
            o_t = V h_t
            L = sum_t (y_t - o_t)^2
            """,
        "twice-max": """
            time t = 1..N
            h_t = max(tanh(W x_t + U h_{t-1}), 0.5 * h_{t-1})
            L = sum_t (y_t - V h_t)^2
            """,
        // The previous state read by two summands through different matrices (no skip connection): the step's
        // transposed Jacobian is one matrix, U^⊤ diag(1 − a²) + R^⊤ diag(1 − b²), and a Π multiplies it.
        "two-reads": """
            time t = 1..N
            h_t = tanh(W x_t + U h_{t-1}) + tanh(R h_{t-1})
            L = sum_t (y_t - V h_t)^2
            """,
        "catalogue-1": """
            time t = 1..N
            h_t = softplus(W x_t + U h_{t-1}) - gelu(R h_{t-1} + b)
            o_t = abs(V h_t + c)
            L = sum_t (y_t - o_t)^2
            """,
        "catalogue-2": """
            time t = 1..N
            h_t = gam * layernorm(max(W x_t, U h_{t-1}) + min(R x_t, h_{t-1})) + b
            L = sum_t (y_t - V h_t)^2
            """,
    ]

    /// Every form of the gradient of every parameter and initial state, for N = 1 … 4 in the scalar
    /// and columns layouts, has no symbolic partial, has the shape of the variable, and equals reverse
    /// accumulation; the printed order (numbers first) has the same value.
    static func checkEveryForm(_ name: String, compact: Bool = true,
                               layouts: [ShapeLayout] = [.scalar, .columns]) throws -> Int {
        let definition = try ModelDefinition(parsing: try #require(texts[name]), name: name)
        var evaluated = 0
        for n in 1...4 {
            for layout in layouts {
                let model = try Model(ModelOptions(definition: definition, length: n))
                let values = try MatrixCase(model, name: name, scalar: layout == .scalar, seed: UInt64(71 * n))
                let reverse = ReverseAccumulation(values.forward, of: try #require(model.graph.loss).id)
                for v in model.graph.variables where v.definition == nil && [.parameter, .initialState].contains(v.kind) {
                    let what = "\(name) N=\(n) ∇_\(v.name) \(layout)"
                    let d = try Derivation(options: model.options, wrt: v.name, local: .closed, layout: layout)
                    let expected = reverse.gradient(withRespectTo: v.id)
                    let evaluator = MatrixFormulaEvaluator(values.forward, length: n)
                    let recursive = try d.recursive()
                    #expect(!RecursiveFormTests.isSymbolic(recursive), "\(what): a partial left symbolic")
                    let expanded = try d.expanded()
                    #expect(!MatrixFormulaTests.isSymbolic(expanded), "\(what) expanded: a partial left symbolic")
                    var forms = [("recursive", recursive.result, evaluator.reading(recursive)), ("expanded", expanded, evaluator)]
                    if compact {
                        for shape in CompactShape.allCases { forms.append(("\(shape)", try d.compact(shape: shape), evaluator)) }
                    }
                    for (form, formula, e) in forms {
                        for printed in [formula, formula.inTextbookOrder()] {
                            let value = try e.tensor(printed, like: expected)
                            #expect(value.hasShape(of: expected), "\(what) \(form): \(value.shapeDescription), the variable is \(expected.shapeDescription)")
                            #expect(value.hasShape(of: expected) && distance(value, expected) <= 1e-9, "\(what) \(form)")
                        }
                        evaluated += 1
                    }
                }
            }
        }
        return evaluated
    }

    /// A number times a vector (`a * (W x_t)`, `h_{t-1} * β`) or added to one (`+ γ`) has a gradient that is a
    /// number, the inner product `v^⊤ g` (`𝟏^⊤ g` for a sum), and scales the gradient it passes on (`c g`).
    @Test(arguments: ["scalar", "scalar-right", "scalar-gate", "scalar-twice"])
    func numbersBroadcastOverVectors(name: String) throws {
        #expect(try Self.checkEveryForm(name) >= 4 * 2 * 5 * 3)
    }

    /// Over a batch of rows a number's gradient sums every entry, `𝟏^⊤ (g ⊙ v) 𝟏` (recursive and expanded forms;
    /// the rows layout has no Π).
    @Test func numbersBroadcastOverABatchOfRows() throws {
        #expect(try Self.checkEveryForm("scalar-rows", compact: false, layouts: [.rows]) >= 4 * 2 * 4)
    }

    /// A decimal constant factor (`0.5 * tanh(…)`, `h_{t-1} * 0.25`) has a closed form that scales by it, in every
    /// form; a skip connection scaled by one keeps the compact forms refused in a vector layout, with the reason.
    @Test(arguments: ["half", "half-skip", "half-right"])
    func decimalConstantsScale(name: String) throws {
        #expect(try Self.checkEveryForm(name) >= 4 * 2 * 5 * 3)
        let definition = try ModelDefinition(parsing: try #require(Self.texts[name]), name: name)
        var text = ""
        try LaTeXPrinter().writeRecursive(Derivation(options: ModelOptions(definition: definition, length: 3), wrt: "U",
                                                     local: .closed, layout: .columns), to: &text)
        #expect(text.contains(name == "half-right" ? "1.5" : "0.5") && !text.contains("\\partial"), "\(text)")
    }

    /// Constants beside a decimal are folded into one number as printed: `0.5 · 2` is written `1` (left out),
    /// `0.5 · 0.5 · 2` is `0.5`, never `0.5 2`.
    @Test func decimalsFoldWithTheirNeighbours() throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts["half"]), name: "half")
        var text = ""
        try LaTeXPrinter().writeExpanded(Derivation(options: ModelOptions(definition: definition, length: 2), wrt: "U",
                                                    local: .closed, layout: .columns), to: &text)
        #expect(!text.contains("0.5 2") && !text.contains("0.5 0.5") && text.contains("0.5 \\operatorname{diag}"), "\(text)")
    }

    /// A variable read twice in one equation (by both factors of `f_t ⊙ tanh(W (f_t ⊙ x_t))`, by both arguments
    /// of `max`) has the sum of the two contributions for its closed form, in the recursive and expanded forms.
    @Test(arguments: ["twice", "mgu", "twice-max"])
    func aVariableReadTwiceSumsBothReads(name: String) throws {
        #expect(try Self.checkEveryForm(name) >= 4 * 2 * 2 * 5)
    }

    /// A step that reads the previous state in several summands, a skip connection or not, has compact and merged
    /// forms whose Π multiplies the one matrix of the sum, `(U^⊤ diag(…) + R^⊤ diag(…))`; --hadamard, which writes the
    /// sum element-wise, refuses them naming that reason, not a skip connection the model does not have.
    @Test(arguments: ["two-reads", "catalogue-1", "catalogue-2", "half-skip", "half-right"])
    func severalReadsOfTheStateMultiplyInAProduct(name: String) throws {
        #expect(try Self.checkEveryForm(name) >= 4 * 2 * 5 * 3)
        let definition = try ModelDefinition(parsing: try #require(Self.texts[name]), name: name)
        let options = ModelOptions(definition: definition, length: 3)
        var text = ""
        try LaTeXPrinter().writeCompact(Derivation(options: options, wrt: "W", local: .closed, layout: .columns),
                                        shape: .merged, to: &text)
        #expect(text.contains("\\prod_{j=") && !text.contains("\\partial"), "\(text)")
        let hadamard = try Derivation(options: options, wrt: "W", local: .closed, layout: .columns, hadamard: true)
        #expect {
            _ = try hadamard.compact(shape: .merged)
        } throws: { error in
            let message = String(describing: error)
            return message.contains("a Jacobian that is a sum") && message.contains("--form recursive")
                && !message.contains("(h_{t-1} + …)")
        }
    }

    /// The printed gradient of a declared scalar is a number: `h_{t-1}^⊤`, not `diag(h_{t-1})`, and the δ
    /// recursion scales by `c` rather than by `diag(c)`.
    @Test func scalarGradientIsPrinted() throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts["scalar"]), name: "scalar")
        let d = try Derivation(options: ModelOptions(definition: definition, length: 3), wrt: "c", local: .closed,
                               layout: .columns)
        var text = ""
        try LaTeXPrinter().writeRecursive(d, to: &text)
        #expect(text.contains("\\sum_{t=1}^{N} h_{t-1}^{\\top} \\operatorname{diag}\\left(1 - h_{t}^{2}\\right) \\delta_{t}"), "\(text)")
        #expect(text.contains("+ c \\operatorname{diag}\\left(1 - h_{t+1}^{2}\\right) \\delta_{t+1}"), "\(text)")
        #expect(!text.contains("\\operatorname{diag}\\left(c\\right)") && !text.contains("\\operatorname{diag}\\left(h_{t-1}\\right)"))
    }

    /// A declared scalar given a vector in a values file is refused by name.
    @Test func declaredScalarMustBeANumber() throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts["scalar"]), name: "scalar")
        let json = #"{"a": 0.5, "c": [0.1, 0.2], "W": [[1, 2, 3], [4, 5, 6]], "V": [[1, 0], [0, 1]], "x": [[1, 2, 3]], "y": [[1, 2]]}"#
        #expect(throws: (any Error).self) {
            try ValuesFile(json: json).values(for: Model(ModelOptions(definition: definition, length: 1)))
        }
    }
}
