import NewsExtraction
import NewsModel
import Testing

/// A column's closing author note ("* كاتب سوري") belongs to the byline, not the body.
@Suite struct AuthorNoteTests {
    let parser = BylineParser()
    let extractor = NewsExtractor()

    @Test(arguments: [
        ("* كاتب سوري", nil, "كاتب سوري"),
        ("*باحثة في الشؤون الاقتصادية.", nil, "باحثة في الشؤون الاقتصادية"),
        ("\u{066D} أستاذ العلوم السياسية في جامعة دمشق", nil, "أستاذ العلوم السياسية في جامعة دمشق"),
        ("* سلمى يوسف، باحثة في الشؤون الاقتصادية", "سلمى يوسف", "باحثة في الشؤون الاقتصادية"),
    ])
    func aStarredBioIsANote(_ line: String, _ name: String?, _ note: String) {
        let found = parser.authorNote(line)
        #expect(found?.name == name)
        #expect(found?.note == note)
    }

    @Test(arguments: [
        // No star: body text, even when it reads like a bio.
        "كاتب سوري",
        // Starred, but a disclaimer or a copyright line, not a bio.
        "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
        "**حقوق النشر محفوظة للمجلة",
        // A long starred sentence that opens with a bio word is still no one-line note.
        "* كاتب التقرير أشار إلى أن الأرقام الواردة فيه أولية وقابلة للمراجعة بعد انتهاء عمليات الإحصاء في جميع المحافظات",
    ])
    func otherLinesAreNoNote(_ line: String) {
        #expect(parser.authorNote(line) == nil)
    }

    static let body = [
        "يعيش البلد اليوم مرحلة انتقالية صعبة، تتنازعها آمال العودة ومخاوف الانقسام، وتتطلب من النخب قدراً كبيراً من المسؤولية.",
        "ولعل أهم ما يحتاجه في هذه المرحلة هو حوار وطني جامع لا يقصي أحداً، ويضع أسس عقد اجتماعي جديد يحفظ كرامة المواطنين.",
        "وفي الختام، فإن الطريق طويل، لكن التجارب القريبة تقول إن الشعوب التي تتفق على الحد الأدنى تستطيع أن تبني ما هدمته الحرب.",
    ]

    func html(byline: String, note: String) -> [UInt8] {
        let paragraphs = (Self.body + [note]).map { "<p>\($0)</p>" }.joined()
        return Array("""
            <html lang="ar"><head><meta charset="utf-8"><title>بين الأمل والخوف</title></head><body><article>
            <h1>بين الأمل والخوف</h1>\(byline)<div class="article-body">\(paragraphs)</div></article></body></html>
            """.utf8)
    }

    @Test func theNoteGoesToTheColumnsAuthorInHTML() {
        let page = extractor.extract(html(byline: "<div class=\"author\">بقلم: خالد منصور</div>", note: "* كاتب سوري"), source: "col.html")
        let article = page.articles.first
        #expect(article?.paragraphs == Self.body)
        #expect(article?.bylines == [Byline(name: "خالد منصور", kind: .author, note: "كاتب سوري")])
    }

    @Test func aNoteThatNamesTheAuthorGivesTheByline() {
        let page = extractor.extract(html(byline: "", note: "* خالد منصور، كاتب وباحث سوري"), source: "col.html")
        #expect(page.articles.first?.paragraphs == Self.body)
        #expect(page.articles.first?.bylines == [Byline(name: "خالد منصور", kind: .author, note: "كاتب وباحث سوري")])
    }

    @Test func aNoteForNobodyStaysText() {
        let page = extractor.extract(html(byline: "", note: "* كاتب سوري"), source: "col.html")
        #expect(page.articles.first?.paragraphs == Self.body + ["* كاتب سوري"])
        #expect(page.articles.first?.bylines.isEmpty == true)
    }

    @Test func theNoteInATextDumpIsNoBulletedLink() {
        let dump = (["الرئيسية", "آراء", "", "بين الأمل والخوف", "", "بقلم: خالد منصور", ""]
            + Self.body.flatMap { [$0, ""] } + ["* كاتب سوري", "", "الأكثر قراءة", "عنوان أول في القائمة", "عنوان ثان في القائمة"])
            .joined(separator: "\n")
        let article = extractor.extract(Array(dump.utf8), source: "col.txt").articles.first
        #expect(article?.paragraphs == Self.body)
        #expect(article?.bylines == [Byline(name: "خالد منصور", kind: .author, note: "كاتب سوري")])
    }

    @Test func theNoteIsWrittenOnlyWhenThereIsOne() {
        let plain = DocumentJSON.string(DocumentJSON.value(Article(id: "x", role: .main, title: "t", bylines: [Byline(name: "أ", kind: .author)])), pretty: false)
        #expect(!plain.contains("\"note\""))
        let noted = DocumentJSON.string(DocumentJSON.value(Article(id: "x", role: .main, title: "t", bylines: [Byline(name: "أ", kind: .author, note: "كاتب")])), pretty: false)
        #expect(noted.contains("\"place\":null,\"note\":\"كاتب\""))
    }
}
