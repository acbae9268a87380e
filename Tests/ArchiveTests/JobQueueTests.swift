import Archive
import ArchivePostgres
import Foundation
import Ingestion
import Testing

/// The PostgreSQL work queue (``JobQueue``): claims, leases, failures and retries.
@Suite(.enabled(if: StoreKind.postgresURL != nil, "MARSAD_TEST_POSTGRES is not set"))
struct JobQueueTests {
    func withQueue(_ body: (PostgresArchive, _ location: String) async throws -> Void) async throws {
        try await TestStore.with(.postgres) { store in
            try await body(try #require(store.archive as? PostgresArchive), store.location)
        }
    }

    func withQueue(_ body: (PostgresArchive) async throws -> Void) async throws {
        try await withQueue { queue, _ in try await body(queue) }
    }

    /// Ends every running job's lease now, as time would: no test waits on the clock, which a loaded
    /// machine stretches.
    func expireLeases(_ location: String) async throws {
        try await PostgresAdmin.execute(location, "UPDATE jobs SET lease_until = now() - interval '1 second' WHERE state = 'running'")
    }

    func input(_ target: String, _ lines: Range<Int>? = nil, attempts: Int = NewJob.defaultAttempts) -> NewJob {
        NewJob(kind: .input, target: target, lines: lines, maxAttempts: attempts)
    }

    @Test func jobsAreClaimedOnceInOrderAndNotEnqueuedTwice() async throws {
        try await withQueue { queue in
            #expect(try await queue.enqueue([input("/a.jsonl", 1..<11), input("/a.jsonl", 11..<21), input("/b.html")]) == 3)
            // The same inputs while they wait: nothing new. Another range of the same file is new.
            #expect(try await queue.enqueue([input("/a.jsonl", 1..<11), input("/b.html"), input("/a.jsonl", 21..<31)]) == 1)
            let first = try #require(try await queue.claimJob(worker: "w1", lease: 30))
            let second = try #require(try await queue.claimJob(worker: "w2", lease: 30))
            #expect(first.target == "/a.jsonl" && first.lines == 1..<11 && first.attempt == 1)
            #expect(second.lines == 11..<21 && second.worker == "w2")
            #expect(try await queue.claimJob(worker: "w3", lease: 30)?.target == "/b.html")
        }
    }

    /// Two workers claiming at once never get the same job (SKIP LOCKED), and no claim waits.
    @Test func concurrentClaimsGetDistinctJobs() async throws {
        try await withQueue { queue in
            _ = try await queue.enqueue((1...40).map { input("/f\($0).html") })
            let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for w in 0..<4 {
                    group.addTask {
                        var mine = [Int64]()
                        while let job = try await queue.claimJob(worker: "w\(w)", lease: 30) { mine.append(job.id) }
                        return mine
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(ids.count == 40 && Set(ids).count == 40)
        }
    }

    /// A worker that stops renewing loses the job once its lease expires: another claims it, and the
    /// first one's heartbeat and completion no longer count.
    @Test func anExpiredLeaseMakesTheJobClaimableAgain() async throws {
        try await withQueue { queue, location in
            _ = try await queue.enqueue([input("/x.html")])
            let first = try #require(try await queue.claimJob(worker: "dead", lease: 30))
            #expect(try await queue.claimJob(worker: "other", lease: 30) == nil)
            try await expireLeases(location)
            let second = try #require(try await queue.claimJob(worker: "other", lease: 30))
            #expect(second.id == first.id && second.attempt == 2)
            #expect(try await queue.heartbeat(first, lease: 30) == false)
            #expect(try await queue.heartbeat(second, lease: 30) == true)
            try await queue.completeJob(first, articles: 99)  // ignored: not its job any more
            try await queue.completeJob(second, articles: 5)
            let status = try await queue.jobStatus(failedLimit: 10)
            #expect(status.counts["done"] == 1 && status.counts["running"] == 0)
            #expect(status.articlesPerSecond != nil)
        }
    }

    @Test func aJobFailsForGoodAfterItsAttemptsAndCanBeRetried() async throws {
        try await withQueue { queue in
            _ = try await queue.enqueue([input("/bad.html", attempts: 2)])
            let one = try #require(try await queue.claimJob(worker: "w", lease: 30))
            try await queue.failJob(one, error: "/bad.html: cannot open for reading")
            #expect(try await queue.jobStatus(failedLimit: 10).counts["pending"] == 1)
            let two = try #require(try await queue.claimJob(worker: "w", lease: 30))
            #expect(two.attempt == 2)
            try await queue.failJob(two, error: "/bad.html: cannot open for reading")
            #expect(try await queue.claimJob(worker: "w", lease: 30) == nil)
            let status = try await queue.jobStatus(failedLimit: 10)
            #expect(status.counts["failed"] == 1)
            #expect(status.failed.first?.error.contains("cannot open") == true && status.failed.first?.attempts == 2)
            await #expect { try await queue.retryJob(9999) } throws: { "\($0)".contains("no job 9999") }
            try await queue.retryJob(one.id)
            await #expect { try await queue.retryJob(one.id) } throws: { "\($0)".contains("pending") }
            #expect(try await queue.claimJob(worker: "w", lease: 30)?.attempt == 1)
        }
    }

    /// A lease that expires on the last attempt fails the job, naming the worker that held it.
    @Test func anExpiredLastAttemptFails() async throws {
        try await withQueue { queue, location in
            _ = try await queue.enqueue([input("/y.html", attempts: 1)])
            _ = try #require(try await queue.claimJob(worker: "gone", lease: 30))
            try await expireLeases(location)
            #expect(try await queue.claimJob(worker: "w", lease: 30) == nil)
            let status = try await queue.jobStatus(failedLimit: 10)
            #expect(status.counts["failed"] == 1 && status.failed.first?.error.contains("gone") == true)
        }
    }

    /// The link job waits for every input enqueued before it.
    @Test func theLinkJobWaitsForTheInputsBeforeIt() async throws {
        try await withQueue { queue in
            _ = try await queue.enqueue([input("/p.html"), NewJob(kind: .link)])
            let job = try #require(try await queue.claimJob(worker: "w", lease: 30))
            #expect(job.kind == .input)
            #expect(try await queue.claimJob(worker: "w2", lease: 30) == nil)
            try await queue.completeJob(job, articles: 1)
            #expect(try await queue.claimJob(worker: "w2", lease: 30)?.kind == .link)
            #expect(try await queue.jobStatus(failedLimit: 0).oldestPendingSeconds == nil)
        }
    }
}

/// Splitting inputs into jobs (``JobPlanner``) and reading a job's shard of lines.
@Suite struct JobPlanningTests {
    @Test func aJSONLinesFileIsCutIntoShardsFollowedByALinkJob() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("a.jsonl"), html = dir.appendingPathComponent("p.html")
        try (1...25).map { "{\"title\": \"عنوان \($0)\"}" }.joined(separator: "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        try "<html></html>".write(to: html, atomically: true, encoding: .utf8)
        let jobs = try JobPlanner.plan([PageSource(location: .file(jsonl.path)), PageSource(location: .file(html.path)), PageSource(location: .url("https://x.example/a"))], shardLines: 10)
        #expect(jobs.map(\.lines) == [1..<11, 11..<21, 21..<26, nil, nil, nil])
        #expect(jobs.map(\.kind) == [.input, .input, .input, .input, .input, .link])
        #expect(jobs[0].target.hasPrefix("/") && jobs[4].target == "https://x.example/a")
        #expect(throws: IngestError.self) { try JobPlanner.plan([PageSource(location: .standardInput)]) }
        #expect(try JobPlanner.plan([]).isEmpty)
    }

    @Test func skippedLinesAreCountedNotHandedOut() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-skip-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try (1...10).map { "line \($0)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let chunks = try LineChunks(path: file.path, linesPerChunk: 2)
        try chunks.skip(lines: 3)
        let next = try #require(try chunks.next())
        #expect(next.firstLine == 4 && String(decoding: next.bytes, as: UTF8.self) == "line 4\nline 5\n")
        try chunks.skip(lines: 100)
        #expect(try chunks.next() == nil && chunks.linesRead == 10)
    }

    @Test func aShardKeepsOnlyItsLines() {
        let chunk = Array("a\nb\nc\nd".utf8)
        #expect(LineChunks.clip(chunk, firstLine: 5, to: 6..<8).map { String(decoding: $0.bytes, as: UTF8.self) } == "b\nc\n")
        #expect(LineChunks.clip(chunk, firstLine: 5, to: 6..<8)?.firstLine == 6)
        #expect(LineChunks.clip(chunk, firstLine: 5, to: 8..<20).map { String(decoding: $0.bytes, as: UTF8.self) } == "d")
        #expect(LineChunks.clip(chunk, firstLine: 5, to: 1..<5) == nil)
        #expect(LineChunks.clip(chunk, firstLine: 5, to: 1..<100)?.bytes == chunk)
    }
}
