// rnngraph-probe count N [model]   — builds the model and counts paths U → L,
//                                    what `rnngraph --count` does, minus argument parsing.
// rnngraph-probe build N [model]   — builds the model only.
import RNNGraphKit
#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 3, let length = Int(arguments[2]) else {
    fputs("usage: rnngraph-probe count|build N [cs187|goodfellow|pytorch]\n", stderr)
    exit(64)
}
let preset = arguments.count > 3 ? Preset(rawValue: arguments[3]) ?? .cs187 : .cs187
do {
    let model = try Model(ModelOptions(preset: preset, length: length))
    switch arguments[1] {
    case "count":
        let graph = model.graph
        let source = graph.variables.first { $0.kind == .parameter }!.id
        guard let loss = graph.loss else { fputs("no loss\n", stderr); exit(70) }
        print(PathCounter.count(graph, from: source, to: loss.id))
    default:
        print(model.graph.count)
    }
} catch {
    fputs("rnngraph-probe: \(error)\n", stderr)
    exit(64)
}
