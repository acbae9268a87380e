public import Archive
import Foundation
import PostgresNIO

/// The work queue in the `jobs` table (schema v9): claimed with `FOR UPDATE SKIP LOCKED`, so that
/// workers never wait for each other's claims, and held by leases that heartbeats renew.
extension PostgresArchive: JobQueue {
    public func enqueue(_ jobs: [NewJob]) async throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        var binds = Binds()
        let kinds = binds.add(array: jobs.map(\.kind.rawValue))
        let targets = binds.add(array: jobs.map(\.target))
        let firsts = binds.add(array: jobs.map { Int64($0.lines?.lowerBound ?? 0) })
        let counts = binds.add(array: jobs.map { Int64($0.lines?.count ?? 0) })
        let attempts = binds.add(array: jobs.map { Int64($0.maxAttempts) })
        // WITH ORDINALITY keeps the caller's order in the ids, which is the order jobs are claimed in.
        let rows = try await statement(
            """
            INSERT INTO jobs (kind, target, first_line, line_count, max_attempts)
            SELECT u.kind, u.target, nullif(u.first, 0), nullif(u.count, 0), u.attempts
            FROM unnest(\(kinds)::text[], \(targets)::text[], \(firsts)::int8[], \(counts)::int8[], \(attempts)::int8[])
                WITH ORDINALITY AS u(kind, target, first, count, attempts, n)
            ORDER BY u.n
            ON CONFLICT (kind, target, (coalesce(first_line, 0))) WHERE state IN ('pending', 'running') DO NOTHING
            RETURNING id
            """, binds, what: "enqueue")
        return rows.count
    }

    public func claimJob(worker: String, lease: Double) async throws -> ClaimedJob? {
        var binds = Binds()
        let (name, seconds) = (binds.add(worker), binds.add(lease))
        // A running job whose lease expired on its last attempt fails; one with attempts left is
        // claimable like a pending one (its worker is gone or stalled).
        let rows = try await statement(
            """
            WITH expired AS (
                UPDATE jobs SET state = 'failed', finished = now(), worker = NULL, lease_until = NULL,
                    last_error = concat_ws('; ', last_error, 'the lease of ' || worker || ' expired on attempt ' || attempts)
                WHERE state = 'running' AND lease_until < now() AND attempts >= max_attempts
                RETURNING id
            ), next AS (
                SELECT j.id FROM jobs j
                WHERE (j.state = 'pending' OR (j.state = 'running' AND j.lease_until < now() AND j.attempts < j.max_attempts))
                  AND (j.kind <> 'link' OR NOT EXISTS (
                      SELECT 1 FROM jobs i WHERE i.kind <> 'link' AND i.id < j.id AND i.state IN ('pending', 'running')))
                ORDER BY j.id LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs SET
                last_error = CASE WHEN jobs.state = 'running'
                    THEN concat_ws('; ', jobs.last_error, 'the lease of ' || jobs.worker || ' expired on attempt ' || jobs.attempts)
                    ELSE jobs.last_error END,
                state = 'running', attempts = jobs.attempts + 1, worker = \(name),
                lease_until = now() + make_interval(secs => \(seconds)::float8), heartbeat = now(), started = now()
            FROM next WHERE jobs.id = next.id
            RETURNING jobs.id, jobs.kind, jobs.target, jobs.first_line, jobs.line_count, jobs.attempts
            """, binds, what: "claim a job")
        guard let row = rows.first else { return nil }
        let first = try row.optionalInt64("first_line"), count = try row.optionalInt64("line_count")
        return ClaimedJob(
            id: try row.int64("id"), kind: JobKind(rawValue: try row.string("kind")) ?? .input, target: try row.string("target"),
            lines: first.map { Int($0)..<Int($0 + (count ?? 0)) }, attempt: Int(try row.int64("attempts")), worker: worker)
    }

    public func heartbeat(_ job: ClaimedJob, lease: Double) async throws -> Bool {
        var binds = Binds()
        let rows = try await statement(
            """
            UPDATE jobs SET lease_until = now() + make_interval(secs => \(binds.add(lease))::float8), heartbeat = now()
            WHERE id = \(binds.add(job.id)) AND worker = \(binds.add(job.worker)) AND state = 'running' AND attempts = \(binds.add(job.attempt))
            RETURNING id
            """, binds, what: "renew a lease")
        return !rows.isEmpty
    }

    public func completeJob(_ job: ClaimedJob, articles: Int) async throws {
        var binds = Binds()
        try await statement(
            """
            UPDATE jobs SET state = 'done', finished = now(), lease_until = NULL, articles = \(binds.add(articles))
            WHERE id = \(binds.add(job.id)) AND worker = \(binds.add(job.worker)) AND state = 'running' AND attempts = \(binds.add(job.attempt))
            """, binds, what: "complete job \(job.id)")
    }

    public func failJob(_ job: ClaimedJob, error: String) async throws {
        var binds = Binds()
        try await statement(
            """
            UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
                finished = CASE WHEN attempts >= max_attempts THEN now() END,
                worker = NULL, lease_until = NULL, last_error = \(binds.add(String(error.prefix(Self.errorLength))))
            WHERE id = \(binds.add(job.id)) AND worker = \(binds.add(job.worker)) AND state = 'running' AND attempts = \(binds.add(job.attempt))
            """, binds, what: "fail job \(job.id)")
    }

    /// Characters of an error kept with a job: enough for a file, line and reason.
    static let errorLength = 2000

    public func retryJob(_ id: Int64) async throws {
        var binds = Binds()
        let rows = try await statement(
            """
            WITH target AS (SELECT id, state FROM jobs WHERE id = \(binds.add(id))),
            retried AS (UPDATE jobs SET state = 'pending', attempts = 0, worker = NULL, lease_until = NULL, finished = NULL
                WHERE id = (SELECT id FROM target WHERE state = 'failed') RETURNING id)
            SELECT t.state, (SELECT count(*) FROM retried) AS retried FROM target t
            """, binds, what: "retry job \(id)")
        guard let row = rows.first else { throw ArchiveError.notFound("no job \(id)") }
        guard try row.int64("retried") == 1 else { throw ArchiveError.conflict("job \(id) is \(try row.string("state")), not failed") }
    }

    public func jobStatus(failedLimit: Int) async throws -> JobStatus {
        try await read { connection in
            var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, 0) })
            for row in try await Self.rows("SELECT state, count(*) AS n FROM jobs GROUP BY state", on: connection, logger: logger) {
                counts[try row.string("state")] = try row.int("n")
            }
            var binds = Binds()
            let summary = try await Self.rows(
                """
                SELECT (SELECT extract(epoch FROM now() - min(created))::float8 FROM jobs WHERE state = 'pending') AS oldest,
                    sum(articles)::int8 AS articles, extract(epoch FROM max(finished) - min(started))::float8 AS span
                FROM jobs WHERE state = 'done' AND finished > now() - make_interval(secs => \(binds.add(JobStatus.window))::float8)
                """, binds, on: connection, logger: logger)[0]
            let span = try summary["span"].decode(Double?.self), articles = try summary.optionalInt64("articles")
            binds = Binds()
            let failed = try await Self.rows(
                """
                SELECT id, kind, target, first_line, line_count, attempts::int8 AS attempts, coalesce(last_error, '') AS error
                FROM jobs WHERE state = 'failed' ORDER BY finished DESC NULLS LAST, id DESC LIMIT \(binds.add(failedLimit))
                """, binds, on: connection, logger: logger
            ).map { row in
                FailedJob(
                    id: try row.int64("id"), kind: try row.string("kind"), target: try row.string("target"),
                    firstLine: try row.optionalInt64("first_line").map(Int.init), lineCount: try row.optionalInt64("line_count").map(Int.init),
                    attempts: try row.int("attempts"), error: try row.string("error"))
            }
            return JobStatus(
                counts: counts, articlesPerSecond: span.flatMap { $0 > 0 ? Double(articles ?? 0) / $0 : nil },
                oldestPendingSeconds: try summary["oldest"].decode(Double?.self), failed: failed)
        }
    }

    /// Runs one statement on a pooled connection; it commits alone. Errors name `what`.
    @discardableResult
    func statement(_ sql: String, _ binds: Binds, what: String) async throws -> [PostgresRandomAccessRow] {
        do {
            return try await client.withConnection { connection in try await Self.rows(sql, binds, on: connection, logger: logger) }
        } catch {
            throw Self.isConnectionFailure(error) ? Self.readError(error, location: location) : Self.writeError(error, source: what)
        }
    }
}
