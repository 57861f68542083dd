import Foundation
import Testing
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit

/// The colours of figures, measured with formulas written here apart from the
/// palette's own: WCAG 2 contrast on white (text 4.5:1, strokes 3:1) and CIE-Lab
/// distances under simulated deuteranopia and protanopia (Machado, Oliveira and
/// Fernandes 2009, severity 1).
@Suite struct PaletteTests {
    /// sRGB channels of `#RRGGBB`, linearised.
    static func linear(_ hex: String) -> [Double] {
        let value = Int(hex.dropFirst(), radix: 16)!
        return [value >> 16 & 255, value >> 8 & 255, value & 255].map { channel in
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
    }

    static func contrast(_ a: String, on b: String = "#FFFFFF") -> Double {
        let l = { (hex: String) -> Double in
            let c = linear(hex)
            return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        }
        let (x, y) = (l(a), l(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    static let deuteranopia = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                               [-0.011820, 0.042940, 0.968881]]
    static let protanopia = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                             [-0.003882, -0.048116, 1.051998]]
    static let normal = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1]]

    /// CIE-Lab (D65) of a colour seen through `vision`.
    static func lab(_ hex: String, _ vision: [[Double]]) -> [Double] {
        let c = linear(hex)
        let rgb = vision.map { row in min(1, max(0, zip(row, c).map(*).reduce(0, +))) }
        let x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
        let y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        let z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883
        let f = { (t: Double) in t > 0.008856 ? pow(t, 1.0 / 3) : 7.787 * t + 16.0 / 116 }
        return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }

    static func distance(_ a: String, _ b: String, _ vision: [[Double]]) -> Double {
        zip(lab(a, vision), lab(b, vision)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }

    /// Every colour text is written in reaches 4.5:1 on white (parameter names also on
    /// their fill), every stroke colour 3:1: parameters and their variants up to 30,
    /// highlights up to 10, the fixed greys, and every kind's outline.
    @Test func everyColourPassesWCAGAAOnWhite() {
        let parameters = FigureStyle.parameterPalette(count: 30)
        for colour in parameters {
            #expect(Self.contrast(colour) >= 4.5, "parameter \(colour): \(Self.contrast(colour))")
            #expect(Self.contrast(colour, on: FigureStyle.parameterFill) >= 4.5, "parameter \(colour) on its fill")
        }
        for colour in FigureStyle.pathPalette(count: 10, parameters: 30) {
            #expect(Self.contrast(colour) >= 4.5, "highlight \(colour): \(Self.contrast(colour))")
        }
        for text in [FigureStyle.operationColor, Figure.annotationColor, "#555555"] {
            #expect(Self.contrast(text) >= 4.5, "\(text)")
        }
        #expect(Self.contrast(FigureStyle.fadedColor) >= 3, "faded edges")
        // The palette's own arithmetic agrees with this one.
        for colour in parameters.prefix(6) {
            #expect(abs(ColourPalette.contrast(colour, "#FFFFFF") - Self.contrast(colour)) < 1e-9)
        }
    }

    /// A bias written inside a node (the labels style) is readable on the node's fill: the
    /// stacked model's state nodes, whose pale green needs its parameters' colours darkened.
    @Test func marksInsideNodesAreReadableOnTheirFill() throws {
        for kind in VariableKind.allCases {
            let fill = FigureStyle.fill(of: kind) ?? "#FFFFFF"
            for colour in FigureStyle.parameterPalette(count: 20) {
                let mark = ColourPalette.readable(colour, on: fill)
                #expect(Self.contrast(mark, on: fill) >= 4.5, "\(colour) on \(kind)'s \(fill): \(mark)")
            }
        }
        let model = try Model(ModelOptions(definition: BundledModels.definition(named: "stacked")!, length: 2))
        let figure = try Figure(model, options: FigureOptions(parameters: .labels))
        let state = try #require(figure.nodes.first { $0.id == "h^(1)_1" })
        let label = try #require(state.attributes.first { $0.name == "label" }?.value)
        let colours = label.components(separatedBy: "<FONT COLOR=\"").dropFirst().map { String($0.prefix(7)) }
        #expect(!colours.isEmpty, "the bias is written in the state's node")
        for colour in colours { #expect(Self.contrast(colour, on: FigureStyle.fill(of: .state)!) >= 4.5, "\(colour)") }
        #expect(state.marks.allSatisfy { $0.color.hasSuffix("!black") }, "TikZ darkens the same way: \(state.marks)")
    }

    /// The six base parameter colours stay apart for deuteranopes (ΔE ≥ 10) and
    /// protanopes (ΔE ≥ 6), and the highlight red stays far from each of them.
    @Test func colourBlindSeparation() {
        let base = FigureStyle.parameterPalette(count: 6)
        for (k, a) in base.enumerated() {
            for b in base[(k + 1)...] {
                #expect(Self.distance(a, b, Self.deuteranopia) >= 10, "\(a) vs \(b), deuteranopia")
                #expect(Self.distance(a, b, Self.protanopia) >= 6, "\(a) vs \(b), protanopia")
            }
            let red = FigureStyle.highlightColor
            #expect(Self.distance(a, red, Self.deuteranopia) >= 15, "\(a) vs the highlight, deuteranopia")
            #expect(Self.distance(a, red, Self.protanopia) >= 6, "\(a) vs the highlight, protanopia")
        }
    }

    /// No highlight colour repeats or borrows a parameter colour: each is at least ΔE 10 from
    /// every colour of a figure with 20 parameters.
    @Test(arguments: [1, 3, 6, 20])
    func highlightsNeverBorrowAParameterColour(parameters: Int) {
        let parameterColours = FigureStyle.parameterPalette(count: parameters)
        for path in FigureStyle.pathPalette(count: 5, parameters: parameters) {
            for colour in parameterColours {
                #expect(Self.distance(path, colour, Self.normal) >= 10, "\(path) vs \(colour)")
            }
        }
    }

    /// Rows of a legend are as even as can be, at most six entries, never one alone after full rows.
    @Test func legendRowsAreBalanced() throws {
        for count in 1...40 {
            let rows = FigureLegend.rows(count: count)
            #expect(rows.map(\.count).reduce(0, +) == count)
            #expect(rows.allSatisfy { $0.count <= FigureLegend.maximumPerRow })
            #expect((rows.map(\.count).max() ?? 0) - (rows.map(\.count).min() ?? 0) <= 1, "\(count): \(rows)")
            #expect(rows.count == (count + 5) / 6)
        }
        // The cs187 figure's seven entries: four and three, "loss" not alone.
        let dot = DOTPrinter.print(try Figure(Model(ModelOptions(length: 2))))
        let rows = dot.components(separatedBy: "<TR><TD BORDER=\"0\">").dropFirst()
            .map { $0.components(separatedBy: "<TD BORDER=\"1\"").count - 1 }
        #expect(rows == [4, 3])
    }

    /// The pytorch model's G_t are upstream gradients (`L_t = <G_t, h_t>`), named so in the
    /// legend; a model compared with real targets keeps "target".
    @Test func upstreamGradientsAreNamedAsTheModelDefinesThem() throws {
        let pytorch = try Figure(Model(ModelOptions(model: .pytorch, length: 3)))
        #expect(pytorch.legend.map(\.caption).contains("upstream gradient"))
        #expect(!pytorch.legend.map(\.caption).contains("target"))
        let cs187 = try Figure(Model(ModelOptions(model: .cs187, length: 3)))
        #expect(cs187.legend.map(\.caption).contains("target"))
        #expect(!cs187.legend.map(\.caption).contains("upstream gradient"))
    }
}
