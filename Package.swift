// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rnngraph",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RNNGraphKit", targets: ["RNNGraphKit"]),
        .library(name: "RNNGraphRender", targets: ["RNNGraphRender"]),
        .library(name: "RNNGraphDocs", targets: ["RNNGraphDocs"]),
        .executable(name: "rnngraph", targets: ["rnngraph"]),
        .executable(name: "DocsGeneratorExample", targets: ["DocsGeneratorExample"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        // The pipeline's stages, each depending only on those it reads: the notation, paths, calculus
        // and numerics each on the core, the printers on those, the figure on the core, paths and notation.
        .target(name: "RNNGraphCore"),
        .target(name: "RNNGraphNotation", dependencies: ["RNNGraphCore"]),
        .target(name: "RNNGraphPaths", dependencies: ["RNNGraphCore", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "RNNGraphCalculus", dependencies: ["RNNGraphCore", "RNNGraphPaths", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "RNNGraphNumerics", dependencies: ["RNNGraphCore", "RNNGraphPaths", .product(name: "BigInt", package: "BigInt")]),
        .target(
            name: "RNNGraphPrinters",
            dependencies: ["RNNGraphCore", "RNNGraphNotation", "RNNGraphPaths", "RNNGraphCalculus", "RNNGraphNumerics"]
        ),
        .target(name: "RNNGraphFigure", dependencies: ["RNNGraphCore", "RNNGraphNotation", "RNNGraphPaths"]),
        .target(
            name: "RNNGraphKit",
            dependencies: ["RNNGraphCore", "RNNGraphNotation", "RNNGraphPaths", "RNNGraphCalculus", "RNNGraphNumerics",
                           "RNNGraphPrinters", "RNNGraphFigure"]
        ),
        .target(
            name: "RNNGraphRender",
            dependencies: ["RNNGraphKit", "CGraphviz"]
        ),
        .target(
            name: "RNNGraphDocs",
            dependencies: [
                "RNNGraphKit", "RNNGraphRender", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        .executableTarget(name: "DocsGeneratorExample", dependencies: ["RNNGraphKit", "RNNGraphRender", "RNNGraphDocs"]),
        .executableTarget(
            name: "rnngraph",
            dependencies: [
                "RNNGraphKit", "RNNGraphRender", "RNNGraphDocs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RNNGraphKitTests",
            dependencies: ["RNNGraphKit", "RNNGraphCore", "RNNGraphNotation", "RNNGraphPaths", "RNNGraphCalculus",
                           "RNNGraphNumerics", "RNNGraphPrinters", "RNNGraphFigure"],
            exclude: ["Expected"]
        ),
        .testTarget(name: "RNNGraphRenderTests", dependencies: ["RNNGraphKit", "RNNGraphRender"]),
        .testTarget(name: "CLITests", dependencies: ["rnngraph"]),
        .testTarget(name: "RNNGraphDocsTests", dependencies: ["RNNGraphKit", "RNNGraphRender", "RNNGraphDocs"]),
    ],
    swiftLanguageModes: [.v5]
)

// #file is the module-relative #fileID in every target, so that a failed
// precondition names Module/File.swift rather than the build machine's path.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ConciseMagicFile")]
}
