import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `marsad serve` as a process: it answers, logs each request, and stops cleanly on SIGTERM.
@Suite(.serialized) struct ServeCommandTests {
    @Test func servesLogsAndShutsDownGracefully() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("rates.html")
        try BrowserTests.ratesPage.write(to: page, atomically: true, encoding: .utf8)
        let store = directory.appendingPathComponent("marsad.sqlite").path
        let ingest = try BrowserTests.run(ExtractCommandTests.binary.path, ["ingest", "--quiet", "--store", store, page.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let port = try BrowserTests.freePort()
        let process = Process()
        process.executableURL = ExtractCommandTests.binary
        process.arguments = ["serve", "--store", store, "--port", String(port)]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        var answered = false
        for _ in 0..<200 {
            if let (status, body) = await BrowserTests.get("http://127.0.0.1:\(port)/api/v1/stats"), status == 200 {
                #expect(body.contains("\"articles\":1"))
                answered = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(answered, "marsad serve did not answer")
        _ = await BrowserTests.get("http://127.0.0.1:\(port)/no/such/page?q=secret-words")

        process.terminate()  // SIGTERM
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "still running 15 s after SIGTERM")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // One structured line per request, with status and time; query strings stay out of the log.
        #expect(log.contains("path=/api/v1/stats") && log.contains("status=200"))
        #expect(log.contains("path=/no/such/page") && log.contains("status=404"))
        #expect(log.contains("ms="))
        #expect(!log.contains("secret-words"))
    }

    /// `serve --watch` follows the archive's sources beside the server, shows them on /sources, and
    /// still stops cleanly on SIGTERM.
    @Test func serveWatchFollowsSourcesAndStopsCleanly() async throws {
        let site = try LocalHTTPServer(routes: [
            "/local": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(WatchCommandTests.section.utf8)),
            "/news/204811": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(WatchCommandTests.article.utf8)),
        ])
        defer { site.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-serve-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("marsad.sqlite").path
        let added = try BrowserTests.run(ExtractCommandTests.binary.path, ["sources", "add", site.url("/local"), "--kind", "page", "--store", store])
        #expect(added.status == 0, "\(added.stderr)")

        let port = try BrowserTests.freePort()
        let process = Process()
        process.executableURL = ExtractCommandTests.binary
        process.arguments = ["serve", "--watch", "--store", store, "--port", String(port)]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        var stored = false
        for _ in 0..<300 where !stored {
            if let (status, body) = await BrowserTests.get("http://127.0.0.1:\(port)/api/v1/stats"), status == 200, body.contains("\"articles\":1") {
                stored = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(stored, "the watched article never arrived")
        let sources = await BrowserTests.get("http://127.0.0.1:\(port)/sources")
        #expect(sources?.1.contains(site.url("/local")) == true)

        process.terminate()
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "still running 15 s after SIGTERM")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    @Test func aBusyPortIsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Hold a port open, then ask marsad to listen on it.
        let (fd, port) = try BrowserTests.boundLoopbackSocket(listening: true)
        defer { close(fd) }
        let store = directory.appendingPathComponent("marsad.sqlite").path
        let run = try BrowserTests.run(ExtractCommandTests.binary.path, ["serve", "--store", store, "--port", String(port)], timeout: 30)
        #expect(run.status != 0)
        #expect(run.stderr.contains("serve:"), "\(run.stderr)")
        #expect(run.stderr.lowercased().contains("address already in use") || run.stderr.contains("\(port)"), "\(run.stderr)")
    }
}
