// swift-tools-version:6.0
// A benchmark-only probe: times library operations that the CLI does not
// expose yet on this branch (path counting at large N). Not part of the product.
import PackageDescription

let package = Package(
    name: "rnngraph-probe",
    platforms: [.macOS(.v13)],
    // "rnngraph" is a symlink to the repository root, so the identity is "rnngraph" in any checkout.
    dependencies: [.package(path: "rnngraph")],
    targets: [
        .executableTarget(
            name: "rnngraph-probe",
            dependencies: [.product(name: "RNNGraphKit", package: "rnngraph")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
