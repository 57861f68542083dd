/// Fills the LaTeX templates of catalogued operations (``OperationDefinition/latex``).
public enum OperationTemplate {
    /// `template` with `#1`, `#2`, … replaced by the arguments' text (up to nine arguments).
    public static func fill(_ template: String, _ arguments: [String]) -> String {
        var result = ""
        var characters = template.makeIterator()
        while let c = characters.next() {
            guard c == "#" else {
                result.append(c)
                continue
            }
            guard let digit = characters.next() else {
                result.append(c)
                break
            }
            if let k = digit.wholeNumberValue, k >= 1, k <= arguments.count {
                result += arguments[k - 1]
            } else {
                result.append(c)
                result.append(digit)
            }
        }
        return result
    }
}
