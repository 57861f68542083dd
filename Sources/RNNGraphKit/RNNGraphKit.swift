// The library's public face: one import for the whole pipeline, whose stages
// are modules of their own so that the compiler keeps data flowing one way:
// RNNGraphCore (model texts, options, the unrolled graph) ← RNNGraphPaths
// (paths, counts, the rolled graph) ← RNNGraphCalculus (chain-rule formulas)
// and RNNGraphNumerics (values, gradients, their checks) ← RNNGraphPrinters
// (LaTeX, equations, worked solutions) ← RNNGraphFigure (figures, whose TikZ
// labels are the printers' LaTeX).
@_exported import RNNGraphCalculus
@_exported import RNNGraphCore
@_exported import RNNGraphFigure
@_exported import RNNGraphNumerics
@_exported import RNNGraphPaths
@_exported import RNNGraphPrinters
