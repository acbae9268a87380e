import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Decides whether a request may store pages from its headers alone, before a byte of its body is
/// read: a client that may not upload costs the server no parsing.
///
/// Every refusal is a `Problem`; `closed` refusals are always `application/problem+json`, on the
/// form's route too, and say how to enable uploads.
struct UploadGate: Sendable {
    let access: UploadAccess
    /// The configured listening host, one of the names a loopback request may use in `Host`.
    let host: String
    let sessions: UploadSessions

    /// `POST /api/v1/pages`: the bearer token, or a loopback peer under `--open-uploads`.
    func checkAPI(_ request: Request, context: MarsadRequestContext) throws {
        try SameOrigin.check(request)
        switch access {
        case .closed: throw Problem.uploadsClosed
        case .token(let token): try UploadAuthorization.check(request.headers[.authorization], token: token)
        case .loopback: try checkLoopback(request, context: context)
        }
    }

    /// The upload form's posts: as the API, or with the session cookie that the token bought.
    func checkForm(_ request: Request, context: MarsadRequestContext) throws {
        try SameOrigin.check(request)
        switch access {
        case .closed: throw Problem.uploadsClosed
        case .token(let token):
            if let session = UploadSessions.cookie(in: request.headers), sessions.isValid(session) { return }
            if request.headers[.authorization] != nil { return try UploadAuthorization.check(request.headers[.authorization], token: token) }
            throw Problem(.unauthorized, "this server needs its ingest token: enter it on /upload first")
        case .loopback: try checkLoopback(request, context: context)
        }
    }

    /// `--open-uploads`: the peer is this machine, and the page that posts (if a browser's) is this
    /// server's own, reached by a loopback name. Checking `Host` as well as `Origin` stops DNS
    /// rebinding, where another site's name resolves to 127.0.0.1 and its origin matches its host.
    func checkLoopback(_ request: Request, context: MarsadRequestContext) throws {
        guard Loopback.contains(context.remoteAddress) else {
            throw Problem(.forbidden, "--open-uploads takes uploads from this machine only; set MARSAD_INGEST_TOKEN to take them from elsewhere", kind: "not-loopback")
        }
        // `SameOrigin` has already matched `Origin` to `Host`; here `Host` must name this machine.
        guard let origin = request.headers[.origin] else { return }
        guard Loopback.isLoopbackHost(request.head.authority ?? "", configured: host) else {
            throw Problem(.forbidden, "uploads from \(origin) are refused: only this server's own pages may post", kind: "cross-site")
        }
    }
}

extension Problem {
    /// A server started with neither `MARSAD_INGEST_TOKEN` nor `--open-uploads`.
    static var uploadsClosed: Problem {
        var problem = Problem(
            .forbidden,
            "uploads are closed on this server. To enable them, start it with MARSAD_INGEST_TOKEN=<secret> and send Authorization: Bearer <secret>, or, on a trusted machine, with --open-uploads (loopback only)",
            kind: "uploads-closed")
        problem.alwaysJSON = true
        return problem
    }
}

enum Loopback {
    /// 127.0.0.0/8 and ::1 (also as an IPv4-mapped address); nil, a Unix socket or anything else is not.
    static func contains(_ address: SocketAddress?) -> Bool {
        guard let address, let ip = address.ipAddress else { return false }
        switch address {
        case .v4: return ip.hasPrefix("127.")
        case .v6: return ip == "::1" || ip.hasPrefix("::ffff:127.")
        default: return false
        }
    }

    /// `Host` (with its port) names this machine: localhost, a 127.x address, [::1], or the host the
    /// server was told to listen on.
    static func isLoopbackHost(_ authority: String, configured: String) -> Bool {
        var name = Substring(authority.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            name = name[name.index(after: name.startIndex)..<close]
        } else if let colon = name.lastIndex(of: ":") {
            name = name[..<colon]
        }
        return name == "localhost" || name.hasPrefix("127.") || name == "::1" || name == configured.lowercased()
    }
}

/// Forms post only from this site: a browser sends `Origin`, and another site's page cannot make it
/// match our host.
enum SameOrigin {
    static func check(_ request: Request) throws {
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
            throw Problem(.forbidden, "cross-site posts are refused", kind: "cross-site")
        }
        guard let origin = request.headers[.origin] else { return }  // not a browser form
        let host = request.head.authority ?? ""
        guard origin == "http://" + host || origin == "https://" + host else {
            throw Problem(.forbidden, "cross-site posts are refused", kind: "cross-site")
        }
    }
}

enum UploadAuthorization {
    /// Constant-time comparison, so the token cannot be guessed byte by byte from response times.
    static func check(_ header: String?, token: String) throws {
        guard let header, header.hasPrefix("Bearer ") else {
            throw Problem(.unauthorized, "this server needs Authorization: Bearer <token> to store pages")
        }
        guard matches(Array(header.dropFirst("Bearer ".count).utf8), token) else { throw Problem(.unauthorized, "wrong ingest token") }
    }

    static func matches(_ given: [UInt8], _ token: String) -> Bool {
        let expected = Array(token.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<expected.count { difference |= expected[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }
}

/// Browser sessions that may upload. A form cannot send `Authorization`, so the token is typed once
/// into a small form and exchanged for a random id in an HttpOnly, SameSite=Strict cookie; the
/// upload form's post is then judged by that header before its body is read.
final class UploadSessions: Sendable {
    static let cookieName = "marsad_upload"
    /// Enough for the people of one desk; the oldest session makes room.
    static let capacity = 64
    /// A working day.
    static let lifetime: TimeInterval = 8 * 3600
    private let sessions = Mutex<[String: Date]>([:])

    func open(now: Date = Date()) -> String {
        let id = Self.randomID()
        sessions.withLock { sessions in
            sessions = sessions.filter { now.timeIntervalSince($0.value) < Self.lifetime }
            while sessions.count >= Self.capacity, let oldest = sessions.min(by: { $0.value < $1.value }) { sessions[oldest.key] = nil }
            sessions[id] = now
        }
        return id
    }

    /// 128 bits from the system's CSPRNG, as 32 hex digits: session ids and pending-upload keys.
    static func randomID() -> String {
        (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max)) }.joined()
    }

    func isValid(_ id: String, now: Date = Date()) -> Bool {
        sessions.withLock { sessions in sessions[id].map { now.timeIntervalSince($0) < Self.lifetime } ?? false }
    }

    static func setCookie(_ id: String) -> String {
        "\(cookieName)=\(id); Path=/upload; Max-Age=\(Int(lifetime)); HttpOnly; SameSite=Strict"
    }

    /// The session id in the request's `Cookie` header(s), if any.
    static func cookie(in headers: HTTPFields) -> String? {
        for field in headers[fields: .cookie] {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespacesAndNewlines) == cookieName else { continue }
                return parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }
}
