import Foundation
import TestSupport
import Testing

/// `marsad export`, `marsad timeline` and `marsad quotes --format csv` through the real binary.
@Suite struct ExportCommandTests {
    /// An archive of 60 composed articles over April 2025 (three topics, one article a day each).
    static func archive(in directory: URL) async throws -> String {
        let input = directory.appendingPathComponent("input.jsonl")
        try IngestCommandTests.jsonl(60).write(to: input, atomically: true, encoding: .utf8)
        let store = directory.appendingPathComponent("marsad.sqlite").path
        let ingest = try await ChildProcess.run(ExtractCommandTests.binary.path, ["ingest", "--quiet", "--store", store, input.path], timeout: 300)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return store
    }

    static func marsad(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run(ExtractCommandTests.binary.path, arguments, timeout: 120)
    }

    static func total(_ store: String, _ arguments: [String]) async throws -> Int {
        let search = try await marsad(["search", "--store", store, "--format", "json", "--no-facets"] + arguments)
        return (try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])?["total"] as? Int ?? -1
    }

    @Test func exportsEveryMatchAsJSONLinesAndCSV() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Self.archive(in: directory)
        for arguments in [["الفائدة"], ["المنتخب", "--section", "الرياضة"], ["--from", "2025-04-10", "--to", "2025-04-12"], ["المفاوضات", "--all"]] {
            let total = try await Self.total(store, arguments)
            #expect(total > 0, "\(arguments)")
            let jsonl = try await Self.marsad(["export", "--store", store] + arguments)
            #expect(jsonl.status == 0, "\(jsonl.stderr)")
            let lines = jsonl.stdout.split(separator: "\n")
            #expect(lines.count == total, "\(arguments): every match, not a page of them")
            let published = try lines.map { line -> String in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["source"] as? String == "news.example.org")
                return object["published"] as? String ?? ""
            }
            #expect(published == published.sorted(by: >), "newest first")
            let csv = try await Self.marsad(["export", "--store", store, "--format", "csv"] + arguments)
            let rows = try await AnalystCSV.parse(csv.stdout)
            #expect(rows.first?.count == 11)
            #expect(rows.count == total + 1)
        }
        let some = try await Self.marsad(["export", "--store", store, "الفائدة", "--format", "csv", "--fields", "id,title", "--limit", "3"])
        let rows = try await AnalystCSV.parse(some.stdout)
        #expect(rows.first == ["id", "title"])
        #expect(rows.count == 4)
        #expect(rows.dropFirst().allSatisfy { $0[1].hasPrefix("رفع البنك المركزي سعر الفائدة") })
        let bad = try await Self.marsad(["export", "--store", store, "--format", "csv", "--fields", "title,headline"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("headline"))
    }

    @Test func timelinesAndQuoteTables() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Self.archive(in: directory)
        let run = try await Self.marsad(["timeline", "--store", store, "الفائدة", "المنتخب", "--format", "json", "--share", "--interval", "week"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["interval"] as? String == "week")
        let series = json["series"] as? [[String: Any]] ?? []
        #expect(series.count == 2)
        for (query, entry) in zip(["الفائدة", "المنتخب"], series) {
            let points = entry["points"] as? [[String: Any]] ?? []
            #expect(points.first?["date"] as? String == "2025-03-31")  // the Monday of 1 April's week
            #expect(points.compactMap { $0["count"] as? Int }.reduce(0, +) == (try await Self.total(store, [query])))
            #expect(points.allSatisfy { ($0["share"] as? Double).map { $0 >= 0 && $0 <= 1 } ?? false })
        }
        let csv = try await Self.marsad(["timeline", "--store", store, "الفائدة", "--format", "csv", "--interval", "month"])
        #expect(try await AnalystCSV.parse(csv.stdout) == [["query", "date", "to", "count"], ["الفائدة", "2025-04-01", "2025-04-30", String(try await Self.total(store, ["الفائدة"]))]])
        let five = try await Self.marsad(["timeline", "--store", store, "أ", "ب", "ج", "د", "ه"])
        #expect(five.status != 0)
        #expect(five.stderr.contains("1 to 4"))

        let quotes = try await Self.marsad(["quotes", "--store", store, "--format", "csv", "--limit", "5"])
        #expect(quotes.status == 0, "\(quotes.stderr)")
        let table = try await AnalystCSV.parse(quotes.stdout)
        #expect(table.first == ["date", "speaker", "quote", "cue", "outlet", "url"])
        #expect(table.count > 1)
        #expect(table.dropFirst().allSatisfy { $0[0].hasPrefix("2025-04-") && $0[5].hasPrefix("https://news.example.org/") })
    }
}

/// RFC 4180 as Python's `csv` module reads it (the reader analysts' scripts use), after checking
/// that the text starts with the byte order mark spreadsheets need.
enum AnalystCSV {
    static func parse(_ text: String) async throws -> [[String]] {
        #expect(text.hasPrefix("\u{FEFF}"), "no byte order mark")
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            // Without python3, a strict reader for the quoting rules alone.
            return text.dropFirst().split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-csv-\(UUID().uuidString).csv")
        try text.write(to: directory, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await ChildProcess.run(python, ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String]])
    }
}
