import Foundation
import Testing
import RNNGraphKit
import RNNGraphRender

/// The command line begins Graphviz's start-up (plugins, fonts) on a second thread when it is
/// asked for a PDF or PNG (``GraphvizRenderer/prepare(_:)``): the figure must not change, and a
/// run that fails while the libraries are still loading must end as cleanly as any other.
@Suite struct PreparedRenderTests {
    /// The `rnngraph` executable built beside the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("rnngraph").path

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnngraph-prepared-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [("cs187", 3, RenderFormat.pdf), ("lstm", 2, .pdf), ("gru", 2, .png)])
    func preparedRunDrawsWhatTheLibraryDraws(model: String, length: Int, format: RenderFormat) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("figure.\(format.rawValue)").path
        let status = try run(Self.executable, ["--model", model, "--length", "\(length)", "--\(format.rawValue)", path]).status
        #expect(status == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let figure = try Figure(Model(ModelOptions(model: try #require(BundledModel(rawValue: model)), length: length)))
        #expect(written == (try GraphvizRenderer.render(figure, format: format)))
    }

    @Test func runsThatFailWhileGraphvizStartsEndCleanly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.pdf").path
        // Refused at once (an unknown model, a length of 0), while the second thread loads the plugins.
        for arguments in [["--model", "no-such-model", "--pdf", path], ["--length", "0", "--png", path]] {
            for _ in 0..<10 {
                let status = try run(Self.executable, arguments).status
                #expect(status == 64 || status == 65, "\(arguments)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func preparingTwiceAndWaitingIsHarmless() throws {
        GraphvizRenderer.prepare(.pdf)
        GraphvizRenderer.prepare(.png)
        GraphvizRenderer.prepare(.svg)  // nothing to begin
        GraphvizRenderer.finishPreparing()
        let figure = try Figure(Model(ModelOptions(length: 2)))
        #expect(try GraphvizRenderer.render(figure, format: .pdf) == GraphvizRenderer.render(figure, format: .pdf))
    }
}
