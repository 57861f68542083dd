import RNNGraphCore
import RNNGraphPaths

/// How the compact form arranges its sums.
public enum CompactShape: String, Sendable, CaseIterable, Codable {
    /// The lab's hinted shape `Σ + Σ(Σ(Π))`: paths without a repetition of the
    /// recurrence apart from paths with at least one, each sum placed where its index first appears.
    case split
    /// One double sum over where a path enters and leaves the recurrence, `Σ_k Σ_t (Π) …`.
    case merged
}
