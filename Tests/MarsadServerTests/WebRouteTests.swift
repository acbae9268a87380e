import Archive
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarsadServer
import NewsModel
import Testing

@Suite struct WebRouteTests {
    static func isArabicPage(_ html: String) -> Bool {
        html.contains("<html dir=\"rtl\" lang=\"ar\">") && html.contains("<meta charset=\"utf-8\">") && html.contains("name=\"viewport\"")
    }

    @Test func homeShowsTheLatestBySectionWithCaptionsAndSources() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.text
                #expect(Self.isArabicPage(html))
                #expect(html.contains("<h2><a href=\"/search?section=\(Paths.segmentForTests("محليات"))\" data-key=\"محليات\">محليات</a></h2>"))
                #expect(html.contains(ServerFixtures.flood.title))
                #expect(html.contains(ServerFixtures.rates.title))
                #expect(html.contains("فرق الإنقاذ تجلي السكان من حي غمرته المياه <span class=\"credit\">(رويترز)</span>"))
                #expect(html.contains("<span class=\"source\">gulf-daily.example</span>"))
                // Each article in its own site's time; the machine-readable form keeps the offset.
                #expect(html.contains("<time datetime=\"2026-03-10T14:00:00+03:00\">2026-03-10 14:00</time>"))
                // Teasers are not front-page articles.
                #expect(!html.contains(ServerFixtures.teaser.title))
                // Newest section first.
                let local = html.range(of: "محليات</a></h2>")!.lowerBound
                let economy = html.range(of: "اقتصاد</a></h2>")!.lowerBound
                #expect(local < economy)
            }
        }
    }

    @Test func articlePageHasEverythingAReaderNeeds() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/article/\(ServerFixtures.floodID)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(Self.isArabicPage(html))
                #expect(html.contains("<h1 class=\"title\">\(ServerFixtures.flood.title)</h1>"))
                #expect(html.contains("<p class=\"subtitle\">\(ServerFixtures.flood.subtitle!)</p>"))
                #expect(html.contains("<p class=\"kicker\"><a href=\"/search?section="))
                #expect(html.contains("<span class=\"by\">سلمى الحداد <span class=\"place\">(الساحل الشرقي)</span> <span class=\"note\">— مراسلة الشؤون المحلية</span></span>"))
                #expect(html.contains("<time datetime=\"2026-03-10T06:30:00Z\">2026-03-10 06:30</time>"))
                #expect(html.contains("<figcaption>فرق الإنقاذ تجلي السكان من حي غمرته المياه <span class=\"credit\">(رويترز)</span></figcaption>"))
                // The text-size control, driven by our own script.
                #expect(html.contains("data-textsize=\"larger\"") && html.contains("data-textsize=\"smaller\"") && html.contains("<script src=\"/assets/reader.js\" defer></script>"))
                // The quote is marked in the body, and its speaker linked.
                let person = "/person/" + Paths.segmentForTests("حسان العلي")
                #expect(html.contains("<mark class=\"quote\">أجلينا أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة</mark> <a class=\"speaker\" href=\"\(person)\">— حسان العلي</a>"))
                // Entity chips link to their pages.
                #expect(html.contains("<a class=\"chip person\" href=\"\(person)\""))
                #expect(html.contains("<a class=\"chip location\" href=\"/place/\(Paths.segmentForTests("الساحل الشرقي"))\""))
                #expect(html.contains("<a class=\"chip organization\" href=\"/organization/\(Paths.segmentForTests("هيئة الأرصاد"))\""))
                // Related articles, the other outlet's version and the next article.
                #expect(html.contains("<h2>مقالات ذات صلة</h2>"))
                #expect(html.contains("<h2>الخبر في مصادر أخرى</h2>"))
                let other = html.range(of: "<h2>الخبر في مصادر أخرى</h2>")!.upperBound
                #expect(html[other...].contains("/article/\(ServerFixtures.floodOtherID)"))
                #expect(html.contains("<h2>المقال التالي</h2>"))
                #expect(html.contains("<a href=\"https://coast-news.example/local/flood\" rel=\"noopener noreferrer nofollow\">المصدر الأصلي</a>"))
            }
        }
    }

    @Test func nextArticleIsTheOnePublishedBeforeInTheSection() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/article/\(ServerFixtures.floodOtherID)", method: .get) { response in
                let html = response.text
                let next = html.range(of: "<h2>المقال التالي</h2>")!.upperBound
                #expect(html[next...].contains("<a class=\"next-link\" href=\"/article/\(ServerFixtures.floodID)\" rel=\"next\">"))
            }
        }
    }

    @Test func searchPageHighlightsFacetsAndPages() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/search?q=\(encoded("السيول"))&limit=1", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(Self.isArabicPage(html))
                #expect(html.contains("<p class=\"count\">2 نتيجة"))
                #expect(html.contains("<mark>السيول</mark>"))
                #expect(html.contains("value=\"السيول\""))
                #expect(html.contains("<h2>المصدر</h2>"))
                #expect(html.contains("href=\"/search?q=\(Paths.segmentForTests("السيول"))&amp;limit=1&amp;source=gulf-daily.example\""))
                #expect(html.contains("rel=\"next\" href=\"/search?q=\(Paths.segmentForTests("السيول"))&amp;limit=1&amp;offset=1\""))
                #expect(!html.contains("rel=\"prev\""))
            }
            try await client.execute(uri: "/search?q=\(encoded("السيول"))&limit=1&offset=1", method: .get) { response in
                #expect(response.text.contains("rel=\"prev\" href=\"/search?q=\(Paths.segmentForTests("السيول"))&amp;limit=1&amp;offset=0\""))
                #expect(response.text.contains("<ol class=\"hits\" start=\"2\">"))
            }
        }
    }

    @Test func emptyAndFruitlessSearchesGetHelp() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/search", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h2>كيف تبحث</h2>"))
                #expect(response.text.contains("مفاوض*"))
            }
            try await client.execute(uri: "/search?q=\(encoded("زلزال"))&section=\(encoded("اقتصاد"))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h2>لا نتائج</h2>"))
                #expect(response.text.contains("لم نجد مقالات تطابق «زلزال»"))
                #expect(response.text.contains("<a href=\"/search?q=\(Paths.segmentForTests("زلزال"))\">ابحث دون المرشحات</a>"))
            }
            try await client.execute(uri: "/search?q=x&from=soon", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("invalid from"))
            }
        }
    }

    @Test func personPageListsQuotesOverTime() async throws {
        try await ServerFixtures.withServer { client, _ in
            try await client.execute(uri: "/person/\(encoded("حسان العلي"))", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>حسان العلي</h1>"))
                #expect(html.contains("<h2>ما قاله</h2>"))
                #expect(html.contains("<q>أجلينا أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة</q>"))
                #expect(html.contains("مراكز الإيواء المؤقتة استقبلت أكثر من ثلاثمائة عائلة"))
                #expect(html.contains("<a class=\"from\" href=\"/article/\(ServerFixtures.floodID)\">"))
                // Mentions over time, each period a link to the person's articles then.
                #expect(html.contains("<svg class=\"timeline\""))
                #expect(html.contains("entity=\(Paths.segmentForTests("حسان العلي"))&amp;from=2026-03-10&amp;to=2026-03-10"))
            }
        }
    }

    @Test func entityPagesGoByIdOnceResolvedAndNamesRedirect() async throws {
        try await ServerFixtures.withServer { client, archive in
            try await archive.resolveEntities()
            let person = try #require(try await archive.entities(EntityRequest(type: .person, name: "حسان العلي")).first)
            let id = try #require(person.id)
            try await client.execute(uri: "/person/\(encoded("حسان العلي"))", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/person/\(id)")
            }
            try await client.execute(uri: "/person/\(encoded("حسان العلي")).atom", method: .get) { response in
                #expect(response.headers[.location] == "/person/\(id).atom")
            }
            try await client.execute(uri: "/person/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1>حسان العلي</h1>"))
                #expect(response.text.contains("<h2>ما قاله</h2>"))
                #expect(response.text.contains("href=\"/person/\(id).atom\""))
            }
            // The id under another type's path moves to the right one; an unknown id is a 404.
            try await client.execute(uri: "/place/\(id)", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/person/\(id)")
            }
            try await client.execute(uri: "/person/987654", method: .get) { response in
                #expect(response.status == .notFound)
            }
            // A correction, by the API behind the token: closed on a server that has none.
            try await client.execute(uri: "/api/v1/entities/\(id)/split?alias=x", method: .post) { response in
                #expect(response.status == .forbidden)
            }
            // Aliases show on the page once an entity has several names.
            let place = try #require(try await archive.entities(EntityRequest(type: .location, limit: 2)).compactMap(\.id).first)
            _ = try await archive.correctEntity(.merge(place, into: id))
            try await client.execute(uri: "/person/\(id)", method: .get) { response in
                #expect(response.text.contains("<p class=\"aliases\">ويُكتب أيضاً: "))
            }
        }
    }

    /// A server resolves entities and builds sagas on its own a while after uploads: a server
    /// without a watcher still gets entity ids.
    @Test func uploadsAreFollowedByEntityResolution() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading(resolutionDelay: .milliseconds(50))) { client, archive in
            #expect(try await archive.entities(EntityRequest(limit: 1)).first?.id == nil)
            try await client.execute(
                uri: "/api/v1/pages?source=resolve", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer(string: UploadFixtures.htmlPage)
            ) { response in #expect(response.status == .created) }
            var resolved = false
            for _ in 0..<200 where !resolved {
                try await Task.sleep(for: .milliseconds(50))
                resolved = try await archive.entities(EntityRequest(limit: 1)).first?.id != nil
            }
            #expect(resolved)
        }
    }

    @Test func placeAndOrganisationPagesListMentionsOverTime() async throws {
        try await ServerFixtures.withServer { client, _ in
            for (path, name) in [("place", "الساحل الشرقي"), ("organization", "هيئة الأرصاد")] {
                try await client.execute(uri: "/\(path)/\(encoded(name))", method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    let html = response.text
                    #expect(html.contains("<h1>\(name)</h1>"))
                    #expect(html.contains("ورد في 2 مقال"))
                    #expect(html.contains("<h2>الذكر على مر الزمن</h2>"))
                    #expect(html.contains("/article/\(ServerFixtures.floodID)") && html.contains("/article/\(ServerFixtures.floodOtherID)"))
                }
            }
            try await client.execute(uri: "/place/\(encoded("مكان لا يعرفه أحد"))", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("الصفحة غير موجودة"))
            }
        }
    }

    @Test func storyPagesShowTheClusterAsATimeline() async throws {
        try await ServerFixtures.withServer { client, archive in
            let story = try #require(try await archive.stories(limit: 5, offset: 0).first)
            try await client.execute(uri: "/stories", method: .get) { response in
                #expect(response.text.contains("<a class=\"headline\" href=\"/story/\(story.id)\">"))
            }
            try await client.execute(uri: "/story/\(story.id)", method: .get) { response in
                let html = response.text
                #expect(html.contains("<h2>التسلسل الزمني</h2>"))
                #expect(html.contains("<li>coast-news.example</li>") && html.contains("<li>gulf-daily.example</li>"))
                let first = html.range(of: "/article/\(ServerFixtures.floodID)")!.lowerBound
                let second = html.range(of: "/article/\(ServerFixtures.floodOtherID)")!.lowerBound
                #expect(first < second)
                // Outlets by day: one row per outlet, in order of its first article.
                #expect(html.contains("<h2>المصادر يوماً بيوم</h2>"))
                let grid = try #require(html.range(of: "<tbody>").flatMap { start in html.range(of: "</tbody>", range: start.upperBound..<html.endIndex).map { html[start.upperBound..<$0.lowerBound] } })
                #expect(grid.components(separatedBy: "<tr>").count - 1 == 2)
                #expect(grid.contains("<th scope=\"row\">coast-news.example</th>") && grid.contains("<th scope=\"row\">gulf-daily.example</th>"))
            }
            try await client.execute(uri: "/story/0", method: .get) { response in #expect(response.status == .notFound) }
        }
    }

    @Test func uploadPreviewsThenStores() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, archive in
            // The token is typed once, into its own small form, and buys a session cookie.
            try await client.execute(uri: "/upload", method: .get) { response in
                #expect(response.text.contains("action=\"/upload/session\""))
                #expect(!response.text.contains("enctype=\"multipart/form-data\""))
            }
            let cookie = try await client.execute(
                uri: "/upload/session", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(ServerFixtures.uploadToken)")
            ) { response -> String in
                #expect(response.status == .seeOther)
                let setCookie = response.headers[.setCookie] ?? ""
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/upload"))
                return String(setCookie.split(separator: ";")[0])
            }
            try await client.execute(uri: "/upload", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("enctype=\"multipart/form-data\""))
                #expect(!response.text.contains("name=\"token\""))
            }
            let form = MultipartBody(fields: ["format": ""], file: ("bridge.html", UploadFixtures.htmlPage))
            let pending = try await client.execute(
                uri: "/upload", method: .post, headers: [.contentType: form.contentType, .cookie: cookie], body: form.buffer
            ) { response -> String in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>معاينة: bridge.html</h1>"))
                #expect(html.contains("<h2>\(UploadFixtures.title)</h2>"))
                #expect(html.contains("لم يُحفظ شيء بعد"))
                return try #require(html.firstMatch(of: /name="pending" value="([0-9a-f]+)"/)).1.description
            }
            #expect(try await archive.stats().pages == 4)
            let location = try await client.execute(
                uri: "/upload/store", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "pending=\(pending)")
            ) { response -> String in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/article/"))
            #expect(try await archive.stats().pages == 5)
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.text.contains(UploadFixtures.title))
            }
            // A preview stores once.
            try await client.execute(
                uri: "/upload/store", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "pending=\(pending)")
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func unknownPagesGetTheArabicErrorPage() async throws {
        try await ServerFixtures.withServer { client, _ in
            for uri in ["/no/such/page", "/article/ffffffffffffffff", "/article/<script>", "/story/abc"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(Self.isArabicPage(response.text))
                    #expect(response.text.contains("<h1>الصفحة غير موجودة</h1>"))
                }
            }
        }
    }

    @Test func assetsAreServedWithTypes() async throws {
        try await ServerFixtures.withServer { client, _ in
            for (name, type) in [("marsad.css", "text/css; charset=utf-8"), ("reader.js", "text/javascript; charset=utf-8"), ("favicon.svg", "image/svg+xml")] {
                try await client.execute(uri: "/assets/\(name)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type)
                    #expect(response.body.readableBytes > 100)
                }
            }
            try await client.execute(uri: "/assets/marsad.css", method: .get) { response in
                // An Arabic font is named; nothing is fetched from elsewhere.
                #expect(response.text.contains("\"Noto Naskh Arabic\""))
                #expect(!response.text.contains("http://") && !response.text.contains("https://") && !response.text.contains("@import"))
            }
        }
    }
}

/// A multipart/form-data body as a browser sends it.
struct MultipartBody {
    let boundary = "----marsadtest7MA4YWxkTrZu0gW"
    var fields: [String: String]
    var file: (name: String, content: String)?

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var buffer: ByteBuffer {
        var text = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: text/html\r\n\r\n\(file.content)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return ByteBuffer(string: text)
    }
}

extension Paths {
    /// The tests' own statement of how names appear in links: every byte outside [A-Za-z0-9-._~] as %XX.
    static func segmentForTests(_ text: String) -> String {
        text.utf8.map { byte -> String in
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, CharacterSet.alphanumerics.contains(scalar) || "-._~".unicodeScalars.contains(scalar) { return String(scalar) }
            return String(format: "%%%02X", byte)
        }.joined()
    }
}

enum Paths {}

@Suite struct PageCacheTests {
    static let followUp = """
        <!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
        <title>عودة العائلات إلى أحياء الساحل الشرقي بعد انحسار السيول</title>
        <meta property="article:published_time" content="2026-03-12T08:00:00Z"></head><body><article>
        <h1>عودة العائلات إلى أحياء الساحل الشرقي بعد انحسار السيول</h1>
        <p>بدأت العائلات التي أجليت من أحياء الساحل الشرقي العودة إلى منازلها بعد انحسار مياه السيول، فيما واصلت فرق الدفاع المدني إزالة الطين من الطرق المؤدية إلى الميناء.</p>
        <p>وقال رئيس البلدية حسان العلي إن مراكز الإيواء المؤقتة ستبقى مفتوحة أسبوعاً آخر للعائلات التي تضررت منازلها بالسيول.</p>
        </article></body></html>
        """

    /// A stored page changes what other articles show (related articles): the kept pages are dropped.
    @Test func anUploadRefreshesRenderedArticlePages() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, _ in
            let before = try await client.execute(uri: "/article/\(ServerFixtures.floodID)", method: .get) { $0.text }
            let again = try await client.execute(uri: "/article/\(ServerFixtures.floodID)", method: .get) { $0.text }
            #expect(before == again)
            #expect(!before.contains("عودة العائلات إلى أحياء الساحل الشرقي"))
            try await client.execute(uri: "/api/v1/pages?source=followup", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer(string: Self.followUp)) { response in
                #expect(response.status == .created)
            }
            let after = try await client.execute(uri: "/article/\(ServerFixtures.floodID)", method: .get) { $0.text }
            let related = try #require(after.range(of: "<h2>مقالات ذات صلة</h2>"))
            #expect(after[related.upperBound...].contains("عودة العائلات إلى أحياء الساحل الشرقي بعد انحسار السيول"))
        }
    }
}

/// The sources page shows what `marsad watch` follows and how each source is doing.
@Suite struct SourcesPageTests {
    @Test func sourcesShowTheirStateAndFailures() async throws {
        try await ServerFixtures.withServer { client, archive in
            try await client.execute(uri: "/sources", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("marsad sources add URL"))
            }
            try await archive.saveSource(WatchedSource(
                url: "https://coast-news.example/rss.xml", kind: .feed, everySeconds: 600, added: "2026-03-10T06:00:00Z",
                nextDue: "2026-03-10T06:40:00Z", lastFetch: "2026-03-10T06:30:00Z", lastStatus: "ok", lastNew: 3, totalNew: 41))
            try await archive.saveSource(WatchedSource(
                url: "https://broken.example/feed", kind: .auto, everySeconds: 3600, added: "2026-03-10T06:00:00Z", nextDue: "2026-03-10T10:30:00Z",
                lastFetch: "2026-03-10T06:30:00Z", lastStatus: "failed", failures: 2, lastError: "HTTP 503, retry after 60 s <script>"))
            try await client.execute(uri: "/sources", method: .get) { response in
                let html = response.text
                #expect(WebRouteTests.isArabicPage(html))
                #expect(html.contains("<a href=\"https://coast-news.example/rss.xml\" rel=\"nofollow noopener\">"))
                #expect(html.contains("<td>سليم</td><td>3</td><td>41</td>"))
                #expect(html.contains("<tr class=\"failing\">") && html.contains("2 × HTTP 503, retry after 60 s &lt;script&gt;"))
                #expect(html.contains("<td dir=\"ltr\">1h</td>"))
            }
        }
    }
}
