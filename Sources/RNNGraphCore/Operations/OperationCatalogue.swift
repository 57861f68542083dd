/// The operations of the model language stated by ``OperationDefinition``, one
/// file each: adding an operation is its file and one entry here.
public enum OperationCatalogue {
    /// Every catalogued operation, in the order messages list them.
    public static let all: [CataloguedOperation] = ([
        Softplus(),
        GELU(),
        Maximum(),
        Minimum(),
        Absolute(),
        LayerNorm(),
    ] as [any OperationDefinition]).map(CataloguedOperation.init)

    /// The operation the model language calls `name`, if any.
    public static func named(_ name: String) -> CataloguedOperation? {
        all.first { $0.name == name }
    }
}

/// A catalogued operation as a value: compared, hashed and encoded by its name.
public struct CataloguedOperation: Hashable, Sendable, Codable {
    /// The operation's statement.
    public let definition: any OperationDefinition

    /// Wraps a definition.
    public init(_ definition: any OperationDefinition) { self.definition = definition }

    /// The model-language name.
    public var name: String { definition.name }
    /// The number of arguments.
    public var arity: Int { definition.arity }
    /// The numbers and closed-form partial.
    public var rule: OperationRule { definition.rule }

    /// Two operations are the same when they have the same name.
    public static func == (a: CataloguedOperation, b: CataloguedOperation) -> Bool { a.name == b.name }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Decodes a name and finds the operation in the catalogue.
    /// - Throws: `DecodingError` for a name the catalogue does not have.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let found = OperationCatalogue.named(name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown operation \(name)")
        }
        self = found
    }
}
