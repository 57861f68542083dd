import ArgumentParser
import RNNGraphKit

extension CodePrinter.Target: SpelledArgument {}

/// Options that print the model's forward and backward passes as a Python module.
struct CodeArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Print the forward pass and backpropagation through time as a Python module for numpy or torch.",
                               valueName: "target"))
    var code: CodePrinter.Target?

    @Option(help: ArgumentHelp("Write the --code module to this file instead of standard output.", valueName: "file"),
            completion: .file())
    var codeOut: String?

    /// Where the module goes, when one was asked for.
    var destination: String? { code == nil ? nil : codeOut ?? "-" }

    /// Writes the module for `target` to `destination`.
    /// - Throws: `RNNGraphError/usage(_:)` for a model the code printer refuses.
    func write(_ target: CodePrinter.Target, to destination: String, model: ModelArguments) throws {
        let text = try CodePrinter(target: target).module(try model.options())
        let transaction = OutputTransaction()
        try transaction.stream(to: destination) { $0.write(text) }
        try transaction.commit()
    }
}
