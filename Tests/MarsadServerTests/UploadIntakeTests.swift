import Archive
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import MarsadServer
import NIOCore
import NewsModel
import Testing

/// Who may store pages, decided before the body is read, and what an upload may replace.
@Suite struct UploadIntakeTests {
    static let closedHint = ["MARSAD_INGEST_TOKEN", "--open-uploads"]

    @Test func uploadsAreClosedWithoutATokenOrOpenUploads() async throws {
        try await ServerFixtures.withServer { client, archive in
            let form = MultipartBody(fields: [:], file: ("bridge.html", UploadFixtures.htmlPage))
            let attempts: [(uri: String, headers: HTTPFields, body: ByteBuffer)] = [
                ("/api/v1/pages", [:], ByteBuffer(string: UploadFixtures.htmlPage)),
                ("/upload", [.contentType: form.contentType], form.buffer),
                ("/upload/store", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "pending=00")),
                ("/upload/session", [.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: "token=x")),
            ]
            for attempt in attempts {
                try await client.execute(uri: attempt.uri, method: .post, headers: attempt.headers, body: attempt.body) { response in
                    #expect(response.status == .forbidden, "\(attempt.uri)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(attempt.uri)")
                    let detail = response.json["detail"] as? String ?? ""
                    #expect(Self.closedHint.allSatisfy(detail.contains), "\(attempt.uri): \(detail)")
                }
            }
            // A "simple" cross-site request (text/plain, no preflight) naming an existing page plants nothing.
            let planted = ByteBuffer(string: "عنوان مزروع\n\nنص مزروع يحل محل الصفحة الأصلية كلها.")
            try await client.execute(
                uri: "/api/v1/pages?source=\(encoded("https://coast-news.example/local/flood"))", method: .post,
                headers: [.contentType: "text/plain", .origin: "https://evil.example"], body: planted
            ) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await archive.stats().pages == 4)
            #expect(try await archive.article(id: ServerFixtures.floodID)?.article.title == ServerFixtures.flood.title)
            try await client.execute(uri: "/upload", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("MARSAD_INGEST_TOKEN") && response.text.contains("--open-uploads"))
                #expect(!response.text.contains("type=\"file\""))
            }
        }
    }

    @Test func anUploadNeverReplacesAPageFromAnotherIntake() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, archive in
            let planted = ByteBuffer(string: "عنوان مزروع\n\nنص مزروع يحل محل الصفحة الأصلية كلها، بفقرة طويلة بما يكفي لتكون مقالا.")
            let source = "https://coast-news.example/local/flood"
            try await client.execute(
                uri: "/api/v1/pages?source=\(encoded(source))&format=text-dump", method: .post, headers: ServerFixtures.authorization, body: planted
            ) { response in
                #expect(response.status == .created)
                #expect(response.json["source"] as? String == "upload:" + source)
            }
            #expect(try await archive.stats().pages == 5)
            // The page that the feed brought keeps both its articles.
            #expect(try await archive.article(id: ServerFixtures.floodID)?.pageSource == source)
            #expect(try await archive.article(id: ServerFixtures.teaserID) != nil)
        }
    }

    /// Uploads go through the ingestion layer's standard setup: a near copy uploaded to the server
    /// is linked to the article that it copies, as it would be through `marsad ingest`.
    @Test func anUploadedNearCopyJoinsItsOriginal() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, archive in
            var paragraphs = ServerFixtures.floodParagraphs
            paragraphs[0] = paragraphs[0].replacingOccurrences(of: "فجر الثلاثاء", with: "صباح الثلاثاء")
            let copy = ByteBuffer(string: ([ServerFixtures.flood.title] + paragraphs).joined(separator: "\n\n"))
            var id: String?
            try await client.execute(
                uri: "/api/v1/pages?source=copy-desk&format=text-dump", method: .post, headers: ServerFixtures.authorization, body: copy
            ) { response in
                #expect(response.status == .created)
                id = ((response.json["articles"] as? [[String: Any]])?.first)?["id"] as? String
            }
            let uploadedID = try #require(id)
            let stored = try #require(try await archive.article(id: uploadedID))
            let original = try #require(try await archive.article(id: ServerFixtures.floodID))
            #expect(stored.duplicateOf == ServerFixtures.floodID)
            #expect(stored.storyID != nil && stored.storyID == original.storyID)
        }
    }

    @Test func theTokenIsCheckedBeforeTheBodyIsRead() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, _ in
            // Malformed multipart: parsed first it would be a 400; judged by the headers it is a 401.
            try await client.execute(
                uri: "/upload", method: .post, headers: [.contentType: "multipart/form-data; boundary=abc"], body: ByteBuffer(string: "--abc\r\ngarbage")
            ) { response in
                #expect(response.status == .unauthorized)
            }
            // A form with the token as a field (the old way) is not read for it.
            let form = MultipartBody(fields: ["token": ServerFixtures.uploadToken], file: ("bridge.html", UploadFixtures.htmlPage))
            try await client.execute(uri: "/upload", method: .post, headers: [.contentType: form.contentType], body: form.buffer) { response in
                #expect(response.status == .unauthorized)
            }
            // A declared length over the limit with a wrong token: refused for the token.
            try await client.execute(
                uri: "/api/v1/pages", method: .post, headers: [.authorization: "Bearer wrong", .contentLength: "999999999"], body: ByteBuffer(string: "x")
            ) { response in
                #expect(response.status == .unauthorized)
            }
            // A wrong token buys no session.
            try await client.execute(
                uri: "/upload/session", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "token=wrong")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(uri: "/upload", method: .post, headers: [.contentType: form.contentType, .cookie: "marsad_upload=0123456789abcdef"], body: form.buffer) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func formsWithManyPartsAreRefused() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, archive in
            var fields = [String: String]()
            for index in 0..<(MultipartForm.maxParts + 4) { fields["field\(index)"] = "x" }
            let form = MultipartBody(fields: fields, file: ("bridge.html", UploadFixtures.htmlPage))
            try await client.execute(uri: "/upload", method: .post, headers: ServerFixtures.authorized([.contentType: form.contentType]), body: form.buffer) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("parts"))
            }
            #expect(try await archive.stats().pages == 4)
        }
    }

    @Test func openUploadsRefuseAPeerThatIsNotLoopback() async throws {
        // The router test has no socket, so no peer address: never taken for loopback.
        try await ServerFixtures.withServer(configuration: ServerConfiguration(openUploads: true, resolutionDelay: nil)) { client, archive in
            try await client.execute(uri: "/api/v1/pages", method: .post, body: ByteBuffer(string: UploadFixtures.htmlPage)) { response in
                #expect(response.status == .forbidden)
                #expect(response.json["type"] as? String == "/api/v1/problems/not-loopback")
            }
            #expect(try await archive.stats().pages == 4)
        }
    }

    @Test func openUploadsTakeLoopbackPostsFromTheServersOwnPages() async throws {
        try await ServerFixtures.withServer(configuration: ServerConfiguration(openUploads: true, resolutionDelay: nil), testing: .live) { client, archive in
            try await client.execute(uri: "/api/v1/pages?source=a", method: .post, headers: [.origin: "https://evil.example"], body: ByteBuffer(string: UploadFixtures.htmlPage)) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await archive.stats().pages == 4)
            try await client.execute(uri: "/api/v1/pages?source=a", method: .post, body: ByteBuffer(string: UploadFixtures.htmlPage)) { response in
                #expect(response.status == .created)
            }
            // The test client sends Host: localhost, so this is the server's own origin.
            try await client.execute(uri: "/api/v1/pages?source=b", method: .post, headers: [.origin: "http://localhost"], body: ByteBuffer(string: UploadFixtures.htmlPage)) { response in
                #expect(response.status == .created)
            }
            #expect(try await archive.stats().pages == 6)
        }
    }

    @Test func underOpenUploadsTheFormNeedsNoToken() async throws {
        try await ServerFixtures.withServer(configuration: ServerConfiguration(openUploads: true, resolutionDelay: nil)) { client, _ in
            try await client.execute(uri: "/upload", method: .get) { response in
                #expect(response.text.contains("type=\"file\""))
                #expect(!response.text.contains("name=\"token\""))
            }
            try await client.execute(uri: "/upload/session", method: .post, body: ByteBuffer(string: "token=x")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test func loopbackMeansThisMachine() throws {
        #expect(Loopback.contains(try SocketAddress(ipAddress: "127.0.0.1", port: 1)))
        #expect(Loopback.contains(try SocketAddress(ipAddress: "127.8.9.10", port: 1)))
        #expect(Loopback.contains(try SocketAddress(ipAddress: "::1", port: 1)))
        #expect(!Loopback.contains(try SocketAddress(ipAddress: "10.0.0.1", port: 1)))
        #expect(!Loopback.contains(try SocketAddress(ipAddress: "::2", port: 1)))
        #expect(!Loopback.contains(nil))
        for host in ["localhost", "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "news.lan:8080"] {
            #expect(Loopback.isLoopbackHost(host, configured: "news.lan"), "\(host)")
        }
        // DNS rebinding: another site's name that resolves to 127.0.0.1 is still another site.
        for host in ["evil.example:8080", "localhost.evil.example", "[::2]:80", ""] {
            #expect(!Loopback.isLoopbackHost(host, configured: "127.0.0.1"), "\(host)")
        }
    }

    @Test func sessionsExpireAndAreBounded() {
        let sessions = UploadSessions()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let first = sessions.open(now: start)
        #expect(sessions.isValid(first, now: start.addingTimeInterval(60)))
        #expect(!sessions.isValid(first, now: start.addingTimeInterval(UploadSessions.lifetime + 1)))
        #expect(!sessions.isValid("not-a-session", now: start))
        for index in 0..<UploadSessions.capacity { _ = sessions.open(now: start.addingTimeInterval(Double(index + 1))) }
        #expect(!sessions.isValid(first, now: start.addingTimeInterval(100)))
        #expect(UploadSessions.cookie(in: [.cookie: "a=b; marsad_upload=abc123; c=d"]) == "abc123")
    }
}

/// Small contract points of the API and site: HEAD, 405, dates, booleans, links and long titles.
@Suite struct RequestContractTests {
    @Test func headIsAnsweredWhereverGetIs() async throws {
        try await ServerFixtures.withServer { client, _ in
            for uri in ["/", "/api/v1/stats", "/article/\(ServerFixtures.floodID)", "/assets/marsad.css", "/api/v1/openapi.json"] {
                try await client.execute(uri: uri, method: .head) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.body.readableBytes == 0, "\(uri)")
                }
            }
        }
    }

    @Test func otherMethodsGet405WithAllow() async throws {
        try await ServerFixtures.withServer { client, _ in
            let cases: [(String, HTTPRequest.Method, String)] = [
                ("/api/v1/stats", .trace, "GET, HEAD"), ("/api/v1/articles", .delete, "GET, HEAD"), ("/api/v1/pages", .get, "POST"),
                ("/api/v1/pages", .put, "POST"), ("/upload", .patch, "GET, POST, HEAD"), ("/", .options, "GET, HEAD"),
            ]
            for (uri, method, allow) in cases {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/stats", method: .trace) { response in
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/no/such/path", method: .trace) { response in #expect(response.status == .notFound) }
        }
    }

    @Test func filterDatesMustBeRealDates() async throws {
        try await ServerFixtures.withServer { client, _ in
            for bad in ["2020-13-45x", "2020-13-01", "2021-02-29", "2020-04-31", "2020-1", "20201", "2020-02-01T10:00"] {
                for field in ["from", "to"] {
                    try await client.execute(uri: "/api/v1/search?q=x&\(field)=\(bad)", method: .get) { response in
                        #expect(response.status == .badRequest, "\(field)=\(bad)")
                        #expect((response.json["detail"] as? String)?.contains(field) == true)
                    }
                }
            }
            for good in ["2024-02-29", "2026-02", "2026", "2026-03-10"] {
                try await client.execute(uri: "/api/v1/articles?from=\(good)", method: .get) { response in
                    #expect(response.status == .ok, "\(good)")
                }
            }
        }
    }

    @Test func booleansAreTrueOrFalse() async throws {
        try await ServerFixtures.withServer { client, _ in
            for bad in ["null", "1", "yes", ""] {
                try await client.execute(uri: "/api/v1/search?q=x&facets=\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "facets=\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/search?q=\(encoded("السيول"))&facets=false", method: .get) { response in
                #expect(response.status == .ok)
                let facets = response.json["facets"] as? [String: [Any]] ?? [:]
                #expect(facets.values.allSatisfy { $0.isEmpty }, "\(facets)")
            }
        }
    }

    @Test func theAPIDropsLinksThatAreNotHTTP() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/articles/\(ServerFixtures.hostileID)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["url"] is NSNull || response.json["url"] == nil)
                #expect(!response.text.contains("javascript:"))
            }
            for uri in ["/api/v1/articles?limit=100", "/api/v1/search?q=\(encoded("فقرة"))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(!response.text.contains("javascript:"), "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/articles/\(ServerFixtures.floodID)", method: .get) { response in
                #expect(response.json["url"] as? String == ServerFixtures.flood.url)
            }
        }
    }

    @Test func veryLongTitlesAreCut() async throws {
        try await ServerFixtures.withServer { client, archive in
            let title = String(repeating: "عنوان طويل جدا ", count: 7_000)
            let article = Article(id: "5a6b7c8d9eafb0c1", role: .main, title: title, paragraphs: ["فقرة قصيرة عن عنوان طويل."], published: "2026-03-12T08:00:00Z")
            _ = try await archive.ingest(batch: ArchivePreparer().prepare(Page(source: "https://long.example/1", format: .html, encoding: "utf-8", articles: [article])))
            for uri in ["/", "/article/5a6b7c8d9eafb0c1", "/search?q=\(encoded("طويل"))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.body.readableBytes < 40_000, "\(uri): \(response.body.readableBytes) bytes")
                    #expect(response.text.contains("عنوان طويل جدا"), "\(uri)")
                }
            }
        }
    }
}
