import Archive
import Ingestion
import NewsModel
import Testing

/// The ingestion layer's setups: a preparer and a policy that agree.
struct IngestSetupTests {
    static let page = Page(
        source: "https://coast-news.example/local/flood", format: .html, encoding: "utf-8",
        articles: [
            Article(
                role: .main, title: "السيول تغمر أحياء الساحل الشرقي",
                paragraphs: [
                    "اجتاحت السيول مدينة الساحل الشرقي فجر الثلاثاء بعد أمطار غزيرة استمرت اثنتي عشرة ساعة وغمرت الأحياء المنخفضة.",
                    "وقال رئيس البلدية إن فرق الدفاع المدني أجلت أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة في الأحياء الغربية.",
                ])
        ])

    @Test func theDefaultIngestorWritesTheFingerprintsThatItsPolicyReads() throws {
        let article = try #require(Ingestor(analyzer: nil).prepare(Self.page).first?.articles.first)
        #expect(!article.fingerprint.signature.isEmpty)
        #expect(!article.fingerprint.bands.isEmpty)
        #expect(IngestSetup.standard.policy.storyWindowDays > 0)
        #expect(IngestSetup.standard.policy.isNearDuplicate(article.fingerprint, of: Self.stored(article)))
    }

    @Test func exactCopiesOnlyStoresFingerprintsButLinksNothingNear() throws {
        let article = try #require(Ingestor(setup: .exactCopiesOnly, analyzer: nil).prepare(Self.page).first?.articles.first)
        #expect(!article.fingerprint.signature.isEmpty)
        #expect(IngestSetup.exactCopiesOnly.policy.storyWindowDays == 0)
        #expect(!IngestSetup.exactCopiesOnly.policy.isNearDuplicate(article.fingerprint, of: Self.stored(article)))
    }

    @Test func extractionErrorsComeBackWithThePage() {
        let page = Ingestor(analyzer: nil).extract([], source: "empty.html", format: nil)
        #expect(page.articles.isEmpty)
        #expect(!page.errors.isEmpty)
    }

    static func stored(_ article: ArchiveArticle) -> StoredFingerprint {
        StoredFingerprint(
            id: "other", story: 1, published: nil, signature: article.fingerprint.signature, terms: article.fingerprint.terms)
    }
}
