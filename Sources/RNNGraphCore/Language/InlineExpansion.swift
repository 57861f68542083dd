/// The size and depth of each equation once its inline definitions (`:=`) are
/// substituted, measured before anything is substituted: each definition is
/// measured once, bottom-up, with saturating arithmetic, so that definitions
/// that double each other ("billion laughs") are refused from the estimate
/// instead of being expanded.
struct InlineExpansion {
    /// The most nodes one equation has once its inline definitions are substituted.
    static let maximumExpandedNodes = 200_000

    /// Nodes and depth of a term once expanded.
    struct Measure {
        var size: Int
        var depth: Int
    }

    private let syntax: ModelSyntax
    private let families: [String: ModelDefinition.FamilyInfo]
    private var measured: [String: Measure] = [:]
    private var visiting: Set<String> = []

    /// Checks every equation of a definition's syntax.
    /// - Throws: ``ModelParseError`` at the first equation that expands past the limits.
    static func check(_ syntax: ModelSyntax, families: [String: ModelDefinition.FamilyInfo]) throws(ModelParseError) {
        var expansion = InlineExpansion(syntax: syntax, families: families)
        // Inline definitions measured after those they read, so that measuring one never recurses
        // through a long chain of others.
        for key in expansion.inlineOrder() { _ = expansion.measureDefinition(key) }
        for equation in syntax.equations {
            let measure = expansion.measure(equation.expression)
            let name = equation.target.name
            let location = equation.target.location
            guard measure.size <= maximumExpandedNodes else {
                let size = measure.size == .max ? "more than \(Int.max)" : "\(measure.size)"
                throw ModelParseError(
                    message: "substituting the inline definitions (:=) makes \(name) \(size) parts, above the limit "
                        + "of \(maximumExpandedNodes); define the repeated parts with = instead", location: location)
            }
            guard measure.depth <= ModelParser.maximumDepth else {
                throw ModelParseError(
                    message: "substituting the inline definitions (:=) nests \(name) \(measure.depth) levels deep, above "
                        + "the limit of \(ModelParser.maximumDepth); define some parts with = instead", location: location)
            }
        }
    }

    private init(syntax: ModelSyntax, families: [String: ModelDefinition.FamilyInfo]) {
        self.syntax = syntax
        self.families = families
    }

    private mutating func measure(_ term: Term) -> Measure {
        switch term {
        case .name(let reference):
            return measureDefinition(ModelDefinition.key(reference))
        case .number:
            return Measure(size: 1, depth: 1)
        case .call(_, let parts, _), .stack(let parts):
            return combine(parts.map { measure($0) })
        case .add(let a, let b), .subtract(let a, let b), .matrixProduct(let a, let b), .elementwise(let a, let b),
             .inner(let a, let b):
            return combine([measure(a), measure(b)])
        case .negate(let a), .power(let a, _), .transpose(let a), .overTime(_, _, _, let a, _):
            return combine([measure(a)])
        }
    }

    /// The measure of the family `key` once substituted: 1 unless it is an inline definition
    /// (or one that reaches itself, which unrolling reports).
    private mutating func measureDefinition(_ key: String) -> Measure {
        guard let index = families[key]?.equation, syntax.equations[index].isInline,
              !visiting.contains(key) else { return Measure(size: 1, depth: 1) }
        if let known = measured[key] { return known }
        visiting.insert(key)
        let result = measure(syntax.equations[index].expression)
        visiting.remove(key)
        measured[key] = result
        return result
    }

    /// The inline definitions, each after the inline definitions it reads (a depth-first
    /// post-order with an explicit stack; a definition that reaches itself is left where met).
    private func inlineOrder() -> [String] {
        var reads: [String: [String]] = [:]
        for equation in syntax.equations where equation.isInline {
            let key = ModelDefinition.key(equation.target)
            reads[key] = ModelUnroller.names(in: equation.expression).map(ModelDefinition.key)
                .filter { families[$0]?.equation.map { syntax.equations[$0].isInline } == true }
        }
        var order: [String] = []
        var state: [String: Bool] = [:]  // false while on the stack, true once placed
        for root in syntax.equations where root.isInline {
            let rootKey = ModelDefinition.key(root.target)
            guard state[rootKey] == nil else { continue }
            var stack: [(key: String, next: Int)] = [(rootKey, 0)]
            state[rootKey] = false
            while let top = stack.last {
                let children = reads[top.key] ?? []
                if top.next < children.count {
                    stack[stack.count - 1].next += 1
                    let child = children[top.next]
                    if state[child] == nil {
                        state[child] = false
                        stack.append((child, 0))
                    }
                } else {
                    stack.removeLast()
                    state[top.key] = true
                    order.append(top.key)
                }
            }
        }
        return order
    }

    private func combine(_ parts: [Measure]) -> Measure {
        var size = 1
        for part in parts {
            let (sum, overflow) = size.addingReportingOverflow(part.size)
            size = overflow ? .max : sum
        }
        return Measure(size: size, depth: 1 + (parts.map(\.depth).max() ?? 0))
    }
}
