public import HTTPTypes
public import Hummingbird
import Foundation
import Logging
import NewsModel
import Archive

/// An RFC 9457 problem: what every API error returns, as `application/problem+json`.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    /// A short, stable name for the kind of problem (the `type` URI's last segment).
    public var kind: String
    /// Answered as `application/problem+json` on the site's pages too (refusals that scripts read).
    public var alwaysJSON = false
    /// The methods a path serves, sent as `Allow` with a 405.
    public var allow: String?

    public init(_ status: HTTPResponse.Status, _ detail: String, kind: String? = nil) {
        self.status = status
        self.detail = detail
        self.kind = kind ?? Problem.defaultKind(status)
    }

    static func defaultKind(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "invalid-request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not-found"
        case 405: return "method-not-allowed"
        case 409: return "conflict"
        case 413: return "too-large"
        case 415: return "unsupported-media-type"
        case 503: return "unavailable"
        default: return status.code >= 500 ? "server-error" : "error"
        }
    }

    static func invalid(_ field: String, _ reason: String) -> Problem {
        Problem(.badRequest, "invalid \(field): \(reason)", kind: "invalid-request")
    }

    func json(instance: String) -> DocumentJSON.Value {
        .object([
            ("type", .string("/api/v1/problems/\(kind)")),
            ("title", .string(status.reasonPhrase)),
            ("status", .integer(status.code)),
            ("detail", .string(detail)),
            ("instance", .string(instance)),
        ])
    }

    /// Any error as a problem: our own as they are, Hummingbird's with their status, archive errors
    /// by what they mean, and anything else as a 500 whose detail leaks nothing.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as ArchiveError:
            switch error {
            case .invalidRequest(let field, let reason): return Problem.invalid(field, reason)
            case .notFound(let what): return Problem(.notFound, what)
            case .conflict(let what): return Problem(.conflict, what)
            case .unavailable: return Problem(.serviceUnavailable, "the archive is unavailable")
            case .corrupt: return Problem(.internalServerError, "the archive is damaged")
            case .writeFailed(let source, let reason): return Problem(.serviceUnavailable, "could not store \(source): \(reason)")
            }
        case let error as HTTPError:
            let detail = error.body ?? (error.status == .notFound ? "no such resource" : error.status.reasonPhrase)
            return Problem(error.status, detail)
        case let error as any HTTPResponseError:
            return Problem(error.status, error.status.reasonPhrase)
        default:
            return Problem(.internalServerError, "internal error")
        }
    }
}

/// Turns errors into responses: problem+json under `/api/`, an Arabic error page elsewhere. Unknown
/// errors are logged with the request id, and their text never reaches the client.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            var response: Response
            if request.uri.path.hasPrefix("/api/") || problem.alwaysJSON {
                response = JSONResponse.make(problem.json(instance: request.uri.path), status: problem.status, contentType: "application/problem+json")
            } else {
                response = pages.errorPage(problem)
            }
            if let allow = problem.allow { response.headers[.allow] = allow }
            return response
        }
    }
}

/// JSON bodies from `DocumentJSON.Value`, the same writer `marsad` uses, so the CLI and the API
/// print the same JSON.
enum JSONResponse {
    static func make(_ value: DocumentJSON.Value, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: DocumentJSON.bytes(value, pretty: false))))
    }

    static func encodable(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
