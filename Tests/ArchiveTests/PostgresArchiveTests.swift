import Archive
@testable import ArchivePostgres
import ArchiveSQLite
import Foundation
import NewsModel
import Synchronization
import Testing

/// What only the PostgreSQL store has: its query rendering, its server and its failures. The store
/// contract itself is tested for both stores in ``ArchiveStoreTests``.
@Suite struct PostgresTextSearchTests {
    @Test func termsAreCutAsFTS5CutsThemAndQuoted() {
        #expect(TextSearch.tokens("abc_def") == ["abc", "def"])
        #expect(TextSearch.tokens("3.5") == ["3", "5"])
        #expect(TextSearch.tokens("ABC") == ["abc"])
        #expect(TextSearch.tokens("مفاوض97") == ["مفاوض97"])
        #expect(TextSearch.tokens("%").isEmpty)
        #expect(TextSearch.render(.term("it's")) == "('it' <-> 's')")
        #expect(TextSearch.render(.term("a\\b")) == "('a' <-> 'b')")
        #expect(TextSearch.literal("x'y\\z") == "'x''y\\\\z'")
        #expect(TextSearch.render(.prefix("مفا")) == "'مفا':*")
        #expect(TextSearch.render(.phrase(["وزير", "خارج"])) == "('وزير' <-> 'خارج')")
        #expect(TextSearch.render(.term("%")) == nil)
        let query = SearchQuery("\"وزير الخارجية\" روسيا OR أوكرانيا -سوريا")
        guard case .query(let text) = TextSearch.positive(query) else {
            Issue.record("no positive query")
            return
        }
        #expect(text.contains(" <-> ") && text.contains(" | ") && text.contains(" & "))
        #expect(TextSearch.negative(query) != nil)
    }

    @Test func vectorKeepsFieldsApartWithWeights() {
        var document = IndexDocument(ArchiveFixtures.rates)
        document.title = "بنك مركز"
        document.subtitle = ""
        document.captions = "مقر"
        document.body = "بنك x_y"
        let vector = TextSearch.vector(document)
        // Title 1-2, gap, (empty subtitle) gap, captions 5, gap, body 7-9.
        #expect(vector == "'بنك':1A,7D 'مركز':2A 'مقر':5C 'x':8D 'y':9D")
    }

    /// Without the open's deadline, the pool would retry the refused connection forever and this
    /// test would never end; the time limit turns such a hang into a failure. It is a liveness
    /// bound, not a speed target: a loaded test run once took 70 s to schedule the 4 s deadline.
    @Test(.timeLimit(.minutes(3))) func unreachableServerIsUnavailableQuickly() async throws {
        // Port 1 on loopback: nothing listens there.
        await #expect {
            _ = try await PostgresArchive(url: "postgres://marsad@127.0.0.1:1/marsad", connectTimeout: 2)
        } throws: { error in
            guard case ArchiveError.unavailable(let what) = error else { return false }
            return what.contains("127.0.0.1:1") && !what.contains("secret")
        }
    }

    @Test func urlsAreReadAndRedacted() throws {
        let url = try PostgresURL("postgres://mar%40sad:p%3Ass@db.example:6543/news?sslmode=require")
        #expect(url.user == "mar@sad" && url.password == "p:ss" && url.host == "db.example" && url.port == 6543)
        #expect(url.database == "news" && url.tls == .require)
        #expect(url.redacted == "postgres://mar@sad@db.example:6543/news")
        #expect(try PostgresURL("postgresql://marsad@localhost").database == "marsad")
        #expect(try PostgresURL("postgres://marsad@/archive?host=/tmp/pg").socketDirectory == "/tmp/pg")
        #expect(throws: ArchiveError.self) { _ = try PostgresURL("postgres://localhost/db") }
        #expect(throws: ArchiveError.self) { _ = try PostgresURL("postgres://u@h/db?sslmode=sometimes") }
    }
}

@Suite(.enabled(if: StoreKind.postgresURL != nil, "MARSAD_TEST_POSTGRES is not set"))
struct PostgresArchiveTests {
    /// A richer archive than the fixtures: digits, Latin words, punctuation inside terms, teasers.
    static func corpus() -> [ArchivePage] {
        var pages = [
            ArchiveFixtures.prepared("https://www.example-news.com/economy/1", [ArchiveFixtures.rates]),
            ArchiveFixtures.prepared("https://other-daily.net/a/77", [ArchiveFixtures.ratesCopy]),
            ArchiveFixtures.prepared("https://sports-site.org/m/5", [ArchiveFixtures.football]),
            ArchiveFixtures.prepared("https://www.example-news.com/economy/2", [ArchiveFixtures.inflation]),
            ArchiveFixtures.prepared("https://tech.example.org/1", [
                ArchiveFixtures.article(
                    "e1", title: "شركة OpenSource-Lab تطلق إصدار 3.5 من منصتها",
                    paragraphs: ["أعلنت الشركة عن الإصدار 3.5 الذي يدعم COVID_19 وبروتوكول HTTP/2 بنسبة نمو 12% في 2025."],
                    section: "تقنية", published: "2026-01-10T12:00:00Z"),
            ]),
            ArchiveFixtures.prepared("no-date-page", [
                ArchiveFixtures.article("f1", title: "تقرير بلا تاريخ عن الطاقة", paragraphs: ["تقرير عن الطاقة والزراعة دون تاريخ نشر."], section: nil, published: nil),
            ]),
        ]
        pages += SQLiteArchiveFailureTests.pages(30)
        return pages
    }

    static let queries = [
        "الفائدة", "\"أسعار الفائدة\"", "\"الفائدة أسعار\"", "الفائدة -التضخم", "الفائدة -الأخير", "المنتخب OR التضخم",
        "نهائ*", "الجماهير", "3.5", "\"3.5\"", "opensource", "opensource-lab", "http/2", "covid_19", "12%", "2025", "خبر", "خبر -اقتصاد7",
        "مفاوضات1*", "ملخص", "طاقة OR زراعة", "\"البنك المركزي\" سامر", "-الفائدة", "", "ال*", "صحة15 OR تعليم16 نقل17", "%", "\"\"",
        "' OR 1=1 --", "title:البنك", "NEAR(البنك المركزي)",
    ]

    /// The same query over the same pages finds the same articles in both stores, with the same
    /// totals and facet counts; only the order of hits may differ.
    @Test func sameHitsAsSQLite() async throws {
        try await TestStore.with(.sqlite) { sqlite in
            try await TestStore.with(.postgres) { postgres in
                try await Self.compare(sqlite, postgres)
            }
        }
    }

    static func compare(_ sqlite: TestStore, _ postgres: TestStore) async throws {
        let pages = Self.corpus()
        let sqliteOutcomes = try await sqlite.archive.ingest(batch: pages)
        let postgresOutcomes = try await postgres.archive.ingest(batch: pages)
        #expect(sqliteOutcomes == postgresOutcomes)
        var stats = (try await sqlite.archive.stats(), try await postgres.archive.stats())
        stats.0.store = ""
        stats.1.store = ""
        #expect(stats.0 == stats.1)
        for text in Self.queries {
            for filters in [SearchFilters(), SearchFilters(section: "اقتصاد"), SearchFilters(from: "2026-02-01", to: "2026-03-03")] {
                let request = SearchRequest(query: SearchQuery(text), filters: filters, limit: 1_000)
                let (a, b) = (try await sqlite.archive.search(request), try await postgres.archive.search(request))
                #expect(a.total == b.total, "\(text)")
                #expect(Set(a.hits.map(\.id)) == Set(b.hits.map(\.id)), "\(text)")
                #expect(a.facets == b.facets, "\(text)")
                let snippets = Dictionary(uniqueKeysWithValues: a.hits.map { ($0.id, $0.snippet) })
                #expect(b.hits.allSatisfy { snippets[$0.id] == $0.snippet }, "\(text)")
            }
            let newest = SearchRequest(query: SearchQuery(text), limit: 1_000, order: .newest)
            let (a, b) = (try await sqlite.archive.search(newest), try await postgres.archive.search(newest))
            #expect(a.hits.map(\.id) == b.hits.map(\.id), "newest: \(text)")
        }
        #expect(try await sqlite.archive.latest(ListRequest(limit: 100)) == postgres.archive.latest(ListRequest(limit: 100)))
        #expect(try await sqlite.archive.quotes(QuoteRequest()) == postgres.archive.quotes(QuoteRequest()))
        #expect(try await sqlite.archive.entities(EntityRequest()) == postgres.archive.entities(EntityRequest()))
        #expect(try await sqlite.archive.entities(EntityRequest(name: "الخطيب")) == postgres.archive.entities(EntityRequest(name: "الخطيب")))
        #expect(try await sqlite.archive.stories(limit: 50, offset: 0) == postgres.archive.stories(limit: 50, offset: 0))
        #expect(Set(try await sqlite.archive.related(to: "n3", limit: 100).map(\.id)) == Set(try await postgres.archive.related(to: "n3", limit: 100).map(\.id)))
        for id in ["a1", "b1", "e1", "f1", "t7"] {
            var (a, b) = (try await sqlite.archive.article(id: id), try await postgres.archive.article(id: id))
            a?.ingested = ""
            b?.ingested = ""
            #expect(a == b, "\(id)")
        }
    }

    /// A failing page fails its whole batch: nothing of the batch is stored, and the error names it.
    /// The failure is injected with a trigger, the way a constraint or a full disk would fail a write.
    @Test func batchIsAllOrNothing() async throws {
        try await TestStore.with(.postgres) { store in
            try await PostgresAdmin.execute(store.location, """
                CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.title LIKE '%سم زعاف%' THEN RAISE EXCEPTION 'poisoned page'; END IF; RETURN NEW; END $$
                """)
            try await PostgresAdmin.execute(store.location, "CREATE TRIGGER poison BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse_poison()")
            var pages = SQLiteArchiveFailureTests.pages(5)
            pages[3] = ArchiveFixtures.prepared("page-3", [ArchiveFixtures.article("n3", title: "خبر فيه سم زعاف", paragraphs: ["نص الخبر."])])
            await #expect {
                _ = try await store.archive.ingest(batch: pages)
            } throws: { error in
                guard case ArchiveError.writeFailed(let source, let reason) = error else { return false }
                return source.contains("page-0") && reason.contains("poisoned page")
            }
            #expect(try await store.archive.stats().pages == 0)
            try await PostgresAdmin.execute(store.location, "DROP TRIGGER poison ON articles")
            #expect(try await store.archive.ingest(batch: pages).allSatisfy { $0.status == .inserted })
            #expect(try await store.archive.stats().articles == 9)
        }
    }

    /// Several processes opening a new archive at once: the advisory lock lets one migrate.
    @Test func concurrentFirstOpensMigrateOnce() async throws {
        let (url, drop) = try await TestStore.scratchDatabase()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let archive = try await PostgresArchive(url: url, connectTimeout: 60)
                        _ = try await archive.stats()
                        try await archive.close()
                    }
                }
                try await group.waitForAll()
            }
            // Each version once: a second migrator that ran any would have failed on its DDL or left a row twice.
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM marsad_migrations") == PostgresSchema.migrations.count)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles_fts'") == 1)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    @Test func foreignTablesAreRefusedAndKept() async throws {
        let (url, drop) = try await TestStore.scratchDatabase()
        do {
            try await PostgresAdmin.execute(url, "CREATE TABLE pages (x int)")
            try await PostgresAdmin.execute(url, "INSERT INTO pages VALUES (7)")
            // A generous connect deadline: under a loaded machine the default 12 s once ran out
            // (`unavailable`), which is not what this test is about.
            await #expect {
                _ = try await PostgresArchive(url: url, connectTimeout: 60)
            } throws: { error in
                guard case ArchiveError.corrupt(let what) = error else { return false }
                return what.contains("pages")
            }
            #expect(try await PostgresAdmin.number(url, "SELECT sum(x) FROM pages") == 7)
        } catch {
            await drop()
            throw error
        }
        await drop()
    }

    /// Concurrent writers in one process (as several ingest processes would be): the same pages and
    /// exact copies from two writers at once are stored once, and every copy points at one original.
    @Test func concurrentWritersStoreEachPageOnce() async throws {
        try await TestStore.with(.postgres) { store in
            let second = try await PostgresArchive(url: store.location, connectTimeout: 60)
            let pages = SQLiteArchiveFailureTests.pages(60)
            // The same contents again under other sources: exact copies.
            let copies = pages.prefix(30).map { page in
                ArchivePage(source: "copy-" + page.source, format: page.format, encoding: page.encoding, articles: page.articles.map { item in
                    var item = item
                    item.article.id = "copy-" + item.article.id
                    return item
                })
            }
            async let one = Self.ingest(Array(pages) + copies, into: store.archive, batch: 7)
            async let two = Self.ingest(copies.reversed() + pages.reversed(), into: second, batch: 5)
            let outcomes = try await one + two
            try await second.close()
            #expect(outcomes.filter { $0.status == .inserted }.count == 90)
            #expect(outcomes.filter { $0.status == .unchanged }.count == 90)
            let url = store.location
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM pages") == 90)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles") == 180)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles_fts") == 180)
            // Each exact hash has exactly one original, and its copies point at it.
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM (SELECT exact_hash FROM articles GROUP BY exact_hash HAVING count(*) FILTER (WHERE duplicate_of IS NULL) <> 1) x") == 0)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == 60)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles c JOIN articles o ON o.id = c.duplicate_of WHERE o.exact_hash <> c.exact_hash OR o.duplicate_of IS NOT NULL") == 0)
        }
    }

    static func ingest(_ pages: [ArchivePage], into archive: any ArchiveStore, batch: Int) async throws -> [IngestOutcome] {
        var outcomes = [IngestOutcome]()
        var start = 0
        while start < pages.count {
            outcomes += try await archive.ingest(batch: Array(pages[start..<min(start + batch, pages.count)]))
            start += batch
        }
        return outcomes
    }

    /// The server ends the ingest's connection mid-write (as a shutdown does: the same FATAL
    /// 57P01): the write fails with a clear error, nothing of the failed batch is stored, and the
    /// same ingest run again (the pool reconnects) stores exactly the rest.
    ///
    /// `pg_terminate_backend` stands in for stopping the server because the test server is shared by
    /// tests running in parallel; `IngestCommandTests` does the same to a `marsad ingest` process.
    @Test func lostConnectionFailsCleanlyAndResumes() async throws {
        try await TestStore.with(.postgres) { store in
            let pages = SQLiteArchiveFailureTests.pages(3_000)
            let database = try #require(URLComponents(string: store.location)?.path.dropFirst())
            let server = try #require(StoreKind.postgresURL)
            let killer = Task {
                // Wait for some pages, then keep ending the archive's sessions until the ingest notices.
                while !Task.isCancelled, (try? await PostgresAdmin.number(store.location, "SELECT count(*) FROM pages")) ?? 0 < 100 {
                    try? await Task.sleep(nanoseconds: 20_000_000)
                }
                while !Task.isCancelled {
                    _ = try? await PostgresAdmin.number(
                        server, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
                    try? await Task.sleep(nanoseconds: 30_000_000)
                }
            }
            var stored = 0
            var failure: (any Error)?
            for page in pages {
                do {
                    _ = try await store.archive.ingest(page)
                    stored += 1
                } catch {
                    failure = error
                    break
                }
            }
            killer.cancel()
            _ = await killer.value
            let error = try #require(failure as? ArchiveError, "every page was stored before the connection was ended")
            guard case .writeFailed(let source, let reason) = error else {
                Issue.record("expected writeFailed, got \(error)")
                return
            }
            #expect(source == "page-\(stored)")
            #expect(reason.contains("connection"), "\(reason)")
            #expect("\(error)".contains("nothing of it was stored"))
            #expect(stored >= 100)

            // The failed page left nothing; the archive answers again once the server is back.
            let stats = try await store.archive.stats()
            #expect(stats.pages == stored)
            #expect(stats.articles == stored * 2)
            #expect(try await store.archive.article(id: "n\(stored)") == nil)
            let outcomes = try await store.archive.ingest(batch: Array(pages.prefix(stored + 5)))
            #expect(outcomes.filter { $0.status == .unchanged }.count == stored)
            #expect(outcomes.filter { $0.status == .inserted }.count == 5)
        }
    }
}

/// The deadlines around postgres-nio calls give up on a call that never ends, even one that
/// ignores cancellation (a task group would wait for it).
@Suite struct PostgresDeadlineTests {
    /// Holds the waiting calls until the test ends.
    final class Release: Sendable {
        let waiting = Mutex<[CheckedContinuation<Void, Never>]>([])
        let done = Mutex(false)

        func wait() async {
            await withCheckedContinuation { continuation in
                let resumeNow = done.withLock { done in
                    if !done { waiting.withLock { $0.append(continuation) } }
                    return done
                }
                if resumeNow { continuation.resume() }
            }
        }

        func open() {
            done.withLock { $0 = true }
            for continuation in waiting.withLock({ list in defer { list = [] }; return list }) { continuation.resume() }
        }
    }

    /// Never returns, whatever cancellation says, until `release` opens: a continuation is not
    /// resumed by cancelling its task.
    static func stuck(_ release: Release) async -> Int {
        await release.wait()
        return 1
    }

    @Test func aCallThatNeverEndsFailsAtItsDeadline() async throws {
        let release = Release()
        defer { release.open() }
        // Each call returns at all only because the deadline leaves the stuck body behind: the body
        // is released after the test.
        await #expect(throws: ArchiveError.self) {
            _ = try await PostgresArchive.withDeadline(seconds: 0.3, what: "postgres://test") { await Self.stuck(release) }
        }
        await #expect(throws: ArchiveError.self) {
            _ = try await PostgresArchive.racing(seconds: 0.3, what: "page-1") { await Self.stuck(release) }
        }
        #expect(try await PostgresArchive.withDeadline(seconds: 5, what: "postgres://test") { 7 } == 7)
    }
}

/// CI must not skip the PostgreSQL cases silently.
@Suite struct PostgresConfiguredInCI {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil)) func ciProvidesAServer() {
        #expect(StoreKind.postgresURL != nil, "CI runs the store tests against PostgreSQL: .ci/run must set MARSAD_TEST_POSTGRES")
    }
}
