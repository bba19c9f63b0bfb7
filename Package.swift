// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "heapscope",
    products: [
        .executable(name: "heapscope", targets: ["heapscope"]),
        .library(name: "HeapscopeProfile", targets: ["HeapscopeProfile"]),
        .library(name: "HeapscopeAnalysis", targets: ["HeapscopeAnalysis"]),
        .library(name: "HeapscopeReport", targets: ["HeapscopeReport"]),
        .library(name: "HeapscopeLive", targets: ["HeapscopeLive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // RE2 (Debian's libre2-dev) behind a small C interface: Go's regexp
        // syntax, matched in linear time, for every pattern option.
        .target(
            name: "CRE2",
            linkerSettings: [.linkedLibrary("re2")]
        ),
        // Bytes in, `Profile` out: gzip, the protobuf wire format, validation.
        .target(name: "HeapscopeProfile", dependencies: ["CZlib"]),
        // A `Profile` in, views out as plain data.
        .target(name: "HeapscopeAnalysis", dependencies: ["HeapscopeProfile", "CRE2"]),
        // View data rendered as pprof-style text, DOT or JSON.
        .target(name: "HeapscopeReport", dependencies: ["HeapscopeAnalysis", "HeapscopeProfile"]),
        // Live services: profiles over HTTP, scheduled captures, alerts, metrics.
        .target(
            name: "HeapscopeLive",
            dependencies: [
                "HeapscopeProfile", "HeapscopeAnalysis", "HeapscopeReport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        // Thin executable: argument parsing and wiring.
        .executableTarget(
            name: "heapscope",
            dependencies: [
                "HeapscopeProfile", "HeapscopeAnalysis", "HeapscopeReport", "HeapscopeLive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test-only helpers: a hand-written protobuf writer for synthetic profiles.
        .target(name: "HeapscopeTestSupport", path: "Tests/HeapscopeTestSupport"),
        .testTarget(name: "HeapscopeProfileTests", dependencies: ["HeapscopeProfile", "HeapscopeTestSupport"]),
        .testTarget(name: "HeapscopeAnalysisTests", dependencies: ["HeapscopeAnalysis", "HeapscopeProfile", "HeapscopeTestSupport"]),
        .testTarget(name: "HeapscopeLiveTests", dependencies: ["HeapscopeLive", "HeapscopeProfile", "HeapscopeTestSupport"]),
        .testTarget(
            name: "HeapscopeCLITests",
            dependencies: ["HeapscopeProfile", "HeapscopeAnalysis", "HeapscopeReport", "HeapscopeLive", "HeapscopeTestSupport"]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
