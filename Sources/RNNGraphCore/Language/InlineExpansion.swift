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
            let key = ModelDefinition.key(reference)
            guard let index = families[key]?.equation, syntax.equations[index].isInline,
                  !visiting.contains(key) else { return Measure(size: 1, depth: 1) }
            if let known = measured[key] { return known }
            visiting.insert(key)
            let result = measure(syntax.equations[index].expression)
            visiting.remove(key)
            measured[key] = result
            return result
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

    private func combine(_ parts: [Measure]) -> Measure {
        var size = 1
        for part in parts {
            let (sum, overflow) = size.addingReportingOverflow(part.size)
            size = overflow ? .max : sum
        }
        return Measure(size: size, depth: 1 + (parts.map(\.depth).max() ?? 0))
    }
}
