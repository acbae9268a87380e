import ArchivePostgres
import Foundation
import Testing

/// `marsad watch` against a PostgreSQL archive schedules fetch jobs instead of fetching, and
/// `marsad worker` runs them: two watchers schedule a due source once, a worker fetches it, and a job
/// for a source no longer due fetches nothing.
@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil, "MARSAD_TEST_POSTGRES is not set"))
struct WatchJobsTests {
    let cli = ExtractCommandTests()
    let ingest = PostgresIngestCommandTests()
    let workers = WorkerCommandTests()

    @Test func watchersScheduleADueSourceOnceAndAWorkerFetchesIt() async throws {
        let site = try LocalHTTPServer(routes: [
            "/local": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(WatchCommandTests.section.utf8)),
            "/news/204811": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(WatchCommandTests.article.utf8)),
        ])
        defer { site.stop() }
        let source = site.url("/local")
        try await ingest.withDatabase { url, _ in
            #expect(try await workers.marsad(["sources", "add", source, "--kind", "page", "--store", url]).status == 0)
            async let first = workers.marsad(["watch", "--once", "--format", "json", "--store", url])
            async let second = workers.marsad(["watch", "--once", "--format", "json", "--store", url])
            let rounds = try await [first, second].map { run in
                #expect(run.status == 0, "\(run.stderr)")
                return try cli.json(run.stdout)
            }
            #expect(rounds.map { $0["due"] as? Int } == [1, 1])
            #expect(rounds.compactMap { $0["scheduled"] as? Int }.reduce(0, +) == 1, "\(rounds)")
            #expect(rounds.allSatisfy { $0["pagesFetched"] as? Int == 0 }, "a scheduling watcher fetched")
            #expect(site.userAgents.isEmpty)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE kind = 'fetch' AND state = 'pending'") == 1)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE kind = 'link' AND state = 'pending'") == 1)

            let worked = try await workers.marsad(["worker", "--until-idle", "--no-analysis", "--store", url])
            #expect(worked.status == 0, "\(worked.stderr)")
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE state <> 'done'") == 0)
            let found = try await workers.marsad(["search", "موازنة", "--format", "json", "--store", url])
            #expect(try cli.json(found.stdout)["total"] as? Int == 1)
            let requests = site.userAgents.count
            #expect(requests >= 2, "the worker fetched neither the source nor its article")

            // Fetched this round: a second round finds nothing due, and a late job fetches nothing.
            let again = try cli.json(try await workers.marsad(["watch", "--once", "--format", "json", "--store", url]).stdout)
            #expect(again["due"] as? Int == 0 && again["scheduled"] as? Int == 0)
            try await PostgresAdmin.execute(url, "INSERT INTO jobs (kind, target, max_attempts) VALUES ('fetch', '\(source)', 1)")
            #expect(try await workers.marsad(["worker", "--until-idle", "--store", url]).status == 0)
            #expect(site.userAgents.count == requests)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE state = 'done' AND kind = 'fetch'") == 2)
        }
    }

    /// `--fetch-here` keeps the single-process behaviour against PostgreSQL.
    @Test func fetchHereFetchesInTheWatcher() async throws {
        let site = try LocalHTTPServer(routes: [
            "/local": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(WatchCommandTests.section.utf8)),
            "/news/204811": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(WatchCommandTests.article.utf8)),
        ])
        defer { site.stop() }
        try await ingest.withDatabase { url, _ in
            #expect(try await workers.marsad(["sources", "add", site.url("/local"), "--kind", "page", "--store", url]).status == 0)
            let run = try await workers.marsad(["watch", "--once", "--fetch-here", "--format", "json", "--store", url])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try cli.json(run.stdout)["articlesNew"] as? Int == 1)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs") == 0)
        }
    }
}
