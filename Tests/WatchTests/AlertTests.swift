import Archive
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ingestion
import NewsModel
import NIOCore
import Testing

/// Alerts end to end: a loopback webhook receives each new match once, signed, and failed
/// deliveries are retried when due.
@Suite(.serialized)
struct AlertTests {
    /// RFC 4231, test case 2: the signature is a standard HMAC-SHA256 that any receiver can check.
    @Test func theSignatureIsHMACSHA256InHex() {
        #expect(AlertDispatcher.signature(Array("what do ya want for nothing?".utf8), secret: "Jefe")
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func eachNewMatchIsPostedOnceSignedAndRetriedWhenDue() async throws {
        try await Self.withReceiver { receiver, url in
            try await Self.withArchive { archive in
                let ingestor = Ingestor(analyzer: nil)
                _ = try await ingestor.store(Self.page("old", "المجلس يناقش الموازنة للمرة الأولى"), in: archive)
                let dispatcher = AlertDispatcher(store: archive)
                defer { Task { await dispatcher.shutdown() } }
                let secret = "a-secret-of-enough-length"
                let alert = try await archive.saveAlert(WatchAlert(query: "الموازنة", webhook: url, secret: secret, created: Timestamps.iso(Date())))
                try await dispatcher.baseline(alert)

                // A new match and a non-match: one POST with the match alone.
                _ = try await ingestor.store(Self.page("new", "المجلس يقر الموازنة الجديدة"), in: archive)
                _ = try await ingestor.store(Self.page("other", "افتتاح معرض الكتاب"), in: archive)
                let now = Date()
                let first = try await dispatcher.run(now: now)
                #expect(first.newMatches == 1 && first.delivered == 1)
                var posts = await receiver.posts
                #expect(posts.count == 1)
                let post = try #require(posts.first)
                #expect(post.signature == "sha256=" + AlertDispatcher.signature(post.body, secret: secret))
                let body = try #require(try JSONSerialization.jsonObject(with: Data(post.body)) as? [String: Any])
                let matches = try #require(body["matches"] as? [[String: Any]])
                #expect(matches.map { $0["title"] as? String } == ["المجلس يقر الموازنة الجديدة"])
                #expect((body["alert"] as? [String: Any])?["query"] as? String == "الموازنة")

                // Nothing new: nothing posted.
                _ = try await dispatcher.run(now: now.addingTimeInterval(1))
                #expect(await receiver.posts.count == 1)

                // The receiver fails: the match waits, is not retried before it is due, then arrives.
                await receiver.failNext(1)
                _ = try await ingestor.store(Self.page("later", "الموازنة أمام البرلمان"), in: archive)
                let failed = try await dispatcher.run(now: now.addingTimeInterval(2))
                #expect(failed.delivered == 0 && failed.retrying == 1)
                _ = try await dispatcher.run(now: now.addingTimeInterval(3))
                #expect(await receiver.attempts == 2, "a match was retried before it was due")
                let retried = try await dispatcher.run(now: now.addingTimeInterval(2 + 61))
                #expect(retried.delivered == 1)
                posts = await receiver.posts
                #expect(posts.count == 2)
                let stored = try #require(try await archive.alerts().first)
                #expect(stored.delivered == 2 && stored.failures == 0)
            }
        }
    }

    // MARK: - Support

    static func page(_ slug: String, _ title: String) -> Page {
        Page(
            source: "https://council.example/\(slug)", format: .html, encoding: "utf-8",
            articles: [Article(role: .main, title: title, paragraphs: ["\(title). وقال رئيس المجلس إن الجلسة استمرت ساعتين وانتهت بالتصويت."], url: "https://council.example/\(slug)")])
    }

    static func withArchive(_ body: (SQLiteArchive) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try SQLiteArchive(path: directory.appendingPathComponent("a.sqlite").path, policy: IngestSetup.standard.policy)
        do {
            try await body(archive)
        } catch {
            try? await archive.close()
            throw error
        }
        try await archive.close()
    }

    static func withReceiver(_ body: @Sendable (Receiver, String) async throws -> Void) async throws {
        let receiver = Receiver()
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let ok = await receiver.receive(Array(bytes.readableBytesView), signature: request.headers[HTTPField.Name("X-Marsad-Signature")!])
            return Response(status: ok ? .noContent : .internalServerError)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(receiver, "http://127.0.0.1:\(try #require(client.port))/hook")
        }
    }

    actor Receiver {
        struct Post { var body: [UInt8]; var signature: String? }
        private(set) var posts: [Post] = []
        private(set) var attempts = 0
        private var failures = 0

        func failNext(_ count: Int) { failures = count }

        func receive(_ body: [UInt8], signature: String?) -> Bool {
            attempts += 1
            if failures > 0 {
                failures -= 1
                return false
            }
            posts.append(Post(body: body, signature: signature))
            return true
        }
    }
}
