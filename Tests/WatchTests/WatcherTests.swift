import Archive
import ArchivePostgres
import ArchiveSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import NewsModel
import Testing

/// The watcher against the simulated site, end to end: what arrives, what is never requested, what a
/// second round asks and stores, and the per-host rate.
@Suite(.serialized)
struct WatcherTests {
    /// Seconds between two requests to the site: small, so the test is quick, and still measurable.
    static let spacing: TimeInterval = 0.15

    @Test(arguments: StoreKind.available) func aRoundStoresTheSitesArticlesPolitely(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, origin, archive, watcher in
            let start = Date()
            let report = try await watcher.round(now: start)
            let stored = try await Self.storedURLs(archive)
            // Feeds announced by the home page, the news sitemap, a redirect chain, a tracking
            // parameter dropped, and a gone page's full-text item.
            for path in ["/news/1001", "/news/1002", "/news/1003", "/news/1005", "/news/gone"] {
                #expect(stored.contains(origin + path), "\(path) missing from \(stored.sorted()); errors: \(report.errors)")
            }
            #expect(!stored.contains { $0.contains("/private/") || $0.contains("slow") || $0.contains("huge") || $0.contains("1006") })
            #expect(report.disallowed == 1)
            #expect(report.fromFeeds == 1)
            let log = site.log
            #expect(!log.contains { $0.path.hasPrefix("/private/") }, "a disallowed URL was requested")
            #expect(log.filter { $0.path == "/robots.txt" }.count == 1)
            #expect(log.allSatisfy { $0.userAgent?.hasPrefix("Marsad/") == true })
            Self.expectSpacing(log)
            // The feed item filled what the page left out.
            let first = try #require(try await Self.article(archive, url: origin + "/news/1001"))
            #expect(first.article.published?.hasPrefix("2026-03-10") == true)
            #expect(first.article.bylines.contains { $0.name == "سلمى الحداد" })
            // The stand-in from the feed is marked as such.
            #expect(try await Self.article(archive, url: origin + "/news/gone")?.article.paragraphs.count == 2)
            // State you can see: the broken feed failed alone and backs off.
            let sources = Dictionary(uniqueKeysWithValues: try await archive.watchedSources().map { ($0.url, $0) })
            let broken = try #require(sources[origin + "/broken.xml"])
            #expect(broken.failures == 1 && broken.lastStatus == "failed")
            #expect(broken.lastError?.contains("well-formed") == true)
            #expect(try #require(Timestamps.date(broken.nextDue)) > start.addingTimeInterval(600), "a failing source backs off")
            #expect(report.failedSources == 1)
            #expect(sources.values.map(\.lastNew).reduce(0, +) == report.articlesNew)
            #expect(try #require(sources[origin + "/"]).lastNew >= 3)
            #expect(sources.values.allSatisfy { $0.lastFetch != nil && $0.nextDue > Timestamps.iso(start) })
        }
    }

    @Test(arguments: StoreKind.available) func aSecondRoundAsksConditionallyAndStoresOnlyWhatIsNew(_ kind: StoreKind) async throws {
        try await Self.withSite(kind) { site, origin, archive, watcher in
            let start = Date()
            _ = try await watcher.round(now: start)
            let before = try await archive.stats().articles
            let firstLog = site.log.count
            // Nothing is due yet: nothing is fetched.
            let idle = try await watcher.round(now: start.addingTimeInterval(60))
            #expect(idle.sources == 0)
            #expect(site.log.count == firstLog)
            // Due again, unchanged: conditional requests, and nothing new.
            let later = start.addingTimeInterval(11 * 60)
            let second = try await watcher.round(now: later)
            let secondLog = Array(site.log.dropFirst(firstLog))
            #expect(secondLog.first { $0.path == "/atom.xml" }?.ifNoneMatch == "\"atom-1\"")
            #expect(secondLog.first { $0.path == "/news-sitemap.xml" }?.ifNoneMatch == "\"sitemap-1\"")
            // The RSS feed lists URLs that wait for a retry (the 429, the slow page): it is read whole.
            #expect(secondLog.first { $0.path == "/rss.xml" }?.ifNoneMatch == nil)
            #expect(!secondLog.contains { $0.path == "/news/1001" || $0.path == "/news/1002" }, "a stored article was fetched again")
            // The 429 (Retry-After: 1) and the slow page are tried again; the rate-limited one now arrives.
            #expect(secondLog.contains { $0.path == "/news/1006" })
            #expect(second.articlesNew <= 1)
            #expect(try await archive.stats().articles == before + second.articlesNew)
            // A new edition of the feed: its new article, and only it, arrives.
            site.setEdition(2)
            let third = try await watcher.round(now: later.addingTimeInterval(11 * 60))
            let stored = try await Self.storedURLs(archive)
            #expect(stored.contains(origin + "/news/1004"))
            #expect(third.articlesNew == 1)
            Self.expectSpacing(site.log)
        }
    }

    // MARK: - Support

    static func withSite(_ kind: StoreKind, _ body: @Sendable (NewsSite, String, any ArchiveStore, Watcher) async throws -> Void) async throws {
        let site = NewsSite()
        try site.start()
        defer { site.stop() }
        let origin = site.origin
        let (archive, remove) = try await kind.open()
        let now = Timestamps.iso(Date())
        for (path, kind) in [("/", WatchedSource.Kind.auto), ("/news-sitemap.xml", .auto), ("/broken.xml", .feed)] {
            try await archive.saveSource(WatchedSource(url: origin + path, kind: kind, everySeconds: 600, added: now, nextDue: now))
        }
        var options = PoliteFetcher.Options()
        options.spacing = spacing
        options.timeout = 4  // under the slow page's delay
        options.maxBytes = 1 << 20
        let fetcher = PoliteFetcher(options: options)
        let watcher = Watcher(store: archive, ingestor: Ingestor(analyzer: nil), fetcher: fetcher)
        do {
            try await body(site, origin, archive, watcher)
        } catch {
            await fetcher.shutdown()
            try? await archive.close()
            await remove()
            throw error
        }
        await fetcher.shutdown()
        try await archive.close()
        await remove()
    }

    static func storedURLs(_ archive: any ArchiveStore) async throws -> Set<String> {
        Set(try await archive.latest(ListRequest(limit: 100)).compactMap(\.url))
    }

    static func article(_ archive: any ArchiveStore, url: String) async throws -> StoredArticle? {
        guard let id = try await archive.latest(ListRequest(limit: 100)).first(where: { $0.url == url })?.id else { return nil }
        return try await archive.article(id: id)
    }

    /// One request at a time to the host, `spacing` apart (less a little for timer jitter).
    static func expectSpacing(_ log: [NewsSite.Logged]) {
        let times = log.map(\.time).sorted()
        for (a, b) in zip(times, times.dropFirst()) {
            #expect(b.timeIntervalSince(a) >= spacing * 0.8, "two requests \(b.timeIntervalSince(a)) s apart")
        }
    }
}

/// The stores the watcher is tested against: SQLite always, PostgreSQL when `MARSAD_TEST_POSTGRES`
/// names a server.
enum StoreKind: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["MARSAD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: [StoreKind] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    var testDescription: String { rawValue }

    /// A fresh archive with the standard policy, and what removes it.
    func open() async throws -> (any ArchiveStore, @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let archive = try SQLiteArchive(path: directory.appendingPathComponent("watch.sqlite").path, policy: IngestSetup.standard.policy)
            return (archive, { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            let server = try #require(Self.postgresURL)
            let name = "marsad_watch_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await PostgresAdmin.createDatabase(name, server: server)
            let archive = try await PostgresArchive(url: try PostgresAdmin.url(server, database: name), policy: IngestSetup.standard.policy, connectTimeout: 60)
            return (archive, { try? await PostgresAdmin.dropDatabase(name, server: server) })
        }
    }
}

/// A host whose `robots.txt` cannot be read is left alone for now, without its URLs being marked
/// disallowed for good.
@Test func anUnreadableRobotsFileHoldsTheHostWithoutDisallowingForGood() async throws {
    let router = Router()
    router.get("robots.txt") { _, _ in Response(status: .serviceUnavailable) }
    router.get("news/1") { _, _ in Response(status: .ok) }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
        var options = PoliteFetcher.Options()
        options.spacing = 0.01
        let fetcher = PoliteFetcher(options: options)
        let url = "http://127.0.0.1:\(try #require(client.port))/news/1"
        do {
            _ = try await fetcher.fetch(url)
            Issue.record("fetched past an unreadable robots.txt")
        } catch let failure as FetchFailure {
            #expect(!failure.permanent)
            #expect(failure.description.contains("robots.txt"))
        }
        await fetcher.shutdown()
    }
}
