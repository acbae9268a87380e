import Archive
import ArchivePostgres
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ingestion
import MarsadServer
import NewsAnalysis
import NewsModel
import Testing

/// A small archive composed for the server tests: a flood story told by two outlets, an economy
/// article with a quote, a teaser, and one article whose text tries every HTML injection.
enum ServerFixtures {
    static let floodID = "0a1b2c3d4e5f6071"
    static let floodOtherID = "1a2b3c4d5e6f7081"
    static let ratesID = "2a3b4c5d6e7f8091"
    static let hostileID = "3a4b5c6d7e8f90a1"
    static let teaserID = "4a5b6c7d8e9fa0b1"

    static let floodParagraphs = [
        "اجتاحت السيول مدينة الساحل الشرقي فجر الثلاثاء بعد أمطار غزيرة استمرت اثنتي عشرة ساعة، وغمرت المياه الأحياء المنخفضة والطرق الرئيسية المؤدية إلى الميناء.",
        "وقال رئيس البلدية حسان العلي: «أجلينا أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة»، مضيفًا أن فرق الدفاع المدني ما زالت تعمل في الأحياء الغربية.",
        "وحذرت هيئة الأرصاد من موجة أمطار ثانية متوقعة مساء الأربعاء، ودعت السكان إلى تجنب الأودية ومجاري السيول وعدم عبور الطرق المغمورة بالمياه.",
    ]

    static let flood = Article(
        id: floodID, role: .main, title: "السيول تغمر أحياء الساحل الشرقي وإجلاء مئات العائلات",
        subtitle: "أمطار غزيرة لاثنتي عشرة ساعة والأرصاد تحذر من موجة ثانية", section: "محليات",
        paragraphs: floodParagraphs,
        images: [NewsModel.Image(caption: "فرق الإنقاذ تجلي السكان من حي غمرته المياه", credit: "رويترز")],
        bylines: [Byline(name: "سلمى الحداد", kind: .author, place: "الساحل الشرقي", note: "مراسلة الشؤون المحلية")],
        published: "2026-03-10T06:30:00Z", url: "https://coast-news.example/local/flood",
        quotes: [Quote(text: "أجلينا أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة", speaker: "حسان العلي", cue: "قال", kind: .direct, paragraph: 1)],
        entities: [
            Entity(name: "حسان العلي", type: .person, mentions: ["حسان العلي"], count: 1),
            Entity(name: "الساحل الشرقي", type: .location, mentions: ["الساحل الشرقي"], count: 2),
            Entity(name: "هيئة الأرصاد", type: .organization, mentions: ["هيئة الأرصاد"], count: 1),
        ])

    /// The same event from another outlet, later the same day: the same story. Its site gives times
    /// in its own offset (14:00 there is 11:00 UTC).
    static let floodOther = Article(
        id: floodOtherID, role: .main, title: "إجلاء مئات العائلات بعد سيول الساحل الشرقي",
        section: "محليات",
        paragraphs: [
            "أجلت فرق الدفاع المدني مئات العائلات من أحياء الساحل الشرقي بعد أن غمرتها السيول فجر الثلاثاء إثر أمطار غزيرة استمرت اثنتي عشرة ساعة.",
            "وقال رئيس البلدية حسان العلي إن مراكز الإيواء المؤقتة استقبلت أكثر من ثلاثمائة عائلة، وإن الطرق المؤدية إلى الميناء ما زالت مغمورة بالمياه.",
            "وحذرت هيئة الأرصاد من أمطار جديدة مساء الأربعاء ودعت السكان إلى تجنب الأودية ومجاري السيول.",
        ],
        published: "2026-03-10T14:00:00+03:00", url: "https://gulf-daily.example/news/77",
        quotes: [Quote(text: "مراكز الإيواء المؤقتة استقبلت أكثر من ثلاثمائة عائلة", speaker: "حسان العلي", cue: "قال", kind: .indirect, paragraph: 1)],
        entities: [
            Entity(name: "حسان العلي", type: .person, mentions: ["حسان العلي"], count: 1),
            Entity(name: "الساحل الشرقي", type: .location, mentions: ["الساحل الشرقي"], count: 1),
            Entity(name: "هيئة الأرصاد", type: .organization, mentions: ["هيئة الأرصاد"], count: 1),
        ])

    static let rates = Article(
        id: ratesID, role: .main, title: "البنك المركزي يرفع أسعار الفائدة نصف نقطة", section: "اقتصاد",
        paragraphs: [
            "رفع البنك المركزي أسعار الفائدة نصف نقطة مئوية في اجتماعه الأخير، في خطوة توقعها المحللون بعد ارتفاع الأسعار.",
            "وقال المحافظ سامر الخطيب إن «التضخم ما زال أعلى من المستهدف»، وإن البنك سيراقب الأسواق عن كثب.",
        ],
        bylines: [Byline(name: "الشرق الأوسط", kind: .outlet, place: "لندن")],
        published: "2026-03-09T08:00:00Z", url: "https://coast-news.example/economy/rates",
        quotes: [Quote(text: "التضخم ما زال أعلى من المستهدف", speaker: "سامر الخطيب", cue: "قال", kind: .direct, paragraph: 1)],
        entities: [Entity(name: "سامر الخطيب", type: .person, mentions: ["سامر الخطيب"], count: 1)])

    static let teaser = Article(
        id: teaserID, role: .related, title: "الأرصاد تحذر من موجة أمطار ثانية", summary: "تحذير من أمطار مساء الأربعاء",
        url: "https://coast-news.example/local/warning")

    /// Stored text that tries to become markup: a script, an attribute breakout and a javascript: link.
    static let hostile = Article(
        id: hostileID, role: .main, title: "عنوان <script>alert('title')</script> خبيث", subtitle: "\"><img src=x onerror=alert(1)>",
        section: "<b>قسم</b>",
        paragraphs: [
            "فقرة فيها <script>alert(document.cookie)</script> ونص عادي عن الطقس.",
            "ثم محاولة \"><img src=x onerror=alert(2)> داخل الفقرة، وقال المتحدث: «<img src=y onerror=alert(3)>» وانتهى.",
        ],
        images: [NewsModel.Image(caption: "<svg onload=alert(4)>", credit: "\"onmouseover=alert(5)")],
        bylines: [Byline(name: "<i>كاتب</i>", kind: .author, place: "\"><script>x</script>")],
        published: "2026-03-08T12:00:00Z", url: "javascript:alert('url')",
        quotes: [Quote(text: "<img src=y onerror=alert(3)>", speaker: "\"><script>alert(6)</script>", cue: "قال", kind: .direct, paragraph: 1)],
        entities: [Entity(name: "<script>alert(7)</script>", type: .person, mentions: ["x"], count: 1)])

    enum Store: Sendable, CustomStringConvertible {
        case sqlite, postgres
        var description: String { self == .sqlite ? "sqlite" : "postgres" }

        /// The server of `MARSAD_TEST_POSTGRES` (`.ci/run` starts one); PostgreSQL cases skip without it.
        static let postgresURL = ProcessInfo.processInfo.environment["MARSAD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        static var available: [Store] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    }

    /// A fresh archive with the fixtures, through the real fingerprint policy (copies and stories),
    /// and what removes it.
    static func archive(_ store: Store = .sqlite) async throws -> (any ArchiveStore, @Sendable () async -> Void) {
        let archive: any ArchiveStore
        let remove: @Sendable () async -> Void
        switch store {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-server-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            archive = try SQLiteArchive(path: dir.appendingPathComponent("marsad.sqlite").path, policy: IngestSetup.standard.policy)
            remove = { try? FileManager.default.removeItem(at: dir) }
        case .postgres:
            let server = try #require(Store.postgresURL)
            let name = "marsad_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await PostgresAdmin.createDatabase(name, server: server)
            archive = try await PostgresArchive(url: try PostgresAdmin.url(server, database: name), policy: IngestSetup.standard.policy, connectTimeout: 60)
            remove = { try? await PostgresAdmin.dropDatabase(name, server: server) }
        }
        let preparer = IngestSetup.standard.preparer
        for (source, articles) in [
            ("https://coast-news.example/economy/rates", [rates]),
            ("https://coast-news.example/local/flood", [flood, teaser]),
            ("https://gulf-daily.example/news/77", [floodOther]),
            ("https://bad.example/x", [hostile]),
        ] {
            _ = try await archive.ingest(batch: preparer.prepare(Page(source: source, format: .html, encoding: "utf-8", articles: articles)))
        }
        return (archive, remove)
    }

    /// The ingest token of ``uploading``, and the header that carries it.
    static let uploadToken = "fixture-upload-token"
    static let authorization: HTTPFields = [.authorization: "Bearer \(uploadToken)"]
    static func authorized(_ fields: HTTPFields) -> HTTPFields {
        var fields = fields
        fields[.authorization] = "Bearer \(uploadToken)"
        return fields
    }
    /// A server that takes uploads with ``uploadToken`` (a server with no configuration takes none).
    /// It resolves entities after uploads only when the test asks, so that no resolution outlives
    /// the test's archive.
    static func uploading(maxUploadBytes: Int = 8 << 20, resolutionDelay: Duration? = nil) -> ServerConfiguration {
        ServerConfiguration(ingestToken: uploadToken, maxUploadBytes: maxUploadBytes, resolutionDelay: resolutionDelay)
    }

    /// Runs `body` against the server's router over a fresh fixture archive.
    static func withServer<T>(
        store: Store = .sqlite, configuration: ServerConfiguration = ServerConfiguration(resolutionDelay: nil), analyze: Bool = false,
        testing: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol, any ArchiveStore) async throws -> T
    ) async throws -> T {
        let (archive, remove) = try await archive(store)
        let ingestor = Ingestor(analyzer: analyze ? .standard : nil)
        do {
            let router = try MarsadApplication.router(archive: archive, configuration: configuration, ingestor: ingestor)
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            let result = try await app.test(testing) { client in try await body(client, archive) }
            try await archive.close()
            await remove()
            return result
        } catch {
            try? await archive.close()
            await remove()
            throw error
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

/// A percent-encoded path segment, as a browser would send it.
func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&=+"))) ?? text
}
