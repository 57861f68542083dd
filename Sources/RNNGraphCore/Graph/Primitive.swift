/// One differentiable step of an ``Expression``: what every non-leaf case
/// computes, named once, so that the numbers of each step (its shape rule,
/// value, directional derivative and vector–Jacobian product) are written
/// once, in `Primitive+Numerics.swift`, and read by the forward pass, local
/// Jacobians, reverse accumulation and the shape check alike.
public enum Primitive: Hashable, Sendable {
    /// Matrix product `a b`.
    case matrixProduct
    /// Element-wise sum with broadcasting.
    case sum
    /// An element-wise activation.
    case activation(Activation)
    /// Softmax over all entries.
    case softmax
    /// `Σ (target − prediction)²`.
    case squaredError
    /// `−log prediction[target]`, the target a class index.
    case crossEntropy
    /// `−log softmax(z)[target]`, computed as `logsumexp(z) − z[target]`: the
    /// cross-entropy of a softmax, fused so that no tiny probability is divided by.
    case softmaxCrossEntropy
    /// `Σ weights ⊙ value`.
    case inner
    /// The arithmetic mean of scalars.
    case mean
    /// An operation of the model language (``Operation``).
    case general(Operation)
}

/// An expression seen uniformly: a variable, a number, or one step applied to its
/// arguments (``Expression/node``). Numbers, Jacobians and the operations graph switch
/// over this view, so they need no case per operation.
package enum ExpressionNode {
    /// Another variable of the graph.
    case variable(NodeID)
    /// A number.
    case constant(Double)
    /// A step and its arguments, in the order ``Expression/primitive`` gives them.
    case step(Primitive, [Expression])
}

extension Expression {
    /// The expression as a variable, a number or a step with its arguments: every other case is
    /// a call, whose step its operation states.
    package var node: ExpressionNode {
        if case .variable(let id) = self { return .variable(id) }
        if case .constant(let c) = self { return .constant(c) }
        let (primitive, arguments) = primitive!
        return .step(primitive, arguments)
    }

    /// The step this expression computes and its arguments, in order, as its operation states
    /// (``OperationEntry/primitive(_:)``); `nil` for a variable or a number. A cross-entropy of a
    /// softmax is one fused step whose arguments are the target and the scores.
    package var primitive: (primitive: Primitive, arguments: [Expression])? {
        call.map { $0.entry.primitive($0.arguments) }
    }
}
