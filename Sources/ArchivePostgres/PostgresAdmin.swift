import Archive
import Foundation
import Logging
import PostgresNIO

/// Work on a server outside an archive: creating and dropping the database an archive lives in
/// (setup scripts, tests), and reading one number (checks).
public enum PostgresAdmin {
    /// The same server and login, another database.
    public static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else {
            throw ArchiveError.invalidRequest(field: "store", reason: "not a URL")
        }
        components.percentEncodedPath = "/" + (database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database)
        return components.string ?? url
    }

    /// Creates a database; its name must be a plain identifier (letters, digits, `_`).
    public static func createDatabase(_ name: String, server url: String) async throws {
        try await execute(url, "CREATE DATABASE \(try identifier(name)) ENCODING 'UTF8' TEMPLATE template0")
    }

    /// Drops a database, ending the sessions still connected to it.
    public static func dropDatabase(_ name: String, server url: String) async throws {
        try await execute(url, "DROP DATABASE IF EXISTS \(try identifier(name)) WITH (FORCE)")
    }

    /// The first column of the first row of `sql`, as an integer (0 when there is no row).
    public static func number(_ url: String, _ sql: String) async throws -> Int {
        try await withClient(url) { client in
            guard let row = try await client.query(PostgresQuery(unsafeSQL: sql)).collect().first else { return 0 }
            return Int(try row.makeRandomAccess()[0].decode(Int64?.self) ?? 0)
        }
    }

    /// Runs one statement without parameters.
    public static func execute(_ url: String, _ sql: String) async throws {
        try await withClient(url) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: sql)).collect()
        }
    }

    static func identifier(_ name: String) throws -> String {
        guard !name.isEmpty, name.utf8.count < 64, name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
            throw ArchiveError.invalidRequest(field: "database", reason: "\(name) is not a plain lowercase identifier")
        }
        return name
    }

    static func withClient<T: Sendable>(_ url: String, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let target = try PostgresURL(url)
        let logger = Logger(label: "marsad.admin.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = target.configuration
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let run = Task { await client.run() }
        defer { run.cancel() }
        do {
            return try await PostgresArchive.withDeadline(seconds: 120, what: target.redacted) { try await body(client) }
        } catch {
            if error is ArchiveError { throw error }
            if PostgresArchive.isConnectionFailure(error) { throw ArchiveError.unavailable("\(target.redacted): \(PostgresArchive.reason(error))") }
            throw ArchiveError.invalidRequest(field: "statement", reason: PostgresArchive.reason(error))
        }
    }
}
