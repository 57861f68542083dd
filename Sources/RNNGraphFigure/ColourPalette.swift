import Foundation

/// As many distinct colours as a figure needs, derived deterministically from a
/// base palette: the base colours first, then rounds of lighter and darker
/// variants of each (mixed with white or black), each darkened as far as needed
/// to stay readable, skipping any colour already given or reserved for another meaning.
enum ColourPalette {
    /// The contrast WCAG AA asks of text (and of the words of a legend): 4.5:1.
    static let textContrast = 4.5
    /// The contrast WCAG AA asks of graphical objects such as strokes: 3:1.
    static let strokeContrast = 3.0

    /// `count` distinct `#RRGGBB` colours from `base`, none of them in `avoiding`,
    /// each with at least ``textContrast`` against `background` (and so against white).
    static func colours(from base: [String], count: Int, avoiding: Set<String>,
                        readableOn background: String = "#FFFFFF") -> [String] {
        var result: [String] = []
        var taken = avoiding
        var round = 0
        while result.count < count {
            let (towards, amount) = variant(round)
            for colour in base where result.count < count {
                let mixed = readable(mix(colour, towards, amount), on: background)
                if taken.insert(mixed).inserted { result.append(mixed) }
            }
            round += 1
        }
        return result
    }

    /// `colour` darkened in steps of 2 % towards black until it has ``textContrast``
    /// against `background` and against white; unchanged when it already has.
    static func readable(_ colour: String, on background: String) -> String {
        mix(colour, 0, darkening(colour, on: background))
    }

    /// How far (0…1, in steps of 0.02) `colour` must be mixed with black to have
    /// ``textContrast`` against `background` and against white.
    static func darkening(_ colour: String, on background: String) -> Double {
        var steps = 0
        var current = colour
        while min(contrast(current, background), contrast(current, "#FFFFFF")) < textContrast && steps < 50 {
            steps += 1
            current = mix(colour, 0, Double(steps) * 0.02)
        }
        return Double(steps) * 0.02
    }

    /// WCAG 2 contrast ratio of two `#RRGGBB` colours, from 1 (equal) to 21 (black on white).
    static func contrast(_ a: String, _ b: String) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// WCAG 2 relative luminance of a `#RRGGBB` colour (0 black, 1 white).
    static func luminance(_ colour: String) -> Double {
        let (r, g, b) = linearRGB(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The colour's channels as linear-light sRGB values in 0…1 (black for text that is no colour).
    static func linearRGB(_ colour: String) -> (Double, Double, Double) {
        let value = channels(colour)
        let linear = value.map { channel -> Double in
            let c = Double(channel) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return (linear[0], linear[1], linear[2])
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

    private static func channels(_ colour: String) -> [Int] {
        guard colour.hasPrefix("#"), colour.count == 7, let value = Int(colour.dropFirst(), radix: 16) else {
            return [0, 0, 0]
        }
        return [value >> 16 & 255, value >> 8 & 255, value & 255]
    }

    /// `colour` moved `amount` of the way towards grey level `towards` (0 black, 255 white).
    private static func mix(_ colour: String, _ towards: Int, _ amount: Double) -> String {
        guard colour.hasPrefix("#"), colour.count == 7 else { return colour }
        let mixed = channels(colour).map { channel -> Int in
            Int((Double(channel) + (Double(towards) - Double(channel)) * amount).rounded())
        }
        return "#" + mixed.map { String($0, radix: 16, uppercase: true) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
}
