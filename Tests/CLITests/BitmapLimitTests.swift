import Foundation
import Testing

/// A PNG wider than cairo's 32,767-pixel bitmaps is drawn at a lower
/// resolution, silently: standard error stays empty.
@Suite struct BitmapLimitTests {
    @Test func aWideFigureFitsWithoutAStrayMessage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--png", "wide.png", "--length", "400"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let png = try Data(contentsOf: folder.appendingPathComponent("wide.png"))
        #expect(png.count > 24 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 30_000 && width <= 32_767 && height > 100, "\(width) × \(height)")
    }
}
