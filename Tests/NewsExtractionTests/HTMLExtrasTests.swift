import NewsExtraction
import NewsModel
import Testing

/// Rules the extractor adds on top of the HTML reader: datelines, printed dates, teaser excerpts,
/// one-line rating boxes.
@Suite struct HTMLExtrasTests {
    static let page = """
        <html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>الحكومة تخفض رسوم التسجيل | الرائد</title></head>
        <body><nav><a href="/">الرئيسية</a> <a href="/local">محليات</a></nav>
        <div class="crumbs"><a href="/">الرئيسية</a> / <a href="/local">محليات</a></div>
        <h1>الحكومة تخفض رسوم التسجيل العقاري إلى النصف</h1>
        <div class="date">الثلاثاء، 3 آذار 2026 | عدد القراءات: 812</div>
        <div class="article-body">
        <p>بيروت - الوكالة الوطنية: قررت الحكومة خفض رسوم التسجيل العقاري إلى النصف لمدة عام كامل، في خطوة تهدف إلى تنشيط السوق العقارية المتباطئة منذ سنوات.</p>
        <p>وقال وزير المالية إن القرار يشمل الشقق السكنية التي تقل مساحتها عن 150 متراً مربعاً، على أن يبدأ العمل به مطلع الشهر المقبل.</p>
        <p>قيّم هذا الخبر: 1 2 3 4 5</p>
        </div>
        <section class="related"><h2>أخبار ذات صلة</h2><ul>
        <li class="card"><a href="/local/2">أسعار الشقق تتراجع للمرة الثانية هذا العام</a><p class="excerpt">تراجعت أسعار الشقق السكنية في العاصمة بنسبة 4 في المائة خلال الربع الأخير.</p></li>
        </ul></section></body></html>
        """

    let extracted = NewsExtractor().extract(Array(page.utf8), source: "https://example.com/local/1")

    @Test func sectionFromSlashBreadcrumb() {
        #expect(extracted.articles.first?.section == "محليات")
    }

    @Test func printedDateInADateElement() {
        #expect(extracted.articles.first?.published == "2026-03-03T00:00:00Z")
    }

    @Test func datelineOpeningTheBodyIsAByline() {
        #expect(extracted.articles.first?.bylines.contains(Byline(name: "الوكالة الوطنية", kind: .outlet, place: "بيروت")) == true)
        #expect(extracted.articles.first?.paragraphs.first?.hasPrefix("بيروت - الوكالة الوطنية:") == true)
    }

    @Test func ratingBoxIsDropped() {
        #expect(extracted.articles.first?.paragraphs.count == 2)
        #expect(ExtractionRules.standard.isLeftover("قيّم هذا الخبر: 1 2 3 4 5"))
    }

    @Test func teaserCardExcerptIsItsSummary() {
        let teaser = extracted.articles.first { $0.role == .related }
        #expect(teaser?.title == "أسعار الشقق تتراجع للمرة الثانية هذا العام")
        #expect(teaser?.summary == "تراجعت أسعار الشقق السكنية في العاصمة بنسبة 4 في المائة خلال الربع الأخير.")
        #expect(teaser?.url == "https://example.com/local/2")
    }

    @Test func findDateToleratesOtherWordsInADateElement() {
        #expect(DateLine.findDate(in: "الخميس، 5 شباط 2026 | عدد القراءات: 1523") == "2026-02-05T00:00:00Z")
        #expect(DateLine.findDate(in: "عدد القراءات: 1523") == nil)
    }
}

@Suite struct TrailingBoilerplateTests {
    @Test func commentPolicyClosingABodyIsDropped() {
        let html = """
            <html><body><h1>ارتفاع أسعار الذهب إلى مستوى قياسي جديد</h1><div class="article-body">
            <p>ارتفعت أسعار الذهب في التعاملات الفورية إلى مستوى قياسي جديد، مدعومة بتراجع الدولار وتزايد الطلب على الملاذات الآمنة.</p>
            <p>وقال محللون إن المعدن الأصفر قد يواصل الصعود خلال الأسابيع المقبلة إذا استمرت البنوك المركزية في الشراء.</p>
            <p>الآراء الواردة في التعليقات لا تعبر عن رأي الموقع، بل تعبر عن وجهات نظر أصحابها فقط.</p>
            </div></body></html>
            """
        let article = NewsExtractor().extract(Array(html.utf8), source: "gold.html").articles[0]
        #expect(article.paragraphs.count == 2)
        #expect(ExtractionRules.standard.isTrailingBoilerplate("الآراء الواردة أدناه لا تعبر عن رأي الموقع"))
        #expect(!ExtractionRules.standard.isTrailingBoilerplate("وقال محللون إن المعدن الأصفر قد يواصل الصعود"))
    }
}
