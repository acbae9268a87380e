// swift-tools-version: 6.1
// libFuzzer harnesses for the readers. Build and run with ./run.sh (see README in this folder).
import PackageDescription

let package = Package(
    name: "MarsadFuzz",
    dependencies: [.package(name: "Marsad", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzExtract",
            dependencies: [
                .product(name: "NewsExtraction", package: "Marsad"),
                .product(name: "NewsModel", package: "Marsad"),
            ]
        ),
    ]
)
