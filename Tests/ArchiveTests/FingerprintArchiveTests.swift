import Archive
import ArchiveSQLite
import Foundation
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

    @Test func copiesTeasersAndStories() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = FingerprintSimilarity.standard
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: policy)
        func store(_ article: Article, _ source: String) async throws -> IngestOutcome {
            try await archive.ingest(policy.preparer.prepare(Page(source: source, format: .html, encoding: "utf-8", articles: [article]))[0])
        }

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

        #expect(try await store(original, "s1").duplicates == 0)
        #expect(try await store(copy, "s2").duplicates == 1)
        #expect(try await store(teaser, "s3").duplicates == 1)
        #expect(try await store(followUp, "s4").duplicates == 0)
        #expect(try await store(other, "s5").duplicates == 0)

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
}
