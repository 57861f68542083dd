import Foundation
import Testing

/// `--html FILE`: the explorer page is written like every other output, in identical bytes for the same
/// input, with one focusable term per path, and refused before anything is written above its term limit.
@Suite struct ExplorerCommandTests {
    @Test func thePageIsTheSameBytesEveryRunWithOneTermPerPath() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var pages: [Data] = []
        for name in ["a.html", "b.html"] {
            let result = try CLI.run(["--model", "cs187", "--length", "3", "--html", name], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            pages.append(try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        #expect(pages[0] == pages[1])
        let page = String(decoding: pages[0], as: UTF8.self)
        let paths = try CLI.run(["--model", "cs187", "--length", "3", "--paths"]).stdout.split(separator: "\n")
        // The shown length's expanded symbolic form: the section of N = 3, up to its closed twin.
        let section = try #require(page.range(of: "data-length=\"3\"")).upperBound
        let closed = try #require(page.range(of: "data-form=\"expanded-closed\"", range: section..<page.endIndex)).lowerBound
        let terms = page[section..<closed].components(separatedBy: " data-term=\"").count - 1
        #expect(terms == paths.count)
        #expect(page.contains("data-node=\"h_1\""))
        #expect(page.contains("data-edge=\"h_1-&gt;h_2\""))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http"))
        #expect(pages[0].count < 200_000)
    }

    @Test func theValuesTableIsNotWrittenBesideThePage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = CLI.packageRoot.appendingPathComponent("Docs/examples/lab-2x2.json").path
        let result = try CLI.run(["--model", "cs187", "--values", values, "--html", "lab.html"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let page = try String(contentsOf: folder.appendingPathComponent("lab.html"), encoding: .utf8)
        #expect(page.contains("data-contribution=\""))
    }

    @Test func thePageGoesToStandardOutputWithADash() throws {
        let result = try CLI.run(["--model", "cs187", "--length", "2", "--html", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test(arguments: [("7", "would hold 20199 terms"), ("200", "would hold about 10^")])
    func tooManyTermsAreRefusedWithTheirCountBeforeAnythingIsWritten(length: String, count: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--model", "lstm", "--length", length, "--html", "big.html"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("rnngraph: error: the explorer page at N = \(length) \(count)"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("use a shorter length or a smaller model\n"))
        #expect(CLI.files(in: folder).isEmpty)
    }

    @Test(arguments: [(["--svg", "g.svg"], "a figure output"), (["--latex"], "--latex"), (["--form", "compact"], "--form"),
                      (["--show", "U,h1"], "--show"), (["--parameters", "labels"], "--parameters")])
    func anOptionThePageWouldIgnoreIsRefused(extra: [String], option: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["--model", "cs187", "--html", "page.html"] + extra, in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(option) does not apply to --html"), "\(result.stderr)")
        #expect(CLI.files(in: folder).isEmpty)
    }
}
