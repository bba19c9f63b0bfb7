// swift-tools-version:6.0
// libFuzzer targets for heapscope, a package of their own so that the main
// package's `swift build` and `swift test` never build them. Build and run
// with Fixtures/fuzz/run.sh (it passes -sanitize=fuzzer,address).
import PackageDescription

let package = Package(
    name: "heapscope-fuzz",
    dependencies: [.package(name: "heapscope", path: "..")],
    targets: [
        // Bytes -> ProfileDecoder.decode: must throw or return, never trap.
        .executableTarget(
            name: "FuzzDecoder",
            dependencies: [.product(name: "HeapscopeProfile", package: "heapscope")]
        ),
        // Bytes -> decode -> every view and renderer (text and JSON).
        .executableTarget(
            name: "FuzzViews",
            dependencies: [
                .product(name: "HeapscopeProfile", package: "heapscope"),
                .product(name: "HeapscopeAnalysis", package: "heapscope"),
                .product(name: "HeapscopeReport", package: "heapscope"),
            ]
        ),
    ]
)
