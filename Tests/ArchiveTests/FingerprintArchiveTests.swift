import Archive
import ArchiveSQLite
import Foundation
import GRDB
import Ingestion
import NewsModel
import Testing

/// The archive with the real fingerprint policy: copies across outlets, teasers and stories.
@Suite struct FingerprintArchiveTests {
    static let floodParagraphs = [
        "اجتاحت السيول مدينة الساحل الشرقي فجر الثلاثاء بعد أمطار غزيرة استمرت اثنتي عشرة ساعة، وغمرت المياه الأحياء المنخفضة والطرق الرئيسية المؤدية إلى الميناء.",
        "وقال رئيس بلدية المدينة حسان العلي إن فرق الدفاع المدني أجلت أكثر من ثلاثمائة عائلة من منازلها ونقلتها إلى مدارس حولت إلى مراكز إيواء مؤقتة.",
        "وأضاف العلي أن الأضرار طالت شبكة الكهرباء في ثلاثة أحياء، وأن الفرق الفنية تعمل على إعادة التيار قبل حلول المساء إذا توقف هطول الأمطار.",
        "وحذرت هيئة الأرصاد من موجة أمطار ثانية متوقعة مساء الأربعاء، ودعت السكان إلى تجنب الأودية ومجاري السيول وعدم عبور الطرق المغمورة بالمياه.",
    ]

    static func article(_ id: String, title: String, paragraphs: [String], published: String, url: String, role: Article.Role = .main, summary: String? = nil) -> Article {
        Article(
            id: id, role: role, title: title, summary: summary, paragraphs: paragraphs, published: published, url: url,
            entities: [Entity(name: "حسان العلي", type: .person, mentions: ["حسان العلي", "العلي"], count: 2)])
    }

    /// An original, a cut and edited copy from another outlet, a teaser of it, the next day's
    /// follow-up and an unrelated article, in that order.
    static func floodArticles() -> [Article] {
        let original = Self.article("o1", title: "سيول تجتاح مدينة الساحل الشرقي وإجلاء مئات العائلات", paragraphs: Self.floodParagraphs, published: "2026-01-13T06:00:00Z", url: "https://first.example/flood")
        // Another outlet runs it with a new title, one word changed and the last paragraph cut.
        var copyParagraphs = Array(Self.floodParagraphs.prefix(3))
        copyParagraphs[0] = copyParagraphs[0].replacingOccurrences(of: "غزيرة", with: "قوية")
        let copy = Self.article("c1", title: "إجلاء مئات العائلات بعد سيول في الساحل الشرقي", paragraphs: copyParagraphs, published: "2026-01-13T09:00:00Z", url: "https://second.example/news/1")
        // A teaser of it on a third site.
        let teaser = Self.article("t1", title: "سيول تجتاح مدينة الساحل الشرقي", paragraphs: [], published: "2026-01-13T10:00:00Z", url: "https://third.example/t", role: .related,
                                  summary: "اجتاحت السيول مدينة الساحل الشرقي فجر الثلاثاء بعد أمطار غزيرة وأجلت فرق الدفاع المدني أكثر من ثلاثمائة عائلة")
        // The next day's follow-up: the same event, new text.
        let followUp = Self.article("f1", title: "عودة الكهرباء إلى أحياء الساحل الشرقي بعد السيول", paragraphs: [
            "أعادت الفرق الفنية التيار الكهربائي إلى أحياء مدينة الساحل الشرقي التي غمرتها السيول، بعد يوم من إجلاء مئات العائلات من منازلها.",
            "وقال رئيس البلدية حسان العلي إن العائلات التي أجليت بدأت العودة إلى منازلها، وإن مراكز الإيواء في المدارس ستبقى مفتوحة حتى نهاية الأسبوع تحسباً لموجة أمطار ثانية.",
            "وكانت السيول قد غمرت الأحياء المنخفضة والطرق المؤدية إلى الميناء بعد أمطار استمرت اثنتي عشرة ساعة.",
        ], published: "2026-01-14T08:00:00Z", url: "https://second.example/news/2")
        // Another story altogether.
        let other = Self.article("x1", title: "افتتاح معرض الكتاب الدولي بمشاركة أربعمائة دار نشر", paragraphs: [
            "افتتح وزير الثقافة معرض الكتاب الدولي في دورته الخامسة والعشرين بمشاركة أربعمائة دار نشر من ثلاثين دولة.",
            "ويضم المعرض هذا العام جناحاً لأدب الأطفال وندوات يومية يشارك فيها روائيون وشعراء ومترجمون.",
        ], published: "2026-01-14T09:00:00Z", url: "https://first.example/books")

        return [original, copy, teaser, followUp, other]
    }

    static func temporaryArchive(policy: FingerprintSimilarity = .standard) throws -> (SQLiteArchive, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: policy), dir)
    }

    static func page(_ article: Article, _ source: String, policy: FingerprintSimilarity = .standard) -> ArchivePage {
        policy.preparer.prepare(Page(source: source, format: .html, encoding: "utf-8", articles: [article]))[0]
    }

    /// The links every test expects of `floodArticles`, once stored.
    static func expectFloodLinks(_ archive: SQLiteArchive) async throws {
        let storedCopy = try #require(try await archive.article(id: "c1"))
        let storedTeaser = try #require(try await archive.article(id: "t1"))
        let storedOriginal = try #require(try await archive.article(id: "o1"))
        let storedFollowUp = try #require(try await archive.article(id: "f1"))
        let storedOther = try #require(try await archive.article(id: "x1"))
        #expect(storedCopy.duplicateOf == "o1")
        #expect(storedTeaser.duplicateOf == "o1")
        #expect(storedFollowUp.duplicateOf == nil)
        #expect(storedCopy.storyID == storedOriginal.storyID)
        #expect(storedFollowUp.storyID == storedOriginal.storyID)
        #expect(storedOther.storyID != storedOriginal.storyID)

        let stories = try await archive.stories(limit: 5, offset: 0)
        #expect(stories.count == 1)
        #expect(stories.first?.articles == 2)
        #expect(stories.first?.sources == 2)
        // Related: the follow-up, not the copies.
        let related = try await archive.related(to: "o1", limit: 5).map(\.id)
        #expect(related.first == "f1")
        #expect(!related.contains("c1") && !related.contains("t1"))
    }

    @Test func copiesTeasersAndStories() async throws {
        let (archive, dir) = try Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = Self.floodArticles()
        let duplicates = [0, 1, 1, 0, 0]
        for (i, article) in articles.enumerated() {
            #expect(try await archive.ingest(Self.page(article, "s\(i + 1)")).duplicates == duplicates[i])
        }
        try await Self.expectFloodLinks(archive)
    }

    /// Copies and stories with the real policy on every store (PostgreSQL too, which the CLI opens
    /// with this policy; it has no teaser lookups, so the teaser is left out).
    @Test(arguments: StoreKind.available) func copiesAndStoriesOnEveryStore(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, policy: FingerprintSimilarity.standard) { store in
            let archive = store.archive
            let articles = Self.floodArticles()
            for (i, index) in [0, 1, 3, 4].enumerated() {
                #expect(try await archive.ingest(Self.page(articles[index], "s\(i + 1)")).duplicates == (index == 1 ? 1 : 0), "\(kind)")
            }
            let copy = try #require(try await archive.article(id: "c1"))
            let original = try #require(try await archive.article(id: "o1"))
            let followUp = try #require(try await archive.article(id: "f1"))
            let other = try #require(try await archive.article(id: "x1"))
            #expect(copy.duplicateOf == "o1")
            #expect(followUp.duplicateOf == nil && other.duplicateOf == nil)
            #expect(copy.storyID == original.storyID)
            #expect(followUp.storyID == original.storyID)
            #expect(other.storyID != original.storyID)
            let stories = try await archive.stories(limit: 5, offset: 0)
            #expect(stories.count == 1)
            #expect(stories.first?.articles == 2)
        }
    }

    /// One transaction for all five: each article must still find the ones stored before it in the
    /// same batch (their index rows are written when the batch ends).
    @Test func copiesTeasersAndStoriesWithinOneBatch() async throws {
        let (archive, dir) = try Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = Self.floodArticles().enumerated().map { Self.page($1, "s\($0 + 1)") }
        #expect(try await archive.ingest(batch: pages).map(\.duplicates) == [0, 1, 1, 0, 0])
        try await Self.expectFloodLinks(archive)
        // Every article is searchable once the batch is committed.
        for (query, id) in [("الكتاب", "x1"), ("الكهرباء", "f1")] {
            #expect(try await archive.search(SearchRequest(query: SearchQuery(query))).hits.map(\.id).contains(id))
        }
        #expect(try await archive.search(SearchRequest(query: SearchQuery("السيول"))).total == 4)
    }

    /// The teaser stored before its article, in the same batch: the article adopts it.
    @Test func teaserBeforeItsArticleWithinOneBatch() async throws {
        let (archive, dir) = try Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = Self.floodArticles()
        let outcomes = try await archive.ingest(batch: [Self.page(articles[2], "t"), Self.page(articles[0], "o")])
        #expect(outcomes.map(\.duplicates) == [0, 0])
        let teaser = try #require(try await archive.article(id: "t1"))
        let original = try #require(try await archive.article(id: "o1"))
        #expect(teaser.duplicateOf == "o1")
        #expect(teaser.storyID == original.storyID)
    }

    /// A page changed twice within one batch: only its last version is stored and indexed.
    @Test func pageReplacedWithinOneBatchLeavesOneIndexRow() async throws {
        let (archive, dir) = try Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        let articles = Self.floodArticles()
        var second = articles[4]
        second.id = "x2"
        second.title = "اختتام معرض الكتاب الدولي بعد عشرة أيام"
        let outcomes = try await archive.ingest(batch: [Self.page(articles[4], "same"), Self.page(second, "same")])
        #expect(outcomes.map(\.status) == [.inserted, .updated])
        #expect(try await archive.article(id: "x1") == nil)
        #expect(try await archive.search(SearchRequest(query: SearchQuery("افتتاح"))).total == 0)
        #expect(try await archive.search(SearchRequest(query: SearchQuery("اختتام"))).hits.map(\.id) == ["x2"])
        let queue = try DatabaseQueue(path: archive.path)
        let rows = try await queue.write { db -> Int? in
            try db.execute(sql: "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM articles_fts")
        }
        #expect(rows == 1)
    }

    /// The lookups between writes must not split the index into a segment per article.
    @Test func oneBatchWritesOneIndexSegment() async throws {
        let (archive, dir) = try Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pages = [ArchivePage]()
        for round in 0..<8 {
            for (i, var article) in Self.floodArticles().enumerated() {
                article.id += "-\(round)"
                article.title += " \(round)"
                pages.append(Self.page(article, "r\(round)-\(i)"))
            }
        }
        _ = try await archive.ingest(batch: pages)
        let queue = try DatabaseQueue(path: archive.path)
        let (rows, segments) = try await queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM articles_fts"), try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM articles_fts_idx"))
        }
        #expect(rows == 40)
        #expect(segments == 1)
    }
}
