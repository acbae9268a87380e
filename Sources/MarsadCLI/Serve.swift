import Archive
import ArchivePostgres
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MarsadServer
import NewsAnalysis
import NewsExtraction
import Ingestion

/// `marsad serve`: the reading site and JSON API over an archive, until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the archive as an Arabic reading site and a JSON API.",
        discussion: """
            Pages: / (latest by section), /article/ID, /search?q=…, /person/NAME, /place/NAME,
            /organization/NAME, /stories, /story/ID, /sources, /upload; Atom feeds at /feeds/search.atom?q=…,
            /person/NAME.atom and the like. API: /api/v1 (OpenAPI at /api/v1/openapi.json). --watch also
            runs `marsad watch` in the same process.
            Uploads (POST /api/v1/pages, and the upload form) are closed unless MARSAD_INGEST_TOKEN is
            set (clients send `Authorization: Bearer TOKEN`; the form asks for it once) or
            --open-uploads is given (loopback peers only, and only this server's own pages may post).
            Reading never needs a token.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp(
        "A read replica of the --store PostgreSQL archive: pages, search and the API read from it; writes go to --store.",
        valueName: "postgres://…"))
    var readStore: String?
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Option(help: "Largest upload, in megabytes.") var maxUploadMegabytes: Int = 8
    @Flag(help: "Without MARSAD_INGEST_TOKEN, take uploads from this machine's loopback (a trusted laptop).") var openUploads = false
    @Flag(help: "Store uploads without quotes, entities, quantities and dates.") var noAnalysis = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel: String = "info"
    @Flag(help: "Also follow the archive's sources, as `marsad watch` does, until the server stops.") var watch = false
    @Option(help: "The most articles one GET /api/v1/export streams; a search matching more is refused with its count.")
    var exportLimit: Int = ServerConfiguration.defaultExportLimit

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...512).contains(maxUploadMegabytes) else { throw ValidationError("--max-upload-megabytes must be 1 to 512") }
        guard exportLimit >= 1 else { throw ValidationError("--export-limit must be 1 or more") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be trace, debug, info, notice, warning or error") }
        if let readStore {
            guard storeOptions.isPostgres, PostgresURL.isPostgres(readStore) else {
                throw ValidationError("--read-store needs a postgres:// --store and a postgres:// replica of it")
            }
        }
    }

    /// The archive to serve: the store, or its primary and read replica together.
    func openArchive() async throws -> any ArchiveStore {
        let primary = try await storeOptions.open(setup: .standard)
        guard let readStore else { return primary }
        do {
            let replica = try await PostgresStoreOpener.open(readStore, readOnly: true)
            return ReplicatedArchive(primary: primary, replica: replica)
        } catch {
            try? await primary.close()
            throw error
        }
    }

    func run() async throws {
        var logger = Logger(label: "marsad.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let archive = try await openArchive()
        let configuration = ServerConfiguration(
            host: host, port: port, ingestToken: ProcessInfo.processInfo.environment["MARSAD_INGEST_TOKEN"],
            openUploads: openUploads, maxUploadBytes: maxUploadMegabytes << 20, exportLimit: exportLimit)
        let ingestor = Ingestor(
            setup: .standard, extractor: NewsExtractor(maxBytes: configuration.maxUploadBytes), analyzer: noAnalysis ? nil : .standard)
        let app = try MarsadApplication.make(archive: archive, configuration: configuration, ingestor: ingestor, logger: logger)
        let reading = readStore.map { ", reading from \(StoreOptions.redacted($0))" } ?? ""
        logger.info(
            "serving \(StoreOptions.redacted(storeOptions.store))\(reading) on http://\(host):\(port)",
            metadata: ["uploads": "\(Self.describe(configuration.uploads))"])
        // The server handles SIGINT and SIGTERM; when it has stopped, the watcher finishes its pages.
        let watchLogger = logger
        let watching = watch ? WatchLoop(archive: archive, log: { watchLogger.warning("\($0)") }) : nil
        let watchTask = watching.map { loop in Task { try await loop.run(once: false) { watchLogger.info("\(Watch.summary($0))") } } }
        do {
            try await app.runService()
        } catch {
            watching?.stop()
            _ = try? await watchTask?.value
            try? await archive.close()
            throw CLIError("serve: \(error)")
        }
        watching?.stop()
        do {
            try await watchTask?.value
        } catch {
            logger.error("watch: \(error)")
        }
        try await archive.close()
    }

    static func describe(_ access: UploadAccess) -> String {
        switch access {
        case .closed: return "closed (set MARSAD_INGEST_TOKEN or pass --open-uploads)"
        case .token: return "need the ingest token"
        case .loopback: return "open to loopback peers"
        }
    }
}
