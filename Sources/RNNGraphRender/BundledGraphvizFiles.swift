import Foundation

/// The Graphviz files the Python wheel ships beside the executable, in
/// `lib/rnngraph` next to the executable's folder: the plugins with their
/// configuration (`graphviz`) and a font configuration with a fallback font
/// (`fonts/fonts.conf`). The wheel's Graphviz libraries are renamed copies
/// that Graphviz cannot locate itself, so before the first Graphviz context
/// these are named to Graphviz through `GVBINDIR` and `FONTCONFIG_FILE`, each
/// unless the environment sets it. Without that folder (an installed binary,
/// the library inside another program) Graphviz finds its installed plugins
/// and fonts as usual.
enum BundledGraphvizFiles {
    /// The plugin folder Graphviz uses: `GVBINDIR`, set from the shipped
    /// folder when there is one; nil for the folder beside libgvc.
    static var pluginFolder: String? {
        _ = applied
        return ProcessInfo.processInfo.environment["GVBINDIR"]
    }

    /// Sets the variables (once, before the first context).
    static func apply() { _ = applied }

    private static let applied: Bool = {
        guard let executable = executableURL?.resolvingSymlinksInPath() else { return false }
        let shipped = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib").appendingPathComponent("rnngraph")
        setUnlessSet("GVBINDIR", shipped.appendingPathComponent("graphviz").path)
        setUnlessSet("FONTCONFIG_FILE", shipped.appendingPathComponent("fonts").appendingPathComponent("fonts.conf").path)
        return true
    }()

    /// The running executable. On Linux read from `/proc/self/exe`: `Bundle.main` lists the
    /// executable's whole folder when first asked (42 M instructions in a folder of 17,000 files,
    /// such as an installed binary's `bin`).
    private static var executableURL: URL? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        return Bundle.main.executableURL
    }

    private static func setUnlessSet(_ name: String, _ path: String) {
        guard getenv(name) == nil, FileManager.default.isReadableFile(atPath: path) else { return }
        setenv(name, path, 1)
    }
}
