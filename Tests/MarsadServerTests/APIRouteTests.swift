import Archive
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarsadServer
import NewsModel
import Testing

@Suite struct APIRouteTests {
    @Test func searchReturnsTheCLIHitFieldsPlusHref() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/search?q=\(encoded("السيول"))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let json = response.json
                #expect(json["total"] as? Int == 2)
                let hits = json["hits"] as? [[String: Any]] ?? []
                #expect(Set(hits.compactMap { $0["id"] as? String }) == [ServerFixtures.floodID, ServerFixtures.floodOtherID])
                for hit in hits {
                    #expect(Set(hit.keys) == ["id", "title", "source", "section", "published", "url", "snippet", "highlights", "score", "alsoIn", "href"])
                    #expect(hit["href"] as? String == "/article/\(hit["id"] as? String ?? "")")
                }
                let facets = json["facets"] as? [String: Any] ?? [:]
                #expect(Set(facets.keys) == ["section", "source", "role", "entity", "speaker"])
                let sources = (facets["source"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
                #expect(Set(sources) == ["coast-news.example", "gulf-daily.example"])
            }
        }
    }

    @Test func searchFiltersAndPages() async throws {
        try await ServerFixtures.withServer { client, _ in
            let q = encoded("السيول")
            try await client.execute(uri: "/api/v1/search?q=\(q)&source=gulf-daily.example", method: .get) { response in
                let hits = response.json["hits"] as? [[String: Any]] ?? []
                #expect(hits.compactMap { $0["id"] as? String } == [ServerFixtures.floodOtherID])
            }
            try await client.execute(uri: "/api/v1/search?q=\(q)&limit=1&offset=1", method: .get) { response in
                #expect(response.json["total"] as? Int == 2)
                #expect((response.json["hits"] as? [Any])?.count == 1)
                #expect(response.json["offset"] as? Int == 1)
            }
            // Filters alone list the newest matches.
            try await client.execute(uri: "/api/v1/search?speaker=\(encoded("سامر الخطيب"))", method: .get) { response in
                let hits = response.json["hits"] as? [[String: Any]] ?? []
                #expect(hits.compactMap { $0["id"] as? String } == [ServerFixtures.ratesID])
            }
        }
    }

    @Test func articleIsTheDocumentModelPlusArchiveFields() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/articles/\(ServerFixtures.floodID)", method: .get) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["title"] as? String == ServerFixtures.flood.title)
                #expect((json["paragraphs"] as? [String])?.count == 3)
                #expect((json["images"] as? [[String: Any]])?.first?["credit"] as? String == "رويترز")
                #expect(json["source"] as? String == "coast-news.example")
                #expect(json["href"] as? String == "/article/\(ServerFixtures.floodID)")
                #expect(json["story"] is Int)
            }
            try await client.execute(uri: "/api/v1/articles", method: .get) { response in
                let ids = (response.json["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                // Newest first; the teaser has no date and comes last.
                #expect(ids.first == ServerFixtures.floodOtherID)
                #expect(ids.count == 5)
            }
            try await client.execute(uri: "/api/v1/articles?section=\(encoded("اقتصاد"))", method: .get) { response in
                let ids = (response.json["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(ids == [ServerFixtures.ratesID])
            }
        }
    }

    @Test func relatedLeavesOutTheArticleItself() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/articles/\(ServerFixtures.floodID)/related", method: .get) { response in
                #expect(response.status == .ok)
                let ids = (response.json["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(!ids.contains(ServerFixtures.floodID))
                #expect(ids.contains(ServerFixtures.floodOtherID))
            }
        }
    }

    @Test func quotesEntitiesStoriesAndStats() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/quotes?speaker=\(encoded("حسان العلي"))", method: .get) { response in
                let quotes = response.json["quotes"] as? [[String: Any]] ?? []
                #expect(quotes.count == 2)
                #expect(quotes.allSatisfy { $0["speaker"] as? String == "حسان العلي" })
                // Each is listed once, with the outlets and the number of articles that carried it.
                #expect(quotes.allSatisfy { ($0["outlets"] as? [String])?.contains($0["source"] as? String ?? "") == true && $0["articles"] as? Int == 1 })
                #expect(quotes.first?["speakerHref"] as? String == "/person/" + encoded("حسان العلي").replacingOccurrences(of: "%20", with: "%20"))
            }
            try await client.execute(uri: "/api/v1/quotes?kind=direct", method: .get) { response in
                let quotes = response.json["quotes"] as? [[String: Any]] ?? []
                #expect(!quotes.isEmpty && quotes.allSatisfy { $0["kind"] as? String == "direct" })
            }
            try await client.execute(uri: "/api/v1/entities?type=location", method: .get) { response in
                let entities = response.json["entities"] as? [[String: Any]] ?? []
                #expect(entities.first?["name"] as? String == "الساحل الشرقي")
                #expect(entities.first?["articles"] as? Int == 2)
                #expect((entities.first?["href"] as? String)?.hasPrefix("/place/") == true)
            }
            let storyID = try await client.execute(uri: "/api/v1/stories", method: .get) { response -> Int in
                let stories = response.json["stories"] as? [[String: Any]] ?? []
                #expect(stories.count == 1)
                #expect(stories.first?["articles"] as? Int == 2)
                #expect(stories.first?["sources"] as? Int == 2)
                return stories.first?["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/stories/\(storyID)", method: .get) { response in
                let timeline = (response.json["timeline"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(timeline == [ServerFixtures.floodID, ServerFixtures.floodOtherID])
            }
            try await client.execute(uri: "/api/v1/stats", method: .get) { response in
                #expect(response.json["articles"] as? Int == 5)
                #expect(response.json["pages"] as? Int == 4)
            }
        }
    }

    @Test(arguments: [
        ("/api/v1/articles/not-an-id", HTTPResponse.Status.notFound, "not-found"),
        ("/api/v1/articles/ffffffffffffffff", .notFound, "not-found"),
        ("/api/v1/articles/ffffffffffffffff/related", .notFound, "not-found"),
        ("/api/v1/stories/999", .notFound, "not-found"),
        ("/api/v1/stories/abc", .badRequest, "invalid-request"),
        ("/api/v1/search?q=x&limit=0", .badRequest, "invalid-request"),
        ("/api/v1/search?q=x&limit=lots", .badRequest, "invalid-request"),
        ("/api/v1/search?q=x&from=yesterday", .badRequest, "invalid-request"),
        ("/api/v1/search?q=x&order=random", .badRequest, "invalid-request"),
        ("/api/v1/search?q=x&role=boss", .badRequest, "invalid-request"),
        ("/api/v1/quotes?kind=shouted", .badRequest, "invalid-request"),
        ("/api/v1/entities?type=planet", .badRequest, "invalid-request"),
        ("/api/v1/nothing-here", .notFound, "not-found"),
    ])
    func errorsAreProblemDetails(uri: String, status: HTTPResponse.Status, kind: String) async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let json = response.json
                #expect(json["status"] as? Int == status.code)
                #expect(json["type"] as? String == "/api/v1/problems/\(kind)")
                #expect(json["instance"] as? String == uri.split(separator: "?").first.map(String.init))
                #expect(!(json["detail"] as? String ?? "").isEmpty)
            }
        }
    }

    @Test func aBadParameterIsNamedInTheProblem() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/api/v1/search?q=x&from=March", method: .get) { response in
                #expect((response.json["detail"] as? String)?.contains("from") == true)
            }
            try await client.execute(uri: "/api/v1/articles?limit=500", method: .get) { response in
                #expect((response.json["detail"] as? String)?.contains("limit") == true)
            }
        }
    }

    @Test func hostileQueriesAreAnsweredNotExecuted() async throws {
        try await ServerFixtures.withServer { client, _ in
            for query in ["\"unbalanced", "a OR OR", "NEAR(a b)", "'; DROP TABLE articles; --", "*", "-", "col:val", "\u{0}\u{7}", String(repeating: "كلمة ", count: 150)] {
                try await client.execute(uri: "/api/v1/search?q=\(encoded(query))", method: .get) { response in
                    #expect(response.status == .ok, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/stats", method: .get) { response in
                #expect(response.json["articles"] as? Int == 5)
            }
        }
    }

    @Test func uploadExtractsAndStoresAPage() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, archive in
            let body = ByteBuffer(string: UploadFixtures.htmlPage)
            let id = try await client.execute(
                uri: "/api/v1/pages?source=\(encoded("https://coast-news.example/local/bridge"))", method: .post,
                headers: ServerFixtures.authorized([.contentType: "text/html; charset=utf-8"]), body: body
            ) { response -> String in
                #expect(response.status == .created)
                let json = response.json
                #expect(json["format"] as? String == "html")
                // Uploads are named under upload:, whatever source they claim.
                #expect(json["source"] as? String == "upload:https://coast-news.example/local/bridge")
                #expect(json["stored"] as? Int == 1)
                let articles = json["articles"] as? [[String: Any]] ?? []
                #expect(articles.first?["title"] as? String == UploadFixtures.title)
                return articles.first?["id"] as? String ?? ""
            }
            let stored = try await archive.article(id: id)
            #expect(stored?.article.title == UploadFixtures.title)
            #expect(stored?.article.paragraphs.count == 2)
            // The same page again stores nothing new.
            try await client.execute(uri: "/api/v1/pages?source=\(encoded("https://coast-news.example/local/bridge"))", method: .post, headers: ServerFixtures.authorization, body: body) { response in
                #expect(response.status == .created)
                #expect(response.json["stored"] as? Int == 0)
            }
        }
    }

    @Test func uploadProblems() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading(maxUploadBytes: 4_096)) { client, _ in
            try await client.execute(uri: "/api/v1/pages", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer()) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect((response.json["detail"] as? String)?.contains("empty input") == true)
            }
            try await client.execute(uri: "/api/v1/pages", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer(repeating: 0x41, count: 10_000)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/api/v1/pages?format=pdf", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["detail"] as? String)?.contains("format") == true)
            }
            let junk = ByteBuffer(bytes: (0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
            try await client.execute(uri: "/api/v1/pages?source=junk.bin", method: .post, headers: ServerFixtures.authorization, body: junk) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["type"] as? String == "/api/v1/problems/no-article")
            }
        }
    }
}

/// A page composed for upload tests, in the layout of an Arabic news site's article page.
enum UploadFixtures {
    static let title = "افتتاح الجسر الجديد فوق خور المدينة بعد ثلاث سنوات من العمل"

    static let htmlPage = """
        <!doctype html>
        <html lang="ar" dir="rtl"><head><meta charset="utf-8">
        <title>\(title) | أخبار الساحل</title>
        <meta property="og:title" content="\(title)">
        <meta property="article:published_time" content="2026-03-11T09:15:00Z">
        <meta property="article:section" content="محليات">
        </head><body>
        <nav><a href="/">الرئيسية</a> <a href="/local">محليات</a></nav>
        <article>
        <h1>\(title)</h1>
        <p>افتتحت البلدية صباح الأربعاء الجسر الجديد فوق خور المدينة، بعد ثلاث سنوات من العمل وكلفة بلغت مئة وعشرين مليون دولار، ليربط الأحياء الشمالية بالميناء.</p>
        <p>وقال رئيس البلدية حسان العلي إن الجسر سيختصر زمن الرحلة إلى الميناء من أربعين دقيقة إلى عشر دقائق، وإن حركة الشاحنات ستنتقل إليه بالكامل مطلع الشهر المقبل.</p>
        </article>
        <footer>جميع الحقوق محفوظة</footer>
        </body></html>
        """
}
