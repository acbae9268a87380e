import Archive
import ArchivePostgres
import ArchiveSQLite
import Foundation
import Testing

/// The watcher's state (``WatchStateStore``) in each available store (``StoreKind/available``):
/// SQLite always, PostgreSQL when `MARSAD_TEST_POSTGRES` is set. Both must answer alike.
@Suite struct WatchStateTests {
    /// A source with every optional field set, Arabic included.
    static let full = WatchedSource(
        url: "https://www.example-news.com/rss/economy", kind: .feed, everySeconds: 900, added: "2026-03-01T08:00:00Z",
        nextDue: "2026-03-02T09:15:00Z", lastFetch: "2026-03-02T09:00:00Z", lastStatus: "HTTP 503", lastNew: 4, totalNew: 137,
        failures: 2, lastError: "انتهت المهلة بعد 20 ثانية", etag: "\"abc-123\"", lastModified: "Mon, 02 Mar 2026 08:59:00 GMT")

    /// A source with every optional field nil and the other values away from their defaults.
    static let bare = WatchedSource(
        url: "https://other-daily.net/sitemap-news.xml", kind: .sitemap, everySeconds: 3600, added: "2026-03-01T08:00:00Z",
        nextDue: "2026-03-01T09:00:00Z", lastNew: 0, totalNew: 9, failures: 0)

    static func entry(_ url: String, status: KnownURL.Status = .stored, attempts: Int = 1) -> KnownURL {
        KnownURL(url: url, source: full.url, status: status, lastFetch: "2026-03-02T09:00:00Z", attempts: attempts)
    }

    @Test(arguments: StoreKind.available) func sourcesSaveReplaceListAndRemove(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            #expect(try await archive.watchedSources().isEmpty)
            // Saved out of order; listed by URL as bytes: upper case before lower case.
            let page = WatchedSource(url: "https://b.example/Z", kind: .page, added: "2026-03-01T08:00:00Z", nextDue: "2026-03-01T08:10:00Z")
            let lower = WatchedSource(url: "https://b.example/z", added: "2026-03-01T08:00:00Z", nextDue: "2026-03-01T08:10:00Z")
            for source in [lower, Self.full, page, Self.bare] { try await archive.saveSource(source) }
            #expect(try await archive.watchedSources().map(\.url) == [page.url, lower.url, Self.bare.url, Self.full.url])

            // Every field but the URL changes, and set optionals become nil.
            let changed = WatchedSource(
                url: Self.full.url, kind: .auto, everySeconds: 300, added: "2026-03-03T08:00:00Z", nextDue: "2026-03-03T08:05:00Z",
                lastFetch: "2026-03-03T08:00:00Z", lastStatus: "ok", lastNew: 3, totalNew: 140, failures: 0, lastError: nil, etag: nil,
                lastModified: "Tue, 03 Mar 2026 07:59:00 GMT")
            try await archive.saveSource(changed)
            let listed = try await archive.watchedSources()
            #expect(listed.count == 4)
            #expect(listed.first { $0.url == changed.url } == changed)

            #expect(try await archive.removeSource(url: lower.url))
            #expect(try await archive.removeSource(url: lower.url) == false)
            #expect(try await archive.removeSource(url: "https://never-watched.example/feed") == false)
            #expect(try await archive.watchedSources().map(\.url) == [page.url, Self.bare.url, changed.url])
        }
    }

    @Test(arguments: StoreKind.available) func sourceFieldsRoundTripWithAndWithoutOptionals(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await store.archive.saveSource(Self.full)
            try await store.archive.saveSource(Self.bare)
            #expect(try await store.archive.watchedSources() == [Self.bare, Self.full])
            // Every kind is stored and read back as itself.
            for (i, kind) in WatchedSource.Kind.allCases.enumerated() {
                try await store.archive.saveSource(WatchedSource(url: "https://kinds.example/\(i)", kind: kind, added: "a", nextDue: "b"))
            }
            let kinds = try await store.archive.watchedSources().filter { $0.url.hasPrefix("https://kinds.example/") }.map(\.kind)
            #expect(kinds == WatchedSource.Kind.allCases)
        }
    }

    /// 1,300 URLs asked for (more than two chunks of 500 in SQLite), 651 of them known, interleaved,
    /// with a repeated URL and an Arabic one; every field of a known entry comes back.
    @Test(arguments: StoreKind.available) func knownURLsOfALargeMixedList(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            #expect(try await archive.knownURLs([]).isEmpty)
            let asked = (0..<1_299).map { "https://www.example-news.com/news/\($0)" } + ["https://www.example-news.com/أخبار/اقتصاد-1"]
            var known = stride(from: 0, to: asked.count, by: 2).map { Self.entry(asked[$0], status: KnownURL.Status.allCases[$0 / 2 % 4]) }
            known[known.count - 1] = KnownURL(
                url: asked[asked.count - 2], source: Self.bare.url, status: .gone, lastFetch: "2026-03-02T10:00:00Z",
                listedDate: "2026-03-02T07:30:00Z", etag: "W/\"9\"", lastModified: "Mon, 02 Mar 2026 07:30:00 GMT", attempts: 5,
                lastError: "الصفحة غير موجودة (HTTP 404)")
            known.append(Self.entry(asked[asked.count - 1]))
            try await archive.saveKnownURLs(known)
            let found = try await archive.knownURLs(asked + [asked[0], "https://not-listed.example/1"])
            #expect(found.count == known.count)
            #expect(found == Dictionary(uniqueKeysWithValues: known.map { ($0.url, $0) }))
            #expect(found[asked[1]] == nil)
        }
    }

    @Test(arguments: StoreKind.available) func savingKnownURLsAgainReplacesThem(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let url = "https://www.example-news.com/news/7"
            var failed = Self.entry(url, status: .failed, attempts: 1)
            failed.lastError = "HTTP 503"
            failed.etag = "\"old\""
            try await archive.saveKnownURLs([failed, Self.entry("https://www.example-news.com/news/8")])
            #expect(try await archive.knownURLs([url])[url] == failed)

            // Nil fields overwrite stored ones; the other entry is left alone.
            var stored = Self.entry(url, status: .stored, attempts: 2)
            stored.listedDate = "2026-03-02T11:00:00Z"
            try await archive.saveKnownURLs([stored])
            let found = try await archive.knownURLs([url, "https://www.example-news.com/news/8"])
            #expect(found[url] == stored)
            #expect(found["https://www.example-news.com/news/8"] == Self.entry("https://www.example-news.com/news/8"))

            // An entry listed twice in one batch ends as its last copy, in both stores.
            let twice = "https://www.example-news.com/news/9"
            try await archive.saveKnownURLs([Self.entry(twice, status: .failed), Self.entry(twice, status: .disallowed, attempts: 3)])
            #expect(try await archive.knownURLs([twice])[twice] == Self.entry(twice, status: .disallowed, attempts: 3))
        }
    }

    /// Failed URLs with tries left are counted per listing document: other documents, other states
    /// and URLs out of tries do not count.
    @Test(arguments: StoreKind.available) func retriesPendingCountsFailuresWithTriesLeft(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            var elsewhere = Self.entry("https://www.example-news.com/news/30", status: .failed)
            elsewhere.source = "https://www.example-news.com/atom.xml"
            try await archive.saveKnownURLs([
                Self.entry("https://www.example-news.com/news/20", status: .failed, attempts: 1),
                Self.entry("https://www.example-news.com/news/21", status: .failed, attempts: 2),
                Self.entry("https://www.example-news.com/news/22", status: .failed, attempts: 3),
                Self.entry("https://www.example-news.com/news/23", status: .stored),
                Self.entry("https://www.example-news.com/news/24", status: .gone, attempts: 3),
                elsewhere,
            ])
            #expect(try await archive.retriesPending(listedBy: Self.full.url, below: 3) == 2)
            #expect(try await archive.retriesPending(listedBy: Self.full.url, below: 2) == 1)
            #expect(try await archive.retriesPending(listedBy: elsewhere.source, below: 3) == 1)
            #expect(try await archive.retriesPending(listedBy: "https://nowhere.example/", below: 3) == 0)
        }
    }

    /// The state outlives the store object: closed, opened again (running the migrations again,
    /// which must find nothing to do) and still there and writable.
    @Test(arguments: StoreKind.available) func stateSurvivesReopening(_ kind: StoreKind) async throws {
        // Not ``TestStore/with``: it closes its archive when done, and this test closes it itself.
        let (location, remove) = try await Self.scratchLocation(kind)
        do {
            let first = try await Self.open(kind, location)
            try await first.saveSource(Self.full)
            try await first.saveKnownURLs([Self.entry("https://www.example-news.com/news/1")])
            try await first.close()
            for round in 0..<2 {
                let archive = try await Self.open(kind, location)
                #expect(try await archive.watchedSources().first { $0.url == Self.full.url } == Self.full)
                #expect(try await archive.knownURLs(["https://www.example-news.com/news/1"]).count == 1)
                try await archive.saveSource(WatchedSource(url: "https://round.example/\(round)", added: "a", nextDue: "b"))
                #expect(try await archive.watchedSources().count == 2 + round)
                try await archive.close()
            }
        } catch {
            await remove()
            throw error
        }
        await remove()
    }

    /// Where a store can be opened several times: a file in a new directory, or a new database on
    /// the test server; and what removes it.
    static func scratchLocation(_ kind: StoreKind) async throws -> (String, @Sendable () async -> Void) {
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return (dir.appendingPathComponent("marsad.sqlite").path, { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            return try await TestStore.scratchDatabase()
        }
    }

    static func open(_ kind: StoreKind, _ location: String) async throws -> any ArchiveStore {
        switch kind {
        case .sqlite: return try SQLiteArchive(path: location)
        case .postgres: return try await PostgresArchive(url: location, connectTimeout: 60)
        }
    }
}

/// Closing twice is harmless: the second close of a file archive used to crash inside SQLite.
@Test func aSQLiteArchiveClosesOnce() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-close-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let archive = try SQLiteArchive(path: directory.appendingPathComponent("a.sqlite").path)
    try await archive.saveSource(WatchStateTests.bare)
    try await archive.close()
    try await archive.close()
    let reopened = try SQLiteArchive(path: directory.appendingPathComponent("a.sqlite").path)
    #expect(try await reopened.watchedSources() == [WatchStateTests.bare])
    try await reopened.close()
}
