import Foundation
import Testing

/// What an installation relies on: the version, and shell completions that
/// offer files for every path option.
@Suite struct InstallationCommandTests {
    @Test func versionIsTheVersionFile() throws {
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == expected + "\n")
    }

    @Test func bashCompletionOffersFilesForPathOptions() throws {
        let r = try CLI.run(["--generate-completion-script", "bash"])
        #expect(r.status == 0)
        let filters = ["--pdf": "pdf", "--svg": "svg", "--png": "png", "--dot": "dot|gv", "--latex-out": "tex",
                       "--values": "json", "--document": "tex|md"]
        for (option, extensions) in filters {
            #expect(r.stdout.contains("'\(option)')\n        __rnngraph_add_completions -o plusdirs -fX '!*.@(\(extensions))'"),
                    "\(option) does not complete files *.\(extensions)")
        }
        #expect(r.stdout.contains("'--templates')\n        __rnngraph_add_completions -d"))
    }

    @Test func modelCompletesToNamesAndModelFiles() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("models"),
                                                withIntermediateDirectories: true)
        for file in ["lab.rnn", "notes.txt", "models/elman.rnn"] {
            try Data().write(to: folder.appendingPathComponent(file))
        }
        let all = try CLI.run(["---completion", "--", "--model", "2", "0", "rnngraph", "--model", ""], in: folder)
        let bundled = ["cs187", "goodfellow", "pytorch", "lstm", "gru", "elman", "stacked", "bidirectional", "bigram",
                       "layernorm-lstm"]
        #expect(all.stdout == bundled.joined(separator: "\n") + "\nlab.rnn\nmodels/\n")
        let inFolder = try CLI.run(["---completion", "--", "--model", "2", "7", "rnngraph", "--model", "models/"],
                                   in: folder)
        #expect(inFolder.stdout == "models/elman.rnn\n")
        let template = try CLI.run(["---completion", "--", "--template", "2", "1", "rnngraph", "--template", "s"],
                                   in: folder)
        #expect(template.stdout == "slides\nsection\n")
    }

    @Test func variableOptionsCompleteToTheModelsNames() throws {
        let wrt = try CLI.run(["---completion", "--", "--wrt", "4", "3", "rnngraph", "--model", "lstm", "--wrt", "W_h"])
        #expect(wrt.stdout == "W_hi\nW_hf\nW_hg\nW_ho\nW_hq\n")
        let of = try CLI.run(["---completion", "--", "--of", "4", "1", "rnngraph", "--length", "2", "--of", "h"])
        #expect(of.stdout == "h_0\nh_1\nh_2\n")
        let show = try CLI.run(["---completion", "--", "--show", "2", "7", "rnngraph", "--show", "U,h_1,o"])
        #expect(show.stdout == "U,h_1,o_1\nU,h_1,o_2\nU,h_1,o_3\n")
    }
}
