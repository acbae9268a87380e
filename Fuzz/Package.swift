// swift-tools-version: 6.1
// libFuzzer harnesses for the readers. Build and run with ./run.sh (see README in this folder).
import PackageDescription

let package = Package(
    name: "MarsadFuzz",
    dependencies: [.package(name: "Marsad", path: "..")],
    targets: [
        // Only a header: the symbol comes from libclang_rt.fuzzer, which -sanitize=fuzzer links.
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(
            name: "FuzzExtract",
            dependencies: [
                "CLibFuzzer",
                .product(name: "NewsExtraction", package: "Marsad"),
                .product(name: "NewsModel", package: "Marsad"),
            ]
        ),
    ]
)
