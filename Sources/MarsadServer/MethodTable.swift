public import HTTPTypes
public import Hummingbird

/// Registers routes on a router and remembers each path's methods, so that a known path asked with
/// another method answers 405 with `Allow` (RFC 9110 §15.5.6) rather than 404.
///
/// Route groups work through it unchanged: a group registers through its parent's `on`.
final class MethodTable<Context: RequestContext>: RouterMethods, @unchecked Sendable {
    let router: Router<Context>
    /// Paths in registration order, with their methods. Only touched while routes are registered,
    /// before the server starts (hence `@unchecked Sendable`).
    private var paths: [(path: RouterPath, methods: [HTTPRequest.Method])] = []

    /// The methods a path can be asked for that the site does not serve on it.
    static var refusable: [HTTPRequest.Method] { [.get, .head, .post, .put, .patch, .delete, .trace, .options, query] }
    /// The safe query method with a body (an IETF draft) that clients and fuzzers already send.
    static var query: HTTPRequest.Method { HTTPRequest.Method("QUERY")! }

    init(_ router: Router<Context>) { self.router = router }

    @discardableResult func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        if let index = paths.firstIndex(where: { $0.path.description == path.description }) {
            paths[index].methods.append(method)
        } else {
            paths.append((path, [method]))
        }
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }

    /// Adds the 405 answers; call once, after every route. `HEAD` is allowed wherever `GET` is (the
    /// router answers it from the `GET` handler).
    func refuseOtherMethods() {
        for (path, methods) in paths {
            var allowed = methods
            if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in Self.refusable where !allowed.contains(method) {
                router.on(path, method: method) { request, _ -> Response in
                    var problem = Problem(.methodNotAllowed, "\(request.method.rawValue) is not served here; allowed: \(allow)")
                    problem.allow = allow
                    throw problem
                }
            }
        }
    }
}
