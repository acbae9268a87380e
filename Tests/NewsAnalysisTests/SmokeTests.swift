import NewsAnalysis
import NewsModel
import Testing

@Suite struct NewsAnalysisSmokeTests {
    struct Nothing: ArticleAnalyzer {
        func analyze(_ article: inout Article) {}
    }

    @Test func analyzersWorkOnArticlesInPlace() {
        var article = Article(role: .main, title: "عنوان")
        Nothing().analyze(&article)
        #expect(article.quotes.isEmpty)
    }
}

@Suite struct SharedAnalysisTests {
    static func article() -> Article {
        var article = Article(role: .main, title: "الحكومة تخصص 150 مليون دولار للإعمار")
        article.published = "2026-02-11T08:00:00Z"
        article.paragraphs = [
            "أعلنت وزارة المالية أمس أن العجز تراجع إلى 4.5 في المائة من الناتج.",
            "وقال الوزير في 3 مارس 2025 إن الحكومة ستنفق ثلاثة آلاف مليون جنيه على الطرق خلال عامين.",
        ]
        return article
    }

    @Test func sharedTokensGiveWhatEachAnalysisFindsAlone() {
        var alone = Self.article(), shared = Self.article()
        QuantityExtractor().analyze(&alone)
        DateExtractor().analyze(&alone)
        var scratch = SharedAnalysis()
        QuantityExtractor().analyze(&shared, sharing: &scratch)
        DateExtractor().analyze(&shared, sharing: &scratch)
        #expect(!alone.quantities.isEmpty && !alone.dates.isEmpty)
        #expect(shared.quantities == alone.quantities)
        #expect(shared.dates == alone.dates)
    }

    @Test func changedTextIsTokenizedAgain() {
        var article = Self.article()
        var scratch = SharedAnalysis()
        DateExtractor().analyze(&article, sharing: &scratch)
        article.title = "العجز 7 في المائة"
        article.paragraphs = ["وصل الوفد في 11 فبراير 2026 إلى العاصمة."]
        QuantityExtractor().analyze(&article, sharing: &scratch)
        DateExtractor().analyze(&article, sharing: &scratch)
        var fresh = article
        QuantityExtractor().analyze(&fresh)
        DateExtractor().analyze(&fresh)
        #expect(article.quantities == fresh.quantities)
        #expect(article.quantities.map(\.value) == [7])
        #expect(article.dates == fresh.dates)
        #expect(article.dates.map(\.value) == ["2026-02-11"])
    }
}
