import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shared by the test targets: a small HTTP/1.1 server on 127.0.0.1 that answers on threads of its own, one connection a thread
/// and one request a connection, so that its answers never wait for the Swift concurrency pool,
/// which a loaded test run can keep busy for many seconds (the fetcher's timeouts would then fire on
/// a server that was only starved).
public final class ThreadedHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lowercased.
        public var headers: [String: String]
    }

    public struct Response: Sendable {
        public var status: String
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: String = "200 OK", headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    public let port: UInt16
    private let socketDescriptor: Int32
    private let handler: @Sendable (Request) -> Response

    public init(_ handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        socketDescriptor = fd
        Thread { [self] in serve() }.start()
    }

    public var origin: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        close(socketDescriptor)
    }

    private func serve() {
        while true {
            let client = accept(socketDescriptor, nil, nil)
            if client < 0 { return }
            Thread { [self] in handle(client) }.start()
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !Self.hasHeadEnd(request) {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = (lines.first ?? "").split(separator: " ").map(String.init)
        var headers = [String: String]()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let response = handler(Request(method: parts.first ?? "GET", path: parts.count > 1 ? parts[1] : "/", headers: headers))
        var head = "HTTP/1.1 \(response.status)\r\nConnection: close\r\n"
        // A handler may send its own Content-Length (a lying one, for a client's checks).
        if !response.headers.contains(where: { $0.0.lowercased() == "content-length" }) { head += "Content-Length: \(response.body.count)\r\n" }
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + response.body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    private static func hasHeadEnd(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for start in 0...(bytes.count - 4) where bytes[start] == 13 && bytes[start + 1] == 10 && bytes[start + 2] == 13 && bytes[start + 3] == 10 {
            return true
        }
        return false
    }
}
