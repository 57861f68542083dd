import Foundation
import Testing
@testable import RNNGraphCore
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPrinters

/// The lag plot shows every series, even those lying on top of another, writes its ticks
/// as powers of ten and ends its x-axis at the last lag with data.
@Suite struct LagPlotTests {
    static func report(_ file: String) throws -> NumericReport {
        let values = try ValuesFile.read(packageRoot.appendingPathComponent("Docs/examples/\(file)").path)
        let options = ModelOptions(model: .goodfellow, length: try values.impliedLength(for: ModelOptions(model: .goodfellow)))
        var report = try NumericReport(try values.values(for: Model(options)))
        try report.analyzeLags(truncation: nil)
        return report
    }

    /// The drawn marks of each series: (points, ring radius, dash pattern).
    static func series(_ svg: String) -> [String: (points: [String], radius: String, dash: String)] {
        var found: [String: (points: [String], radius: String, dash: String)] = [:]
        for group in svg.components(separatedBy: "<g id=\"series-").dropFirst() {
            let body = group.components(separatedBy: "</g>")[0]
            let name = String(body.prefix { $0 != "\"" })
            let circles = body.components(separatedBy: "<circle ").dropFirst()
            let points = circles.map { String($0.components(separatedBy: " r=")[0]) }
            let radius = circles.first.map { $0.components(separatedBy: "r=\"")[1].prefix { $0 != "\"" } }.map(String.init) ?? ""
            let dash = body.components(separatedBy: "stroke-dasharray=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) } ?? ""
            found[name] = (points, radius, dash)
        }
        return found
    }

    @Test(arguments: ["lags-exploding.json", "lags-vanishing.json"])
    func everySeriesVisibleWithPowersOfTen(file: String) throws {
        let report = try Self.report(file)
        let lags = try #require(report.lags)
        let svg = try LagPlot(report).svg
        let drawn = Self.series(svg)
        let withData = lags.parameters.filter { lags.norms($0).contains { $0 > 0 && $0.isFinite } }
        #expect(Set(drawn.keys) == Set(withData.map(\.name)), "one group per parameter with data")
        // Two series drawn at the same points differ in ring size or dash, so both show.
        let names = drawn.keys.sorted()
        for (k, a) in names.enumerated() {
            for b in names[(k + 1)...] where !Set(drawn[a]!.points).isDisjoint(with: drawn[b]!.points) {
                #expect(drawn[a]!.radius != drawn[b]!.radius, "\(a) and \(b) share points: rings differ")
            }
            #expect(!drawn[a]!.points.isEmpty, "\(a) drawn")
        }
        #expect(!svg.contains(">1e"), "ticks written as powers of ten")
        #expect(svg.contains(">10<tspan dy=\"-6\" font-size=\"9\">\u{2212}"), "a negative power as 10⁻ⁿ")
        // The x-axis: the last tick is the last lag any series has data at.
        let last = withData.compactMap { lags.norms($0).lastIndex { $0 > 0 && $0.isFinite } }.max() ?? 0
        let ticks = svg.components(separatedBy: "<text ").compactMap { text -> Int? in
            guard text.contains("y=\"308.00\"") else { return nil }
            return Int(text.components(separatedBy: ">")[1].prefix { $0 != "<" })
        }
        #expect(ticks.max() == last, "ticks \(ticks), last lag with data \(last)")
    }
}
