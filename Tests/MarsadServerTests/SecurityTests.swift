import Archive
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarsadServer
import Testing

@Suite struct SecurityTests {
    /// Stored text with `<script>`, an attribute breakout and a javascript: URL is shown as text.
    @Test func hostileArticleTextIsInert() async throws {
        try await ServerFixtures.withServer { client, _ in
            for uri in ["/article/\(ServerFixtures.hostileID)", "/", "/search?q=\(encoded("فقرة"))", "/person/\(encoded("\"><script>alert(6)</script>"))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = response.text
                    #expect(response.status == .ok, "\(uri)")
                    // Our one script tag is the only one.
                    #expect(html.components(separatedBy: "<script").count == 2, "\(uri)")
                    #expect(!html.contains("<img"), "\(uri)")
                    // Our own charts are the only SVG.
                    let foreign = html.replacingOccurrences(of: "<svg class=\"timeline\" ", with: "").replacingOccurrences(of: "<svg width=\"12\" ", with: "")
                    #expect(!foreign.contains("<svg"), "\(uri)")
                    #expect(!html.contains("<b>") && !html.contains("<i>"), "\(uri)")
                    #expect(!html.lowercased().contains("javascript:"), "\(uri)")
                    // Event handlers only ever appear inside escaped text, never as an attribute.
                    #expect(html.firstMatch(of: /<[^>]*\son\w+=/) == nil, "\(uri)")
                }
            }
            try await client.execute(uri: "/article/\(ServerFixtures.hostileID)", method: .get) { response in
                let html = response.text
                #expect(html.contains("عنوان &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; خبيث"))
                #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
                #expect(!html.contains("المصدر الأصلي"))  // the javascript: URL is dropped, not linked
            }
        }
    }

    @Test(arguments: ["/", "/article/\(ServerFixtures.floodID)", "/api/v1/stats", "/api/v1/articles/zz", "/no/such/page", "/assets/marsad.css"])
    func everyResponseCarriesSecurityHeaders(uri: String) async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: uri, method: .get) { response in
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("default-src 'self'"))
                #expect(policy.contains("script-src 'self'"))
                #expect(policy.contains("object-src 'none'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            }
        }
    }

    @Test(arguments: [
        "/assets/../Package.swift", "/assets/..%2FPackage.swift", "/assets/%2e%2e%2fPackage.swift", "/assets/..%2F..%2F..%2Fetc%2Fpasswd",
        "/assets/%2Fetc%2Fpasswd", "/assets/....//....//etc/passwd", "/assets/marsad.css%00.txt", "/assets/templates%2Farticle.mustache",
        "/assets/", "/assets/.", "/assets/..",
    ])
    func pathTraversalInAssetsIsRefused(uri: String) async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound, "\(uri)")
                #expect(!response.text.contains("swift-tools-version"))
                #expect(!response.text.contains("root:"))
                #expect(!response.text.contains("{{"))
            }
        }
    }

    @Test func uploadsNeedTheTokenWhenOneIsSet() async throws {
        let configuration = ServerConfiguration(ingestToken: "s3cret-token", resolutionDelay: nil)
        try await ServerFixtures.withServer(configuration: configuration) { client, archive in
            let body = ByteBuffer(string: UploadFixtures.htmlPage)
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong-token"], [.authorization: "Bearer s3cret-tokenX"], [.authorization: "Basic czNjcmV0LXRva2Vu"]] {
                try await client.execute(uri: "/api/v1/pages", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            #expect(try await archive.stats().pages == 4)
            try await client.execute(uri: "/api/v1/pages", method: .post, headers: [.authorization: "Bearer s3cret-token"], body: body) { response in
                #expect(response.status == .created)
            }
            #expect(try await archive.stats().pages == 5)
            // Reading never needs it.
            try await client.execute(uri: "/api/v1/stats", method: .get) { response in #expect(response.status == .ok) }
            // The web form asks for it, and refuses a wrong one.
            try await client.execute(uri: "/upload", method: .get) { response in #expect(response.text.contains("name=\"token\"")) }
            let form = MultipartBody(fields: ["token": "nope"], file: ("bridge.html", UploadFixtures.htmlPage))
            try await client.execute(uri: "/upload", method: .post, headers: [.contentType: form.contentType], body: form.buffer) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func oversizedUploadsAreRejected() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading(maxUploadBytes: 2_048)) { client, archive in
            let big = ByteBuffer(string: UploadFixtures.htmlPage + String(repeating: "<p>حشو</p>", count: 500))
            try await client.execute(uri: "/api/v1/pages", method: .post, headers: ServerFixtures.authorization, body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
            let form = MultipartBody(fields: [:], file: ("big.html", UploadFixtures.htmlPage + String(repeating: "<p>حشو</p>", count: 500)))
            try await client.execute(uri: "/upload", method: .post, headers: ServerFixtures.authorized([.contentType: form.contentType]), body: form.buffer) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.text.contains("الملف كبير جدًا"))
            }
            #expect(try await archive.stats().pages == 4)
        }
    }

    @Test func crossSiteFormPostsAreRefused() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, _ in
            let form = MultipartBody(fields: [:], file: ("bridge.html", UploadFixtures.htmlPage))
            try await client.execute(
                uri: "/upload", method: .post, headers: ServerFixtures.authorized([.contentType: form.contentType, .origin: "https://evil.example"]), body: form.buffer
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func brokenFormsAreBadRequests() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, _ in
            try await client.execute(uri: "/upload", method: .post, headers: ServerFixtures.authorized([.contentType: "text/plain"]), body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(
                uri: "/upload", method: .post, headers: ServerFixtures.authorized([.contentType: "multipart/form-data; boundary=abc"]), body: ByteBuffer(string: "--abc\r\ngarbage")
            ) { response in
                #expect(response.status == .badRequest)
            }
            let empty = MultipartBody(fields: ["format": "html"], file: nil)
            try await client.execute(uri: "/upload", method: .post, headers: ServerFixtures.authorized([.contentType: empty.contentType]), body: empty.buffer) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("invalid file"))
            }
        }
    }
}
