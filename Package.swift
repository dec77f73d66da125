// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "NNLab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nn", targets: ["nn"]),
        .executable(name: "nn-bench", targets: ["nn-bench"]),
        .executable(name: "nn-fuzz", targets: ["nn-fuzz"]),
        .library(name: "NNEngine", targets: ["NNEngine"]),
        .library(name: "NNPlot", targets: ["NNPlot"]),
        .library(name: "NNLang", targets: ["NNLang"]),
        .library(name: "NNTeach", targets: ["NNTeach"]),
        .library(name: "NNRepl", targets: ["NNRepl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "NNEngine", dependencies: ["CBLAS"]),
        .target(name: "NNPlot"),
        .target(
            name: "NNLang",
            dependencies: [
                "NNEngine", "NNPlot", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .copy("Resources/digits.csv"), .copy("Resources/iris.csv"), .copy("Resources/iris-LICENSE.txt"),
            ],
            // The interpreter's state lives in classes, used by one thread at a time; Swift's run-time
            // exclusivity checks on their properties cost about a tenth of a Python loop's time.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(name: "NNTeach", dependencies: ["NNEngine", "NNPlot"]),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "NNRepl", dependencies: ["NNLang", "NNPlot", "NNTeach", "NNEngine", "CEditLine"]),
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .target(
            name: "NNKernel",
            dependencies: ["NNRepl", "NNLang", "NNEngine", "CZMQ", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "nn",
            dependencies: ["NNEngine", "NNLang", "NNPlot", "NNTeach", "NNRepl", "NNKernel", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "nn-bench", dependencies: ["NNEngine"]),
        .executableTarget(name: "nn-fuzz"),
        .testTarget(name: "NNEngineTests", dependencies: ["NNEngine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNReplTests", dependencies: ["NNRepl", "NNLang"]),
        .testTarget(name: "NNKernelTests", dependencies: ["NNKernel", "NNLang", "NNEngine"]),
        .testTarget(name: "NNPlotTests", dependencies: ["NNPlot"], exclude: ["Fixtures"]),
        .testTarget(name: "NNTeachTests", dependencies: ["NNTeach", "NNEngine", "NNLang", "NNPlot"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TranscriptTests", dependencies: ["nn"], exclude: ["Transcripts", "Scripts"]),
        .testTarget(
            name: "NNLangTests", dependencies: ["NNLang", "NNEngine", "NNPlot"], resources: [.copy("Programs"), .copy("Fixtures")]
        ),
        .testTarget(name: "NNFuzzTests", dependencies: ["nn-fuzz"]),
    ]
)

// The libFuzzer target exists only when scripts/fuzz-libfuzzer builds it (with -sanitize=fuzzer,
// which links libFuzzer's driver), so a plain `swift build` neither sees nor links it.
if Context.environment["NNLAB_LIBFUZZER"] != nil {
    package.targets += [
        .target(name: "LibFuzzerDriver", path: "Fuzz/LibFuzzerDriver"),
        .executableTarget(name: "nn-libfuzzer", dependencies: ["NNLang", "NNEngine", "LibFuzzerDriver"],
                          path: "Fuzz/LibFuzzer"),
    ]
}
