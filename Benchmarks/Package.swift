// swift-tools-version: 6.1

import PackageDescription

// Benchmarks live in their own package so that their dependencies never reach Marsad's users.
let package = Package(
    name: "MarsadBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Marsad", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TextEngine",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "ArabicText", package: "Marsad"),
            ],
            path: "Benchmarks/TextEngine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "Extraction",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "NewsExtraction", package: "Marsad"),
                .product(name: "NewsModel", package: "Marsad"),
            ],
            path: "Benchmarks/Extraction",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
