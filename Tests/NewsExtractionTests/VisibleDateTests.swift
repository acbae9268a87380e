import NewsExtraction
import NewsModel
import Testing

/// Pages whose metadata gives no date: the date printed under the headline is `published`, and a
/// date line is never a paragraph. Composed layouts, one per way sites print it.
@Suite struct VisibleDateTests {
    let reader = HTMLReader()

    func main(_ header: String, before: String = "") -> Article? {
        let body = "\(before)<h1>\(Sample.title)</h1>\(header)\(Sample.article())"
        return reader.read(html: Sample.page(body: body), url: nil).articles.first { $0.role == .main }
    }

    @Test(arguments: [
        // A cue and a date in a plain span, inside a box with no date class.
        ("<div class=\"info\"><span>نشر في 24 أبريل 2020</span></div>", "2020-04-24T00:00:00Z"),
        // Numbers with slashes, and the time in an element of its own.
        ("<div class=\"meta\"><span class=\"x\">2020/04/24</span> <span>10:15</span></div>", "2020-04-24T10:15:00Z"),
        // Hijri with Gregorian: the Gregorian date is the one read.
        ("<p class=\"d\">الجمعة 1 رمضان 1441 هـ - 24 أبريل 2020 م</p>", "2020-04-24T00:00:00Z"),
        // A byline beside the date: the date's own element is read.
        ("<div class=\"row\"><span>بقلم سلمى يوسف</span> | <span>الجمعة، 24 نيسان 2020</span></div>", "2020-04-24T00:00:00Z"),
    ])
    func theDateUnderTheHeadlineIsPublished(_ header: String, _ iso: String) {
        let article = main(header)
        #expect(article?.published == iso)
        #expect(article?.paragraphs == Sample.body)
    }

    @Test func aDateBeforeTheHeadlineIsTodaysNotTheArticles() {
        let article = main("", before: "<div class=\"topbar\"><span>الأحد 3 مايو 2020</span></div>")
        #expect(article?.published == nil)
    }

    @Test func anUpdateLineIsNoPublicationDate() {
        #expect(main("<div><span>آخر تحديث: 25 أبريل 2020</span></div>")?.published == nil)
    }

    @Test func aHijriOnlyDateLineIsNoParagraphAndNoGuess() {
        // The tabular calendar is a day off at times: no date is better than a wrong one.
        let article = main("<div>الجمعة، 1 رمضان 1441 هـ</div>")
        #expect(article?.published == nil)
        #expect(article?.paragraphs == Sample.body)
    }
}
