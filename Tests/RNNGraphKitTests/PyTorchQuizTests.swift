import Foundation
import Testing
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Quiz 10's row-vector convention: gradients shaped like the quiz states, and equal
/// to the quiz's own backward loop (rnn_step_backward over T steps) written with tensors.
@Suite("PyTorch quiz shapes")
struct PyTorchQuizTests {
    @Test("dWx (D,H), dWh (H,H), db (H,), dx_t (N,D), dh0 (N,H) with a batch of N = 2")
    func quizShapes() throws {
        let (batch, inputSize, hidden, steps) = (2, 3, 4, 3)
        var random = SeededRandom(seed: 10)
        func matrix(_ r: Int, _ c: Int) -> Tensor {
            Tensor(rows: r, cols: c, entries: (0..<(r * c)).map { _ in Double.random(in: -1...1, using: &random) })
        }
        let wx = matrix(inputSize, hidden), wh = matrix(hidden, hidden), b = matrix(1, hidden)
        let h0 = matrix(batch, hidden)
        let xs = (0..<steps).map { _ in matrix(batch, inputSize) }
        let dh = (0..<steps).map { _ in matrix(batch, hidden) }
        func rows(_ t: Tensor) -> String {
            "[" + t.rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
        let json = """
        {"parameters": {"Wx": \(rows(wx)), "Wh": \(rows(wh)), "b": [\(b.entries.map { "\($0)" }.joined(separator: ", "))]},
         "h0": \(rows(h0)), "inputs": [\(xs.map(rows).joined(separator: ", "))],
         "targets": [\(dh.map(rows).joined(separator: ", "))]}
        """
        let model = try Model(ModelOptions(model: .pytorch, length: steps))
        let values = try ValuesFile(json: json).values(for: model)
        let report = try NumericReport(values)
        #expect(report.check.agreement.agrees)

        // The quiz's forward and backward loops.
        var hs = [h0]
        for t in 0..<steps {
            let a = xs[t].matmul(wx) + hs[t].matmul(wh) + b.broadcast(rows: batch, cols: hidden)
            hs.append(a.map { tanh($0) })
        }
        var dWx = Tensor(rows: inputSize, cols: hidden), dWh = Tensor(rows: hidden, cols: hidden)
        var db = Tensor(rows: 1, cols: hidden), dprev = Tensor(rows: batch, cols: hidden)
        var dx = [Tensor](repeating: Tensor(rows: batch, cols: inputSize), count: steps)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let dnext = dh[t] + dprev
            let local = dnext.zip(hs[t + 1]) { $0 * (1 - $1 * $1) }
            dx[t] = local.matmul(wx.transposed)
            dprev = local.matmul(wh.transposed)
            dWx = dWx + xs[t].transposed.matmul(local)
            dWh = dWh + hs[t].transposed.matmul(local)
            db = db + local.columnSums
        }

        let expected: [(String, Tensor, String)] = [
            ("Wx", dWx, "(3, 4)"), ("Wh", dWh, "(4, 4)"), ("b", db, "(4,)"), ("h_0", dprev, "(2, 4)"),
            ("x_1", dx[0], "(2, 3)"), ("x_2", dx[1], "(2, 3)"), ("x_3", dx[2], "(2, 3)"),
        ]
        for (name, want, shape) in expected {
            let comparison = try #require(report.check.comparison(for: name))
            #expect(comparison.reverse.rows == want.rows && comparison.reverse.cols == want.cols, "\(name)")
            #expect(distance(comparison.reverse, want) <= 1e-12, "reverse \(name)")
            #expect(distance(try #require(comparison.pathSum), want) <= 1e-12, "path sum \(name)")
            let rank = values.rank(of: comparison.variable.id, value: comparison.reverse)
            #expect(NumberFormat.shape(comparison.reverse, rank: rank) == shape, "\(name)")
        }
    }
}
