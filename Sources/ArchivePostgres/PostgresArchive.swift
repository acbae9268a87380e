public import Archive
import Foundation
import Logging
import PostgresNIO

/// The archive in PostgreSQL, for more than one machine or more than one writer: the same tables as
/// ``SQLiteArchive``'s schema v1, searched through a weighted `tsvector` built from the same
/// ``IndexDocument`` terms.
///
/// ```swift
/// let archive = try await PostgresArchive(url: "postgres://marsad:secret@127.0.0.1:5432/marsad")
/// _ = try await archive.ingest(ArchivePreparer().prepare(page)[0])
/// try await archive.close()
/// ```
///
/// Each page (or batch of pages) is written in one transaction, so a lost connection or a stopped
/// server leaves every committed page whole and nothing of the failed one. Several processes may
/// ingest into one archive at once: each transaction first takes transaction-scoped advisory locks on
/// its pages' sources, its articles' ids and exact-copy hashes (all at once, in one sorted order, so
/// two writers never deadlock), which serializes exactly the writes that could collide.
///
/// Ranking is `ts_rank_cd` (cover density) with weights {title 1.0, subtitle 0.4, captions 0.4,
/// body 0.1}, not BM25: a query finds the same articles as in SQLite, but may list them in another
/// order.
public final class PostgresArchive: ArchiveStore, Sendable {
    let client: PostgresClient
    let runTask: Task<Void, Never>
    let policy: any SimilarityPolicy
    /// When stored articles are linked to their copies and stories.
    public let linking: Linking
    let logger: Logger
    /// The URL without its password, for messages and stats.
    public let location: String
    /// Whether the archive has the RUM index (schema v13, where the server offers `rum`): relevance
    /// then takes its candidates in the index's order instead of ranking every hit.
    public let ordersByRUM: Bool

    /// Connects, checks that the database is a Marsad archive (or empty) and brings its schema up to
    /// date.
    ///
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`; `?sslmode=require` (or `prefer`) asks
    ///     for TLS, `?host=/path` connects through a Unix socket in that directory.
    ///   - readOnly: Only reads: the schema is checked, not migrated. A server in recovery (a hot
    ///     standby, a read replica) is always opened so, and every write fails there.
    /// - Throws: ``ArchiveError/unavailable(_:)`` when the server cannot be reached or refuses the
    ///   login within `connectTimeout` seconds, or (read-only) lacks a schema version;
    ///   ``ArchiveError/corrupt(_:)`` when the database holds other tables of the same names, or
    ///   (read-only) is no archive.
    public init(url: String, policy: any SimilarityPolicy = ExactOnlyPolicy(), linking: Linking = .inline, readOnly: Bool = false, connectTimeout: Double = 10) async throws {
        let target = try PostgresURL(url)
        location = target.redacted
        self.policy = policy
        self.linking = linking
        logger = Logger(label: "marsad.archive.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = target.configuration
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        configuration.options.maximumConnections = 8
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
        let (logger, location) = (self.logger, self.location)
        do {
            // Reaching the server is bounded by the connect timeout (the pool would otherwise keep
            // retrying); migrating is not, since it may wait for another process's migration.
            let standby = try await Self.withDeadline(seconds: connectTimeout + 2, what: location) {
                let rows = try await client.query("SELECT pg_is_in_recovery() AS standby", logger: logger).collect()
                return try rows.first?.makeRandomAccess()["standby"].decode(Bool.self) ?? false
            }
            if readOnly || standby {
                try await PostgresSchema.check(client, location: location, logger: logger)
            } else {
                try await PostgresSchema.migrate(client, logger: logger)
            }
            let rum = try await client.query("SELECT to_regclass('articles_fts_rum') IS NOT NULL AS rum", logger: logger).collect()
            ordersByRUM = try rum.first?.makeRandomAccess()["rum"].decode(Bool.self) ?? false
        } catch {
            runTask.cancel()
            throw Self.openError(error, location: location)
        }
    }

    /// Closes the pool's connections; waits for that at most five seconds (a connection whose server
    /// vanished may never say goodbye).
    public func close() async throws {
        runTask.cancel()
        let task = runTask
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await task.value }
            group.addTask { try? await Task.sleep(nanoseconds: 5_000_000_000) }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: - Queries

    /// Runs one statement and returns its rows.
    @discardableResult
    static func rows(_ sql: String, _ binds: Binds = Binds(), on connection: PostgresConnection, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds.bindings), logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// Runs reads on one pooled connection, mapping connection failures to ``ArchiveError/unavailable(_:)``.
    /// Reads change nothing, so one that loses its connection (a pooled connection the server ended,
    /// say after a restart) is tried again on a new one, twice at most.
    func read<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        var attempt = 0
        while true {
            do {
                return try await client.withConnection { connection in try await body(connection) }
            } catch {
                if Self.isConnectionFailure(error), !(error is ArchiveError), attempt < 2 {
                    attempt += 1
                    try await Task.sleep(nanoseconds: 50_000_000)
                    continue
                }
                throw Self.readError(error, location: location)
            }
        }
    }

    /// A pooled connection that was already gone before the transaction began: nothing was sent, so
    /// the transaction is tried again on a new one.
    struct StaleConnection: Error {
        var underlying: any Error
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when
    /// it throws (or, when the connection is gone, by the server itself).
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            do {
                try await Self.rows("BEGIN", on: connection, logger: logger)
            } catch {
                throw Self.isConnectionFailure(error) ? StaleConnection(underlying: error) : error
            }
            do {
                let result = try await body(connection)
                try await Self.rows("COMMIT", on: connection, logger: logger)
                return result
            } catch {
                // On a lost connection there is nothing to roll back: the server already has.
                if !Self.isConnectionFailure(error) {
                    _ = try? await Self.rows("ROLLBACK", on: connection, logger: logger)
                }
                throw error
            }
        }
    }

    // MARK: - Errors

    /// Runs `body`, or fails as unavailable after `seconds`. A task group would wait for a child that
    /// ignores cancellation, and a postgres-nio call on a session the server ended can wait for good:
    /// a CI run hung in `lostConnectionFailsCleanlyAndResumes` with the test's admin call stuck so.
    /// The abandoned call is cancelled and left to end on its own.
    static func withDeadline<T: Sendable>(seconds: Double, what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await racing(seconds: seconds, timeout: ArchiveError.unavailable("\(what): no answer within \(Int(seconds)) s"), body)
    }

    /// The SQLSTATE of a server error, if the error is one.
    static func sqlState(_ error: any Error) -> String? {
        guard let error = error as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.sqlState]
    }

    /// A readable reason: the server's message, or what happened to the connection.
    static func reason(_ error: any Error) -> String {
        if let error = error as? ArchiveError { return "\(error)" }
        if let error = error as? PSQLError {
            if error.code == .server, let info = error.serverInfo {
                return info[.message].map { "\($0) (SQLSTATE \(info[.sqlState] ?? "?"))" } ?? "server error"
            }
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
            case .clientClosedConnection, .poolClosed: return "the connection was closed"
            case .connectionError:
                return "cannot connect" + (error.underlying.map { ": \($0)" } ?? "")
            default:
                return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
            }
        }
        return "\(error)"
    }

    /// True for failures of the connection rather than of a statement.
    static func isConnectionFailure(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            if error.code == .server {
                // Class 08 (connection exception), 57P (operator intervention: shutdown, crash).
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("57P")
            }
            return true
        }
        // Decoding and our own errors are about data; anything else (the pool's) about the connection.
        return !(error is ArchiveError) && !(error is PostgresDecodingError)
    }

    static func openError(_ error: any Error, location: String) -> ArchiveError {
        if let error = error as? ArchiveError { return error }
        if let state = sqlState(error) {
            // 28: invalid authorization, 3D000: no such database.
            if state.hasPrefix("28") || state == "3D000" || state.hasPrefix("08") || state.hasPrefix("57P") {
                return .unavailable("\(location): \(reason(error))")
            }
            return .corrupt("\(location): \(reason(error))")
        }
        return .unavailable("\(location): \(reason(error))")
    }

    static func readError(_ error: any Error, location: String) -> any Error {
        if error is ArchiveError { return error }
        if isConnectionFailure(error) { return ArchiveError.unavailable("\(location): \(reason(error))") }
        // A statement failed: the schema is not what this code wrote.
        return ArchiveError.corrupt("\(location): \(reason(error))")
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

/// Bound parameters, numbered as they are added: `binds.add(x)` returns `$n`.
///
/// PostgreSQL text cannot hold U+0000 (SQLite can): it is dropped from every bound string, so that a
/// stray NUL in a page or a query never fails a statement.
struct Binds {
    var bindings = PostgresBindings()

    mutating func add(_ value: String?) -> String {
        bindings.append(value.map(Self.clean))
        return "$\(bindings.count)"
    }

    mutating func add(_ value: Int64?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    mutating func add(_ value: Int) -> String {
        add(Int64(value))
    }

    /// An array, for `unnest` of many rows in one statement.
    mutating func add(array values: [String]) -> String {
        bindings.append(values.map(Self.clean))
        return "$\(bindings.count)"
    }

    /// A string as PostgreSQL will hold it: text cannot carry NUL, so NULs are dropped. Scans bytes:
    /// `String.contains` goes through Foundation's locale-aware search, which cost a worker more
    /// CPU than extracting the article.
    ///
    /// - Complexity: O(n) in UTF-8 bytes.
    static func clean(_ value: String) -> String {
        value.utf8.contains(0) ? String(decoding: value.utf8.filter { $0 != 0 }, as: UTF8.self) : value
    }

    mutating func add(array values: [Int64]) -> String {
        bindings.append(values)
        return "$\(bindings.count)"
    }

    mutating func add(_ value: Double?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    mutating func add(bytes: [UInt8]) -> String {
        if bytes.isEmpty {
            bindings.appendNull()
        } else {
            var buffer = ByteBuffer()
            buffer.writeBytes(bytes)
            bindings.append(buffer)
        }
        return "$\(bindings.count)"
    }
}

extension PostgresRandomAccessRow {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int(_ column: String) throws -> Int { Int(try self[column].decode(Int64.self)) }
    func int64(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    func double(_ column: String) throws -> Double { try self[column].decode(Double?.self) ?? 0 }
    func bytes(_ column: String) throws -> [UInt8]? {
        guard let buffer = try self[column].decode(ByteBuffer?.self) else { return nil }
        return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes)
    }
}
