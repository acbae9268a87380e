import ArchivePostgres
import Foundation
import Testing

/// `marsad enqueue`, `marsad worker` and `marsad jobs` against a PostgreSQL archive, in child
/// processes: two workers share the jobs, one is killed with -9 mid-job, and the archive ends as one
/// `marsad ingest` of the same input leaves it.
@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil, "MARSAD_TEST_POSTGRES is not set"))
struct WorkerCommandTests {
    let cli = ExtractCommandTests()
    let ingest = PostgresIngestCommandTests()

    /// The counts that must match between a cluster run and one process.
    static let counts = [
        "pages": "SELECT count(*) FROM pages", "distinct sources": "SELECT count(DISTINCT source) FROM pages",
        "articles": "SELECT count(*) FROM articles", "index rows": "SELECT count(*) FROM articles_fts",
        "copies": "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL",
        "stories": "SELECT count(DISTINCT story_id) FROM articles WHERE duplicate_of IS NULL",
    ]

    /// Runs the CLI off the cooperative thread pool: a child process waited for there holds one of
    /// its few threads, and live-server tests running beside this one starve for it.
    func marsad(_ arguments: [String]) async throws -> ExtractCommandTests.Run {
        let cli = self.cli
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try cli.marsad(arguments) }) }
        }
    }

    func counts(_ url: String) async throws -> [String: Int] {
        var out = [String: Int]()
        for (name, sql) in Self.counts { out[name] = try await PostgresAdmin.number(url, sql) }
        return out
    }

    @Test func workersKilledMidJobStoreWhatOneIngestStores() async throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let news = dir.appendingPathComponent("news.jsonl"), copies = dir.appendingPathComponent("copies.jsonl")
        try IngestCommandTests.jsonl(240).write(to: news, atomically: true, encoding: .utf8)
        // Exact copies of the first 60 records under other URLs.
        try IngestCommandTests.jsonl(60).replacingOccurrences(of: "news.example.org", with: "mirror.example.net")
            .write(to: copies, atomically: true, encoding: .utf8)
        var single = [String: Int]()
        try await ingest.withDatabase { url, _ in
            let run = try await marsad(["ingest", "--quiet", "--no-analysis", "--store", url, news.path, copies.path])
            #expect(run.status == 0, "\(run.stderr)")
            single = try await counts(url)
        }
        #expect(single["pages"] == 300 && (single["copies"] ?? 0) >= 60, "\(single)")
        try await ingest.withDatabase { url, _ in
            let enqueued = try await marsad(["enqueue", "--shard-lines", "20", "--store", url, news.path, copies.path])
            #expect(enqueued.status == 0 && enqueued.stderr.contains("16 jobs added"), "\(enqueued.stderr)")
            let worker = ["worker", "--until-idle", "--no-analysis", "--lease", "3", "--poll", "0.2", "--batch", "5", "--jobs", "1", "--store", url]
            let steady = try ingest.start(worker, output: dir.appendingPathComponent("steady.log"))
            let doomed = try ingest.start(worker, output: dir.appendingPathComponent("doomed.log"))
            // Kill the second worker once it holds a job and has stored part of it.
            let holder = "%:\(doomed.processIdentifier)"
            var holding = false
            for _ in 0..<600 where !holding {
                try await Task.sleep(nanoseconds: 50_000_000)
                holding = try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE state = 'running' AND worker LIKE '\(holder)'") > 0
            }
            #expect(holding, "the second worker never claimed a job")
            try await Task.sleep(nanoseconds: 300_000_000)
            kill(doomed.processIdentifier, SIGKILL)
            _ = await ingest.waitAsync(doomed, seconds: 30)
            // Whether it died holding a job (it may have just finished one): that job must run again.
            let diedHolding = try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE state = 'running' AND worker LIKE '\(holder)'")
            #expect(await ingest.waitAsync(steady, seconds: 300))
            let log = (try? String(contentsOf: dir.appendingPathComponent("steady.log.err"), encoding: .utf8)) ?? ""
            #expect(steady.terminationStatus == 0, "\(log)")
            let cluster = try await counts(url)
            #expect(cluster == single, "cluster \(cluster), one process \(single)")
            // The killed worker's job ran again, and its first attempt is on record.
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE state = 'done'") == 16)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM jobs WHERE attempts = 2 AND last_error LIKE '%expired%'") >= diedHolding)
            let status = try await marsad(["jobs", "--format", "json", "--store", url])
            let json = try cli.json(status.stdout)
            #expect((json["counts"] as? [String: Int])?["done"] == 16)
        }
    }

    @Test func aFailedJobIsListedAndCanBeRetried() async throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("page.html")
        try "<html><head><title>عنوان الخبر</title></head><body><p>نص الخبر الكامل هنا للاختبار.</p></body></html>".write(to: page, atomically: true, encoding: .utf8)
        try await ingest.withDatabase { url, _ in
            #expect(try await marsad(["enqueue", "--attempts", "1", "--no-link", "--store", url, page.path]).status == 0)
            // The file goes away before a worker reads it: the job fails, naming it.
            try FileManager.default.removeItem(at: page)
            let run = try await marsad(["worker", "--until-idle", "--quiet", "--store", url])
            #expect(run.status == 0 && run.stderr.contains("page.html"), "\(run.stderr)")
            let listed = try await marsad(["jobs", "--store", url])
            #expect(listed.stdout.contains("failed 1") && listed.stdout.contains("page.html"), "\(listed.stdout)")
            try "<html><head><title>عنوان الخبر</title></head><body><p>نص الخبر الكامل هنا للاختبار.</p></body></html>".write(to: page, atomically: true, encoding: .utf8)
            #expect(try await marsad(["jobs", "retry", "1", "--store", url]).status == 0)
            #expect(try await marsad(["jobs", "retry", "1", "--store", url]).stderr.contains("pending"))
            #expect(try await marsad(["worker", "--until-idle", "--quiet", "--store", url]).status == 0)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM pages") == 1)
        }
    }

    @Test func aSQLiteArchiveHasNoQueue() async throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try await marsad(["jobs", "--store", dir.appendingPathComponent("a.sqlite").path])
        #expect(run.status != 0 && run.stderr.contains("PostgreSQL"))
    }
}
