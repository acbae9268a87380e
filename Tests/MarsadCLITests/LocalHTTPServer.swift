import Foundation
import TestSupport

/// Fixed routes on loopback for fetch tests, served by the shared ``ThreadedHTTPServer``: a path's
/// response, optionally after a delay, and the User-Agents that asked.
final class LocalHTTPServer: Sendable {
    struct Response: Sendable {
        var status = "200 OK"
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var delaySeconds: Double = 0
    }

    /// The User-Agent of each request, in order.
    final class AgentLog: @unchecked Sendable {
        private let lock = NSLock()
        private var agents = [String]()
        func append(_ agent: String) { lock.withLock { agents.append(agent) } }
        var all: [String] { lock.withLock { agents } }
    }

    private let server: ThreadedHTTPServer
    private let agents = AgentLog()
    var userAgents: [String] { agents.all }
    var port: UInt16 { server.port }

    init(routes: [String: Response]) throws {
        let agents = self.agents
        server = try ThreadedHTTPServer { request in
            if let agent = request.headers["user-agent"] { agents.append(agent) }
            let response = routes[request.path] ?? Response(status: "404 Not Found", body: Array("not found".utf8))
            if response.delaySeconds > 0 { Thread.sleep(forTimeInterval: response.delaySeconds) }
            return ThreadedHTTPServer.Response(status: response.status, headers: response.headers, body: response.body)
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() { server.stop() }
}
