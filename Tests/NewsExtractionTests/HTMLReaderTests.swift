import Foundation
import NewsExtraction
import NewsModel
import Testing

/// Invented Arabic news text: nothing here is copied from any site.
enum Sample {
    static let p1 = "أعلنت وزارة الزراعة، صباح اليوم الثلاثاء، عن خطة جديدة لدعم صغار المزارعين في المحافظات الجنوبية، تشمل توزيع البذور المحسنة وتوفير قروض ميسرة بفوائد منخفضة."
    static let p2 = "وقال المتحدث باسم الوزارة إن الخطة تستهدف أكثر من عشرين ألف مزارع خلال الموسم المقبل، مشيراً إلى أن التمويل يأتي من موازنة الدولة ومن منحة مقدمة من شركاء دوليين."
    static let p3 = "وأضاف أن فرق الإرشاد الزراعي ستبدأ جولات ميدانية الأسبوع المقبل لشرح آليات التسجيل، داعياً المزارعين إلى مراجعة مديريات الزراعة في مناطقهم للاستفسار عن الشروط."
    static let p4 = "من جهته، رحّب اتحاد الفلاحين بالقرار، معتبراً أنه خطوة طال انتظارها، لكنه طالب بتوسيع قائمة المستفيدين لتشمل مربي المواشي الذين تضرروا من موجة الجفاف الأخيرة."
    static let body = [p1, p2, p3, p4]
    static let title = "خطة حكومية لدعم صغار المزارعين في الجنوب"

    static func article(_ paragraphs: [String] = body) -> String {
        "<div class=\"article-body\">" + paragraphs.map { "<p>\($0)</p>" }.joined() + "</div>"
    }

    static func page(head: String = "", body: String) -> [UInt8] {
        Array("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>".utf8)
    }
}

@Suite struct HTMLReaderTests {
    let reader = HTMLReader()

    func main(_ output: ReaderOutput) -> Article? { output.articles.first { $0.role == .main } }

    // MARK: - Metadata

    @Test func readsTheHeadlineFromJSONLDInAGraph() throws {
        let ld = """
        <script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebPage","@id":"https://example.com/a","name":"صفحة"},
          {"@type":["NewsArticle"],"headline":"\(Sample.title)","datePublished":"2026-01-08T18:46:31+02:00",
           "articleSection":["اقتصاد"],"alternativeHeadline":"الخطة تشمل قروضاً ميسرة وبذوراً محسنة لعشرين ألف مزارع",
           "author":[{"@type":"Person","name":"سلمى يوسف"},{"@type":"Organization","name":"وكالة الأنباء المحلية"}]}
        ]}
        </script>
        """
        let html = Sample.page(head: ld + "<meta property=\"og:title\" content=\"عنوان آخر أقل ثقة\">", body: Sample.article())
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.title == Sample.title)
        #expect(article.published == "2026-01-08T18:46:31+02:00")
        #expect(article.section == "اقتصاد")
        #expect(article.subtitle == "الخطة تشمل قروضاً ميسرة وبذوراً محسنة لعشرين ألف مزارع")
        #expect(article.bylines == [Byline(name: "سلمى يوسف", kind: .author), Byline(name: "وكالة الأنباء المحلية", kind: .outlet)])
        #expect(article.paragraphs == Sample.body)
    }

    @Test func findsAnArticleNestedInsideAnotherObject() throws {
        let ld = """
        <script type="application/ld+json">[{"@type":"WebSite","name":"الموقع"},
        {"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle","headline":"تقرير ميداني عن الأسواق"}}]</script>
        """
        let article = try #require(main(reader.read(html: Sample.page(head: ld, body: Sample.article()), url: nil)))
        #expect(article.title == "تقرير ميداني عن الأسواق")
    }

    @Test func fallsBackToOpenGraphThenTwitter() throws {
        let og = Sample.page(head: """
            <meta property="og:title" content="\(Sample.title)"><meta name="twitter:title" content="عنوان تويتر">
            <title>عنوان الصفحة | الموقع</title>
            """, body: Sample.article())
        #expect(main(reader.read(html: og, url: nil))?.title == Sample.title)
        let twitter = Sample.page(head: "<meta name=\"twitter:title\" content=\"عنوان تويتر للخبر\"><title>عنوان الصفحة</title>", body: Sample.article())
        #expect(main(reader.read(html: twitter, url: nil))?.title == "عنوان تويتر للخبر")
    }

    @Test func prefersTheH1OverThePageTitle() throws {
        let html = Sample.page(head: "<title>عنوان قديم | الموقع</title>", body: "<div class=\"story\"><h1>\(Sample.title)</h1>\(Sample.article())</div>")
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.title == Sample.title)
        #expect(!article.paragraphs.contains(Sample.title))
    }

    @Test(arguments: [
        "\(Sample.title) | صحيفة النهار",
        "\(Sample.title) - النهار",
        "صحيفة النهار | \(Sample.title)",
    ])
    func stripsTheSiteNameFromTheTitle(_ pageTitle: String) throws {
        let html = Sample.page(head: "<title>\(pageTitle)</title>", body: Sample.article())
        #expect(main(reader.read(html: html, url: nil))?.title == Sample.title)
    }

    @Test func stripsAKnownSiteNameFromOpenGraph() throws {
        let html = Sample.page(head: """
            <meta property="og:site_name" content="الغد"><meta property="og:title" content="الغد - \(Sample.title)">
            """, body: Sample.article())
        #expect(main(reader.read(html: html, url: nil))?.title == Sample.title)
    }

    @Test func takesTheSectionFromTheLastBreadcrumbBeforeTheTitle() throws {
        let crumbs = """
        <nav class="breadcrumbs"><ol><li><a href="/">الرئيسية</a></li><li><a href="/economy">اقتصاد</a></li>
        <li><a href="/economy/agri">زراعة</a></li><li><span>\(Sample.title)</span></li></ol></nav>
        """
        let html = Sample.page(body: crumbs + "<h1>\(Sample.title)</h1>" + Sample.article())
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.section == "زراعة")
        #expect(!article.paragraphs.contains { $0.contains("الرئيسية") })
    }

    @Test func takesTheSectionFromAJSONLDBreadcrumbList() throws {
        let ld = """
        <script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[
        {"@type":"ListItem","position":2,"name":"محليات","item":"https://example.com/local"},
        {"@type":"ListItem","position":1,"name":"الرئيسية","item":"https://example.com/"},
        {"@type":"ListItem","position":3,"name":"\(Sample.title)"}]}</script>
        """
        let article = try #require(main(reader.read(html: Sample.page(head: ld, body: Sample.article()), url: nil)))
        #expect(article.section == "محليات")
    }

    @Test func takesTheSectionFromALabelNearTheHeadline() throws {
        let html = Sample.page(body: """
            <article><div class="article__header"><span class="article__section"><a href="/economy">اقتصاد</a></span>
            <h1>\(Sample.title)</h1></div>\(Sample.article())</article>
            """)
        #expect(main(reader.read(html: html, url: nil))?.section == "اقتصاد")
    }

    @Test func takesTheHeadlineFromTheBodyOfAnOldTablePage() throws {
        let html = Array("""
            <html><head><title>جريدة الأيام - زيارة وزير الخارجية</title></head><body><table><tr>
            <td width="150"><a href="a.htm">محليات</a><br><a href="b.htm">رياضة</a></td>
            <td><font size="4"><b>زيارة وزير الخارجية تبحث ملفات المياه والطاقة</b></font><br><br>
            \(Sample.p1)<br><br>\(Sample.p2)</td></tr></table></body></html>
            """.utf8)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.title == "زيارة وزير الخارجية تبحث ملفات المياه والطاقة")
        #expect(article.paragraphs == [Sample.p1, Sample.p2])
    }

    @Test func keepsATimesOwnOffset() throws {
        let html = Sample.page(body: "<article><time datetime=\"2026-02-11T09:30:00+03:00\">11 فبراير</time>\(Sample.article())</article>")
        #expect(main(reader.read(html: html, url: nil))?.published == "2026-02-11T09:30:00+03:00")
    }

    @Test func readsDateOnlyAndMetaDates() throws {
        let html = Sample.page(head: "<meta property=\"article:published_time\" content=\"2025-12-31\">", body: Sample.article())
        #expect(main(reader.read(html: html, url: nil))?.published == "2025-12-31T00:00:00Z")
        let crossing = Sample.page(head: "<meta property=\"article:published_time\" content=\"2026-01-01T01:15:00+0300\">", body: Sample.article())
        #expect(main(reader.read(html: crossing, url: nil))?.published == "2026-01-01T01:15:00+03:00")
    }

    @Test func resolvesTheCanonicalURL() throws {
        let html = Sample.page(head: "<link rel=\"canonical\" href=\"/news/2026/plan\">", body: Sample.article())
        #expect(main(reader.read(html: html, url: "https://example.com/x?utm=1"))?.url == "https://example.com/news/2026/plan")
        #expect(main(reader.read(html: Sample.page(body: Sample.article()), url: "https://example.com/y"))?.url == "https://example.com/y")
    }

    @Test func readsBylinesFromTheMarkup() throws {
        let html = Sample.page(body: """
            <article><h1>\(Sample.title)</h1><div class="byline">بقلم: كريم منصور</div>\(Sample.article())</article>
            """)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.bylines == [Byline(name: "كريم منصور", kind: .author)])
        #expect(!article.paragraphs.contains { $0.contains("كريم منصور") })
    }

    @Test func readsASubtitleNearTheHeadline() throws {
        let html = Sample.page(body: """
            <article><h1>\(Sample.title)</h1><h2 class="sub-title">الخطة تشمل قروضاً ميسرة وبذوراً محسنة</h2>\(Sample.article())</article>
            """)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.subtitle == "الخطة تشمل قروضاً ميسرة وبذوراً محسنة")
        #expect(article.paragraphs == Sample.body)
    }

    @Test func keepsADescriptionThatIsNotTheFirstParagraph() throws {
        let distinct = Sample.page(head: "<meta name=\"description\" content=\"ملخص قصير مختلف عن متن الخبر\">", body: Sample.article())
        #expect(main(reader.read(html: distinct, url: nil))?.summary == "ملخص قصير مختلف عن متن الخبر")
        let truncated = Sample.page(head: "<meta name=\"description\" content=\"\(Sample.p1.prefix(60))...\">", body: Sample.article())
        #expect(main(reader.read(html: truncated, url: nil))?.summary == nil)
    }

    // MARK: - Images

    @Test func splitsAFigureCaptionFromItsCreditElement() throws {
        let html = Sample.page(body: """
            <article>\(Sample.article())<figure><img src="a.jpg" alt="">
            <figcaption>وزير الزراعة خلال المؤتمر الصحفي <span class="credit">تصوير: ليلى حسن</span></figcaption></figure></article>
            """)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.images == [Image(caption: "وزير الزراعة خلال المؤتمر الصحفي", credit: "تصوير: ليلى حسن")])
        #expect(!article.paragraphs.contains { $0.contains("المؤتمر الصحفي") })
    }

    @Test func splitsACreditInParentheses() throws {
        let html = Sample.page(body: """
            <div class="article-body"><figure><img src="b.jpg"><figcaption>مزارعون يحصدون القمح قرب الحقول (رويترز)</figcaption></figure>
            \(Sample.body.map { "<p>\($0)</p>" }.joined())</div>
            """)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.images == [Image(caption: "مزارعون يحصدون القمح قرب الحقول", credit: "رويترز")])
    }

    @Test func usesTheOpenGraphAltOnlyWithoutAFigure() throws {
        let html = Sample.page(head: "<meta property=\"og:image:alt\" content=\"حقل قمح في الجنوب (أ.ف.ب)\">", body: Sample.article())
        #expect(main(reader.read(html: html, url: nil))?.images == [Image(caption: "حقل قمح في الجنوب", credit: "أ.ف.ب")])
    }

    // MARK: - Content selection

    @Test func dropsPageFurniture() throws {
        let furniture = [
            "القائمة الرئيسية للموقع", "تعليق القارئ الأول على الخبر يقول إن الخطة متأخرة جداً وغير كافية أبداً",
            "خبر شائع جداً عن مباراة الأمس بين الفريقين الكبيرين", "غائم جزئياً مع رياح خفيفة ودرجة حرارة معتدلة",
            "عرض خاص لفترة محدودة على الهواتف الذكية الجديدة", "جميع الحقوق محفوظة للموقع الإخباري",
            "مواضيع الوسم الزراعي", "سجل الآن في نشرتنا البريدية اليومية",
        ]
        let body = """
            <header class="site-header"><div class="logo">الموقع</div><nav><ul><li><a href="/">\(furniture[0])</a></li></ul></nav></header>
            <div class="layout"><main>
              <h1>\(Sample.title)</h1>
              \(Sample.article())
              <div class="article-tags"><a href="/t/1">\(furniture[6])</a></div>
              <div id="comments" class="comments-area"><h3>التعليقات</h3><div class="comment"><p>\(furniture[1])</p></div></div>
            </main>
            <aside class="sidebar">
              <div class="box"><h3>الأكثر قراءة</h3><ul><li><a href="/n/9">\(furniture[2])</a></li></ul></div>
            </aside>
            <div class="weather-widget"><p>\(furniture[3])، وذلك في معظم المناطق الساحلية والداخلية.</p></div>
            <div class="ad-slot"><p>\(furniture[4])، اطلبها الآن واحصل على خصم كبير.</p></div>
            <div class="most-read"><h4>الأكثر قراءة</h4><p>\(furniture[2])</p></div>
            <div class="newsletter-box"><p>\(furniture[7])، ولن نرسل أكثر من رسالة واحدة في اليوم.</p></div>
            </div>
            <footer><p>\(furniture[5])</p></footer>
            """
        let output = reader.read(html: Sample.page(body: body), url: "https://example.com/n/1")
        let article = try #require(main(output))
        #expect(article.paragraphs == Sample.body)
        let all = output.articles.flatMap { [$0.title] + $0.paragraphs }.joined(separator: "\n")
        for text in furniture { #expect(!all.contains(text), "\(text)") }
    }

    @Test func keepsTheArticleAfterAMisplacedBlockHeader() throws {
        let html = Sample.page(body: """
            <div class="story"><h1>\(Sample.title)</h1><div class="meta-line"><span class="title">تعليقات</span></div>
            <div>\(Sample.body.map { "<p>\($0)</p>" }.joined())</div></div>
            """)
        #expect(main(reader.read(html: html, url: nil))?.paragraphs == Sample.body)
    }

    @Test func prefersTheArticleBodyOverLongerTeasers() throws {
        let teaser = "نص تشويقي طويل نسبياً عن خبر آخر في الموقع، يتحدث عن الطقس والرياضة والسياسة معاً، ويتكرر في كل بطاقة من بطاقات الصفحة الرئيسية دون أن يكون جزءاً من الخبر."
        let cards = (1...6).map { "<div class=\"card\"><h3><a href=\"/c/\($0)\">بطاقة رقم \($0) عن خبر آخر</a></h3><p>\(teaser)</p></div>" }.joined()
        let html = Sample.page(body: "<div class=\"cards\">\(cards)</div><div itemprop=\"articleBody\">\(Sample.body.map { "<p>\($0)</p>" }.joined())</div>")
        #expect(main(reader.read(html: html, url: nil))?.paragraphs == Sample.body)
    }

    @Test func readsLayoutWrappersInsideANamedArticleBody() throws {
        let html = Sample.page(body: """
            <div class="elementor-widget elementor-widget-theme-post-content"><div class="elementor-widget-container">
            \(Sample.body.map { "<p>\($0)</p>" }.joined())</div></div>
            <div class="elementor-widget elementor-widget-sidebar"><div class="elementor-widget-container"><p>عنوان جانبي لا علاقة له بالخبر ويظهر في العمود الجانبي للموقع كل يوم.</p></div></div>
            """)
        #expect(main(reader.read(html: html, url: nil))?.paragraphs == Sample.body)
    }

    @Test func readsTheTitleFromAHeaderInsideTheArticle() throws {
        let html = Sample.page(body: """
            <header class="site-header"><h1 class="logo">اسم الموقع</h1></header>
            <article><header><h1>\(Sample.title)</h1><time datetime="2026-02-01T08:00:00Z">أمس</time></header>\(Sample.article())</article>
            """)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.title == Sample.title)
        #expect(article.published == "2026-02-01T08:00:00Z")
        #expect(article.paragraphs == Sample.body)
    }

    @Test func skipsHiddenElements() throws {
        let hidden = ["نص مخفي بالأسلوب لا يراه القارئ", "نص مخفي بالسمة لا يراه القارئ", "نص مخفي بالصنف لا يراه القارئ"]
        let html = Sample.page(body: """
            <div class="article-body"><p>\(Sample.p1)</p><p style="display: none">\(hidden[0])</p><p hidden>\(hidden[1])</p>
            <span class="d-none">\(hidden[2])</span><p>\(Sample.p2)</p></div>
            """)
        #expect(main(reader.read(html: html, url: nil))?.paragraphs == [Sample.p1, Sample.p2])
    }

    @Test func splitsOldStyleBrParagraphs() throws {
        let html = Sample.page(body: "<table><tr><td class=\"text\">\(Sample.p1)<br><br>\(Sample.p2)<br>\n<br />\(Sample.p3)<br>\(Sample.p4)</td></tr></table>")
        #expect(main(reader.read(html: html, url: nil))?.paragraphs == Sample.body)
    }

    @Test func keepsHeadingsAndQuotesAsParagraphs() throws {
        let html = Sample.page(body: """
            <div class="entry-content"><p>\(Sample.p1)</p><h3>تفاصيل الخطة</h3><p>\(Sample.p2)</p><blockquote>\(Sample.p3)</blockquote><ul><li>\(Sample.p4)</li></ul></div>
            """)
        #expect(main(reader.read(html: html, url: nil))?.paragraphs == [Sample.p1, "تفاصيل الخطة", Sample.p2, Sample.p3, Sample.p4])
    }

    @Test func cleansDisplayTextAndDropsLeftovers() throws {
        let html = Sample.page(body: """
            <div class="entry-content"><p>\(Sample.p1)</p><p>شارك</p><p>طباعة</p><p>  ﺍﻟﺴﻼﻡ   عليكم   وَرَحْمَةُ اللهِ، قالها الوزير في ختام المؤتمر المنعقد في العاصمة. </p>
            <p>\(Sample.p2)</p><p>\(Sample.p2)</p></div>
            """)
        let paragraphs = try #require(main(reader.read(html: html, url: nil))).paragraphs
        #expect(paragraphs == [Sample.p1, "السلام عليكم وَرَحْمَةُ اللهِ، قالها الوزير في ختام المؤتمر المنعقد في العاصمة.", Sample.p2])
    }

    // MARK: - Related teasers

    @Test func emitsRelatedTeasersAfterTheMainArticle() throws {
        let body = """
            <article><h1>\(Sample.title)</h1>\(Sample.article())</article>
            <div class="box"><h3>اقرأ أيضاً</h3><ul>
              <li><a href="/news/2"><img src="x.jpg"></a><a href="/news/2">أمطار غزيرة تغمر الحقول في السهل الشرقي</a></li>
              <li><a href="https://other.example/news/3">ارتفاع أسعار الأسمدة للمرة الثالثة هذا العام</a></li>
            </ul></div>
            <div class="most-read"><h3>الأكثر قراءة</h3><ul><li><a href="/news/9">خبر شائع عن مباراة كرة القدم الأخيرة</a></li></ul></div>
            <nav><a href="/sports">أخبار الرياضة والملاعب المحلية</a></nav>
            """
        let output = reader.read(html: Sample.page(body: body), url: "https://example.com/news/1")
        #expect(output.articles.map(\.role) == [.main, .related, .related])
        #expect(output.articles.dropFirst().map(\.title) == ["أمطار غزيرة تغمر الحقول في السهل الشرقي", "ارتفاع أسعار الأسمدة للمرة الثالثة هذا العام"])
        #expect(output.articles.dropFirst().map(\.url) == ["https://example.com/news/2", "https://other.example/news/3"])
        #expect(output.articles[0].paragraphs == Sample.body)
    }

    @Test func readsARelatedBlockMarkedByClass() throws {
        let body = Sample.article() + "<section class=\"related-articles\"><a href=\"/a/5\">وزير الري يتفقد مشروعات القنوات الجديدة</a></section>"
        let output = reader.read(html: Sample.page(body: body), url: "https://example.com/a/1")
        #expect(output.articles.last?.role == .related)
        #expect(output.articles.last?.url == "https://example.com/a/5")
        #expect(output.articles.first?.paragraphs == Sample.body)
    }

    @Test func turnsAnInlineReadAlsoIntoATeaser() throws {
        let html = Sample.page(body: """
            <div class="article-body"><p>\(Sample.p1)</p><p><strong>اقرأ أيضاً:</strong> <a href="/x/7">انطلاق موسم قطف الزيتون في القرى الجبلية</a></p><p>\(Sample.p2)</p></div>
            """)
        let output = reader.read(html: html, url: "https://example.com/x/1")
        #expect(output.articles.first?.paragraphs == [Sample.p1, Sample.p2])
        #expect(output.articles.last?.title == "انطلاق موسم قطف الزيتون في القرى الجبلية")
        #expect(output.articles.last?.role == .related)
    }

    // MARK: - Robustness

    @Test func ignoresACharsetDeclarationOnUTF8Input() throws {
        let html = Array("""
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><meta charset="windows-1256">
            <title>\(Sample.title)</title></head><body>\(Sample.article())</body></html>
            """.utf8)
        let article = try #require(main(reader.read(html: html, url: nil)))
        #expect(article.title == Sample.title)
        #expect(article.paragraphs == Sample.body)
    }

    @Test func survivesFiftyThousandLevelsOfNesting() throws {
        let depth = 50_000
        let deep = String(repeating: "<div>", count: depth) + "نص عميق جداً" + String(repeating: "</div>", count: depth)
        let output = reader.read(html: Sample.page(body: Sample.article() + deep), url: nil)
        #expect(output.issues.contains { $0.message.contains("nested deeper") })
        #expect(main(output)?.paragraphs == Sample.body)
        let inline = String(repeating: "<span><b>", count: depth / 2) + Sample.p1
        _ = reader.read(html: Array(inline.utf8), url: nil)
    }

    @Test func readsTruncatedHTML() throws {
        let full = String(decoding: Sample.page(head: "<title>\(Sample.title)</title>", body: Sample.article()), as: UTF8.self)
        let cut = full.utf8.prefix(full.utf8.count * 3 / 4)
        let output = reader.read(html: Array(cut), url: nil)
        let article = try #require(main(output))
        #expect(article.title == Sample.title)
        #expect(article.paragraphs.starts(with: [Sample.p1, Sample.p2]))
        // Cut inside a tag and inside a UTF-8 sequence.
        for length in [10, 57, 100, 151, 333] { _ = reader.read(html: Array(full.utf8.prefix(length)), url: nil) }
    }

    @Test func survivesBinaryJunk() {
        var generator = SplitMix(seed: 42)
        for size in [1, 7, 100, 4096, 70_000] {
            let junk = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = reader.read(html: junk, url: nil)
            _ = reader.read(html: Array("<html><body><p>".utf8) + junk, url: nil)
        }
    }

    @Test func reportsEmptyInput() {
        for input in ["", "   \n\t", "<html></html>", "<!-- تعليق -->"] {
            let output = reader.read(html: Array(input.utf8), url: nil)
            #expect(output.articles.isEmpty, "\(input)")
            #expect(!output.issues.isEmpty, "\(input)")
        }
    }

    @Test func keepsTheTitleWhenThereIsNoText() throws {
        let output = reader.read(html: Array("<html><head><title>\(Sample.title)</title></head><body><div>قصير</div></body></html>".utf8), url: nil)
        #expect(main(output)?.title == Sample.title)
        #expect(output.issues.contains { $0.message.contains("no article text") })
    }

    @Test func reportsInvalidJSONLDAndCarriesOn() throws {
        let head = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"عنوان\",,}</script><title>\(Sample.title)</title>"
        let output = reader.read(html: Sample.page(head: head, body: Sample.article()), url: nil)
        #expect(output.issues.contains { $0.message.contains("JSON-LD") })
        #expect(main(output)?.title == Sample.title)
        #expect(main(output)?.paragraphs == Sample.body)
    }

    @Test func readsJSONLDWithRawNewlinesInStrings() throws {
        let head = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"عنوان\nمن سطرين\"}</script>"
        let output = reader.read(html: Sample.page(head: head, body: Sample.article()), url: nil)
        #expect(output.issues.isEmpty)
        #expect(main(output)?.title == "عنوان من سطرين")
    }

    @Test func isSafeToCallConcurrently() async throws {
        let html = Sample.page(head: "<title>\(Sample.title)</title>", body: Sample.article())
        let expected = reader.read(html: html, url: nil).articles
        let reader = self.reader
        try await withThrowingTaskGroup(of: [Article].self) { group in
            for _ in 0..<16 { group.addTask { reader.read(html: html, url: nil).articles } }
            for try await articles in group { #expect(articles == expected) }
        }
    }
}

/// Quality floors on the licensed pages in /work/shared (read in place, never copied into the repo).
/// Skipped where the corpus is absent.
extension HTMLReaderTests {
    static let corpus = "/work/shared/corpus/html"
    static let hasCorpus = FileManager.default.fileExists(atPath: corpus)

    static func bytes(_ path: String) throws -> [UInt8] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(corpus)/\(path)"))
        guard path.hasSuffix(".gz") else { return [UInt8](data) }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc", "\(corpus)/\(path)"]
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        return [UInt8](out)
    }

    /// Token F1 of bag-of-words overlap.
    static func f1(_ got: String, _ gold: String) -> Double {
        func bag(_ text: String) -> [Substring: Int] {
            var bag = [Substring: Int]()
            for token in text.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation || "،؛؟«»\"".contains($0) }) { bag[token, default: 0] += 1 }
            return bag
        }
        let g = bag(gold), h = bag(got)
        let common = h.reduce(0) { $0 + min($1.value, g[$1.key] ?? 0) }
        let precision = Double(common) / Double(max(1, h.values.reduce(0, +)))
        let recall = Double(common) / Double(max(1, g.values.reduce(0, +)))
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    @Test(.enabled(if: hasCorpus)) func corpusCNNArabic() throws {
        let article = try #require(reader.read(html: Self.bytes("newspaper4k/arabic_article.html"), url: nil).articles.first)
        let gold = try String(contentsOfFile: "\(Self.corpus)/newspaper4k/arabic_article.txt", encoding: .utf8)
        #expect(Self.f1(article.paragraphs.joined(separator: "\n"), gold) >= 0.88)
    }

    @Test(.enabled(if: hasCorpus && FileManager.default.fileExists(atPath: "/bin/gzip"))) func corpusLBC() throws {
        let article = try #require(reader.read(html: Self.bytes("fundus_lbc/LBCGroup_2026_01_08.html.gz"), url: nil).articles.first)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Self.corpus)/fundus_lbc/LBCGroup.json")))
        let sections = (((json as? [String: Any])?["V1"] as? [String: Any])?["body"] as? [String: Any])?["sections"] as? [[String: Any]] ?? []
        let gold = sections.flatMap { ($0["paragraphs"] as? [String]) ?? [] }.joined(separator: "\n")
        #expect(Self.f1(article.paragraphs.joined(separator: "\n"), gold) >= 0.95)
        #expect(article.published == "2026-01-08T11:42:50Z")
    }

    @Test(.enabled(if: hasCorpus)) func corpusAssabah() throws {
        let output = reader.read(html: try Self.bytes("trafilatura/assabah.com.tn.article.html"), url: nil)
        let text = output.articles.flatMap { [$0.title] + $0.paragraphs }.joined(separator: "\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Self.corpus)/trafilatura/assabah.gold.json")))
        for case let page as [String: Any] in (json as? [String: Any])?.values.map({ $0 }) ?? [] {
            for snippet in page["with"] as? [String] ?? [] { #expect(text.contains(snippet), "\(snippet)") }
            for snippet in page["without"] as? [String] ?? [] { #expect(!text.contains(snippet), "\(snippet)") }
        }
    }
}

/// A small deterministic generator for junk input.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
