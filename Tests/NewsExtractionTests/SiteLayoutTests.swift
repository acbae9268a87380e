import Foundation
import NewsExtraction
import NewsModel
import Testing

/// Failure classes seen on real pages that the project was not shown (issue 17), each with composed
/// pages in the manner of several site layouts. All text is invented.
@Suite struct SiteLayoutTests {
    let reader = HTMLReader()

    func main(_ html: [UInt8]) -> Article? { reader.read(html: html, url: nil).articles.first { $0.role == .main } }

    static let headline = "الحكومة تقر خطة لإصلاح شبكات المياه في الأحياء القديمة"
    static let colonHeadline = "وزير الري: إصلاح شبكات المياه يبدأ الشهر المقبل في الأحياء القديمة"

    // MARK: Titles without the site name

    /// `<title>` and `og:title` both carry the site name, no `og:site_name`: the `<h1>` shows the
    /// headline alone, and the disagreement tells the site part.
    @Test(arguments: [" - بوابة المدينة نت", " | صحيفة الصباح الجديد", " – الخبر اليوم", " — أخبار الوادي", " :: موقع النهار", " » الرئيسية"])
    func aSiteSuffixThatOnlyTheH1LeavesOutIsDropped(suffix: String) {
        let html = Sample.page(
            head: "<title>\(Self.headline)\(suffix)</title><meta property=\"og:title\" content=\"\(Self.headline)\(suffix)\">",
            body: "<article><h1>\(Self.headline)</h1>\(Sample.article())</article>")
        #expect(main(html)?.title == Self.headline, "\(suffix)")
    }

    @Test(arguments: ["بوابة المدينة نت - ", "صحيفة الصباح | ", "موقع النهار :: ", "الخبر اليوم: "])
    func aSitePrefixThatOnlyTheH1LeavesOutIsDropped(prefix: String) {
        let html = Sample.page(
            head: "<title>\(prefix)\(Self.headline)</title><meta property=\"og:title\" content=\"\(prefix)\(Self.headline)\">",
            body: "<article><h1>\(Self.headline)</h1>\(Sample.article())</article>")
        #expect(main(html)?.title == Self.headline, "\(prefix)")
    }

    /// The site named by `application-name` or the JSON-LD publisher, joined with a colon.
    @Test func aSiteNamedInMetadataIsDroppedAfterAColon() {
        let byApplication = Sample.page(
            head: "<meta name=\"application-name\" content=\"الوادي\"><meta property=\"og:title\" content=\"الوادي : \(Self.headline)\">",
            body: Sample.article())
        #expect(main(byApplication)?.title == Self.headline)
        let byPublisher = Sample.page(
            head: """
                <script type="application/ld+json">{"@type":"NewsArticle","headline":"\(Self.headline) : أخبار الوادي",
                "publisher":{"@type":"Organization","name":"أخبار الوادي"}}</script>
                """,
            body: Sample.article())
        #expect(main(byPublisher)?.title == Self.headline)
    }

    /// A colon that belongs to the headline stays, with the site name after it removed.
    @Test func aColonInTheHeadlineStays() {
        let html = Sample.page(
            head: "<meta property=\"og:site_name\" content=\"صحيفة الصباح\"><title>\(Self.colonHeadline) | صحيفة الصباح</title>"
                + "<meta property=\"og:title\" content=\"\(Self.colonHeadline)\">",
            body: "<article><h1>\(Self.colonHeadline)</h1>\(Sample.article())</article>")
        #expect(main(html)?.title == Self.colonHeadline)
        // Only `<title>`, and the speaker before the colon is no site.
        let bare = Sample.page(head: "<title>\(Self.colonHeadline)</title>", body: Sample.article())
        #expect(main(bare)?.title == Self.colonHeadline)
        // An h1 that holds the kicker alone does not cut the headline.
        let kicker = Sample.page(
            head: "<meta property=\"og:title\" content=\"\(Self.colonHeadline)\">", body: "<article><h1>وزير الري</h1>\(Sample.article())</article>")
        #expect(main(kicker)?.title == Self.colonHeadline)
    }

    /// A logo `<h1>` with the site name does not become the title, nor cut it.
    @Test func aLogoH1IsNotTheHeadline() {
        let html = Sample.page(
            head: "<meta property=\"og:title\" content=\"\(Self.headline) - بوابة المدينة\">",
            body: "<header><h1 class=\"logo\">بوابة المدينة</h1></header><article>\(Sample.article())</article>")
        #expect(main(html)?.title == Self.headline)
    }

    // MARK: The lead paragraph is body text

    /// A first paragraph marked `lead`, `intro` or `summary` inside the body stays the first paragraph.
    @Test(arguments: ["lead", "intro", "summary", "article-lead"])
    func aMarkedLeadInsideTheBodyIsBodyText(name: String) {
        let body = "<article><h1>\(Sample.title)</h1><div class=\"article-body\"><p class=\"\(name)\">\(Sample.p1)</p>"
            + [Sample.p2, Sample.p3, Sample.p4].map { "<p>\($0)</p>" }.joined() + "</div></article>"
        let article = main(Sample.page(head: "<meta name=\"description\" content=\"\(Sample.p1)\">", body: body))
        #expect(article?.paragraphs == Sample.body, "\(name)")
        #expect(article?.subtitle == nil, "\(name)")
    }

    /// A deck set apart from the body (in the header, under the headline) is the subtitle.
    @Test func aDeckApartFromTheBodyIsTheSubtitle() {
        let deck = "الخطة تشمل قروضاً ميسرة وبذوراً محسنة لعشرين ألف مزارع"
        let body = "<article><header><h1>\(Sample.title)</h1><p class=\"lead\">\(deck)</p><time>الثلاثاء</time></header>"
            + Sample.article() + "</article>"
        let article = main(Sample.page(body: body))
        #expect(article?.subtitle == deck)
        #expect(article?.paragraphs == Sample.body)
    }

    /// A meta description cut with an ellipsis is neither a subtitle nor a summary.
    @Test func aCutDescriptionIsNoSummary() {
        let cut = String(Sample.p2.prefix(60)) + "..."
        let other = "ملخص مختلف عن بداية النص: خطة تمتد ثلاث سنوات وتشمل المحافظات الجنوبية كلها…"
        for description in [cut, other] {
            let article = main(Sample.page(head: "<meta name=\"description\" content=\"\(description)\">", body: "<h1>\(Sample.title)</h1>" + Sample.article()))
            #expect(article?.subtitle == nil)
            #expect(article?.summary == nil, "\(description)")
        }
    }

    // MARK: Captions keep their credit

    @Test func aCreditInItsOwnElementStaysWithTheCaption() {
        let caption = "مزارعون يحصدون القمح قرب الحقول الجنوبية"
        let layouts = [
            "<figure><img src=\"a.jpg\"><figcaption>\(caption) <small>رويترز</small></figcaption></figure>",
            "<figure><img src=\"a.jpg\"><figcaption><span>\(caption)</span><span>أ.ف.ب</span></figcaption></figure>",
            "<figure><img src=\"a.jpg\"><figcaption>\(caption)</figcaption><span class=\"photo-credit\">تصوير: ليلى حسن</span></figure>",
            "<figure><img src=\"a.jpg\"><figcaption>\(caption) - رويترز</figcaption></figure>",
            "<figure><img src=\"a.jpg\"><figcaption>\(caption) – أ.ب</figcaption></figure>",
        ]
        let credits = ["رويترز", "أ.ف.ب", "تصوير: ليلى حسن", "رويترز", "أ.ب"]
        for (layout, credit) in zip(layouts, credits) {
            let article = main(Sample.page(body: "<article><h1>\(Sample.title)</h1>\(layout)\(Sample.article())</article>"))
            #expect(article?.images == [Image(caption: caption, credit: credit)], "\(layout)")
        }
        // A dash inside a caption that ends in no credit stays in the caption.
        let plain = "الوزير - في الوسط - خلال زيارته الحقول"
        let article = main(Sample.page(body: "<article><figure><img src=\"a.jpg\"><figcaption>\(plain)</figcaption></figure>\(Sample.article())</article>"))
        #expect(article?.images == [Image(caption: plain, credit: nil)])
    }

    // MARK: Date lines

    /// A time stamp in the article block, read as its first line, is the date and not body text;
    /// a month named in two systems ("آب/اغسطس") is one month.
    @Test func aDateLineOpeningTheBodyIsTheDate() {
        let body = "<article><h1>\(Sample.title)</h1><div class=\"story\"><div class=\"stamp\">الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00</div>"
            + Sample.body.map { "<p>\($0)</p>" }.joined() + "</div></article>"
        let article = main(Sample.page(body: body))
        #expect(article?.paragraphs == Sample.body)
        #expect(article?.published?.hasPrefix("2013-08-28") == true, "\(article?.published ?? "nil")")
    }
}
