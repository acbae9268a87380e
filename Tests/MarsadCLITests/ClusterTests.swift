import ArchivePostgres
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The cluster of docs/deploy.md on loopback (`Scripts/pg-cluster.sh`, which `.ci/run` starts): a
/// primary, a streaming replica of it and pgbouncer in transaction mode in front of the primary.
enum PostgresTestCluster {
    static let replica = variable("MARSAD_TEST_POSTGRES_REPLICA")
    static let bouncer = variable("MARSAD_TEST_PGBOUNCER")
    static var isRunning: Bool { PostgresTestServer.url != nil && replica != nil }

    static func variable(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// ANT records to ingest when the corpus is there (the first `count` of v2.1), else nil.
    static func antRecords(_ count: Int, into file: URL) throws -> Bool {
        let corpus = DumpEvalTests.repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/news/ant_v2.1_multisource.jsonl.gz")
        guard FileManager.default.fileExists(atPath: corpus.path) else { return false }
        let run = try BrowserTests.run("/bin/sh", ["-c", "gzip -dc \"$0\" | head -n \(count) > \"$1\"", corpus.path, file.path], timeout: 120)
        return run.status == 0
    }

    /// Waits until the replica has replayed everything the primary had written when called. The
    /// whole suite writes to the same primary (hundreds of databases made and dropped), so the
    /// replica may be minutes behind in CI.
    static func awaitReplay(primary: String, replica: String, seconds: Double = 300) async throws -> Bool {
        let written = try await PostgresAdmin.number(primary, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let replayed = try await PostgresAdmin.number(replica, "SELECT COALESCE(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0'), 0)::bigint")
            if replayed >= written { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }
}

/// Workers through pgbouncer, one killed with -9, and a server reading from the replica: the archive
/// ends as one `marsad ingest` leaves it, and the replica's answers are the primary's.
@Suite(.serialized, .enabled(if: PostgresTestCluster.isRunning, "MARSAD_TEST_POSTGRES_REPLICA is not set"))
struct ClusterTests {
    let cli = ExtractCommandTests()
    let ingest = PostgresIngestCommandTests()
    let workers = WorkerCommandTests()
    static let token = "cluster-test-token"
    static let queries = ["الحكومة", "الرئيس التونسي", "كرة القدم", "وزارة الصحة", "البنك المركزي"]

    @Test func workersAndAServerOnTheReplicaAgreeWithOneProcess() async throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let news = dir.appendingPathComponent("news.jsonl")
        if try !PostgresTestCluster.antRecords(2_000, into: news) {
            try IngestCommandTests.jsonl(300).write(to: news, atomically: true, encoding: .utf8)
        }
        var single = [String: Int]()
        try await ingest.withDatabase { url, _ in
            let run = try await workers.marsad(["ingest", "--quiet", "--no-analysis", "--store", url, news.path])
            #expect(run.status == 0, "\(run.stderr)")
            single = try await workers.counts(url)
        }
        try await ingest.withDatabase { url, name in
            // Workers and the server's writes go through pgbouncer when it runs, as deployed.
            let writeURL = try PostgresTestCluster.bouncer.map { try PostgresAdmin.url($0, database: name) } ?? url
            let readURL = try PostgresAdmin.url(try #require(PostgresTestCluster.replica), database: name)
            try await runWorkers(store: writeURL, input: news, dir: dir)
            let cluster = try await workers.counts(url)
            #expect(cluster == single, "cluster \(cluster), one process \(single)")
            #expect(try await PostgresTestCluster.awaitReplay(primary: url, replica: readURL), "the replica did not catch up")
            #expect(try await workers.counts(readURL) == cluster)
            try await serveFromReplica(primary: writeURL, replica: readURL, plain: url, dir: dir)
        }
    }

    /// Two workers share the shards; the second is killed with -9 once it holds one.
    func runWorkers(store: String, input: URL, dir: URL) async throws {
        let enqueued = try await workers.marsad(["enqueue", "--shard-lines", "250", "--store", store, input.path])
        #expect(enqueued.status == 0, "\(enqueued.stderr)")
        let worker = ["worker", "--until-idle", "--no-analysis", "--lease", "3", "--poll", "0.2", "--jobs", "1", "--store", store]
        let steady = try ingest.start(worker, output: dir.appendingPathComponent("steady.log"))
        let doomed = try ingest.start(worker, output: dir.appendingPathComponent("doomed.log"))
        var holding = false
        for _ in 0..<600 where !holding {
            try await Task.sleep(nanoseconds: 50_000_000)
            holding = try await PostgresAdmin.number(store, "SELECT count(*) FROM jobs WHERE state = 'running' AND worker LIKE '%:\(doomed.processIdentifier)'") > 0
        }
        #expect(holding, "the second worker never claimed a job")
        kill(doomed.processIdentifier, SIGKILL)
        _ = await ingest.waitAsync(doomed, seconds: 30)
        #expect(await ingest.waitAsync(steady, seconds: 600), "the remaining worker did not finish")
        let log = (try? String(contentsOf: dir.appendingPathComponent("steady.log.err"), encoding: .utf8)) ?? ""
        #expect(steady.terminationStatus == 0, "\(log)")
        #expect(try await PostgresAdmin.number(store, "SELECT count(*) FROM jobs WHERE state <> 'done'") == 0)
    }

    /// `serve --read-store`: searches answer from the replica as the primary answers them, and an
    /// upload (a write, which the replica refuses) lands on the primary and reaches the replica.
    func serveFromReplica(primary: String, replica: String, plain: String, dir: URL) async throws {
        let port = try BrowserTests.freePort()
        let process = Process()
        process.executableURL = ExtractCommandTests.binary
        process.arguments = ["serve", "--store", primary, "--read-store", replica, "--port", String(port), "--log-level", "warning", "--no-analysis"]
        process.environment = ProcessInfo.processInfo.environment.merging(["MARSAD_INGEST_TOKEN": Self.token]) { $1 }
        let log = dir.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        var stats: String?
        for _ in 0..<300 where stats == nil {
            if let (status, body) = await BrowserTests.get("\(base)/api/v1/stats"), status == 200 { stats = body }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let served = try #require(stats, "marsad serve did not answer: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        let articles = try await PostgresAdmin.number(plain, "SELECT count(*) FROM articles")
        #expect(served.contains("\"articles\":\(articles)"), "\(served)")
        var answered = 0
        for query in Self.queries {
            let fromReplica = try await hitIDs(base, query)
            let onPrimary = try await workers.marsad(["search", query, "--format", "json", "--limit", "10", "--store", plain])
            let expected = try cli.json(onPrimary.stdout)
            #expect(fromReplica.total == expected["total"] as? Int, "\(query)")
            #expect(fromReplica.ids == ((expected["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }, "\(query)")
            answered += fromReplica.total > 0 ? 1 : 0
        }
        #expect(answered > 0, "no query found anything; the comparison shows nothing")
        try await uploadReachesTheReplica(base: base, primary: plain, replica: replica)
    }

    func uploadReachesTheReplica(base: String, primary: String, replica: String) async throws {
        let html = "<html><head><title>نبأ عاجل من العنقود التجريبي</title></head><body><article><h1>نبأ عاجل من العنقود التجريبي</h1>"
            + "<p>أعلنت اللجنة المنظمة أن المهرجان الصيفي سيقام في موعده، وأن التذاكر ستطرح للبيع الأسبوع المقبل في كل المدن.</p></article></body></html>"
        var request = URLRequest(url: try #require(URL(string: "\(base)/api/v1/pages?source=https%3A%2F%2Fcluster.example%2Fnews%2F1")))
        request.httpMethod = "POST"
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        request.setValue("text/html; charset=utf-8", forHTTPHeaderField: "Content-Type")
        let (status, body) = try #require(await BrowserTests.send(request, body: Data(html.utf8)), "the upload got no answer")
        #expect((200..<300).contains(status), "\(status) \(String(decoding: body, as: UTF8.self))")
        #expect(try await PostgresAdmin.number(primary, "SELECT count(*) FROM pages WHERE source LIKE '%cluster.example%'") == 1)
        #expect(try await PostgresTestCluster.awaitReplay(primary: primary, replica: replica))
        let found = try await hitIDs(base, "المهرجان الصيفي التذاكر")
        #expect(found.total == 1)
    }

    func hitIDs(_ base: String, _ query: String) async throws -> (total: Int, ids: [String]) {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query
        let (status, body) = try #require(await BrowserTests.get("\(base)/api/v1/search?q=\(encoded)&limit=10"))
        #expect(status == 200, "\(body)")
        let json = try cli.json(body)
        return (json["total"] as? Int ?? -1, ((json["hits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
    }
}

/// CI must not skip the cluster test silently.
@Suite struct ClusterConfiguredInCI {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil)) func ciProvidesACluster() {
        #expect(PostgresTestCluster.isRunning && PostgresTestCluster.bouncer != nil, ".ci/run starts Scripts/pg-cluster.sh: a replica and pgbouncer")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil && PostgresTestServer.url != nil)) func ciOffersRUM() async throws {
        let server = try #require(PostgresTestServer.url)
        #expect(try await PostgresAdmin.number(server, "SELECT count(*) FROM pg_available_extensions WHERE name = 'rum'") == 1,
                ".ci/run installs postgresql-N-rum, so that the RUM path is tested")
    }
}
