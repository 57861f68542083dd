import Testing
@testable import RNNGraphKit

/// The bundled texts of the three presets unroll to exactly the graphs of the
/// preset builders, for every option the presets take: so every output of
/// `--model cs187.rnn` equals that of `--model cs187`.
@Suite("Bundled preset texts")
struct BundledPresetTests {
    static func variants(_ preset: Preset) -> [ModelOptions] {
        var result: [ModelOptions] = []
        for length in [1, 2, 4] {
            for detail in [false, true] {
                for placement in LossPlacement.allCases {
                    for reduction in LossReduction.allCases {
                        for copies in [false, true] {
                            var base = ModelOptions(preset: preset, length: length, detail: detail, lossPlacement: placement,
                                                    reduction: reduction, parameterCopies: copies)
                            result.append(base)
                            base.activation = .sigmoid
                            result.append(base)
                            if preset != .cs187 {
                                var noBias = base
                                noBias.biases = false
                                result.append(noBias)
                            }
                            if preset == .goodfellow {
                                var zero = base
                                zero.startsAtZero = true
                                result.append(zero)
                                var squared = base
                                squared.outputLoss = .squared
                                result.append(squared)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    @Test("each preset's text unrolls to the builder's graph", arguments: Preset.allCases)
    func sameGraph(preset: Preset) throws {
        let definition = try #require(BundledModels.definition(named: preset.rawValue))
        for options in Self.variants(preset) {
            var textOptions = options
            textOptions.definition = definition
            let built = try Model(options).graph
            let parsed = try Model(textOptions).graph
            #expect(parsed.count == built.count, "\(options)")
            for (a, b) in zip(built.variables, parsed.variables) {
                #expect(a == b, "\(preset) \(options): \(a.name) \(a.kind) vs \(b.name) \(b.kind)")
                if a != b { return }
            }
        }
    }

    @Test("every bundled model parses and unrolls", arguments: BundledModels.names)
    func bundledParses(name: String) throws {
        let definition = try #require(BundledModels.definition(named: name))
        for length in 1...5 {
            let model = try Model(ModelOptions(definition: definition, length: length))
            #expect(model.graph.loss != nil)
        }
    }
}
