import Foundation
import Logging
import Synchronization
import WSClient

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Headless Chromium driven over the DevTools protocol: load a page, then evaluate JavaScript in it
/// as a reader's clicks would (the page's own Content-Security-Policy does not apply to DevTools).
enum DevTools {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    final class Box: Sendable {
        let value = Mutex<[String]>([])
        func append(_ item: String) { value.withLock { $0.append(item) } }
        var items: [String] { value.withLock { $0 } }
    }

    /// Loads `url` and returns what each expression evaluated to, in order: strings as they are,
    /// numbers in Swift's `Double` form, anything else as "null".
    static func evaluate(chromium: String, url: String, expressions: [String]) async throws -> [String] {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // Port 0: Chromium picks one and writes it, with the browser's socket path, to DevToolsActivePort.
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--lang=ar", "--window-size=1280,1400",
            "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=\(profile.path)", "about:blank",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var socketURL: String?
        for _ in 0..<300 {
            if let text = try? String(contentsOf: profile.appendingPathComponent("DevToolsActivePort"), encoding: .utf8) {
                let lines = text.split(separator: "\n")
                if lines.count >= 2, let port = Int(lines[0]) {
                    socketURL = "ws://127.0.0.1:\(port)\(lines[1])"
                    break
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard let socketURL else { throw Failure(description: "Chromium wrote no DevToolsActivePort") }

        let results = Box()
        let failure = Mutex<String?>(nil)
        try await WebSocketClient.connect(url: socketURL, logger: Logger(label: "marsad.test.devtools")) { inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
            var nextID = 0
            var session: String?
            func send(_ method: String, _ params: [String: Any]) async throws -> [String: Any] {
                nextID += 1
                let id = nextID
                var command: [String: Any] = ["id": id, "method": method, "params": params]
                if let session { command["sessionId"] = session }
                let data = try JSONSerialization.data(withJSONObject: command)
                try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
                while let message = try await messages.next() {
                    guard case .text(let text) = message,
                          let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                          object["id"] as? Int == id else { continue }
                    return object
                }
                throw Failure(description: "DevTools closed before answering \(method)")
            }
            func value(_ expression: String) async throws -> Any? {
                let reply = try await send("Runtime.evaluate", ["expression": expression, "returnByValue": true])
                return ((reply["result"] as? [String: Any])?["result"] as? [String: Any])?["value"]
            }
            do {
                // The socket is the browser's: open a page and address it through a flattened session.
                let created = try await send("Target.createTarget", ["url": "about:blank"])
                guard let target = (created["result"] as? [String: Any])?["targetId"] as? String else { throw Failure(description: "no target: \(created)") }
                let attached = try await send("Target.attachToTarget", ["targetId": target, "flatten": true])
                guard let id = (attached["result"] as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "no session: \(attached)") }
                session = id
                _ = try await send("Page.enable", [:])
                _ = try await send("Page.navigate", ["url": url])
                var loaded = false
                for _ in 0..<200 {
                    if let state = try await value("document.readyState + ' ' + location.href") as? String, state == "complete \(url)" {
                        loaded = true
                        break
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                guard loaded else { throw Failure(description: "\(url) did not finish loading") }
                for expression in expressions {
                    switch try await value(expression) {
                    case let text as String: results.append(text)
                    case let number as NSNumber: results.append(String(number.doubleValue))
                    default: results.append("null")
                    }
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
        }
        if let message = failure.withLock({ $0 }) { throw Failure(description: message) }
        return results.items
    }
}
