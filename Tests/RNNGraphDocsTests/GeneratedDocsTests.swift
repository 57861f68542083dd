import Foundation
import Testing

/// The generated files checked in under `Docs/` are what `make docs` writes now.
@Suite struct GeneratedDocsTests {
    @Test func checkedInDocsAreCurrent() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = Support.packageRoot.appendingPathComponent("Docs")
        let manager = FileManager.default
        for sub in ["images", "examples"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let input = "examples/lab-2x2.json"
        try manager.copyItem(at: docs.appendingPathComponent(input), to: folder.appendingPathComponent(input))

        let result = try Support.run(try Support.product("DocsGeneratorExample"), ["--docs", folder.path])
        #expect(result.status == 0, "\(result.error)")
        let written = result.output.split(separator: "\n").map(String.init)
        #expect(written.count >= 13, "the generator lists the files it writes")
        for path in written {
            #expect(path.hasPrefix(folder.path + "/"), "\(path) is outside the output folder")
            let relative = String(path.dropFirst(folder.path.count + 1))
            let fresh = try Data(contentsOf: URL(fileURLWithPath: path))
            let checkedIn = manager.contents(atPath: docs.appendingPathComponent(relative).path)
            #expect(checkedIn == fresh, "Docs/\(relative) is stale: run make docs")
        }
    }
}
