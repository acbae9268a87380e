import NewsExtraction
import NewsModel
import Testing

/// A plain text file, as a person writes or saves one: a short heading, a blank line, paragraphs.
@Suite struct PlainTextTests {
    let extractor = NewsExtractor()

    func extract(_ text: String) -> Page { extractor.extract(Array(text.utf8), source: "note.txt") }

    static let paragraphs = [
        "أعلنت البلدية صباح اليوم إغلاق الجسر القديم أمام الشاحنات لمدة أسبوعين بسبب أعمال الصيانة الطارئة في أساساته.",
        "وقال مدير الأشغال إن الفرق الفنية ستعمل على مدار الساعة، وإن السيارات الصغيرة تستطيع العبور في الاتجاهين.",
        "ودعت البلدية السائقين إلى استخدام الطريق الدائري الشمالي خلال فترة الإغلاق لتفادي الازدحام.",
    ]

    @Test func theHeadingIsTheTitle() {
        let page = extract("إغلاق الجسر القديم أمام الشاحنات أسبوعين\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        #expect(page.articles.count == 1)
        #expect(page.articles.first?.title == "إغلاق الجسر القديم أمام الشاحنات أسبوعين")
        #expect(page.articles.first?.paragraphs == Self.paragraphs)
        #expect(page.articles.first?.section == nil)
    }

    /// Columns have short headlines: two or three words set apart right above the body.
    @Test(arguments: ["الجسر القديم", "إغلاق الجسر القديم"])
    func aShortHeadingIsTheTitle(_ heading: String) {
        let page = extract(heading + "\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        #expect(page.articles.first?.title == heading)
        #expect(page.articles.first?.paragraphs == Self.paragraphs)
    }

    /// A short line is no headline when no body follows it (a section label above the headline),
    /// or when it stands in a run of short lines (a menu).
    @Test func shortLabelsAndMenusAreNoHeadline() {
        let title = "إغلاق الجسر القديم أمام الشاحنات أسبوعين"
        let labelled = extract("أخبار محلية\n\n" + title + "\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        #expect(labelled.articles.first?.title == title)
        let menu = extract("الرئيسية\nأخبار محلية\nالطقس اليوم\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        #expect(menu.articles.first?.title != "الطقس اليوم")
        #expect(menu.articles.first?.paragraphs.contains(Self.paragraphs[2]) == true)
    }

    /// Markup-like text in a heading is text: it is still the title, never a section label.
    @Test func aHeadingWithMarkupLikeTextIsStillTheTitle() {
        let heading = "عنوان <script>alert(1)</script> عن الجسر القديم"
        let page = extract(heading + "\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        #expect(page.articles.first?.title == heading)
        #expect(page.articles.first?.paragraphs == Self.paragraphs)
        #expect(page.articles.first?.section == nil)
    }

    /// A heading and one paragraph are one article.
    @Test func aHeadingAndOneParagraphAreAnArticle() {
        let page = extract("إغلاق الجسر القديم أمام الشاحنات\n\n" + Self.paragraphs[0] + "\n")
        #expect(page.articles.count == 1)
        #expect(page.articles.first?.title == "إغلاق الجسر القديم أمام الشاحنات")
        #expect(page.articles.first?.paragraphs == [Self.paragraphs[0]])
        // Paragraphs on consecutive lines, too.
        let lines = extract("إغلاق الجسر القديم أمام الشاحنات\n\n" + Self.paragraphs.joined(separator: "\n") + "\n")
        #expect(lines.articles.first?.title == "إغلاق الجسر القديم أمام الشاحنات")
        #expect(lines.articles.first?.paragraphs == Self.paragraphs)
    }

    /// Breadcrumbs still give the section, with separators standing as words of their own.
    @Test(arguments: ["الرئيسية > محليات", "الرئيسية › محليات", "الرئيسية / محليات", "الرئيسية » محليات", "الرئيسية›محليات"])
    func aBreadcrumbAboveTheTitleIsTheSection(crumb: String) {
        let page = extract(crumb + "\n\nإغلاق الجسر القديم أمام الشاحنات أسبوعين\n\n" + Self.paragraphs.joined(separator: "\n\n") + "\n")
        #expect(page.articles.first?.section == "محليات", "\(crumb)")
        #expect(page.articles.first?.title == "إغلاق الجسر القديم أمام الشاحنات أسبوعين", "\(crumb)")
    }
}
