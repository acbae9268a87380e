import ArchivePostgres
import Foundation
import Testing

/// `marsad ingest --store postgres://…` in child processes: several at once, and a server that
/// drops them mid-write. Runs when `MARSAD_TEST_POSTGRES` names a server (`.ci/run` starts one);
/// each test gets a database of its own.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["MARSAD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
}

@Suite(.serialized, .enabled(if: PostgresTestServer.url != nil, "MARSAD_TEST_POSTGRES is not set"))
struct PostgresIngestCommandTests {
    static var server: String? { PostgresTestServer.url }
    let cli = ExtractCommandTests()

    /// Runs `body` with the URL of a new database, dropped afterwards.
    func withDatabase(_ body: (String, String) async throws -> Void) async throws {
        let server = try #require(Self.server)
        let name = "marsad_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresAdmin.createDatabase(name, server: server)
        do {
            try await body(try PostgresAdmin.url(server, database: name), name)
        } catch {
            try? await PostgresAdmin.dropDatabase(name, server: server)
            throw error
        }
        try await PostgresAdmin.dropDatabase(name, server: server)
    }

    func start(_ arguments: [String], output: URL) throws -> Process {
        let process = Process()
        process.executableURL = ExtractCommandTests.binary
        process.arguments = arguments
        FileManager.default.createFile(atPath: output.path, contents: nil)
        FileManager.default.createFile(atPath: output.appendingPathExtension("err").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: output.appendingPathExtension("err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitAsync(_ process: Process, seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }

    /// Two ingest processes on overlapping inputs (one file in common, and a file of exact copies of
    /// another's records): no page or article is stored twice, and every copy points at one original.
    @Test func concurrentIngestsStoreNothingTwice() async throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.jsonl"), shared = dir.appendingPathComponent("shared.jsonl"), copies = dir.appendingPathComponent("copies.jsonl")
        try IngestCommandTests.jsonl(300).write(to: a, atomically: true, encoding: .utf8)
        try IngestCommandTests.jsonl(300, from: 300).write(to: shared, atomically: true, encoding: .utf8)
        // The records of a.jsonl under other URLs: the same text, so exact copies.
        try IngestCommandTests.jsonl(300).replacingOccurrences(of: "news.example.org", with: "mirror.example.net")
            .write(to: copies, atomically: true, encoding: .utf8)
        try await withDatabase { url, _ in
            let one = try start(["ingest", "--quiet", "--format", "json", "--batch", "10", "--store", url, a.path, shared.path], output: dir.appendingPathComponent("one.json"))
            let two = try start(["ingest", "--quiet", "--format", "json", "--batch", "7", "--store", url, shared.path, copies.path], output: dir.appendingPathComponent("two.json"))
            #expect(await waitAsync(one, seconds: 300))
            #expect(await waitAsync(two, seconds: 300))
            for (process, name) in [(one, "one.json"), (two, "two.json")] {
                let stderr = (try? String(contentsOf: dir.appendingPathComponent(name + ".err"), encoding: .utf8)) ?? ""
                #expect(process.terminationStatus == 0, "\(name): \(stderr)")
            }
            let first = try cli.json(try String(contentsOf: dir.appendingPathComponent("one.json"), encoding: .utf8))
            let second = try cli.json(try String(contentsOf: dir.appendingPathComponent("two.json"), encoding: .utf8))
            func int(_ summary: [String: Any], _ key: String) -> Int { summary[key] as? Int ?? -1 }
            #expect(int(first, "pages") == 600 && int(second, "pages") == 600)
            #expect(int(first, "inserted") + int(second, "inserted") == 900)
            #expect(int(first, "unchanged") + int(second, "unchanged") == 300)

            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM pages") == 900)
            #expect(try await PostgresAdmin.number(url, "SELECT count(DISTINCT source) FROM pages") == 900)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles") == 900)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles_fts") == 900)
            // At least the 300 exact copies are linked (the composed records differ only in numbers, so the
            // near-duplicate policy may link a few more); no text has two originals; no original is a copy.
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") >= 300)
            #expect(try await PostgresAdmin.number(
                url, "SELECT count(*) FROM (SELECT exact_hash FROM articles GROUP BY exact_hash HAVING count(*) FILTER (WHERE duplicate_of IS NULL) > 1) x") == 0)
            #expect(try await PostgresAdmin.number(
                url, "SELECT count(*) FROM articles c JOIN articles o ON o.id = c.duplicate_of WHERE o.duplicate_of IS NOT NULL") == 0)

            // The archive reads back through the CLI like a SQLite one.
            let stats = try cli.json(try cli.marsad(["stats", "--format", "json", "--store", url]).stdout)
            #expect(stats["articles"] as? Int == 900)
            #expect((stats["duplicates"] as? Int ?? 0) >= 300)
            let search = try cli.marsad(["search", "--format", "json", "--store", url, "المفاوضات", "--limit", "3"])
            #expect(search.status == 0, "\(search.stderr)")
            // The 100 exact copies on the negotiations fold into their originals, unless asked for all.
            #expect(try cli.json(search.stdout)["total"] as? Int == 200)
            let all = try cli.marsad(["search", "--format", "json", "--all", "--store", url, "المفاوضات", "--limit", "3"])
            #expect(try cli.json(all.stdout)["total"] as? Int == 300)
            let phrase = try cli.marsad(["search", "--store", url, "\"سعر الفائدة\""])
            #expect(phrase.stdout.contains("[الفائدة]"))
        }
    }

    /// The server ends the ingest's session mid-write (`pg_terminate_backend`, the same FATAL
    /// 57P01 a shutdown sends; the shared test server itself keeps running for the tests beside
    /// this one): ingest stops with an error naming the page, every committed page is whole, and a
    /// second run stores exactly the rest.
    @Test func serverDroppingTheIngestFailsCleanlyAndResumes() async throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.jsonl")
        let records = 4_000
        try IngestCommandTests.jsonl(records).write(to: file, atomically: true, encoding: .utf8)
        let server = try #require(Self.server)
        try await withDatabase { url, name in
            let run = try start(["ingest", "--quiet", "--format", "json", "--batch", "20", "--store", url, file.path], output: dir.appendingPathComponent("run.json"))
            var committed = 0
            let deadline = Date().addingTimeInterval(240)
            while run.isRunning, Date() < deadline, committed < 200 {
                try await Task.sleep(nanoseconds: 50_000_000)
                committed = (try? await PostgresAdmin.number(url, "SELECT count(*) FROM pages")) ?? 0
            }
            #expect(run.isRunning, "ingest finished before its connection could be ended; make the input larger")
            // End the session until ingest notices (it may sit between two batches, idle, when one ends).
            while run.isRunning, Date() < deadline {
                _ = try? await PostgresAdmin.number(
                    server, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
                try await Task.sleep(nanoseconds: 30_000_000)
            }
            #expect(await waitAsync(run, seconds: 30))
            let stderr = try String(contentsOf: dir.appendingPathComponent("run.json.err"), encoding: .utf8)
            #expect(run.terminationStatus != 0)
            #expect(stderr.contains("could not store") && stderr.contains("nothing of it was stored"), "\(stderr)")
            #expect(stderr.contains(file.path), "\(stderr)")

            let pages = try await PostgresAdmin.number(url, "SELECT count(*) FROM pages")
            #expect(pages >= 200 && pages < records)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM pages WHERE id NOT IN (SELECT page_id FROM articles)") == 0)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles") == pages)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles_fts") == pages)

            let resumed = try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", url, file.path])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let summary = try cli.json(resumed.stdout)
            #expect(summary["unchanged"] as? Int == pages)
            #expect(summary["inserted"] as? Int == records - pages)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles") == records)
            #expect(try await PostgresAdmin.number(url, "SELECT count(*) FROM articles_fts") == records)
        }
    }

    @Test func unreachableServerIsAClearError() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("page.txt")
        try ExtractCommandTests.page.write(to: page, atomically: true, encoding: .utf8)
        let run = try cli.marsad(["ingest", "--quiet", "--store", "postgres://marsad:secret@127.0.0.1:1/marsad", page.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("archive unavailable") && run.stderr.contains("127.0.0.1:1"), "\(run.stderr)")
        #expect(!run.stderr.contains("secret"))
    }
}
