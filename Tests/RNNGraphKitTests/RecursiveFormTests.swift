import Foundation
import Testing
@testable import RNNGraphKit

/// The recursive form of model texts written only here, with recurrences the
/// bundled models do not have: a state read two steps back, two states of
/// different sizes that feed one another at the next step and the same step,
/// and an LSTM whose gates read the stack `[h_{t-1}; x_t]` (closed forms with
/// block rows `[I 0]`).
/// Evaluated with real matrices by ``MatrixFormulaEvaluator`` and compared
/// with reverse accumulation, for every variable and N = 1 … 5.
@Suite struct RecursiveFormTests {
    static let texts = [
        "two-back": RolledCountModelTests.texts["two steps back"]!,
        "colah": """
            model "LSTM in Colah's notation"
            time t = 1..N
            f_t = sigmoid(W_f [h_{t-1}; x_t] + b_f)
            i_t = sigmoid(W_i [h_{t-1}; x_t] + b_i)
            g_t = tanh(W_g [h_{t-1}; x_t] + b_g)
            o_t = sigmoid(W_o [h_{t-1}; x_t] + b_o)
            c_t = f_t * c_{t-1} + i_t * g_t
            h_t = o_t * tanh(c_t)
            q_t = V h_t
            L = sum_t (y_t - q_t)^2
            """,
        "two-layer": """
            model "two LSTM-like layers"
            time t = 1..N
            i_t = sigmoid(W_i x_t + U_i h_{t-1})
            f_t = sigmoid(W_f x_t + U_f h_{t-1})
            g_t = tanh(W_g x_t + U_g h_{t-1})
            c_t = f_t * c_{t-1} + i_t * g_t
            h_t = tanh(c_t) * i_t
            a_t = sigmoid(A h_t + B k_{t-1})
            m_t = a_t * m_{t-1} + tanh(C h_t)
            k_t = tanh(m_t) * a_t
            o_t = V k_t
            L = sum_t (y_t - o_t)^2
            """,
        "coupled": """
            model "two coupled states"
            time t = 1..N
            a_t = tanh(A a_{t-1} + B b_{t-1} + U x_t)
            b_t = sigmoid(C b_{t-1} + E a_t)
            o_t = V b_t
            L = sum_t (y_t - o_t)^2
            """,
        "many-to-one": """
            model "many-to-one"
            time t = 1..N
            targets y
            h_t = tanh(W h_{t-1} + U x_t + b)
            L = (y - V h_N)^2
            """,
        "two-back-inline": RolledCountModelTests.texts["two steps back"]!.replacingOccurrences(of: "o_t = C h_t\n", with: "")
            .replacingOccurrences(of: "(y_t - o_t)", with: "(y_t - C h_t)"),
        "residual": """
            model "a residual cell"
            time t = 1..N
            h_t = h_{t-1} + tanh(W h_{t-1} + U x_t + b)
            o_t = V h_t
            L = sum_t (y_t - o_t)^2
            """,
        "highway": """
            model "a highway cell"
            time t = 1..N
            s_t = sigmoid(A h_{t-1} + B x_t)
            h_t = s_t * tanh(W h_{t-1} + U x_t + b) + (1 - s_t) * h_{t-1}
            o_t = V h_t
            L = sum_t (y_t - o_t)^2
            """,
        "gated": """
            model "a gated element-wise recurrence"
            time t = 1..N
            z_t = sigmoid(A h_{t-1} + B x_t)
            h_t = z_t * h_{t-1} + (1 - z_t) * tanh(W x_t)
            o_t = V h_t
            L = sum_t (y_t - o_t)^2
            """,
        "elementwise": """
            model "an element-wise recurrence"
            time t = 1..N
            h_t = a * h_{t-1} + tanh(U x_t + b)
            o_t = V h_t
            L = sum_t (y_t - o_t)^2
            """,
        "loss-sum": """
            model "V inside the loss's sum"
            time t = 1..N
            h_t = tanh(W h_{t-1} + U x_t + b)
            L = sum_t (y_t - V h_t)^2
            """,
        "loss-mean": """
            model "V inside the loss's mean, the target one step ahead"
            time t = 1..N
            h_t = tanh(W h_{t-1} + U x_t + b)
            L = mean_t (x_{t+1} - V h_t)^2
            """,
    ]

    /// Cells with a skip connection (a residual `h_{t-1} + tanh(…)`, a highway `s ⊙ tanh(…) + (1 − s) ⊙ h_{t-1}`)
    /// have closed forms, and gated and element-wise recurrences keep their one-diagonal steps: `δ_t = δ_{t+1} + W^⊤ diag(1 − …²) δ_{t+1}` in the recursive form of every layout, and
    /// the compact forms a Π over the one matrix `(I + W^⊤ diag(1 − …²))` in columns; with --hadamard, which writes the
    /// sum element-wise, the Π is refused with the reason.
    @Test(arguments: ["residual", "highway", "gated", "elementwise"])
    func skipConnections(name: String) throws {
        let hasSkip = ["residual", "highway"].contains(name)
        let definition = try ModelDefinition(parsing: try #require(Self.texts[name]), name: name)
        var evaluated = 0, refused = 0
        for n in 1...5 {
            for (layout, hadamard) in [(ShapeLayout.scalar, false), (.columns, false), (.columns, true)] {
                let model = try Model(ModelOptions(definition: definition, length: n))
                let values = try MatrixCase(model, name: name, scalar: layout == .scalar, seed: UInt64(57 * n))
                let reverse = ReverseAccumulation(values.forward, of: try #require(model.graph.loss).id)
                for v in model.graph.variables where v.definition == nil && [.parameter, .initialState].contains(v.kind) {
                    let d = try Derivation(options: model.options, wrt: v.name, local: .closed, layout: layout,
                                           hadamard: hadamard)
                    let expected = reverse.gradient(withRespectTo: v.id)
                    let evaluator = MatrixFormulaEvaluator(values.forward, length: n)
                    let recursive = try d.recursive()
                    #expect(!Self.isSymbolic(recursive), "\(name) N=\(n) ∇_\(v.name) \(layout): a partial left symbolic")
                    var forms = [("recursive", try evaluator.reading(recursive).tensor(recursive.result, like: expected))]
                    for shape in CompactShape.allCases {
                        do {
                            forms.append(("\(shape)", try evaluator.tensor(try d.compact(shape: shape), like: expected)))
                        } catch let error as RNNGraphError {
                            // Only --hadamard refuses, naming itself; a skip connection as a sum of actions.
                            #expect(hadamard && error.description.contains("--hadamard")
                                    && error.description.contains("a Jacobian that is a sum") == hasSkip, "\(error)")
                            refused += 1
                        }
                    }
                    for (form, value) in forms {
                        #expect(value.hasShape(of: expected) && distance(value, expected) <= 1e-9,
                                "\(name) N=\(n) ∇_\(v.name) \(layout) \(form)")
                        evaluated += 1
                    }
                }
            }
        }
        #expect(evaluated > 100 && refused > 0, "\(evaluated) evaluated, \(refused) refused")
    }

    /// Whether a recursive form keeps a symbolic partial anywhere.
    static func isSymbolic(_ r: RecursiveFormula) -> Bool {
        String(describing: r).contains("partial(of:")
    }

    /// A parameter the loss reads at one step only (`L = (y − V h_N)^2`) or inside its sum or mean
    /// (`L = Σ_t (y_t − V h_t)^2`) has rolled closed forms — `2 (V h_N − y) h_Nᵀ`, `Σ_{t=1}^{N} 2 (V h_t − y_t) h_tᵀ` —
    /// equal to reverse accumulation for every N in every form and layout.
    @Test(arguments: ["many-to-one", "loss-sum", "loss-mean", "two-back-inline"])
    func parameterReadByTheLoss(name: String) throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts[name]), name: name)
        var evaluated = 0
        for n in 1...5 {
            for layout in [ShapeLayout.scalar, .columns] {
                let model = try Model(ModelOptions(definition: definition, length: n))
                let values = try MatrixCase(model, name: name, scalar: layout == .scalar, seed: UInt64(31 * n))
                let loss = try #require(model.graph.loss)
                let reverse = ReverseAccumulation(values.forward, of: loss.id)
                for v in model.graph.variables where v.definition == nil && [.parameter, .initialState].contains(v.kind) {
                    let d = try Derivation(options: model.options, wrt: v.name, local: .closed, layout: layout)
                    let expected = reverse.gradient(withRespectTo: v.id)
                    let evaluator = MatrixFormulaEvaluator(values.forward, length: n)
                    let recursive = try d.recursive()
                    var forms = [("recursive", try evaluator.reading(recursive).tensor(recursive.result, like: expected))]
                    // A state read two steps back has no one-step Jacobian for a Π: the recursive form only.
                    for shape in CompactShape.allCases where name != "two-back-inline" {
                        forms.append(("\(shape)", try evaluator.tensor(try d.compact(shape: shape), like: expected)))
                    }
                    for (form, value) in forms {
                        #expect(value.hasShape(of: expected) && distance(value, expected) <= 1e-9,
                                "\(name) N=\(n) ∇_\(v.name) \(layout) \(form)")
                        evaluated += 1
                    }
                }
            }
        }
        #expect(evaluated >= 5 * 2 * 4 * (name == "two-back-inline" ? 1 : 3))
        // The same text at any length: no step is written as a number.
        let printed = try [3, 7].map { n in
            var text = ""
            try LaTeXPrinter().writeCompact(Derivation(options: ModelOptions(definition: definition, length: n),
                                                       wrt: name == "two-back-inline" ? "C" : "V", local: .closed,
                                                       layout: .columns), shape: .split, to: &text)
            return text
        }
        #expect(printed[0] == printed[1] && printed[0].contains(name == "many-to-one" ? "h_{N}" : "\\sum_{t=1}^{N}"),
                "\(printed)")
    }

    /// Every case printed holds at some step of the length asked for: at N = 1 a state read two steps
    /// back has δ_N and δ_0 = Uᵀ diag(1 − h_1²) δ_1 (no `1 ≤ t ≤ N−1` lacking the term two steps on, no
    /// `N−1 ≤ t ≤ 0`, no `0 ≤ t ≤ N−2`), and so has every bundled model's recursion at N = 1 … 3.
    @Test func everyCaseHasAStepAtItsLength() throws {
        var definitions = try ["two-back", "coupled", "colah"].map { try ModelDefinition(parsing: try #require(Self.texts[$0]), name: $0) }
        definitions += BundledModels.names.compactMap(BundledModels.definition(named:))
        var checked = 0
        for definition in definitions {
            for n in 1...3 {
                let model = try Model(ModelOptions(definition: definition, length: n))
                for v in model.graph.variables where v.kind == .parameter || v.kind == .initialState {
                    let d = try Derivation(options: model.options, wrt: v.name, local: .closed)
                    guard d.hasPath, let r = try? d.recursive() else { continue }
                    for delta in r.deltas {
                        for c in delta.cases {
                            let low = c.from?.value(length: n) ?? Int.min, high = c.to?.value(length: n) ?? Int.max
                            #expect(low <= high, "\(definition.title) N=\(n) ∇_\(v.name): \(c.from.map(\.description) ?? "…") ≤ t ≤ \(c.to.map(\.description) ?? "…")")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 200)
        let model = try Model(ModelOptions(definition: try ModelDefinition(parsing: Self.texts["two-back"]!, name: "two-back"), length: 1))
        let d = try Derivation(options: model.options, wrt: "h_0", local: .closed)
        let cases = try d.recursive().deltas.flatMap(\.cases)
        #expect(cases.map { [$0.from?.description, $0.to?.description] } == [["N", "N"], ["0", "0"]], "\(cases)")
    }

    @Test(arguments: ["two-back", "coupled", "colah", "two-layer"])
    func recursiveFormEqualsReverseAccumulation(name: String) throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts[name]), name: name)
        var evaluated = 0
        for n in 1...(name == "two-layer" ? 4 : 5) {
            // A stack [h; x] is a vector even when h and x are scalars: columns only.
            for layout in name == "colah" ? [ShapeLayout.columns] : [.scalar, .columns] {
                let model = try Model(ModelOptions(definition: definition, length: n))
                let values = try MatrixCase(model, name: name, scalar: layout == .scalar, seed: UInt64(97 * n))
                let loss = try #require(model.graph.loss)
                let reverse = ReverseAccumulation(values.forward, of: loss.id)
                for v in model.graph.variables where v.id != loss.id {
                    let d = try Derivation(options: model.options, wrt: v.name, local: .closed, layout: layout)
                    guard d.hasPath else { continue }
                    let recursive = try d.recursive()
                    let expected = reverse.gradient(withRespectTo: v.id)
                    let evaluator = MatrixFormulaEvaluator(values.forward, length: n)
                    let value = try evaluator.reading(recursive).tensor(recursive.result, like: expected)
                    #expect(value.hasShape(of: expected) && distance(value, expected) <= 1e-9,
                            "\(name) N=\(n) ∇_\(v.name) \(layout)")
                    evaluated += 1
                    // Two states: the compact and merged forms run over the Jacobian of the stacked state.
                    guard name != "two-back" else { continue }
                    for shape in CompactShape.allCases {
                        let compact = try evaluator.tensor(try d.compact(shape: shape), like: expected)
                        #expect(compact.hasShape(of: expected) && distance(compact, expected) <= 1e-9,
                                "\(name) N=\(n) ∇_\(v.name) \(layout) \(shape)")
                        evaluated += 1
                    }
                }
            }
        }
        #expect(evaluated > 50)
    }

    /// Two states give two δ's, the one read at the same step first; their compact and merged forms
    /// expand, for every variable and N = 1…6, to exactly the enumerated terms; a state read two
    /// steps back has no one-step Jacobian, and its compact form is refused.
    @Test func coupledStatesHaveOneDeltaEach() throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts["coupled"]), name: "coupled")
        let d = try Derivation(options: ModelOptions(definition: definition, length: 4), wrt: "A", local: .closed,
                               layout: .columns)
        let recursive = try d.recursive()
        #expect(recursive.deltas.map { $0.state?.ascii } == ["b", "a"])
        for n in 1...6 {
            let model = try Model(ModelOptions(definition: definition, length: n))
            for v in model.graph.variables where v.id != model.graph.loss?.id {
                let d = try Derivation(model: model, wrt: v.name)
                guard d.hasPath else { continue }
                for shape in CompactShape.allCases {
                    #expect(TestSupport.multiset(try d.compact(shape: shape).expandedTerms(length: n))
                            == TestSupport.multiset(Array(d.terms)), "N=\(n) wrt \(v.name) \(shape)")
                }
            }
        }
        let twoBack = try ModelDefinition(parsing: try #require(Self.texts["two-back"]), name: "two-back")
        let refused = try Derivation(options: ModelOptions(definition: twoBack, length: 4), wrt: "W")
        #expect(throws: RNNGraphError.self) { try refused.compact() }
    }

    /// Two layers with two states each: each layer's Jacobian is named by its states and defined once,
    /// and the printed forms compile.
    @Test func twoStackedPairsAreNamedApart() throws {
        let definition = try ModelDefinition(parsing: try #require(Self.texts["two-layer"]), name: "two-layer")
        let d = try Derivation(options: ModelOptions(definition: definition, length: 3), wrt: "U_f", local: .closed)
        var latex = ""
        for shape in CompactShape.allCases { try LaTeXPrinter().writeCompact(d, shape: shape, to: &latex) }
        for stack in ["h,c", "k,m"] {
            #expect(latex.components(separatedBy: "{\\mathbf{J}^{\(stack)}_{j}}^{\\top} &=").count == 3, "\(stack)")
        }
        #expect(!latex.contains("\\mathbf{J}_{j}"))
        let log = try LaTeXCompileTests.compile(latex, name: "two-layer")
        #expect(!log.contains("Overfull \\hbox"))
    }
}
