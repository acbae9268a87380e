// swift-tools-version: 6.1

import PackageDescription

// One settings list for every target, as Hummingbird does: imports are deliberate.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Marsad",
    products: [
        .executable(name: "marsad", targets: ["marsad"]),
        .library(name: "ArabicText", targets: ["ArabicText"]),
        .library(name: "NewsModel", targets: ["NewsModel"]),
        .library(name: "NewsExtraction", targets: ["NewsExtraction"]),
        .library(name: "NewsAnalysis", targets: ["NewsAnalysis"]),
        .library(name: "Archive", targets: ["Archive"]),
        .library(name: "TermIndex", targets: ["TermIndex"]),
        .library(name: "ArchiveSQLite", targets: ["ArchiveSQLite"]),
        .library(name: "ArchivePostgres", targets: ["ArchivePostgres"]),
        .library(name: "MarsadServer", targets: ["MarsadServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // ByteBuffer and SocketAddress, which Hummingbird's requests and channels are made of.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        // Response decompression limits for fetched pages (already resolved through async-http-client).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // HMAC-SHA256 for signing alert webhooks (already resolved through postgres-nio).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        // Test-only: drives headless Chromium over the DevTools protocol in the browser test.
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
    ],
    targets: [
        // The one stable byte hash (FNV-1a 64), under everything that stores or tables hashes.
        .target(name: "StableHash", swiftSettings: swiftSettings),
        // The Arabic core: standard library and Foundation only.
        .target(name: "ArabicText", dependencies: ["StableHash"], swiftSettings: swiftSettings),
        // The document model of DOCUMENT-MODEL.md: plain Codable values, and the exact-copy hash that
        // identifies an article (it needs the search normalizer).
        .target(name: "NewsModel", dependencies: ["ArabicText", "StableHash"], swiftSettings: swiftSettings),
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // A cache prefetch hint (Swift has no intrinsic for it), for the tagger's weight lookups.
        .target(name: "CPrefetch"),
        // Readers (text dumps, HTML, feeds, JSONL), encodings and page segmentation. No I/O frameworks.
        .target(
            name: "NewsExtraction",
            dependencies: ["ArabicText", "NewsModel", "StableHash", "CLibXML2", "CZlib"],
            resources: [.copy("Resources/rules")],
            swiftSettings: swiftSettings
        ),
        // Quotes and speakers, entities, quantities and dates. No I/O frameworks.
        .target(
            name: "NewsAnalysis",
            dependencies: ["ArabicText", "NewsModel", "StableHash", "CZlib", "CPrefetch"],
            resources: [.copy("Resources/gazetteers"), .copy("Resources/cues"), .copy("Resources/models")],
            swiftSettings: swiftSettings
        ),
        // The store protocol, the query language, index terms and snippets: no database code.
        .target(name: "Archive", dependencies: ["ArabicText", "NewsModel", "StableHash"], swiftSettings: swiftSettings),
        // Our inverted index: segments of compact postings, their merges, and BM25 top-k over them.
        // No I/O: the store keeps the bytes.
        .target(name: "TermIndex", dependencies: ["StableHash"], swiftSettings: swiftSettings),
        // The default store: one SQLite file through GRDB, FTS5 over our own index terms.
        .target(
            name: "ArchiveSQLite",
            dependencies: ["Archive", "ArabicText", "NewsModel", "TermIndex", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        // The one ingestion layer: reading inputs (files, JSONL chunks, URLs), extract, analyze, prepare,
        // store; the preparer and the duplicate/story policy together (`IngestSetup`).
        .target(
            name: "Ingestion",
            dependencies: [
                "Archive", "NewsAnalysis", "NewsExtraction", "NewsModel", "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // The server store: PostgreSQL through postgres-nio, a weighted tsvector over the same index terms.
        .target(
            name: "ArchivePostgres",
            dependencies: ["Archive", "ArabicText", "NewsModel", "StableHash", "TermIndex", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Scores extraction against gold pages (`marsad eval`, and the F1 floor test).
        .target(name: "ExtractionEval", dependencies: ["NewsExtraction", "NewsAnalysis", "NewsModel", "ArabicText"], swiftSettings: swiftSettings),
        // `marsad serve`: the reading site and the JSON API over any ArchiveStore (Hummingbird, Mustache).
        .target(
            name: "MarsadServer",
            dependencies: [
                "Archive", "Ingestion", "NewsModel", "NewsExtraction", "NewsAnalysis", "ArabicText", "StableHash",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/assets"), .copy("Resources/openapi.json")],
            swiftSettings: swiftSettings),
        // The commands, kept in a library so that tests can run them in-process.
        .target(
            name: "MarsadCLI",
            dependencies: [
                "ArabicText",
                "NewsModel",
                "NewsExtraction",
                "NewsAnalysis",
                "Archive",
                "ArchiveSQLite",
                "ArchivePostgres",
                "Ingestion",
                "MarsadServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // `marsad bench`, `train` and `eval`: what measures, trains and evaluates the product, kept out
        // of the product's modules.
        .target(
            name: "MarsadTools",
            dependencies: [
                "MarsadCLI", "ArabicText", "NewsModel", "NewsExtraction", "NewsAnalysis", "ExtractionEval", "Archive",
                "ArchiveSQLite", "Ingestion", "StableHash",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "marsad",
            dependencies: ["MarsadCLI", "MarsadTools", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings),
        .testTarget(name: "StableHashTests", dependencies: ["StableHash"], swiftSettings: swiftSettings),
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"], swiftSettings: swiftSettings),
        .testTarget(name: "TermIndexTests", dependencies: ["TermIndex"], swiftSettings: swiftSettings),
        .testTarget(
            name: "NewsExtractionTests", dependencies: ["NewsExtraction", "NewsModel", "NewsAnalysis", "ArabicText", "ExtractionEval", "StableHash"],
            swiftSettings: swiftSettings),
        .testTarget(name: "NewsAnalysisTests", dependencies: ["NewsAnalysis", "NewsModel", "ArabicText", "StableHash"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ArchiveTests",
            dependencies: [
                "TestSupport", "Archive", "ArchiveSQLite", "ArchivePostgres", "Ingestion", "NewsAnalysis", "NewsModel", "ArabicText", "StableHash", "TermIndex",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MarsadServerTests",
            dependencies: [
                "TestSupport", "MarsadServer", "Archive", "ArchiveSQLite", "ArchivePostgres", "Ingestion", "NewsModel", "NewsExtraction", "NewsAnalysis", "CLibXML2",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // Helpers that several test targets share (a loopback HTTP server on threads of its own, story
        // policies with predictable answers).
        .target(name: "TestSupport", dependencies: ["Archive", "NewsModel"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "WatchTests",
            dependencies: [
                "TestSupport", "Ingestion", "Archive", "ArchiveSQLite", "ArchivePostgres", "NewsModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MarsadCLITests",
            dependencies: [
                "MarsadCLI", "MarsadTools", "TestSupport", "ArabicText", "NewsAnalysis", "ArchivePostgres", "StableHash", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "WSClient", package: "swift-websocket"), .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
    ]
)
