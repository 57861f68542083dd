/// Unicode subscript and superscript characters for the digits, signs and
/// parentheses of a time index.
public enum ScriptCharacters {
    /// `text` with its digits and minus signs as subscripts (`12` → `₁₂`); other characters stay.
    public static func lowered(_ text: String) -> String { String(text.map { subscripts[$0] ?? $0 }) }

    /// `text` with its digits, minus signs and parentheses as superscripts (`(1)` → `⁽¹⁾`);
    /// other characters stay.
    public static func raised(_ text: String) -> String { String(text.map { superscripts[$0] ?? $0 }) }

    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "-": "₋",
    ]
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "(": "⁽", ")": "⁾", "-": "⁻",
    ]
}
