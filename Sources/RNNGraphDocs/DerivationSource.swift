import RNNGraphKit

/// What a document derives: the gradient of `loss` with respect to `variable` in `model`.
public struct DerivationRequest: Sendable {
    /// The model.
    public let model: Model
    /// The variable differentiated (the loss).
    public let loss: NodeID
    /// The variable differentiated with respect to.
    public let variable: NodeID
    /// How time indices are written.
    public let timeStyle: TimeIndexStyle

    /// Creates a request.
    public init(model: Model, loss: NodeID, variable: NodeID, timeStyle: TimeIndexStyle) {
        self.model = model
        self.loss = loss
        self.variable = variable
        self.timeStyle = timeStyle
    }
}

/// The source of every piece of LaTeX math a document shows: the model's
/// equations, the derivation in its forms, and the term of each path.
///
/// ``ChainRuleDerivation``, backed by the symbolic calculus, is the built-in
/// source. Another source plugs in by conforming to this protocol and being
/// passed to ``DocumentGenerator``; nothing else changes.
public protocol DerivationSource: Sendable {
    /// The model's defining equations, one LaTeX line each (`h_{1} = …`).
    func equations(for request: DerivationRequest) throws -> [String]
    /// The derivation in every form the source knows, in display order.
    func displays(for request: DerivationRequest) throws -> [DerivationDisplay]
    /// The term of the expanded sum that belongs to `path` (variable first, loss last).
    func term(along path: [NodeID], for request: DerivationRequest) throws -> String
}
