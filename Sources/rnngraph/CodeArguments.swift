import ArgumentParser
import RNNGraphKit

extension CodePrinter.Target: ExpressibleByArgument {}

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

    /// Writes the module when --code was given; returns whether it did. `others` names another
    /// output asked for in the same run (`--svg`), which --code does not combine with.
    /// - Throws: `RNNGraphError/usage(_:)` for --code-out without --code, --code with another
    ///   output, or a model the code printer refuses.
    func write(model: ModelArguments, others: String?) throws -> Bool {
        guard let code else {
            if codeOut != nil { throw RNNGraphError.usage("--code-out names where --code writes; add --code numpy or --code torch") }
            return false
        }
        if let others {
            throw RNNGraphError.usage("--code writes a Python module on its own; run \(others) in a separate call")
        }
        let text = try CodePrinter(target: code).module(try model.options())
        let transaction = OutputTransaction()
        try transaction.stream(to: destination ?? "-") { $0.write(text) }
        try transaction.commit()
        return true
    }
}
