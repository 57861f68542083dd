/// Makes text from the command line safe to echo in a one-line message:
/// control characters (newlines, ESC, NUL, …) are written as escapes, and
/// runs without spaces longer than ``longestRun`` characters (a 100 KB name)
/// are cut, as is the whole message beyond ``longestMessage``.
enum EchoedText {
    /// The longest run of non-space characters echoed whole.
    static let longestRun = 100
    /// The longest message echoed whole.
    static let longestMessage = 1_000

    /// `message` with control characters escaped and long runs cut with `…`.
    static func sanitize(_ message: String) -> String {
        var result = ""
        var run = 0
        for scalar in message.unicodeScalars {
            if scalar == " " {
                run = 0
            } else {
                run += 1
                if run > longestRun {
                    if run == longestRun + 1 { result += "…" }
                    continue
                }
            }
            result += escaped(scalar)
            if result.count > longestMessage { return result + "…" }
        }
        return result
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\0": return "\\0"
        default:
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
            return isControl ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
    }
}
