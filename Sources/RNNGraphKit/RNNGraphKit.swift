// The library's public face: one import for the whole pipeline, whose stages
// are modules of their own so that the compiler keeps data flowing one way.
// Below everything is RNNGraphCore (model texts, options, the unrolled graph);
// on it stand RNNGraphNotation (names with time indices in LaTeX, text and
// HTML; the LaTeX and HTML text escapers) and RNNGraphPaths (paths, counts,
// the rolled graph); RNNGraphCalculus (chain-rule formulas) and
// RNNGraphNumerics (values, gradients, their checks) stand on the paths;
// RNNGraphPrinters (LaTeX, equations, worked solutions) on all of those, and
// RNNGraphFigure (figures) on the core, the paths and the notation only.
@_exported import RNNGraphCalculus
@_exported import RNNGraphCore
@_exported import RNNGraphFigure
@_exported import RNNGraphNotation
@_exported import RNNGraphNumerics
@_exported import RNNGraphPaths
@_exported import RNNGraphPrinters
