import Foundation
import RNNGraphCalculus
import RNNGraphCore
import RNNGraphNotation
import RNNGraphNumerics
import RNNGraphPaths

/// The contributions by lag of a report (`LagAnalysis`) as an SVG line plot: one
/// line per parameter, the lag k on the horizontal axis and, on a logarithmic
/// vertical axis, the norm of the sum over the paths reaching back k steps —
/// falling with k when gradients vanish, rising when they explode. Zero
/// contributions (a lag no path of that parameter takes) are left out of its line.
public struct LagPlot: Sendable {
    /// The analysed report.
    public let report: NumericReport

    /// A plot of `report`'s lag analysis.
    /// - Throws: `RNNGraphError/usage(_:)` when the report has no lag analysis.
    public init(_ report: NumericReport) throws {
        guard report.lags != nil else {
            throw RNNGraphError.usage("the report has no contributions by lag to plot")
        }
        self.report = report
    }

    /// Okabe–Ito's colour-blind-safe palette, darkened to 4.5:1 on white where needed, then greys.
    private static let colors = ["#0072B2", "#B35200", "#007A5A", "#A8457F", "#8A6D00", "#356E92", "#555555", "#000000"]
    /// Dash patterns, one per series in turn, so that lines lying on top of each other stay apart.
    private static let dashes = ["", "8 4", "3 3", "10 3 2 3"]
    /// The ring radius of series `index`: 7 points for the first, 1.2 less for each next
    /// (down to 2), so that equal points of several series show as nested rings.
    private static func radius(_ index: Int) -> Double { max(2, 7 - 1.2 * Double(index)) }
    private static let (width, height) = (560.0, 340.0)
    private static let (left, right, top, bottom) = (70.0, 130.0, 40.0, 50.0)

    /// The SVG document, the same bytes for the same report.
    public var svg: String {
        guard let lags = report.lags else { return "" }
        let of = report.check.agreement.of
        let series = lags.parameters.map { ($0.name, lags.norms($0)) }
        let positive = series.flatMap(\.1).filter { $0 > 0 && $0.isFinite }
        let low = floor(log10(positive.min() ?? 1)), high = max(ceil(log10(positive.max() ?? 1)), low + 1)
        let withData = series.compactMap { $0.1.lastIndex { $0 > 0 && $0.isFinite } }.max() ?? lags.lags.upperBound
        let lastLag = Double(max(withData, 1))
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func x(_ k: Int) -> Double { Self.left + plotWidth * Double(k) / lastLag }
        func y(_ v: Double) -> Double { Self.top + plotHeight * (high - log10(v)) / (high - low) }
        func n(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" \
        viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(n(Self.left))" y="22" font-size="14">Contributions to the gradients of \(MarkupText.html(of)) by lag k</text>

        """
        // Axes, with a grid line per power of ten and a tick per lag.
        out += "<g stroke=\"#cccccc\" stroke-width=\"1\">\n"
        for power in stride(from: low, through: high, by: 1) {
            out += "<line x1=\"\(n(Self.left))\" y1=\"\(n(y(pow(10, power))))\" x2=\"\(n(Self.left + plotWidth))\" "
                + "y2=\"\(n(y(pow(10, power))))\"/>\n"
        }
        out += "</g>\n<g stroke=\"black\" stroke-width=\"1\">\n"
        out += "<line x1=\"\(n(Self.left))\" y1=\"\(n(Self.top))\" x2=\"\(n(Self.left))\" y2=\"\(n(Self.top + plotHeight))\"/>\n"
        out += "<line x1=\"\(n(Self.left))\" y1=\"\(n(Self.top + plotHeight))\" x2=\"\(n(Self.left + plotWidth))\" "
            + "y2=\"\(n(Self.top + plotHeight))\"/>\n</g>\n<g text-anchor=\"end\">\n"
        for power in stride(from: low, through: high, by: 1) {
            out += "<text x=\"\(n(Self.left - 6))\" y=\"\(n(y(pow(10, power)) + 4))\">10<tspan dy=\"-6\" "
                + "font-size=\"9\">\(Int(power) < 0 ? "\u{2212}" : "")\(abs(Int(power)))</tspan></text>\n"
        }
        out += "</g>\n<g text-anchor=\"middle\">\n"
        for k in lags.lags where k <= Int(lastLag) {
            out += "<text x=\"\(n(x(k)))\" y=\"\(n(Self.top + plotHeight + 18))\">\(k)</text>\n"
        }
        out += "<text x=\"\(n(Self.left + plotWidth / 2))\" y=\"\(n(Self.height - 10))\">lag k (recurrent steps a path reaches back)</text>\n"
        out += "</g>\n"
        for (index, (name, norms)) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let dash = Self.dashes[index % Self.dashes.count]
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            let radius = n(Self.radius(index))
            let points = norms.enumerated().filter { $0.element > 0 && $0.element.isFinite }
            out += "<g id=\"series-\(MarkupText.html(name))\"><title>‖∂\(MarkupText.html(of))/∂\(MarkupText.html(name))‖</title>\n"
            if points.count > 1 {
                out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dashAttribute) points=\""
                    + points.map { "\(n(x($0.offset))),\(n(y($0.element)))" }.joined(separator: " ") + "\"/>\n"
            }
            // Hollow rings, larger for earlier series: a point equal to another series' stays visible around it.
            for point in points {
                out += "<circle cx=\"\(n(x(point.offset)))\" cy=\"\(n(y(point.element)))\" r=\"\(radius)\" "
                    + "fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
            }
            out += "</g>\n"
            let legendY = Self.top + 10 + 20 * Double(index)
            out += "<line x1=\"\(n(Self.width - Self.right + 15))\" y1=\"\(n(legendY))\" x2=\"\(n(Self.width - Self.right + 40))\" "
                + "y2=\"\(n(legendY))\" stroke=\"\(color)\" stroke-width=\"2\"\(dashAttribute)/>\n"
                + "<circle cx=\"\(n(Self.width - Self.right + 27.5))\" cy=\"\(n(legendY))\" r=\"\(radius)\" fill=\"white\" "
                + "stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
            out += "<text x=\"\(n(Self.width - Self.right + 46))\" y=\"\(n(legendY + 4))\">‖∂\(MarkupText.html(of))/∂\(MarkupText.html(name))‖</text>\n"
        }
        return out + "</svg>\n"
    }

    /// The same plot as a pgfplots `semilogyaxis` in a `tikzpicture`, for LaTeX documents;
    /// `name` writes a variable as LaTeX math (`\\mathbf{U}`, `L`). Empty when no contribution is positive.
    public func pgfplots(name: (Variable) -> String) -> String {
        guard let lags = report.lags else { return "" }
        let of = name(report.forward.graph[report.check.target])
        var plots: [String] = []
        var lastLag = 1
        let styles = ["solid, mark=o, mark size=3pt", "dashed, mark=square, mark size=2.5pt",
                      "dotted, mark=triangle, mark size=2pt", "dashdotted, mark=diamond, mark size=2pt"]
        for (index, parameter) in lags.parameters.enumerated() {
            let points = lags.norms(parameter).enumerated().filter { $0.element > 0 && $0.element.isFinite }
            guard let last = points.last else { continue }
            lastLag = max(lastLag, last.offset)
            let coordinates = points.map { "(\($0.offset),\(NumberFormat.exact($0.element)))" }.joined(separator: " ")
            plots.append("\\addplot+[\(styles[index % styles.count]), thick] coordinates {\(coordinates)};\n"
                         + "\\addlegendentry{$\\|\\partial \(of)/\\partial \(name(parameter))\\|$}")
        }
        guard !plots.isEmpty else { return "" }
        return "\\begin{tikzpicture}\n\\begin{semilogyaxis}[width=0.7\\linewidth, height=5cm, "
            + "xlabel={lag $k$ (recurrent steps a path reaches back)}, ylabel={norm}, "
            + "xmin=-0.3, xmax=\(lastLag).3, xtick distance=1, legend pos=outer north east]\n"
            + plots.joined(separator: "\n") + "\n\\end{semilogyaxis}\n\\end{tikzpicture}"
    }
}
