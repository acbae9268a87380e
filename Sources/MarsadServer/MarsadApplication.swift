public import Archive
public import HTTPTypes
public import Hummingbird
public import Logging
public import Ingestion

/// `marsad serve`: the reading site and the JSON API over one archive.
///
/// ```swift
/// let app = try MarsadApplication.make(archive: store, configuration: .init(port: 8080))
/// try await app.runService()   // stops cleanly on SIGINT/SIGTERM
/// ```
public enum MarsadApplication {
    public static func make(
        archive: any ArchiveStore, configuration: ServerConfiguration = ServerConfiguration(),
        ingestor: Ingestor = Ingestor(), logger: Logger? = nil
    ) throws -> some ApplicationProtocol {
        let logger = logger ?? Logger(label: "marsad.serve")
        let router = try router(archive: archive, configuration: configuration, ingestor: ingestor, logger: logger)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "marsad"),
            logger: logger)
    }

    /// The routes alone, for tests (`app.test(.router)`) and for embedding.
    public static func router(
        archive: any ArchiveStore, configuration: ServerConfiguration = ServerConfiguration(),
        ingestor: Ingestor = Ingestor(), logger: Logger? = nil
    ) throws -> Router<MarsadRequestContext> {
        let pages = try PageRenderer(siteName: configuration.siteName)
        let caches = ServerCaches(resolutionDelay: configuration.resolutionDelay)
        let gate = UploadGate(access: configuration.uploads, host: configuration.host, sessions: UploadSessions())
        let router = Router(context: MarsadRequestContext.self, options: .autoGenerateHeadEndpoints)
        let table = MethodTable(router)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware(pages: pages))
        APIRoutes(archive: archive, configuration: configuration, ingestor: ingestor, caches: caches, gate: gate).register(on: table)
        WebRoutes(
            archive: archive, configuration: configuration, ingestor: ingestor, pages: pages, caches: caches, pending: PendingUploads(), gate: gate)
            .register(on: table)
        Assets.register(on: table)
        table.refuseOtherMethods()
        return router
    }
}
