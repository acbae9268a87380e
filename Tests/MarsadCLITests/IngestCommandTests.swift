import Foundation
import GRDB
import Testing

/// `marsad ingest`, `search`, `quotes`, `stories` and `stats` end to end, in child processes.
@Suite(.serialized) struct IngestCommandTests {
    let cli = ExtractCommandTests()

    /// A composed JSONL export: `count` records on rotating topics, each distinct.
    static func jsonl(_ count: Int, from start: Int = 0) -> String {
        let topics = [
            ("الاقتصاد", "رفع البنك المركزي سعر الفائدة", "وقال المحافظ إنّ «التضخم يتراجع ببطء» في الأشهر الأخيرة"),
            ("الرياضة", "فاز المنتخب في مباراة الذهاب", "وأكد المدرب أن «الفريق استعد جيداً» لهذه المباراة"),
            ("السياسة", "استؤنفت المفاوضات بين الطرفين", "وأعلن الوزير أن «الجولة المقبلة حاسمة» للطرفين"),
        ]
        return (start..<start + count).map { n in
            let (section, lead, quote) = topics[n % topics.count]
            let day = 1 + n % 28
            let body = "\(lead) في الجولة رقم \(n). \(quote). وأضاف المصدر أن عدد المشاركين بلغ \(n + 10) شخصاً."
            let object: [String: Any] = [
                "title": "\(lead) للمرة \(n)", "text": body, "cat": section,
                "url": "https://news.example.org/\(n)", "time": String(format: "2025-04-%02dT10:00:00Z", day),
            ]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Chunks are extracted in parallel and finish in any order; pages are stored in input order all
    /// the same, so that two runs build the same archive.
    @Test func pagesAreStoredInInputOrder() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let input = dir.appendingPathComponent("export.jsonl")
        // Five chunks of 256 records or fewer, in flight together.
        try Self.jsonl(1_100).write(to: input, atomically: true, encoding: .utf8)
        let run = try cli.marsad(["ingest", "--quiet", "--no-analysis", "--jobs", "4", "--batch", "7", "--store", store, input.path])
        #expect(run.status == 0, "\(run.stderr)")
        let sources = try DatabaseQueue(path: store).read { db in
            try String.fetchAll(db, sql: "SELECT p.source FROM articles a JOIN pages p ON p.id = a.page_id ORDER BY a.seq")
        }
        let expected = (1...1_100).map { "\(input.path)#\($0)" }
        #expect(sources.count == expected.count)
        let misplaced = sources.indices.first { $0 >= expected.count || sources[$0] != expected[$0] }
        #expect(misplaced == nil, "article \(misplaced ?? 0) is \(misplaced.map { sources[$0] } ?? "")")
    }

    @Test func ingestSearchStatsAndIdempotence() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The store sits among the inputs: ingest must leave its own files out.
        let store = dir.appendingPathComponent("marsad.sqlite").path
        try Self.jsonl(30).write(to: dir.appendingPathComponent("export.jsonl"), atomically: true, encoding: .utf8)
        try ExtractCommandTests.page.write(to: dir.appendingPathComponent("page.txt"), atomically: true, encoding: .utf8)

        let first = try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", store, dir.path])
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try json(first.stdout)
        #expect(summary["pages"] as? Int == 31)
        #expect(summary["inserted"] as? Int == 31)

        let again = try json(try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", store, dir.path]).stdout)
        #expect(again["unchanged"] as? Int == 31)
        #expect(again["inserted"] as? Int == 0)

        let stats = try json(try cli.marsad(["stats", "--format", "json", "--store", store]).stdout)
        #expect(stats["articles"] as? Int == 31)
        #expect(stats["pages"] as? Int == 31)

        let search = try cli.marsad(["search", "--format", "json", "--store", store, "المفاوضات", "--limit", "3"])
        #expect(search.status == 0, "\(search.stderr)")
        let results = try json(search.stdout)
        #expect(results["total"] as? Int == 10)
        let hits = try #require(results["hits"] as? [[String: Any]])
        #expect(hits.count == 3)
        for key in ["id", "title", "source", "published", "snippet", "score"] { #expect(hits[0][key] != nil, "hit lacks \(key)") }
        #expect(hits[0]["source"] as? String == "news.example.org")
        let facets = try #require(results["facets"] as? [String: Any])
        let sections = try #require(facets["section"] as? [[String: Any]])
        #expect(sections.first?["value"] as? String == "السياسة")

        let filtered = try json(try cli.marsad(["search", "--format", "json", "--store", store, "--section", "الرياضة", "--from", "2025-04-01", "--to", "2025-04-05", ""]).stdout)
        #expect((filtered["total"] as? Int ?? 0) > 0)
        for hit in filtered["hits"] as? [[String: Any]] ?? [] { #expect((hit["published"] as? String ?? "") < "2025-04-06") }

        let text = try cli.marsad(["search", "--store", store, "\"سعر الفائدة\""])
        #expect(text.stdout.contains("[الفائدة]"))

        let quotes = try cli.marsad(["quotes", "--format", "json", "--store", store, "--limit", "5"])
        #expect(quotes.status == 0, "\(quotes.stderr)")

        // Hostile text is a query like any other.
        for query in ["\"", "NEAR(", "a OR OR", "'; DROP TABLE articles; --"] {
            let run = try cli.marsad(["search", "--store", store, query])
            #expect(run.status == 0, "\(query): \(run.stderr)")
        }
        #expect(try json(try cli.marsad(["stats", "--format", "json", "--store", store]).stdout)["articles"] as? Int == 31)
    }

    @Test func changedRecordUpdatesItsArticle() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let file = dir.appendingPathComponent("export.jsonl")
        try Self.jsonl(5).write(to: file, atomically: true, encoding: .utf8)
        _ = try cli.marsad(["ingest", "--quiet", "--store", store, file.path])
        try Self.jsonl(5).replacingOccurrences(of: "للمرة 3\"", with: "للمرة الثالثة\"").write(to: file, atomically: true, encoding: .utf8)
        let run = try json(try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", store, file.path]).stdout)
        #expect(run["updated"] as? Int == 1)
        #expect(run["unchanged"] as? Int == 4)
        let hits = try json(try cli.marsad(["search", "--format", "json", "--store", store, "الثالثة"]).stdout)
        #expect(hits["total"] as? Int == 1)
    }

    @Test func notAnArchiveIsRefusedAndKept() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("junk.sqlite")
        let bytes = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        try bytes.write(to: junk)
        let page = dir.appendingPathComponent("page.txt")
        try ExtractCommandTests.page.write(to: page, atomically: true, encoding: .utf8)
        let run = try cli.marsad(["ingest", "--quiet", "--store", junk.path, page.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains(junk.path))
        #expect(run.stderr.contains("not a Marsad archive") || run.stderr.contains("damaged"))
        #expect(try Data(contentsOf: junk) == bytes)
    }

    /// kill -9 in the middle of an ingest: every committed page is whole, none is half-written, and
    /// the next run completes the archive.
    @Test func killedIngestLosesNothingCommitted() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let file = dir.appendingPathComponent("big.jsonl")
        let records = 6_000
        try Self.jsonl(records).write(to: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = ExtractCommandTests.binary
        process.arguments = ["ingest", "--quiet", "--batch", "20", "--store", store, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some pages are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        var committed = 0
        while Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            committed = (try? Self.count("SELECT count(*) FROM pages", store: store)) ?? 0
            if committed >= 200 { break }
        }
        #expect(process.isRunning, "ingest finished before it could be killed; make the input larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let pages = try Self.count("SELECT count(*) FROM pages", store: store)
        #expect(pages >= 200 && pages < records)
        // Whole pages only: each page has its article, each article its index row.
        #expect(try Self.count("SELECT count(*) FROM pages WHERE id NOT IN (SELECT page_id FROM articles)", store: store) == 0)
        #expect(try Self.count("SELECT count(*) FROM articles", store: store) == pages)
        #expect(try Self.count("SELECT count(*) FROM articles_fts", store: store) == pages)
        #expect(try Self.string("PRAGMA integrity_check", store: store) == "ok")

        let resumed = try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", store, file.path])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try json(resumed.stdout)
        #expect(summary["unchanged"] as? Int == pages)
        #expect(summary["inserted"] as? Int == records - pages)
        #expect(try Self.count("SELECT count(*) FROM articles", store: store) == records)
        #expect(try Self.count("SELECT count(*) FROM articles_fts", store: store) == records)
    }

    /// `--no-stories` (bulk loads): exact copies are still linked, but no stories are formed.
    @Test func noStoriesLinksExactCopiesOnly() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("export.jsonl")
        // 30 records on three topics, then the first record again under another url.
        let lines = Self.jsonl(30).split(separator: "\n").map(String.init)
        try (lines + [lines[0].replacingOccurrences(of: "news.example.org/0", with: "mirror.example.net/0")]).joined(separator: "\n")
            .write(to: input, atomically: true, encoding: .utf8)
        var copies = [String: Int](), stories = [String: Int]()
        for (name, flags) in [("full", [String]()), ("bulk", ["--no-stories"])] {
            let store = dir.appendingPathComponent("\(name).sqlite").path
            let run = try cli.marsad(["ingest", "--quiet", "--no-analysis", "--store", store, input.path] + flags)
            #expect(run.status == 0, "\(run.stderr)")
            copies[name] = try Self.count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL", store: store)
            stories[name] = try Self.count("SELECT count(DISTINCT story_id) FROM articles WHERE duplicate_of IS NULL", store: store)
        }
        // The records differ only in their numbers: the full policy links near copies and stories.
        #expect(copies["bulk"] == 1)
        #expect(stories["bulk"] == 30)
        #expect((copies["full"] ?? 0) > 1 || (stories["full"] ?? 30) < 30)
    }

    static func count(_ sql: String, store: String) throws -> Int {
        try DatabaseQueue(path: store).read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    static func string(_ sql: String, store: String) throws -> String? {
        try DatabaseQueue(path: store).read { try String.fetchOne($0, sql: sql) }
    }
}
