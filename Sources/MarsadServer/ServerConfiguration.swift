/// What `marsad serve` is told on its command line and in its environment.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `MARSAD_INGEST_TOKEN`: when set, uploads need `Authorization: Bearer <token>` (the web form
    /// exchanges it once for a session cookie); reading never does.
    public var ingestToken: String?
    /// `--open-uploads`: without a token, accept uploads from this machine's loopback only. Off by
    /// default, so that a server started with neither refuses every upload.
    public var openUploads: Bool
    /// The largest page an upload may send, in bytes.
    public var maxUploadBytes: Int
    /// Shown in the page header and the OpenAPI document.
    public var siteName: String
    /// After an upload, the archive's names are resolved into entities and its sagas built once
    /// this long has passed (uploads in the meantime wait for the same run); nil leaves both to
    /// `marsad entities resolve` and `marsad sagas build`.
    public var resolutionDelay: Duration?
    /// `--export-limit`: the most articles one `GET /api/v1/export` streams; a search matching more
    /// is refused with the count, so that nobody takes a cut-off file for the whole result.
    public var exportLimit: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, ingestToken: String? = nil, openUploads: Bool = false, maxUploadBytes: Int = 8 << 20,
        siteName: String = "مرصد", resolutionDelay: Duration? = .seconds(30), exportLimit: Int = ServerConfiguration.defaultExportLimit
    ) {
        self.resolutionDelay = resolutionDelay
        self.exportLimit = exportLimit
        self.host = host
        self.port = port
        self.ingestToken = ingestToken.flatMap { $0.isEmpty ? nil : $0 }
        self.openUploads = openUploads
        self.maxUploadBytes = maxUploadBytes
        self.siteName = siteName
    }

    /// A hundred thousand articles: a few hundred megabytes of CSV, a minute of one core.
    public static let defaultExportLimit = 100_000

    /// Who may store pages.
    public var uploads: UploadAccess {
        if let ingestToken { return .token(ingestToken) }
        return openUploads ? .loopback : .closed
    }
}

/// The three ways a server can take uploads; the default is none.
public enum UploadAccess: Sendable, Equatable {
    /// Every upload is refused with 403 and the way to enable uploads.
    case closed
    /// `Authorization: Bearer <token>`, or a session cookie that the token bought.
    case token(String)
    /// `--open-uploads`: any loopback peer whose `Origin`, if sent, is this server.
    case loopback
}
