import NewsExtraction
import NewsModel
import Testing

/// Text dumps of site layouts other than the seed's (issue 17): what a browser copy or `w3m -dump`
/// keeps of a page. All text is invented.
@Suite struct TextDumpLayoutTests {
    let extractor = NewsExtractor()

    func main(_ text: String) -> (Article?, [Article]) {
        let page = extractor.extract(Array(text.utf8), source: "dump.txt")
        return (page.articles.first { $0.role == .main }, page.articles.filter { $0.role == .related })
    }

    static let title = "مصر تعلن خطة جديدة لتحلية مياه البحر في شمال سيناء"
    static let body = [
        "أعلنت وزارة الإسكان المصرية، الثلاثاء، خطة لإنشاء ثلاث محطات جديدة لتحلية مياه البحر في محافظة شمال سيناء بطاقة إجمالية تبلغ مئة ألف متر مكعب يومياً.",
        "وقال المتحدث باسم الوزارة إن المحطات ستخدم أكثر من نصف مليون نسمة، وإن الأعمال تبدأ خلال الربع الثالث من العام الجاري بتمويل حكومي كامل.",
        "وأضاف المتحدث أن المشروع يتضمن شبكة أنابيب بطول مئتي كيلومتر تربط المحطات بالمدن والقرى الساحلية، إلى جانب خزانات استراتيجية.",
        "وتابع: «نستهدف إنهاء أزمة المياه في المحافظة بالكامل قبل نهاية عام 2026».",
    ]
    static let inlineTitle = "مصر تفتتح أكبر محطة لمعالجة المياه في المنطقة"
    static let mostRead = ["الذهب يقفز إلى مستوى قياسي جديد", "ارتفاع أسعار النفط مع تراجع المخزونات الأميركية", "البنك المركزي يثبت أسعار الفائدة"]

    /// A satellite channel's site: menu, title, published and updated lines, "place - site" under the
    /// title, an inline "اقرأ أيضاً" with one teaser in the middle of the body, then "most read".
    static let channelSite = """
        العربية.نت
        الرئيسية
        العالم العربي
        اقتصاد
        رياضة

        \(title)

        نشر في: 12 مارس 2024 ,14:35 م
        آخر تحديث: 12 مارس 2024 ,16:10 م

        القاهرة - العربية.نت

        \(body[0])

        \(body[1])

        اقرأ أيضاً
        \(inlineTitle)

        \(body[2])

        \(body[3])

        الأكثر قراءة
        \(mostRead.joined(separator: "\n"))
        """

    @Test func anInlineReadAlsoDoesNotEndTheBody() {
        let (article, related) = main(Self.channelSite)
        #expect(article?.title == Self.title)
        #expect(article?.paragraphs == Self.body)
        #expect(related.map(\.title) == [Self.inlineTitle])
    }

    @Test func dateLinesAreDatesAndThePlaceLineIsAByline() {
        let (article, _) = main(Self.channelSite)
        #expect(article?.published == "2024-03-12T14:35:00Z")
        #expect(article?.subtitle == nil)
        #expect(article?.bylines == [Byline(name: "العربية.نت", kind: .outlet, place: "القاهرة")])
        #expect(!(article?.paragraphs.joined().contains("آخر تحديث") ?? true))
    }

    /// A daily's print-edition line under the title: weekday, Hijri and Gregorian dates, issue number.
    @Test func aPrintEditionDateLineIsADate() {
        let text = """
            \(Self.title)

            الخميس - 14 شعبان 1445 هـ - 22 فبراير 2024 مـ رقم العدد [16521]

            \(Self.body.joined(separator: "\n\n"))
            """
        let (article, _) = main(text)
        #expect(article?.title == Self.title)
        #expect(article?.subtitle == nil)
        #expect(article?.published?.hasPrefix("2024-02-22") == true, "\(article?.published ?? "nil")")
        #expect(article?.paragraphs == Self.body)
    }

    /// A related block at the end of a page still gives its teasers, summaries and all.
    @Test func aRelatedBlockAtTheEndStillGivesTeasers() {
        let text = """
            \(Self.title)

            \(Self.body.joined(separator: "\n\n"))

            مقالات ذات صلة

            \(Self.inlineTitle)

            افتتحت الحكومة المحطة بطاقة تبلغ مليون متر مكعب يومياً لخدمة أربع محافظات.

            \(Self.mostRead[0])

            ارتفعت أسعار الذهب في التعاملات الفورية إلى مستوى قياسي جديد خلال تعاملات الأسبوع.
            """
        let (article, related) = main(text)
        #expect(article?.paragraphs == Self.body)
        #expect(related.map(\.title) == [Self.inlineTitle, Self.mostRead[0]])
    }

    /// A portal page as `w3m -dump` leaves it: site name, a menu on one line, a ticker, a
    /// breadcrumb, then the title nearest the body; a share bar, a poll and bulleted links after.
    @Test func thePortalsFurnitureIsKeptOutAndTheTitleIsTheOneNearestTheBody() {
        let text = """
            بوابة الوادي الإخبارية                    إعلان
            الرئيسية | محليات | اقتصاد | رياضة | ثقافة | مقالات | وفيات | فيديو
            عاجل: الأرصاد تحذر من رياح قوية على الطرق الصحراوية الليلة
            الرئيسية >> محليات

            \(Self.title)

            الخميس، 5 شباط 2026   |   عدد القراءات: 1523

            \(Self.body.joined(separator: "\n\n"))

            طباعة | أرسل لصديق | أضف تعليق

            استفتاء
            هل تؤيد مشاريع تحلية المياه؟
            ( )نعم
            (*) لا
            [صوّت]

            » انخفاض أسعار الذهب في السوق المحلية
            » الأمن العام يحذر من حالة عدم استقرار جوي
            • افتتاح معرض الكتاب في دورته الجديدة
            """
        let (article, _) = main(text)
        #expect(article?.title == Self.title)
        #expect(article?.paragraphs.filter { !$0.hasPrefix("الخميس") } == Self.body)
    }

    /// A "most browsed" box after the body is no part of it, and the comment policy above it goes too.
    @Test func aMostBrowsedBoxEndsTheBody() {
        let text = """
            \(Self.title)

            \(Self.body.joined(separator: "\n\n"))

            الآراء الواردة أدناه لا تعبر عن رأي الموقع، بل تعكس وجهات نظر أصحابها فقط.

            الأكثر تصفحاً
            \(Self.mostRead.joined(separator: "\n"))
            """
        let (article, related) = main(text)
        #expect(article?.paragraphs == Self.body)
        #expect(related.isEmpty)
    }

    /// A share line and a comments box with its count end the body.
    @Test func shareLinesAndCountedCommentBoxesAreNoBody() {
        let text = """
            \(Self.title)

            \(Self.body.joined(separator: "\n\n"))

            شارك الخبر: فيسبوك واتساب
            تعليقات الزوار (2)
            رشيد: الأرقام جيدة لكن الأسعار أصبحت مرتفعة جداً على الزوار.
            سناء: نتمنى أن تستفيد المناطق البعيدة من هذه المشاريع.
            """
        let (article, related) = main(text)
        #expect(article?.paragraphs == Self.body)
        #expect(related.isEmpty)
    }
}
