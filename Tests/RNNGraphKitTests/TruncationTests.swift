import BigInt
import Foundation
import Testing
@testable import RNNGraphKit

/// Truncated backpropagation through time and contributions by lag, each checked
/// against a computation that shares no code with it: counts against a closed form
/// and against filtering every enumerated path by its time indices; lag parts
/// against path sums of forward-mode local Jacobians grouped by lag.
@Suite struct TruncationTests {
    static func options(_ name: String, length: Int, detail: Bool = false) -> ModelOptions {
        ModelOptions(definition: BundledModels.definition(named: name)!, length: length, detail: detail)
    }

    /// Recurrent steps of a path counted from the variables' times alone, without
    /// ``ComputationGraph/isRecurrentStep(from:to:)``: consecutive computed or initial
    /// variables whose times differ.
    static func lag(_ path: [NodeID], _ graph: ComputationGraph) -> Int {
        zip(path, path.dropFirst()).filter { a, b in
            let (x, y) = (graph[a], graph[b])
            return x.time != nil && y.time != nil && x.time != y.time
                && (x.definition != nil || x.kind == .initialState)
        }.count
    }

    // cs187: L = Σ_t ‖x_{t+1} − o_t‖², paths U → h_s → … → h_t → o_t → L with t − s steps:
    // for each lag k ≤ min(K, N − 1) there are N − k of them.
    @Test("cs187: Σ_{k ≤ K} (N − k) paths; N = 5, K = 1 gives 9", arguments: 1...6)
    func closedFormCount(length: Int) throws {
        for k in 0...length {
            let d = try Derivation(options: Self.options("cs187", length: length), wrt: "U").truncated(to: k)
            let expected = (0...min(k, length - 1)).reduce(0) { $0 + (length - $1) }
            #expect(try d.count == BigUInt(expected), "N = \(length), K = \(k)")
        }
        #expect(try Derivation(options: Self.options("cs187", length: 5), wrt: "U").truncated(to: 1).count == 9)
    }

    @Test("the kept paths are exactly the paths of at most K steps, for every bundled model",
          arguments: ["cs187", "goodfellow", "lstm", "gru", "stacked", "bidirectional", "elman"])
    func keptPathsAreFilteredPaths(model: String) throws {
        let length = model == "lstm" || model == "gru" ? 3 : 4
        let full = try Derivation(options: Self.options(model, length: length))
        let graph = full.graph
        let all = Array(full.paths)
        for k in 0...length {
            let truncated = full.truncated(to: k)
            let expected = all.filter { Self.lag($0, graph) <= k }
            #expect(Array(truncated.paths) == expected, "\(model) K = \(k)")
            #expect(try truncated.count == BigUInt(expected.count), "\(model) K = \(k)")
        }
        #expect(try full.truncated(to: length).count == full.count)
    }

    @Test("the truncated expanded form has one term per kept path; the recursive form refuses")
    func latex() throws {
        let d = try Derivation(options: Self.options("cs187", length: 5), wrt: "U").truncated(to: 1)
        var text = ""
        try LaTeXPrinter().writeExpanded(d, to: &text)
        #expect(text.components(separatedBy: "\\underbrace").count - 1 == 9)
        #expect(text.contains("\\right|_{\\text{lag} \\le 1}"))
        #expect(throws: RNNGraphError.self) { try d.recursive() }
    }

    @Test("truncated compact and merged forms expand to exactly the kept paths, or are refused",
          arguments: ["cs187", "goodfellow", "lstm", "gru", "stacked", "bidirectional", "elman", "pytorch"])
    func truncatedCompactForms(model: String) throws {
        var shown = 0
        for n in 1...4 {
            let built = try Model(Self.options(model, length: n))
            for v in built.graph.variables where v.id != built.graph.loss?.id && v.definition == nil {
                let layout: ShapeLayout = model == "elman" || model == "pytorch" ? .rows : .columns
                for full in [try Derivation(model: built, wrt: v.name),
                             try Derivation(model: built, wrt: v.name, local: .closed, layout: layout)] {
                guard full.hasPath else { continue }
                for k in 0...n {
                    let d = full.truncated(to: k)
                    for shape in CompactShape.allCases {
                        let compact: Formula
                        do { compact = try d.compact(shape: shape) } catch let error as RNNGraphError {
                            #expect(error.message.contains("cannot show the truncation to lag ≤"), "\(error.message)")
                            continue
                        }
                        shown += 1
                        #expect(TestSupport.multiset(compact.expandedTerms(length: n)) == TestSupport.multiset(Array(d.terms)),
                                "\(model) N=\(n) wrt \(v.name) K=\(k) \(shape) \(full.local)")
                    }
                }
                }
            }
        }
        if model == "cs187" || model == "goodfellow" { #expect(shown > 0) }
    }

    /// Goodfellow's model with D = 3, H = 4, K = 5 classes, N = 5, seeded values.
    static func goodfellowValues(seed: UInt64, scale: Double = 1) throws -> VariableValues {
        var random = SeededRandom(seed: seed)
        func matrix(_ r: Int, _ c: Int, _ s: Double = 1) -> String {
            "[" + (0..<r).map { _ in "[" + (0..<c).map { _ in String(s * Double.random(in: -1...1, using: &random)) }
                .joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
        func vector(_ n: Int) -> String {
            "[" + (0..<n).map { _ in String(Double.random(in: -1...1, using: &random)) }.joined(separator: ", ") + "]"
        }
        let n = 5
        let json = """
        {"U": \(matrix(4, 3)), "W": \(matrix(4, 4, scale)), "V": \(matrix(5, 4)), "b": \(vector(4)), "c": \(vector(5)),
         "h_0": \(vector(4)), "x": [\((0..<n).map { _ in vector(3) }.joined(separator: ", "))],
         "y": [\((0..<n).map { _ in String(Int.random(in: 0..<5, using: &random)) }.joined(separator: ", "))]}
        """
        let model = try Model(options("goodfellow", length: n, detail: true))
        return try ValuesFile(json: json).values(for: model)
    }

    @Test("lag parts equal path sums grouped by lag, and sum to the full gradient", arguments: 0..<4)
    func lagParts(seed: Int) throws {
        let values = try Self.goodfellowValues(seed: UInt64(seed), scale: seed.isMultiple(of: 2) ? 0.3 : 2)
        let forward = ForwardPass(values)
        let graph = forward.graph
        let loss = try #require(graph.loss).id
        let lags = LagAccumulation(forward, of: loss)
        let sums = PathSum(forward, of: loss)
        let reverse = ReverseAccumulation(forward, of: loss)
        for parameter in graph.variables(of: .parameter) + graph.variables(of: .initialState) {
            var byLag = [Tensor](repeating: .zeros(like: forward[parameter.id]), count: lags.maximumLag + 1)
            for term in sums.terms(from: parameter.id) {
                let k = Self.lag(term.path, graph)
                try #require(k <= lags.maximumLag, "\(parameter.name): a path of lag \(k)")
                byLag[k] = byLag[k] + term.value
            }
            for k in 0...lags.maximumLag {
                #expect(distance(lags.part(parameter.id, lag: k), byLag[k]) <= 1e-12, "\(parameter.name) lag \(k)")
                let truncated = PathSum(forward, of: loss, maximumLag: k).gradient(withRespectTo: parameter.id)
                #expect(distance(lags.gradient(withRespectTo: parameter.id, upTo: k), truncated) <= 1e-12)
            }
            #expect(distance(lags.gradient(withRespectTo: parameter.id), reverse.gradient(withRespectTo: parameter.id))
                    <= 1e-12)
        }
    }

    @Test("the report: vanishing with small recurrent weights, truncated beside full, agreement")
    func report() throws {
        var report = try NumericReport(try Self.goodfellowValues(seed: 11, scale: 0.2))
        try report.analyzeLags(truncation: 1)
        let lags = try #require(report.lags)
        #expect(report.agrees)
        #expect(try #require(lags.truncatedPathSumVersusReverse) <= 1e-12)
        let w = try #require(report.forward.graph.variable(named: "W"))
        let norms = lags.norms(w)
        for k in 1..<(norms.count - 2) { #expect(norms[k + 1] < norms[k], "lag \(k): \(norms)") }
        #expect(report.text.contains("∂L/∂W lag ≤ 1"))
        let object = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
        let truncated = try #require(object["truncated"] as? [String: Any])
        #expect(truncated["maximumLag"] as? Int == 1)
        let svg = try LagPlot(report).svg
        #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"))
        #expect(svg == (try LagPlot(report).svg))
    }
}
