/// An element-wise nonlinearity.
public enum Activation: String, Sendable, CaseIterable, Codable {
    case relu, tanh, sigmoid, identity

    /// The function's value at `x`.
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return 1 / (1 + exp(-x))
        case .identity: return x
        }
    }

    /// The derivative at `x` (ReLU's derivative at 0 is taken as 0, as PyTorch does).
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .tanh:
            let y = Foundation.tanh(x)
            return 1 - y * y
        case .sigmoid:
            let s = 1 / (1 + exp(-x))
            return s * (1 - s)
        case .identity: return 1
        }
    }
}

import Foundation
