import Archive
import Foundation
import PostgresNIO

/// `postgres://user:password@host:port/database?sslmode=…&host=/socket/dir`, read with
/// `URLComponents`: user and password are percent-decoded, the port defaults to 5432 and the
/// database to the user's name.
public struct PostgresURL: Sendable, Hashable {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A directory holding the server's Unix socket, used instead of host and port.
    public var socketDirectory: String?
    public var tls: TLSMode

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw ArchiveError.invalidRequest(field: "store", reason: "expected postgres://user:password@host:port/database")
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw ArchiveError.invalidRequest(field: "store", reason: "the URL names no user (postgres://user@host/database)")
        }
        self.user = user
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        port = components.port ?? 5432
        var database = components.percentEncodedPath
        while database.hasPrefix("/") { database.removeFirst() }
        self.database = database.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        var socket: String?
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "host" where item.value?.hasPrefix("/") == true: socket = item.value
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw ArchiveError.invalidRequest(field: "store", reason: "sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw ArchiveError.invalidRequest(field: "store", reason: "unknown URL parameter \(item.name)")
            }
        }
        socketDirectory = socket
        self.tls = tls
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socket == nil ? "localhost" : "")
    }

    /// The URL without its password.
    public var redacted: String {
        let place = socketDirectory.map { "[\($0)]" } ?? "\(host):\(port)"
        return "postgres://\(user)@\(place)/\(database)"
    }

    var configuration: PostgresClient.Configuration {
        if let socketDirectory {
            let path = socketDirectory + "/.s.PGSQL.\(port)"
            return PostgresClient.Configuration(unixSocketPath: path, username: user, password: password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS
        switch self.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}
