import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RNNGraphKit
import RNNGraphRender

/// The centre of every `<g class="node">` of an SVG, by title, from the extent of its shapes.
final class SVGNodeCentres: NSObject, XMLParserDelegate {
    private(set) var centres: [String: (x: Double, y: Double)] = [:]
    private var title: String?
    private var inTitle = false
    private var xs: [Double] = [], ys: [Double] = []

    static func read(_ svg: Data) -> [String: (x: Double, y: Double)] {
        let collector = SVGNodeCentres()
        let parser = XMLParser(data: svg)
        parser.delegate = collector
        parser.parse()
        return collector.centres
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "g" where attributes["class"] == "node": title = ""; xs = []; ys = []
        case "title" where title != nil: inTitle = true
        case "ellipse" where title != nil:
            let (cx, cy) = (Double(attributes["cx"] ?? "") ?? 0, Double(attributes["cy"] ?? "") ?? 0)
            let (rx, ry) = (Double(attributes["rx"] ?? "") ?? 0, Double(attributes["ry"] ?? "") ?? 0)
            xs += [cx - rx, cx + rx]; ys += [cy - ry, cy + ry]
        case "polygon" where title != nil: add(attributes["points"] ?? "")
        case "path" where title != nil: add(attributes["d"] ?? "")
        default: break
        }
    }

    /// Adds the coordinate pairs of a `points` or path `d` attribute.
    private func add(_ text: String) {
        let numbers = text.split { !"0123456789.-".contains($0) }.compactMap { Double($0) }
        for k in stride(from: 0, to: numbers.count - 1, by: 2) { xs.append(numbers[k]); ys.append(numbers[k + 1]) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title! += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
        if name == "g", let title, !xs.isEmpty {
            centres[title] = ((xs.min()! + xs.max()!) / 2, (ys.min()! + ys.max()!) / 2)
            self.title = nil
        }
    }
}

/// The drawn figure of every bundled model, read back from the SVG: each time step
/// in its own column, columns in time order, rows by dependency within a step.
@Suite struct FigureGeometryTests {
    @Test(arguments: BundledModels.names)
    func everyStepIsOneColumn(model name: String) throws {
        for length in 1...8 {
            let model = try Model(ModelOptions(definition: BundledModels.definition(named: name)!, length: length))
            let graph = model.graph
            let svg = try GraphvizRenderer.render(try Figure(model), format: .svg)
            let centre = SVGNodeCentres.read(svg)
            let parametersDrawn = centre[graph.variables(of: .parameter).first?.name ?? ""] != nil
            #expect(centre.count == graph.count - (parametersDrawn ? 0 : graph.variables(of: .parameter).count),
                    "\(name) N=\(length): every variable drawn")
            let steps = Set(graph.variables.compactMap { $0.kind == .target ? nil : $0.time })

            // The x-extent of each step's variables; a target whose time is no step's
            // (the next input x_{N+1}) belongs to the nearest step.
            var band: [Int: ClosedRange<Double>] = [:]
            for variable in graph.variables {
                guard var t = variable.time, let x = centre[variable.name]?.x else { continue }
                if !steps.contains(t) { t = steps.min { abs($0 - t) < abs($1 - t) }! }
                band[t] = band[t].map { min($0.lowerBound, x)...max($0.upperBound, x) } ?? x...x
            }
            let times = band.keys.sorted()
            for (t, u) in zip(times, times.dropFirst()) {
                #expect(band[t]!.upperBound + 20 < band[u]!.lowerBound,
                        "\(name) N=\(length): step \(t) \(band[t]!) runs into step \(u) \(band[u]!)")
            }

            // Initial states: left of step 1 for a forward recurrence, right of step N for a backward one.
            let first = graph.variables.filter { $0.time == 1 && $0.kind != .target }.compactMap { centre[$0.name]?.x }
            let last = graph.variables.filter { $0.time == length && $0.kind != .target }
                .compactMap { centre[$0.name]?.x }
            for initial in graph.variables(of: .initialState) {
                let x = centre[initial.name]!.x
                if initial.time! < 1 { #expect(x < first.min()!, "\(name) N=\(length): \(initial.name) left of step 1") }
                if initial.time! > length { #expect(x > last.max()!, "\(name) N=\(length): \(initial.name) right of step N") }
            }

            // Parameters outside the columns, the loss on top, and within a step every edge runs upwards
            // (SVG y grows downwards).
            let timedXs = graph.variables.filter { $0.time != nil }.compactMap { centre[$0.name]?.x }
            for parameter in graph.variables(of: .parameter) where parametersDrawn {
                #expect(centre[parameter.name]!.x < timedXs.min()!, "\(name) N=\(length): \(parameter.name) outside")
            }
            if let loss = graph.loss {
                #expect(centre.values.allSatisfy { $0.y >= centre[loss.name]!.y }, "\(name) N=\(length): loss on top")
            }
            for (from, to) in graph.edges where graph[from].time == graph[to].time && graph[from].time != nil {
                #expect(centre[graph[from].name]!.y > centre[graph[to].name]!.y,
                        "\(name) N=\(length): \(graph[from].name) → \(graph[to].name) runs upwards")
            }
        }
    }
}
