import Archive
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ingestion
import MarsadServer
import NewsModel
import TestSupport
import Testing

/// The analyst's routes: timelines, exports and the search page's chart and tables.
@Suite struct AnalystRouteTests {
    static let queries = ["السيول", "الفائدة", "عائلة", "الساحل"]

    static func total(_ client: any TestClientProtocol, _ parameters: String) async throws -> Int {
        try await client.execute(uri: "/api/v1/search?\(parameters)&facets=false", method: .get) { $0.json["total"] as? Int ?? -1 }
    }

    static func series(_ response: TestResponse) -> [[String: Any]] { response.json["series"] as? [[String: Any]] ?? [] }

    @Test(arguments: ServerFixtures.Store.available) func timelineSumsEqualTheSearchTotal(_ store: ServerFixtures.Store) async throws {
        try await ServerFixtures.withServer(store: store) { client, _ in
            for filters in ["", "&source=coast-news.example", "&from=2026-03-10&to=2026-03", "&all=true"] {
                for q in Self.queries {
                    let total = try await Self.total(client, "q=\(encoded(q))\(filters)")
                    try await client.execute(uri: "/api/v1/timeline?q=\(encoded(q))\(filters)", method: .get) { response in
                        #expect(response.status == .ok)
                        let series = try #require(Self.series(response).first)
                        let points = series["points"] as? [[String: Any]] ?? []
                        let sum = points.compactMap { $0["count"] as? Int }.reduce(0, +) + (series["undated"] as? Int ?? 0)
                        #expect(sum == total, "\(q)\(filters)")
                        #expect(series["total"] as? Int == total)
                        #expect(points.allSatisfy { $0["share"] == nil })
                    }
                }
            }
        }
    }

    @Test func comparedQueriesShareOnePeriodAxisAndSharesStayWithinOne() async throws {
        try await ServerFixtures.withServer { client, _ in
            let uri = "/api/v1/timeline?" + Self.queries.map { "q=\(encoded($0))" }.joined(separator: "&") + "&interval=day&share=true"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["interval"] as? String == "day")
                let series = Self.series(response)
                #expect(series.compactMap { $0["query"] as? String } == Self.queries)
                let dates = series.map { ($0["points"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String } }
                #expect(Set(dates.map { $0.joined(separator: ",") }).count == 1)
                // Every day from the first match to the last, gaps included.
                #expect(dates.first == ["2026-03-09", "2026-03-10"])
                for point in series.flatMap({ $0["points"] as? [[String: Any]] ?? [] }) {
                    let share = try #require(point["share"] as? Double)
                    #expect(share >= 0 && share <= 1)
                }
            }
        }
    }

    @Test func timelineRefusesBadRequestsByField() async throws {
        try await ServerFixtures.withServer { client, _ in
            let five = (1...5).map { "q=w\($0)" }.joined(separator: "&")
            for (uri, field) in [
                ("/api/v1/timeline?q=a&interval=year", "interval"), ("/api/v1/timeline", "q"), ("/api/v1/timeline?\(five)", "q"),
                ("/api/v1/timeline?q=a&share=yes", "share"), ("/api/v1/timeline?q=a&from=2026-13", "from"),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect((response.json["detail"] as? String ?? "").contains(field), "\(uri)")
                }
            }
        }
    }

    @Test(arguments: ServerFixtures.Store.available) func exportCarriesExactlyTheSearchTotal(_ store: ServerFixtures.Store) async throws {
        try await ServerFixtures.withServer(store: store) { client, _ in
            for parameters in ["q=\(encoded("السيول"))", "q=\(encoded("السيول"))&all=true", "section=\(encoded("محليات"))", "q=\(encoded("غيرموجودة"))"] {
                let total = try await Self.total(client, parameters)
                try await client.execute(uri: "/api/v1/export?\(parameters)&format=jsonl", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
                    let lines = response.text.split(separator: "\n")
                    #expect(lines.count == total, "\(parameters)")
                    for line in lines {
                        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                        #expect(object?["href"] == nil && object?["story"] != nil)
                    }
                }
                try await client.execute(uri: "/api/v1/export?\(parameters)&format=csv", method: .get) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                    #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                    let rows = try await Self.parsedCSV(response.text)
                    #expect(rows.count == total + 1, "\(parameters)")
                }
            }
        }
    }

    @Test func csvParsesWithPythonAndKeepsArabicIntact() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/export?q=\(encoded("السيول"))&format=csv", method: .get) { response in
                #expect(Array(response.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
                guard let parsed = try await Self.pythonCSV(response.text) else { return }
                #expect(parsed.first == ["id", "published", "source", "section", "title", "url", "story", "persons", "places", "organizations", "body"])
                let titles = Set(parsed.dropFirst().map { $0[4] })
                #expect(titles == [ServerFixtures.flood.title, ServerFixtures.floodOther.title])
                let body = try #require(parsed.dropFirst().first { $0[0] == ServerFixtures.floodID }?[10])
                #expect(body == ServerFixtures.floodParagraphs.joined(separator: "\n"))
            }
        }
    }

    @Test func anExportPastTheServersLimitIsRefusedWithItsCount() async throws {
        try await ServerFixtures.withServer(configuration: ServerConfiguration(resolutionDelay: nil, exportLimit: 2)) { client, _ in
            let total = try await Self.total(client, "all=true")
            #expect(total > 2)
            try await client.execute(uri: "/api/v1/export?all=true", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["detail"] as? String ?? "").contains("\(total)"))
            }
            // Asking for the first rows explicitly is not a silent cut.
            try await client.execute(uri: "/api/v1/export?all=true&limit=2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.split(separator: "\n").count == 2)
            }
            try await client.execute(uri: "/api/v1/export?q=a&format=xml", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/api/v1/export?q=a&format=csv&fields=title,nope", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["detail"] as? String ?? "").contains("nope"))
            }
        }
    }

    @Test func quotesAsATable() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/quotes?speaker=\(encoded("حسان العلي"))&format=csv", method: .get) { response in
                #expect(response.status == .ok)
                let rows = try await Self.parsedCSV(response.text)
                #expect(rows.first == ["date", "speaker", "quote", "cue", "outlet", "url"])
                #expect(rows.count == 3)
                #expect(rows.dropFirst().allSatisfy { $0[1] == "حسان العلي" && $0[5].hasPrefix("https://") })
            }
        }
    }

    @Test func theSearchPageDrawsOneSeriesPerQueryAndLinksEachPeriod() async throws {
        try await ServerFixtures.withServer { client, _ in
            let uri = "/search?q=\(encoded("السيول"))&q=\(encoded("الفائدة"))&interval=day"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.components(separatedBy: "<g class=\"series\"").count - 1 == 2)
                #expect(html.contains("data-query=\"السيول\"") && html.contains("data-query=\"الفائدة\""))
                // Each period narrows the search to itself.
                #expect(html.contains("from=2026-03-10&amp;to=2026-03-10"))
                #expect(html.contains("/api/v1/export?"))
                #expect(html.contains("format=csv"))
                // The hits are the first query's.
                #expect(html.contains(ServerFixtures.flood.title))
            }
            try await client.execute(uri: "/search?q=\(encoded("السيول"))&share=true", method: .get) { response in
                #expect(response.text.contains("حصة المقالات"))
                #expect(response.text.components(separatedBy: "<g class=\"series\"").count - 1 == 1)
            }
        }
    }

    @Test func theSearchPageProfilesTheResultSet() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/search?q=\(encoded("السيول"))", method: .get) { response in
                let html = response.text
                #expect(html.contains("class=\"sources-table\""))
                #expect(html.contains("coast-news.example") && html.contains("gulf-daily.example"))
                #expect(html.contains("حسان العلي"))
                #expect(html.contains("entity=\(encoded("حسان العلي"))") || html.contains("entity=%D8"))
            }
        }
    }

    @Test func sectionKeysAreShownInArabic() async throws {
        let article = Article(
            id: "5a6b7c8d9eafb0c1", role: .main, title: "قمة إقليمية في العاصمة", section: "middleEast", paragraphs: ["انعقدت قمة إقليمية في العاصمة اليوم."],
            published: "2026-03-11T09:00:00Z", url: "https://region.example/1")
        try await ServerFixtures.withServer { client, archive in
            _ = try await archive.ingest(batch: IngestSetup.standard.preparer.prepare(Page(source: "https://region.example/1", format: .html, encoding: "utf-8", articles: [article])))
            try await client.execute(uri: "/search?q=\(encoded("قمة"))", method: .get) { response in
                #expect(response.text.contains("الشرق الأوسط"))
                #expect(response.text.contains("data-key=\"middleEast\""))
                #expect(!response.text.contains(">middleEast<"))
            }
            try await client.execute(uri: "/article/5a6b7c8d9eafb0c1", method: .get) { response in
                #expect(response.text.contains(">الشرق الأوسط</a>"))
            }
        }
    }

    @Test func entityAndStoryPagesDrawTheirTimeline() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/person/\(encoded("حسان العلي"))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<svg class=\"timeline\""))
                #expect(response.text.contains("/api/v1/quotes?speaker="))
            }
            let story = try await client.execute(uri: "/api/v1/articles/\(ServerFixtures.floodID)", method: .get) { $0.json["story"] as? Int }
            try await client.execute(uri: "/story/\(try #require(story))", method: .get) { response in
                #expect(response.text.contains("<svg class=\"timeline\""))
            }
        }
    }

    /// RFC 4180 as Python's `csv` module reads it, or nil (the test passes) where python3 is absent.
    static func pythonCSV(_ text: String) async throws -> [[String]]? {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let run = try await ChildProcess.run(
            python, ["-c", "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8-sig', newline='')))))"],
            stdin: Data(text.utf8), timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String]]
    }

    /// Python's reading when it is here, else a strict RFC 4180 reader of our own.
    static func parsedCSV(_ text: String) async throws -> [[String]] {
        if let parsed = try await pythonCSV(text) { return parsed }
        var rows = [[String]](), row = [String](), field = "", quoted = false
        var scalars = Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" })[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" { if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append(c) } else { quoted = false } } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\r", scalars.first == "\n" {
                scalars.removeFirst(); row.append(field); rows.append(row); row = []; field = ""
            } else { field.unicodeScalars.append(c) }
        }
        return rows
    }
}
