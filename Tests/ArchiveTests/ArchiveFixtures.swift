import Archive
import ArchivePostgres
import ArchiveSQLite
import Foundation
import NewsModel
import Testing

/// Composed articles for the archive tests: three outlets, two sections, a copy, a teaser.
enum ArchiveFixtures {
    static func article(
        _ id: String, title: String, paragraphs: [String], section: String? = "اقتصاد", published: String? = "2026-03-02T08:00:00Z",
        url: String? = nil, role: Article.Role = .main, quotes: [Quote] = [], entities: [Entity] = [], images: [NewsModel.Image] = []
    ) -> Article {
        Article(
            id: id, role: role, title: title, section: section, paragraphs: paragraphs, images: images, published: published,
            url: url, quotes: quotes, entities: entities)
    }

    static let rates = article(
        "a1", title: "البنك المركزي يرفع أسعار الفائدة",
        paragraphs: [
            "رفع البنك المركزي أسعار الفائدة نصف نقطة مئوية في اجتماعه الأخير، في خطوة توقعها المحللون.",
            "وقال المحافظ سامر الخطيب إنّ «التضخم ما زال أعلى من المستهدف» وإن البنك سيراقب الأسواق.",
        ],
        url: "https://www.example-news.com/economy/1",
        quotes: [Quote(text: "التضخم ما زال أعلى من المستهدف", speaker: "سامر الخطيب", cue: "قال", kind: .direct, paragraph: 1)],
        entities: [Entity(name: "سامر الخطيب", type: .person, mentions: ["سامر الخطيب", "الخطيب"], count: 2)],
        images: [NewsModel.Image(caption: "مقر البنك المركزي في العاصمة", credit: "رويترز")])

    static let ratesCopy = article(
        "b1", title: "البنك المركزي يرفع أسعار الفائدة",
        paragraphs: rates.paragraphs, published: "2026-03-02T10:00:00Z", url: "https://other-daily.net/a/77")

    static let football = article(
        "c1", title: "المنتخب يتأهل إلى نهائي البطولة",
        paragraphs: ["تأهل المنتخب الوطني إلى نهائي البطولة بعد فوزه بهدفين، وسط احتفالات الجماهير في الملعب."],
        section: "رياضة", published: "2026-03-05T20:00:00Z", url: "https://sports-site.org/m/5",
        quotes: [Quote(text: "سنلعب النهائي من أجل الجماهير", speaker: "المدرب", cue: "قال", kind: .direct, paragraph: 0)],
        entities: [Entity(name: "المنتخب الوطني", type: .organization, mentions: ["المنتخب الوطني"], count: 1)])

    static let inflation = article(
        "d1", title: "التضخم يتراجع للشهر الثالث",
        paragraphs: ["تراجع معدل التضخم للشهر الثالث على التوالي، وقال المحافظ سامر الخطيب إنّ أسعار الفائدة ستبقى مرتفعة."],
        published: "2026-02-20T09:00:00Z", url: "https://www.example-news.com/economy/2",
        quotes: [Quote(text: "أسعار الفائدة ستبقى مرتفعة", speaker: "سامر الخطيب", cue: "قال", kind: .indirect, paragraph: 0)],
        entities: [Entity(name: "سامر الخطيب", type: .person, mentions: ["الخطيب"], count: 1)])

    static func page(_ source: String, _ articles: [Article], format: Page.Format = .html) -> Page {
        Page(source: source, format: format, encoding: "utf-8", articles: articles)
    }

    static func prepared(_ source: String, _ articles: [Article]) -> ArchivePage {
        ArchivePreparer().prepare(page(source, articles))[0]
    }

    /// A fresh SQLite archive in a temporary directory, removed by the caller's `defer`.
    static func temporaryArchive() throws -> (SQLiteArchive, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteArchive(path: dir.appendingPathComponent("marsad.sqlite").path), dir)
    }

    static func fill(_ archive: any ArchiveStore) async throws {
        _ = try await archive.ingest(prepared("https://www.example-news.com/economy/1", [rates]))
        _ = try await archive.ingest(prepared("https://other-daily.net/a/77", [ratesCopy]))
        _ = try await archive.ingest(prepared("https://sports-site.org/m/5", [football]))
        _ = try await archive.ingest(prepared("https://www.example-news.com/economy/2", [inflation]))
    }
}

/// The stores every store test runs against: SQLite always, PostgreSQL when `MARSAD_TEST_POSTGRES`
/// holds a server URL (`.ci/run` starts a server and sets it).
enum StoreKind: String, Sendable, CustomStringConvertible, CaseIterable {
    case sqlite, postgres

    var description: String { rawValue }

    /// The server for PostgreSQL cases; each test gets a database of its own on it.
    static let postgresURL: String? = ProcessInfo.processInfo.environment["MARSAD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The argument list of parameterized store tests: PostgreSQL only when a server is configured.
    static var available: [StoreKind] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// An archive for one test and what removes it.
struct TestStore: Sendable {
    let archive: any ArchiveStore
    let kind: StoreKind
    /// The archive's location: a file path or a postgres:// URL.
    let location: String
    let remove: @Sendable () async -> Void

    /// A fresh, empty archive: a SQLite file in a temporary directory, or a new database
    /// `marsad_test_<uuid>` on the test server (dropped afterwards).
    static func make(_ kind: StoreKind, policy: any SimilarityPolicy = ExactOnlyPolicy()) async throws -> TestStore {
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-archive-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent("marsad.sqlite").path
            let archive = try SQLiteArchive(path: path, policy: policy)
            return TestStore(archive: archive, kind: kind, location: path) {
                try? await archive.close()
                try? FileManager.default.removeItem(at: dir)
            }
        case .postgres:
            let (url, drop) = try await scratchDatabase()
            do {
                let archive = try await PostgresArchive(url: url, policy: policy, connectTimeout: 60)
                return TestStore(archive: archive, kind: kind, location: url) {
                    try? await archive.close()
                    await drop()
                }
            } catch {
                await drop()
                throw error
            }
        }
    }

    /// A new empty database on the test server, and what drops it.
    static func scratchDatabase() async throws -> (url: String, drop: @Sendable () async -> Void) {
        let server = try #require(StoreKind.postgresURL, "MARSAD_TEST_POSTGRES is not set")
        let name = "marsad_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresAdmin.createDatabase(name, server: server)
        return (try PostgresAdmin.url(server, database: name), { try? await PostgresAdmin.dropDatabase(name, server: server) })
    }

    /// Runs `body` on a fresh archive (the four fixture articles stored when `filled`), then removes it
    /// whether `body` passed or threw.
    static func with(
        _ kind: StoreKind, filled: Bool = false, policy: any SimilarityPolicy = ExactOnlyPolicy(),
        _ body: (TestStore) async throws -> Void
    ) async throws {
        let store = try await make(kind, policy: policy)
        do {
            if filled { try await ArchiveFixtures.fill(store.archive) }
            try await body(store)
        } catch {
            await store.remove()
            throw error
        }
        await store.remove()
    }
}
