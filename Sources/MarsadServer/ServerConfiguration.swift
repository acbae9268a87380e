/// What `marsad serve` is told on its command line and in its environment.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `MARSAD_INGEST_TOKEN`: when set, uploads need `Authorization: Bearer <token>`; reading never does.
    public var ingestToken: String?
    /// The largest page an upload may send, in bytes.
    public var maxUploadBytes: Int
    /// Shown in the page header and the OpenAPI document.
    public var siteName: String

    public init(host: String = "127.0.0.1", port: Int = 8080, ingestToken: String? = nil, maxUploadBytes: Int = 8 << 20, siteName: String = "مرصد") {
        self.host = host
        self.port = port
        self.ingestToken = ingestToken.flatMap { $0.isEmpty ? nil : $0 }
        self.maxUploadBytes = maxUploadBytes
        self.siteName = siteName
    }
}
