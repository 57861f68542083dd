/// Symbols the closed forms introduce that no model text names.
package enum Notation {
    /// The prediction `ŷ = softmax(o)` of a fused softmax and cross-entropy.
    package static let prediction = Symbol("yhat", latex: "\\hat{y}", html: "ŷ", text: "ŷ")
}
