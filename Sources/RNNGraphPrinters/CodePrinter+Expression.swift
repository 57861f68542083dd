import RNNGraphCore
import RNNGraphPaths

/// A model's equations as Python, on the `Precedence` table: `x[t] @ Wx + h[t - 1] @ Wh + b`.
/// An operation prints itself (``OperationEntry/python(_:module:)``); the code printer writes the
/// operations stated by their numbers from their code templates, and a stack as a concatenation.
extension CodePrinter {
    /// The precedence of an expression's outermost Python operation.
    private static func precedence(_ e: Expression) -> Precedence {
        if case .constant(let c) = e { return c < 0 ? .signed : .atom }
        return e.call?.entry.codePrecedence ?? .atom
    }

    /// `e` as Python, each variable written by `name`.
    func python(_ e: Expression, _ name: (NodeID) throws -> String) throws -> String {
        if case .variable(let id) = e { return try name(id) }
        if case .constant(let c) = e { return c == c.rounded() && abs(c) < 1e15 ? String(Int(c)) : String(c) }
        let (entry, x) = e.call!
        return try withoutActuallyEscaping(name) { name in
            let arguments = Arguments(printer: self, arguments: x, name: name)
            if let text = entry.python(arguments, module: target.module) {
                if let error = arguments.failure.error { throw error }
                return text
            }
            if let definition = entry as? any OperationDefinition {
                return try operation(CataloguedOperation(definition), .value, bare: x.map { try python($0, name) },
                                     operands: x.map { try arguments.placed($0, .atom) })
            }
            return try stacked(x.map { try python($0, name) })
        }
    }

    /// The arguments of a call, printed for its operation's Python form; the first error met
    /// is kept for the caller to throw.
    private struct Arguments: ArgumentWriter {
        /// The first error met while printing an argument.
        final class Failure { var error: (any Error)? }

        let printer: CodePrinter
        let arguments: [Expression]
        let name: (NodeID) throws -> String
        let failure = Failure()

        var count: Int { arguments.count }

        func argument(_ k: Int, least: Precedence) -> String { recording { try placed(arguments[k], least) } }

        func negatedOperand(_ k: Int, least: Precedence) -> String? {
            guard case .apply(.negate, let negated) = arguments[k] else { return nil }
            return recording { try placed(negated[0], least) }
        }

        func isNumber(_ k: Int) -> Bool {
            if case .constant = arguments[k] { return true }
            return false
        }

        func placed(_ x: Expression, _ least: Precedence) throws -> String {
            let text = try printer.python(x, name)
            return CodePrinter.precedence(x) < least ? "(\(text))" : text
        }

        private func recording(_ print: () throws -> String) -> String {
            do {
                return try print()
            } catch {
                if failure.error == nil { failure.error = error }
                return ""
            }
        }
    }
}
