import Foundation
@testable import RNNGraphCalculus
@testable import RNNGraphCore
@testable import RNNGraphFigure
@testable import RNNGraphKit
@testable import RNNGraphNumerics
@testable import RNNGraphPaths
@testable import RNNGraphPrinters

/// Helpers shared by the library's tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `shared/reference/reference-values.json`, beside the checkout.
    static var referenceFile: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/reference-values.json")
    }

    /// The formula with every argument list dropped (argument lists are presentation only).
    static func bare(_ f: Formula) -> Formula {
        switch f {
        case .partial(let of, let wrt, _): return .partial(of: of, wrt: wrt, arguments: [])
        case .product(let factors): return .product(factors.map(bare))
        case .sum(let terms): return .sum(terms.map(bare))
        case .transpose(let inner): return .transpose(bare(inner))
        default: return f
        }
    }

    /// A multiset of products: how many times each stands in the list.
    static func multiset(_ products: [Formula]) -> [Formula: Int] {
        products.reduce(into: [:]) { $0[bare($1), default: 0] += 1 }
    }

    /// Model options for every preset variant the tests cover.
    static let variants: [(String, ModelOptions)] = [
        ("cs187", ModelOptions(model: .cs187)),
        ("cs187 detail", ModelOptions(model: .cs187, detail: true)),
        ("goodfellow", ModelOptions(model: .goodfellow)),
        ("goodfellow detail", ModelOptions(model: .goodfellow, detail: true)),
        ("goodfellow squared last mean", ModelOptions(model: .goodfellow, outputLoss: .squared, lossPlacement: .last, reduction: .mean)),
        ("goodfellow zero no-biases", ModelOptions(model: .goodfellow, startsAtZero: true, biases: false)),
        ("pytorch", ModelOptions(model: .pytorch)),
        ("cs187 copies", ModelOptions(model: .cs187, parameterCopies: true)),
    ]

    /// The vector layout a model's equations are written in (rows for `x W`, columns for `W h`).
    static func vectorLayout(_ options: ModelOptions) -> ShapeLayout {
        options.definition.layout == .rows ? .rows : .columns
    }

    /// The layouts closed forms of `options` are printed in: scalars and the model's vector layout.
    static func layouts(_ options: ModelOptions) -> [ShapeLayout] { [.scalar, vectorLayout(options)] }

    /// The options with a different length.
    static func with(_ options: ModelOptions, length: Int) -> ModelOptions {
        var o = options
        o.length = length
        return o
    }
}

extension TestSupport {
    /// Every LaTeX form of `d` with `printer`, as one fragment.
    static func allForms(_ d: Derivation, _ printer: LaTeXPrinter) throws -> String {
        var text = ""
        try printer.writeExpanded(d, to: &text)
        // A batch of rows has no matrix Π: the compact forms are refused there (tested in CLITests).
        if !(d.isVector && d.layout == .rows) {
            try printer.writeCompact(d, shape: .split, to: &text)
            try printer.writeCompact(d, shape: .merged, to: &text)
        }
        try printer.writeRecursive(d, to: &text)
        return text
    }

    /// Runs a process to completion and returns its exit status and standard output.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// The three models of the course material the oldest tests were written for.
let labModels: [BundledModel] = [.cs187, .goodfellow, .pytorch]

extension ModelOptions {
    /// The bundled model these options hold (tests build options from bundled models only).
    var bundled: BundledModel { BundledModel(rawValue: modelName)! }
}
