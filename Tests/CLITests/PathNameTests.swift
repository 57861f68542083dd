import Testing

/// `--paths` writes names as the command line accepts them, subscripts of the name kept.
@Suite("Names in --paths")
struct PathNameTests {
    @Test func namesKeepTheirSubscripts() throws {
        let lstm = try CLI.run(["--model", "lstm", "--paths", "--wrt", "W_hf", "--length", "1"])
        #expect(lstm.stdout.split(separator: "\n").first == "1: W_hf → f₁ → c₁ → h₁ → p₁ → L")
        let stacked = try CLI.run(["--model", "stacked", "--paths", "--length", "1"])
        #expect(stacked.stdout.split(separator: "\n").first == "1: W^(1)_x → h^(1)₁ → h^(2)₁ → o₁ → L")
        let cs187 = try CLI.run(["--paths", "--length", "2"])
        #expect(cs187.stdout == "1: U → h₁ → o₁ → L\n2: U → h₂ → o₂ → L\n3: U → h₁ → h₂ → o₂ → L\n")
    }
}

/// `--help` fits an 80-column terminal: no example is wrapped mid-comment.
@Suite("Help text")
struct HelpTextTests {
    @Test func everyLineFitsEightyColumns() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        let examples = help.stdout.components(separatedBy: "USAGE:")[0]
        for line in examples.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
            if line.hasPrefix("  ") { #expect(line.hasPrefix("  rnngraph "), "an example wrapped: \(line)") }
        }
    }
}
