import ArgumentParser

/// Refuses an option given twice (`--pdf a.pdf --pdf b.pdf`): the argument
/// parser keeps only the last value, silently dropping the others.
enum RepeatedOptions {
    /// Short options and the long option each one spells.
    static let aliases = ["-n": "--length"]

    /// - Throws: a `ValidationError` naming the first option given twice.
    static func check(_ arguments: [String]) throws {
        var seen = Set<String>()
        for argument in arguments {
            if argument == "--" { return }
            let spelled = String(argument.prefix { $0 != "=" })
            guard let name = spelled.hasPrefix("--") ? spelled : aliases[spelled] else { continue }
            guard seen.insert(name).inserted else {
                throw ValidationError("\(name) is given more than once; give it once")
            }
        }
    }
}
