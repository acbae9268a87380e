import Foundation
import Testing

/// `marsad extract` end to end: the built executable in a child process, as a user runs it.
@Suite(.serialized) struct ExtractCommandTests {
    static let page = """
        وزارة الصحة تطلق حملة تطعيم وطنية ضد الإنفلونزا

        أطلقت وزارة الصحة، الأحد، حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف مليوني شخص في 27 محافظة.
        وقال المتحدث باسم الوزارة إن «اللقاح متوفر مجاناً في جميع المراكز الصحية».
        """

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("marsad")
    }

    /// Runs the built `marsad`, with `environment` added to this process's.
    func marsad(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func walksADirectoryReadsGzipAndNamesTheFilesThatFail() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.page.utf8).write(to: directory.appendingPathComponent("a.txt"))
        try Data(Self.page.utf8).write(to: directory.appendingPathComponent("b.txt"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [directory.appendingPathComponent("b.txt").path]
        try gzip.run()
        gzip.waitUntilExit()
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x7F]).write(to: directory.appendingPathComponent("c.bin"))
        try Data().write(to: directory.appendingPathComponent("d.txt"))
        let run = try marsad(["extract", "--quiet", directory.path, "/nonexistent/page.txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("c.bin"))
        #expect(run.stderr.contains("d.txt"))
        #expect(run.stderr.contains("/nonexistent/page.txt"))
        let document = try json(run.stdout)
        let pages = try #require(document["pages"] as? [[String: Any]])
        #expect(pages.count == 4)
        let good = pages.filter { ($0["articles"] as? [Any])?.count == 1 }
        #expect(good.map { ($0["source"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } } == ["a.txt", "b.txt.gz"])
        let article = try #require((good[0]["articles"] as? [[String: Any]])?.first)
        #expect(article["title"] as? String == "وزارة الصحة تطلق حملة تطعيم وطنية ضد الإنفلونزا")
        // Every key of DOCUMENT-MODEL.md is present, null or not.
        for key in ["id", "role", "title", "subtitle", "section", "summary", "paragraphs", "images", "bylines", "media",
                    "published", "url", "quotes", "entities", "quantities", "dates", "duplicateOf"] {
            #expect(article.keys.contains(key), "missing \(key)")
        }
    }

    @Test func jsonlAddsTheSourceAndTextIsReadable() throws {
        let jsonl = try marsad(["extract", "--format", "jsonl", "-"], stdin: Data(Self.page.utf8))
        #expect(jsonl.status == 0)
        let line = try json(jsonl.stdout.trimmingCharacters(in: .newlines))
        #expect(line["source"] as? String == "<stdin>")
        #expect((line["paragraphs"] as? [String])?.count == 2)
        let text = try marsad(["extract", "--format", "text", "-"], stdin: Data(Self.page.utf8))
        #expect(text.stdout.contains("[main] وزارة الصحة"))
    }

    @Test func rulesFolderOptionAndItsErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("وقال المتحدث باسم الوزارة إن «اللقاح متوفر مجاناً في جميع المراكز الصحية».\n".utf8)
            .write(to: directory.appendingPathComponent("ui-leftovers.txt"))
        let run = try marsad(["extract", "--format", "jsonl", "--rules", directory.path, "-"], stdin: Data(Self.page.utf8))
        #expect(run.status == 0)
        #expect((try json(run.stdout.trimmingCharacters(in: .newlines))["paragraphs"] as? [String])?.count == 1)
        try Data("عنوان\tunknown\n".utf8).write(to: directory.appendingPathComponent("block-headers.txt"))
        let bad = try marsad(["extract", "--rules", directory.path, "-"], stdin: Data(Self.page.utf8))
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("block-headers.txt"))
    }

    @Test func inputFormatOverride() throws {
        let run = try marsad(["extract", "--input", "jsonl", "-"], stdin: Data(Self.page.utf8))
        #expect(run.status == 1)
        #expect(run.stderr.contains("not valid JSON"))
    }

    @Test func fetchesURLsWithRedirectsLimitsAndTimeout() throws {
        let body = Array(Self.page.utf8)
        let server = try LocalHTTPServer(routes: [
            "/page": .init(headers: [("Content-Type", "text/plain; charset=utf-8")], body: body),
            "/old": .init(status: "301 Moved Permanently", headers: [("Location", "/page")]),
            "/loop": .init(status: "302 Found", headers: [("Location", "/loop2")]),
            "/loop2": .init(status: "302 Found", headers: [("Location", "/loop")]),
            "/big": .init(headers: [("Content-Type", "text/plain")], body: [UInt8](repeating: 0x41, count: 3 << 20)),
            "/slow": .init(body: body, delaySeconds: 4),
            "/gone": .init(status: "410 Gone"),
        ])
        defer { server.stop() }
        let ok = try marsad(["extract", "--quiet", server.url("/old")])
        #expect(ok.status == 0)
        let pages = try #require(try json(ok.stdout)["pages"] as? [[String: Any]])
        #expect((pages.first?["articles"] as? [Any])?.count == 1)
        #expect(server.userAgents.contains { $0.hasPrefix("Marsad/") })

        let loop = try marsad(["extract", "--quiet", server.url("/loop")])
        #expect(loop.status == 1)
        #expect(loop.stderr.contains("/loop"))
        #expect(loop.stderr.contains("redirect"))

        let big = try marsad(["extract", "--quiet", "--max-megabytes", "1", server.url("/big")])
        #expect(big.status == 1)
        #expect(big.stderr.contains("limit"))

        let slow = try marsad(["extract", "--quiet", "--timeout", "1", server.url("/slow")])
        #expect(slow.status == 1)
        #expect(slow.stderr.contains("timed out"))

        let gone = try marsad(["extract", "--quiet", server.url("/gone")])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("HTTP 410"))
    }
}
