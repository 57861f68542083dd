import Foundation
import Testing
@testable import RNNGraphKit
@testable import RNNGraphPrinters

/// Seeded random leaf values for a bundled model with distinct sizes: inputs
/// D = 3, hidden H = 2 (a second state P = 5), outputs K = 4, a batch of
/// B = 3 rows for models written in rows; every size 1 in the scalar layout.
struct MatrixCase {
    let forward: ForwardPass

    /// The sizes of each leaf symbol, by model, as (rows, columns) of size letters;
    /// `v:` marks a vector (a column, or a row of a batch in a rows model), `i` a class index.
    static let shapes: [String: [String: String]] = [
        "cs187": ["U": "H D", "V": "H H", "W": "D H", "h": "v:H", "x": "v:D"],
        "bigram": ["U": "H D", "V": "H H", "W": "D H", "h": "v:H", "x": "v:D"],
        "goodfellow": ["U": "H D", "W": "H H", "V": "K H", "b": "v:H", "c": "v:K", "h": "v:H", "x": "v:D", "y": "i"],
        "pytorch": ["Wx": "D H", "Wh": "H H", "b": "1 H", "h": "v:H", "x": "v:D", "G": "v:H"],
        "elman": ["W_xh": "D H", "W_hh": "H H", "b_h": "1 H", "W_hq": "H K", "b_q": "1 K", "h": "v:H", "x": "v:D", "y": "i"],
        "stacked": ["W^(1)_x": "H D", "W^(1)_h": "H H", "b^(1)": "v:H", "W^(2)_x": "P H", "W^(2)_h": "P P",
                    "b^(2)": "v:P", "V": "K P", "c": "v:K", "h^(1)": "v:H", "h^(2)": "v:P", "x": "v:D", "y": "v:K"],
        "bidirectional": ["W_f": "H D", "V_f": "H H", "b_f": "v:H", "W_g": "P D", "V_g": "P P", "b_g": "v:P",
                          "U_f": "K H", "U_g": "K P", "c": "v:K", "f": "v:H", "g": "v:P", "x": "v:D", "y": "v:K"],
        "lstm": ["W_ii": "H D", "W_if": "H D", "W_ig": "H D", "W_io": "H D", "W_hi": "H H", "W_hf": "H H",
                 "W_hg": "H H", "W_ho": "H H", "b_i": "v:H", "b_f": "v:H", "b_g": "v:H", "b_o": "v:H",
                 "W_hq": "K H", "b_q": "v:K", "h": "v:H", "c": "v:H", "x": "v:D", "y": "v:K"],
        "layernorm-lstm": ["W_ii": "H D", "W_if": "H D", "W_ig": "H D", "W_io": "H D", "W_hi": "H H", "W_hf": "H H",
                           "W_hg": "H H", "W_ho": "H H", "b_i": "v:H", "b_f": "v:H", "b_g": "v:H", "b_o": "v:H",
                           "w_c": "v:H", "b_c": "v:H", "W_hq": "K H", "b_q": "v:K", "h": "v:H", "c": "v:H", "x": "v:D",
                           "y": "v:K"],
        "gru": ["W_ir": "H D", "W_iz": "H D", "W_in": "H D", "W_hr": "H H", "W_hz": "H H", "W_hn": "H H",
                "b_ir": "v:H", "b_iz": "v:H", "b_in": "v:H", "b_hr": "v:H", "b_hz": "v:H", "b_hn": "v:H",
                "W_hq": "K H", "b_q": "v:K", "h": "v:H", "x": "v:D", "y": "v:K"],
        // Written only in RecursiveFormTests.
        "two-back": ["W": "H H", "V": "H H", "U": "H D", "C": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "many-to-one": ["W": "H H", "U": "H D", "b": "v:H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "two-back-inline": ["W": "H H", "V": "H H", "U": "H D", "C": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "residual": ["W": "H H", "U": "H D", "b": "v:H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "highway": ["A": "H H", "B": "H D", "W": "H H", "U": "H D", "b": "v:H", "V": "K H", "h": "v:H", "x": "v:D",
                    "y": "v:K"],
        "gated": ["A": "H H", "B": "H D", "W": "H D", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "elementwise": ["a": "v:H", "U": "H D", "b": "v:H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "loss-sum": ["W": "H H", "U": "H D", "b": "v:H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "loss-mean": ["W": "H H", "U": "H D", "b": "v:H", "V": "D H", "h": "v:H", "x": "v:D"],
        // [h; x] has H + D = 5 = P rows.
        "colah": ["W_f": "H P", "W_i": "H P", "W_g": "H P", "W_o": "H P", "b_f": "v:H", "b_i": "v:H", "b_g": "v:H",
                  "b_o": "v:H", "V": "K H", "h": "v:H", "c": "v:H", "x": "v:D", "y": "v:K"],
        // Written only in ClosedFormModelTests; "1 1" is a number.
        "scalar": ["a": "1 1", "c": "1 1", "W": "H D", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "scalar-right": ["alpha": "1 1", "beta": "1 1", "gamma": "1 1", "W": "H D", "V": "K H", "h": "v:H", "x": "v:D",
                         "y": "v:K"],
        "scalar-twice": ["c": "1 1", "W": "H D", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "scalar-rows": ["a": "1 1", "c": "1 1", "W": "D H", "V": "H K", "h": "v:H", "x": "v:D", "y": "v:K"],
        "scalar-gate": ["u": "v:H", "W": "H D", "U": "H H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "half": ["W": "H D", "U": "H H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "half-skip": ["W": "H D", "U": "H H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "half-right": ["W": "H D", "U": "H H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "twice": ["U": "H H", "W": "H H", "h": "v:H", "x": "v:H", "y": "v:H"],
        "mgu": ["W_f": "H D", "U_f": "H H", "b_f": "v:H", "W_h": "H D", "U_h": "H H", "b_h": "v:H", "V": "K H", "h": "v:H",
                "x": "v:D", "y": "v:K"],
        "twice-max": ["W": "H D", "U": "H H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "two-reads": ["W": "H D", "U": "H H", "R": "H H", "V": "K H", "h": "v:H", "x": "v:D", "y": "v:K"],
        "catalogue-1": ["W": "H D", "U": "H H", "R": "H H", "b": "v:H", "V": "K H", "c": "v:K", "h": "v:H", "x": "v:D",
                        "y": "v:K"],
        "catalogue-2": ["gam": "v:H", "W": "H D", "U": "H H", "R": "H D", "b": "v:H", "V": "K H", "h": "v:H", "x": "v:D",
                        "y": "v:K"],
        "coupled": ["A": "H H", "B": "H P", "U": "H D", "C": "P P", "E": "P H", "V": "K P", "a": "v:H", "b": "v:P",
                    "x": "v:D", "y": "v:K"],
        "two-layer": ["W_i": "H D", "W_f": "H D", "W_g": "H D", "U_i": "H H", "U_f": "H H", "U_g": "H H", "A": "P H",
                      "B": "P P", "C": "P H", "V": "K P", "h": "v:H", "c": "v:H", "k": "v:P", "m": "v:P", "x": "v:D",
                      "y": "v:K"],
    ]

    /// Values for `model` (bundled model `name`), scalars when `scalar`.
    init(_ model: Model, name: String, scalar: Bool, seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let rowsModel = model.options.definition.layout == .rows
        // Elman's cross-entropy reads one row: its batch is one.
        let batch = scalar || name == "elman" || name.hasPrefix("layernorm") ? 1 : 3
        let sizes: [Character: Int] = scalar ? ["D": 1, "H": 1, "K": 1, "P": 1, "1": 1]
                                             : ["D": 3, "H": 2, "K": 4, "P": 5, "1": 1]
        // The bigram's loss takes the log of an inner product: keep the values positive.
        let range: ClosedRange<Double> = name == "bigram" ? 0.1...1 : -1...1
        let table = try #require(Self.shapes[name] ?? OperationModels.shapes(rows: rowsModel), "no shapes for \(name)")
        var leaves: [Tensor?] = []
        for v in model.graph.variables {
            guard v.definition == nil else { leaves.append(nil); continue }
            let spec = try #require(table[v.symbol.ascii], "\(name): no shape for \(v.symbol.ascii)")
            let rows: Int, cols: Int
            if spec == "i" {
                let classes = scalar ? 1 : sizes["K"]!
                leaves.append(.scalar(Double(Int.random(in: 0..<classes, using: &random))))
                continue
            } else if spec.hasPrefix("v:") {
                let n = sizes[spec.last!]!
                (rows, cols) = rowsModel ? (batch, n) : (n, 1)
            } else {
                let parts = Array(spec.split(separator: " "))
                (rows, cols) = (sizes[parts[0].first!] ?? 1, sizes[parts[1].first!]!)
            }
            leaves.append(Tensor(rows: rows, cols: cols,
                                 entries: (0..<(rows * cols)).map { _ in Double.random(in: range, using: &random) }))
        }
        let values = VariableValues(graph: model.graph, leaves: leaves,
                                    ranks: Array(repeating: 2, count: model.graph.count), vectorsAreRows: rowsModel)
        forward = ForwardPass(values)
    }
}

/// Every printed closed form — expanded, compact (split and merged) and recursive —
/// of every bundled model, in every layout that applies, evaluated with real
/// matrices of distinct sizes by ``MatrixFormulaEvaluator`` and compared with
/// reverse accumulation. A layout that does not apply must be refused.
@Suite struct MatrixFormulaTests {
    /// Option sets tried on every model (those a model cannot take are skipped).
    static let optionSets: [(String, (inout ModelOptions) -> Void)] = [
        ("default", { _ in }),
        ("detail", { $0.detail = true }),
        ("start-at-zero", { $0.startsAtZero = true }),
        ("no-biases", { $0.biases = false }),
        ("loss-at last, mean", { $0.lossPlacement = .last; $0.reduction = .mean }),
        ("relu, start-at-zero", { $0.activation = .relu; $0.startsAtZero = true }),
        ("sigmoid, detail, copies", { $0.activation = .sigmoid; $0.detail = true; $0.parameterCopies = true }),
    ]

    /// How many formulas were evaluated, and what was refused, for one model.
    struct Tally {
        var evaluated = 0
        var symbolic = 0
        var refusals: Set<String> = []
    }

    static func check(model name: String, layout: ShapeLayout, hadamard: Bool) throws -> Tally {
        var tally = Tally()
        for (k, (label, apply)) in optionSets.enumerated() {
            for n in [1, 3] {
                let definition = try OperationModels.definition(named: name) ?? BundledModels.definition(named: name)!
                var options = ModelOptions(definition: definition, length: n)
                apply(&options)
                guard let model = try? Model(options) else { continue }
                let values = try MatrixCase(model, name: name, scalar: layout == .scalar, seed: UInt64(1000 * k + n))
                let loss = try #require(model.graph.loss)
                let reverse = ReverseAccumulation(values.forward, of: loss.id)
                for v in model.graph.variables where v.id != loss.id {
                    let what = "\(name) [\(label)] N=\(n) ∇_\(v.name) \(layout)\(hadamard ? " --hadamard" : "")"
                    let d: Derivation
                    do {
                        d = try Derivation(options: options, wrt: v.name, local: .closed, layout: layout, hadamard: hadamard)
                    } catch let error as RNNGraphError {
                        tally.refusals.insert(error.description)
                        continue
                    }
                    guard d.hasPath else { continue }
                    let expected = reverse.gradient(withRespectTo: v.id)
                    let evaluator = MatrixFormulaEvaluator(values.forward, length: n)
                    var forms: [(String, () throws -> (Formula, RecursiveFormula?))] = [
                        ("expanded", { (try d.expanded(), nil) })]
                    for shape in CompactShape.allCases {
                        forms.append(("compact \(shape)", { (try d.compact(shape: shape), nil) }))
                    }
                    forms.append(("recursive", { let r = try d.recursive(); return (r.result, r) }))
                    for (form, make) in forms {
                        let formula: Formula, recursive: RecursiveFormula?
                        do {
                            (formula, recursive) = try make()
                        } catch let error as RNNGraphError {
                            tally.refusals.insert(error.description)
                            continue
                        }
                        if Self.isSymbolic(formula) || recursive?.deltas.contains(where: { $0.cases.contains { Self.isSymbolic($0.formula) } }) == true {
                            tally.symbolic += 1
                            continue
                        }
                        let e = evaluator.reading(recursive)
                        do {
                            let value = try e.tensor(formula, like: expected)
                            guard value.hasShape(of: expected) else {
                                Issue.record("\(what) \(form): \(value.shapeDescription), the variable is \(expected.shapeDescription)")
                                continue
                            }
                            #expect(distance(value, expected) <= 1e-9, "\(what) \(form)")
                            // The order the printer writes it in (scalars first, a positive term first) has the same value.
                            let printed = formula.inTextbookOrder()
                            if printed != formula {
                                #expect(distance(try e.tensor(printed, like: expected), expected) <= 1e-9,
                                        "\(what) \(form) as printed")
                            }
                            tally.evaluated += 1
                        } catch let error as MatrixFormulaEvaluator.ShapeError {
                            Issue.record("\(what) \(form): \(error)")
                        }
                    }
                }
            }
        }
        return tally
    }

    /// Whether a formula keeps a symbolic partial anywhere.
    static func isSymbolic(_ f: Formula) -> Bool {
        String(describing: f).contains("partial(of:")
    }

    @Test(arguments: ["cs187", "goodfellow", "pytorch", "elman", "stacked", "bidirectional", "bigram", "lstm", "gru",
                      "layernorm-lstm"])
    func everyLayout(name: String) throws {
        var total = 0
        for (layout, hadamard) in [(ShapeLayout.scalar, false), (.columns, false), (.columns, true), (.rows, false)] {
            let tally = try Self.check(model: name, layout: layout, hadamard: hadamard)
            total += tally.evaluated
            for refusal in tally.refusals { #expect(!refusal.contains("\n"), "\(name) \(layout): \(refusal)") }
            print("MATRIX \(name) \(layout)\(hadamard ? " --hadamard" : ""): \(tally.evaluated) evaluated, \(tally.symbolic) symbolic, refusals: \(tally.refusals.sorted())")
        }
        // The bigram's loss, −log⟨x, o⟩, is written with operations that have no closed-form partial yet.
        if name != "bigram" { #expect(total > 0, "\(name): no closed form evaluated") }
    }
}
