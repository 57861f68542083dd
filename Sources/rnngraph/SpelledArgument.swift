import ArgumentParser

/// An option's enumerated values, each spelled on the command line as its raw value.
///
/// The same strings as swift-argument-parser's defaults for a `CaseIterable`
/// `RawRepresentable` type (its raw values, in case order, with no separate
/// descriptions), given directly: the defaults print every value through
/// `String(describing:)`, whose dynamic casts are a measurable part of start-up,
/// and the argument parser asks for them each time it builds the options.
protocol SpelledArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension SpelledArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
