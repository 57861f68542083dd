/// As many distinct colours as a figure needs, derived deterministically from a
/// base palette: the base colours first, then rounds of lighter and darker
/// variants of each (mixed with white or black), skipping any colour already
/// given or reserved for another meaning.
enum ColourPalette {
    /// `count` distinct `#RRGGBB` colours from `base`, none of them in `avoiding`.
    static func colours(from base: [String], count: Int, avoiding: Set<String>) -> [String] {
        var result: [String] = []
        var taken = avoiding
        var round = 0
        while result.count < count {
            let (towards, amount) = variant(round)
            for colour in base where result.count < count {
                let mixed = mix(colour, towards, amount)
                if taken.insert(mixed).inserted { result.append(mixed) }
            }
            round += 1
        }
        return result
    }

    /// The variant of round `r`: the base itself, then alternately lighter and
    /// darker, stronger each round, then finer steps in between.
    private static func variant(_ r: Int) -> (towards: Int, amount: Double) {
        let steps = [0.0, 0.35, 0.3, 0.55, 0.5, 0.7]
        if r < steps.count { return (r % 2 == 1 ? 255 : 0, steps[r]) }
        // Beyond them: amounts spread over (0.05, 0.8) by the golden ratio, never repeating.
        let fraction = (Double(r) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
        return (r % 2 == 1 ? 255 : 0, 0.05 + 0.75 * fraction)
    }

    /// `colour` moved `amount` of the way towards grey level `towards` (0 black, 255 white).
    private static func mix(_ colour: String, _ towards: Int, _ amount: Double) -> String {
        guard colour.hasPrefix("#"), colour.count == 7, let value = Int(colour.dropFirst(), radix: 16) else { return colour }
        let channels = [value >> 16 & 255, value >> 8 & 255, value & 255].map { channel -> Int in
            Int((Double(channel) + (Double(towards) - Double(channel)) * amount).rounded())
        }
        return "#" + channels.map { String($0, radix: 16, uppercase: true) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
}
