import Archive
@testable import ArchivePostgres
import ArchiveSQLite
import Foundation
import NewsModel
import Testing

/// `ReplicatedArchive` routes each call: two SQLite archives stand in for the primary and a replica
/// that has not caught up, so every answer shows which one it came from.
@Suite struct ReplicatedArchiveTests {
    func withPair(_ body: (ReplicatedArchive, SQLiteArchive, SQLiteArchive) async throws -> Void) async throws {
        let (primary, primaryDir) = try ArchiveFixtures.temporaryArchive()
        let (replica, replicaDir) = try ArchiveFixtures.temporaryArchive()
        defer {
            try? FileManager.default.removeItem(at: primaryDir)
            try? FileManager.default.removeItem(at: replicaDir)
        }
        let pair = ReplicatedArchive(primary: primary, replica: replica)
        try await body(pair, primary, replica)
        try await pair.close()
    }

    @Test func writesGoToThePrimary() async throws {
        try await withPair { pair, primary, replica in
            try await ArchiveFixtures.fill(pair)
            #expect(try await primary.stats().articles == 4)
            #expect(try await replica.stats().articles == 0)
        }
    }

    @Test func readsComeFromTheReplica() async throws {
        try await withPair { pair, primary, replica in
            try await ArchiveFixtures.fill(primary)
            #expect(try await pair.stats().articles == 0)
            #expect(try await pair.latest(ListRequest(limit: 5)).isEmpty)
            let request = SearchRequest(query: SearchQuery("التضخم"), limit: 5)
            #expect(try await pair.search(request).total == 0)
            try await ArchiveFixtures.fill(replica)
            #expect(try await pair.search(request).total > 0)
            let id = try #require(try await primary.latest(ListRequest(limit: 1)).first?.id)
            #expect(try await pair.article(id: id)?.article.title == (try await replica.article(id: id))?.article.title)
        }
    }

    /// The watcher reads its state to write it back: both on the primary, never a stale replica.
    @Test func watchAndAlertStateStayOnThePrimary() async throws {
        try await withPair { pair, primary, replica in
            try await pair.saveSource(WatchStateTests.bare)
            #expect(try await primary.watchedSources() == [WatchStateTests.bare])
            #expect(try await replica.watchedSources().isEmpty)
            #expect(try await pair.watchedSources() == [WatchStateTests.bare])
            let alert = try await pair.saveAlert(WatchAlert(query: "التضخم", webhook: "https://hooks.example.org/marsad", secret: "s3cret", created: "2026-03-02T09:00:00Z"))
            #expect(try await pair.alerts().map(\.id) == [alert.id])
            #expect(try await replica.alerts().isEmpty)
        }
    }
}

/// A read replica is opened without migrating: an archive it lacks, or one at an older schema, is a
/// clear error naming what is missing.
@Suite(.enabled(if: StoreKind.postgresURL != nil, "MARSAD_TEST_POSTGRES is not set"))
struct PostgresReadOnlyOpenTests {
    @Test func anEmptyDatabaseIsNoArchive() async throws {
        let (url, drop) = try await TestStore.scratchDatabase()
        defer { Task { await drop() } }
        await #expect {
            _ = try await PostgresArchive(url: url, readOnly: true, connectTimeout: 60)
        } throws: { error in
            "\(error)".contains("not a Marsad archive") && "\(error)".contains("marsad_migrations")
        }
        #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") == 0)
    }

    @Test func anOlderSchemaNamesTheMissingVersions() async throws {
        let (url, drop) = try await TestStore.scratchDatabase()
        defer { Task { await drop() } }
        try await PostgresArchive(url: url, connectTimeout: 60).close()
        let latest = try #require(PostgresSchema.migrations.last?.version)
        try await PostgresAdmin.execute(url, "DELETE FROM marsad_migrations WHERE version = '\(latest)'")
        await #expect {
            _ = try await PostgresArchive(url: url, readOnly: true, connectTimeout: 60)
        } throws: { error in
            "\(error)".contains("lacks schema versions \(latest)")
        }
        try await PostgresAdmin.execute(url, "INSERT INTO marsad_migrations VALUES ('\(latest)', '2026-12-07T00:00:00Z')")
        let reader = try await PostgresArchive(url: url, readOnly: true, connectTimeout: 60)
        #expect(try await reader.stats().articles == 0)
        try await reader.close()
    }
}

/// BM25 on PostgreSQL: document frequencies kept by the linking stage, and scores equal to SQLite's
/// term index for the same archive.
@Suite(.enabled(if: StoreKind.postgresURL != nil, "MARSAD_TEST_POSTGRES is not set"))
struct PostgresBM25Tests {
    static let queries = ["الفائدة", "أسعار الفائدة", "البنك المركزي الفائدة", "التضخم الفائدة", "المنتخب البطولة"]

    @Test func statsCountEveryArticleAndTerm() async throws {
        try await TestStore.with(.postgres, filled: true) { store in
            let archive = try #require(store.archive as? PostgresArchive)
            try await archive.refreshTermStats()
            #expect(try await PostgresAdmin.number(store.location, "SELECT documents FROM index_stats") == 4)
            // Each term's df is the number of articles whose vector holds it.
            #expect(try await PostgresAdmin.number(store.location, """
                SELECT count(*) FROM term_stats t
                WHERE t.df <> (SELECT count(*) FROM articles_fts f WHERE f.vector @@ to_tsquery('simple', quote_literal(t.term)))
                """) == 0)
            #expect(try await PostgresAdmin.number(store.location, "SELECT count(*) FROM term_stats") > 20)
        }
    }

    /// Schema v13 makes the RUM index exactly where the server offers the extension.
    @Test func theRUMIndexIsThereWhereTheServerOffersIt() async throws {
        try await TestStore.with(.postgres) { store in
            let archive = try #require(store.archive as? PostgresArchive)
            let offered = try await PostgresAdmin.number(store.location, "SELECT count(*) FROM pg_available_extensions WHERE name = 'rum'") > 0
            #expect(archive.ordersByRUM == offered)
            #expect(try await PostgresAdmin.number(store.location, "SELECT count(*) FROM pg_indexes WHERE indexname = 'articles_fts_rum'") == (offered ? 1 : 0))
        }
    }

    @Test func linkingRefreshesStatsOnceTheQueueDrains() async throws {
        try await TestStore.with(.postgres) { store in
            let archive = try #require(store.archive as? PostgresArchive)
            _ = try await archive.link(limit: 10)
            #expect(try await PostgresAdmin.number(store.location, "SELECT count(*) FROM index_stats") == 1)
            try await ArchiveFixtures.fill(archive)
            _ = try await archive.link(limit: 10)
            #expect(try await PostgresAdmin.number(store.location, "SELECT documents FROM index_stats") == 4)
        }
    }

    @Test func scoresAreSQLitesTermIndexScores() async throws {
        try await TestStore.with(.sqlite, filled: true) { sqlite in
            try await TestStore.with(.postgres, filled: true) { postgres in
                try await (postgres.archive as? PostgresArchive)?.refreshTermStats()
                for query in Self.queries {
                    let request = SearchRequest(query: SearchQuery(query), filters: SearchFilters(includeCopies: true), limit: 10)
                    let expected = try await sqlite.archive.search(request).hits
                    let found = try await postgres.archive.search(request).hits
                    #expect(found.map(\.id) == expected.map(\.id), "\(query)")
                    #expect(zip(found, expected).allSatisfy { abs($0.score - $1.score) <= 1e-9 * max(1, abs($1.score)) }, "\(query): \(found.map(\.score)) \(expected.map(\.score))")
                }
            }
        }
    }
}
