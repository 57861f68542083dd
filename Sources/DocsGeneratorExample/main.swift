// A documentation generator written only against the public API of
// RNNGraphKit and RNNGraphDocs: it writes article.tex, slides.tex and
// section.md, with the figures they reference, into the folder it is given.
//
//   swift run DocsGeneratorExample out/ [cs187|goodfellow|pytorch] [N]
import Foundation
import RNNGraphDocs
import RNNGraphKit

let arguments = Array(CommandLine.arguments.dropFirst())
guard (1...3).contains(arguments.count),
      let preset = arguments.count > 1 ? Preset(rawValue: arguments[1]) : .cs187,
      let length = arguments.count > 2 ? Int(arguments[2]) : 2 else {
    FileHandle.standardError.write(Data("usage: DocsGeneratorExample FOLDER [cs187|goodfellow|pytorch] [N]\n".utf8))
    exit(64)
}
let folder = URL(fileURLWithPath: arguments[0])

do {
    let model = try Model(ModelOptions(preset: preset, length: length))
    let generator = try DocumentGenerator(model: model)
    for (template, file) in [("article", "article.tex"), ("slides", "slides.tex"), ("section", "section.md")] {
        let written = try generator.write(DocumentTemplate.named(template),
                                          to: folder.appendingPathComponent(file).path)
        print(written.joined(separator: "\n"))
    }
} catch {
    FileHandle.standardError.write(Data("DocsGeneratorExample: error: \(error)\n".utf8))
    exit(1)
}
