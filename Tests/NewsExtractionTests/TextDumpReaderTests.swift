import NewsExtraction
import NewsModel
import Testing

/// One test per text-dump rule, on small pages composed for the test (layouts imitate real sites).
@Suite struct TextDumpReaderTests {
    let extractor = NewsExtractor()

    func extract(_ text: String) -> Page {
        extractor.extract(Array(text.utf8), source: "test.txt")
    }

    /// The layout of the page the project started from: title, subtitle, doubled caption, TT, title again.
    static let repeatedTitlePage = """
        الحكومة تقر خطة لخفض أسعار الكهرباء على المصانع

        الخطة تشمل 1200 منشأة صناعية وتبدأ مطلع الشهر المقبل

        عمال في مصنع للنسيج بضواحي العاصمة (رويترز)
        عمال في مصنع للنسيج بضواحي العاصمة (رويترز)
        TT

        الحكومة تقر خطة لخفض أسعار الكهرباء على المصانع

        عمال في مصنع للنسيج بضواحي العاصمة (رويترز)
        عمال في مصنع للنسيج بضواحي العاصمة (رويترز)

        أقرت الحكومة، الثلاثاء، خطة لخفض أسعار الكهرباء على المصانع بنسبة 15 في المائة.
        وقال وزير الصناعة إن «الخطة تهدف إلى دعم التنافسية».
        محطة توليد كهرباء في الجنوب (أ.ف.ب)
        وأضاف أن التطبيق يبدأ مطلع الشهر المقبل.
        وأضاف أن التطبيق يبدأ مطلع الشهر المقبل.

        مقالات ذات صلة

        اقتصاد موظفون في بورصة المدينة أمام شاشات التداول (إ.ب.أ) p-circle

        البورصة تربح 3 % في أسبوع

        ارتفع المؤشر الرئيسي للبورصة 3 في المائة خلال الأسبوع الماضي وسط تعاملات نشطة.

        «الشرق الأوسط» (القاهرة)
        العالم العربي وزراء الطاقة العرب خلال اجتماعهم (د.ب.أ)

        وزراء الطاقة العرب يبحثون الربط الكهربائي

        بحث وزراء الطاقة العرب مشروع الربط الكهربائي الإقليمي في اجتماعهم الدوري.

        سامي نجم (عمّان) «الشرق الأوسط» (الرياض)

        الأمطار تغلق الطرق في الشمال

        TT

        الأمطار تغلق الطرق في الشمال

        أغلقت الأمطار الغزيرة عدداً من الطرق في المحافظات الشمالية، الأربعاء.
        """

    @Test func segmentsMainTeasersAndContinuation() {
        let page = extract(Self.repeatedTitlePage)
        #expect(page.format == .textDump)
        #expect(page.articles.map(\.role) == [.main, .related, .related, .continuation])
        #expect(page.articles.map(\.title) == [
            "الحكومة تقر خطة لخفض أسعار الكهرباء على المصانع", "البورصة تربح 3 % في أسبوع",
            "وزراء الطاقة العرب يبحثون الربط الكهربائي", "الأمطار تغلق الطرق في الشمال",
        ])
    }

    @Test func readsSubtitleAndDedupesCaptionsAndParagraphs() {
        let main = extract(Self.repeatedTitlePage).articles[0]
        #expect(main.subtitle == "الخطة تشمل 1200 منشأة صناعية وتبدأ مطلع الشهر المقبل")
        #expect(main.images == [Image(caption: "عمال في مصنع للنسيج بضواحي العاصمة", credit: "رويترز"),
                                Image(caption: "محطة توليد كهرباء في الجنوب", credit: "أ.ف.ب")])
        #expect(main.paragraphs.count == 3)
        #expect(main.paragraphs.last == "وأضاف أن التطبيق يبدأ مطلع الشهر المقبل.")
    }

    @Test func splitsTeaserSectionCreditVideoAndBylines() {
        let page = extract(Self.repeatedTitlePage)
        let first = page.articles[1], second = page.articles[2]
        #expect(first.section == "اقتصاد")
        #expect(first.images == [Image(caption: "موظفون في بورصة المدينة أمام شاشات التداول", credit: "إ.ب.أ")])
        #expect(first.media == ["video"])
        #expect(first.summary == "ارتفع المؤشر الرئيسي للبورصة 3 في المائة خلال الأسبوع الماضي وسط تعاملات نشطة.")
        #expect(first.bylines == [Byline(name: "الشرق الأوسط", kind: .outlet, place: "القاهرة")])
        #expect(second.section == "العالم العربي")
        #expect(second.media.isEmpty)
        #expect(second.bylines == [Byline(name: "سامي نجم", kind: .author, place: "عمّان"),
                                   Byline(name: "الشرق الأوسط", kind: .outlet, place: "الرياض")])
    }

    @Test func leavesNoLeftoverAnywhere() {
        let page = extract(Self.repeatedTitlePage)
        for article in page.articles {
            let fields = [article.title] + article.paragraphs + article.images.map(\.caption) + [article.summary ?? ""]
            for field in fields {
                #expect(!field.contains("TT"))
                #expect(!field.contains("p-circle"))
                #expect(field != "مقالات ذات صلة")
            }
        }
    }

    @Test func wireStoryWithMenuBreadcrumbDatelineAndZone() {
        let page = extract("""
            الرئيسية
            أخبار
            اقتصاد
            رياضة

            الرئيسية › اقتصاد

            البنك المركزي يثبت أسعار الفائدة للمرة الثالثة

            نشر في: الخميس 12 فبراير 2026 - 14:00 بتوقيت القاهرة
            آخر تحديث: الخميس 12 فبراير 2026 - 16:20 بتوقيت القاهرة

            شارك  طباعة  نسخ الرابط

            القاهرة - «الشرق الأوسط»: قرر البنك المركزي تثبيت أسعار الفائدة للمرة الثالثة على التوالي، في اجتماع لجنة السياسة النقدية.

            وقال البنك في بيان إن القرار يتسق مع توقعات التضخم.

            اقرأ أيضاً

            الجنيه يستقر أمام الدولار في البنوك
            تراجع أسعار الذهب في السوق المحلية
            """)
        #expect(page.articles.map(\.role) == [.main, .related, .related])
        let main = page.articles[0]
        #expect(main.title == "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة")
        #expect(main.section == "اقتصاد")
        // 14:00 in Cairo in February (UTC+2); the update line is not the publication time.
        #expect(main.published == "2026-02-12T14:00:00+02:00")
        #expect(main.bylines == [Byline(name: "الشرق الأوسط", kind: .outlet, place: "القاهرة")])
        #expect(main.paragraphs.count == 2)
        #expect(main.paragraphs[0].hasPrefix("القاهرة - «الشرق الأوسط»:"))
        #expect(page.articles[2].title == "تراجع أسعار الذهب في السوق المحلية")
    }

    @Test func opinionColumnAuthorBoxAndDroppedBlocks() {
        let page = extract("""
            الرئيسية
            أخبار
            رأي
            رياضة

            رأي

            المدن الذكية ليست شاشات فقط

            ليلى الحسن
            كاتبة وأكاديمية إماراتية
            المزيد من مقالات الكاتب

            الاثنين - 9 فبراير 2026 م

            تكثر الحديث عن المدن الذكية، لكن قليلين يسألون عمّا يريده الساكن فعلاً من مدينته، وهل تكفي الشاشات وأجهزة الاستشعار لصنع حياة أفضل.

            فالمدينة الذكية الحقيقية هي التي تقلل وقت التنقل وتوفر الظل والماء والمساحات العامة.

            مقالات أخرى للكاتب

            عن الجامعات والوظائف
            2 فبراير 2026

            الأكثر قراءة

            خبر لا علاقة له بالمقال
            """)
        #expect(page.articles.count == 1)
        let column = page.articles[0]
        #expect(column.title == "المدن الذكية ليست شاشات فقط")
        #expect(column.section == "رأي")
        #expect(column.bylines == [Byline(name: "ليلى الحسن", kind: .author)])
        #expect(column.published == "2026-02-09T00:00:00Z")
        #expect(column.subtitle == nil)
        #expect(column.paragraphs.count == 2)
        #expect(!column.paragraphs.joined().contains("الجامعات"))
    }

    @Test func galleryCountersAndNavigationAreDropped() {
        let page = extract("""
            صور: مهرجان الزهور يعود إلى الحدائق العامة

            1 / 3
            زوار بين أحواض الزهور في الحديقة الكبرى (أ.ب)
            زوار بين أحواض الزهور في الحديقة الكبرى (أ.ب)
            الصورة التالية
            2 / 3
            أطفال يلتقطون الصور أمام مجسم من الورود (غيتي)

            عاد مهرجان الزهور السنوي إلى الحدائق العامة بمشاركة 40 عارضاً من 12 دولة.
            """)
        let article = page.articles[0]
        #expect(article.images.map(\.credit) == ["أ.ب", "غيتي"])
        #expect(article.paragraphs == ["عاد مهرجان الزهور السنوي إلى الحدائق العامة بمشاركة 40 عارضاً من 12 دولة."])
    }

    @Test func pageWithoutStructureIsOneArticle() {
        let page = extract("""
            ارتفاع أسعار القهوة عالمياً
            سجلت أسعار القهوة ارتفاعاً جديداً في الأسواق العالمية بسبب الجفاف في مناطق الإنتاج الرئيسية، وفق ما أفاد به متعاملون.
            """)
        #expect(page.articles.count == 1)
        #expect(page.articles[0].title == "ارتفاع أسعار القهوة عالمياً")
        #expect(page.articles[0].paragraphs.count == 1)
    }

    @Test func foldsPresentationFormsButKeepsDiacritics() {
        let page = extract("""
            الحكومة ترصد ﺑ120 مليون دولار لدعم المدارس

            قالت الحكومة إن المبلغ سيُخصَّص لترميم المدارس القديمة خلال عامين، وفق خطة أعلنتها الوزارة.
            """)
        #expect(page.articles[0].title == "الحكومة ترصد ب120 مليون دولار لدعم المدارس")
        #expect(page.articles[0].paragraphs[0].contains("سيُخصَّص"))
    }

    @Test func inlineReadAlsoIsARelatedTeaser() {
        let page = extract("""
            افتتاح معرض الكتاب بمشاركة 30 دولة

            افتتح وزير الثقافة معرض الكتاب الدولي، الخميس، بمشاركة أكثر من 900 دار نشر من 30 دولة عربية وأجنبية.
            اقرأ أيضاً: جائزة الرواية العربية تعلن قائمتها القصيرة
            ويستمر المعرض عشرة أيام.
            """)
        #expect(page.articles.map(\.role) == [.main, .related])
        #expect(page.articles[1].title == "جائزة الرواية العربية تعلن قائمتها القصيرة")
        #expect(page.articles[0].paragraphs.count == 2)
    }

    @Test func teaserOfAFullArticleOnThePageIsItsDuplicate() {
        let page = extract(Self.repeatedTitlePage + """


            مقالات ذات صلة

            أغلقت الأمطار الطرق في الشمال

            أغلقت الأمطار الغزيرة عدداً من الطرق في المحافظات الشمالية، الأربعاء.

            «الشرق الأوسط» (عمّان)
            """)
        let full = page.articles.first { $0.title == "الأمطار تغلق الطرق في الشمال" }!
        let teaser = page.articles.last!
        #expect(teaser.role == .related)
        #expect(teaser.duplicateOf == full.id)
        #expect(full.duplicateOf == nil)
        #expect(Set(page.articles.map(\.id)).count == page.articles.count)
    }

    @Test func idsAreStable() {
        let a = extract(Self.repeatedTitlePage).articles.map(\.id)
        let b = extract(Self.repeatedTitlePage).articles.map(\.id)
        #expect(a == b)
        #expect(a.allSatisfy { $0.count == 16 })
    }
}

/// Layouts of other sites, composed for the tests.
@Suite struct OtherLayoutTests {
    @Test func creditLineBeforeItsCaption() {
        // BBC Arabic prints the credit first, then the caption, each with a label.
        let page = NewsExtractor().extract(Array("""
            أزمة المياه تتفاقم في جنوب العراق مع تراجع منسوب الأنهار

            مصدر الصورة، Getty Images
            التعليق على الصورة، مزارعون يقفون على ضفة نهر جاف قرب البصرة

            قال مسؤولون محليون في جنوب العراق إن منسوب المياه في الأنهار تراجع إلى أدنى مستوى منذ عقود، ما دفع آلاف الأسر إلى النزوح.

            مصدر الصورة، Reuters
            """.utf8), source: "bbc.txt")
        let article = page.articles[0]
        #expect(article.images == [Image(caption: "مزارعون يقفون على ضفة نهر جاف قرب البصرة", credit: "Getty Images")])
        #expect(article.paragraphs.count == 1)
    }

    @Test func readAlsoListWithCountersLikeAlJazeera() {
        let page = NewsExtractor().extract(Array("""
            الأمم المتحدة تحذر من مجاعة وشيكة في مناطق بالسودان

            حذرت الأمم المتحدة من أن ملايين الأشخاص في السودان باتوا على شفا المجاعة، مع استمرار القتال وتعطل طرق الإمداد.

            اقرأ أيضا
            list 1 of 3
            برنامج الأغذية العالمي يعلق توزيع المساعدات في دارفور
            list 2 of 3
            مفوضية اللاجئين: مليون نازح جديد خلال شهرين
            list 3 of 3
            مجلس الأمن يبحث تمديد ولاية البعثة الأممية
            end of list

            وقال متحدث باسم برنامج الأغذية العالمي إن القوافل لم تتمكن من الوصول إلى مدينة الفاشر منذ أسابيع.
            """.utf8), source: "aj.txt")
        #expect(page.articles.map(\.role) == [.main, .related, .related, .related])
        #expect(page.articles.last?.title == "مجلس الأمن يبحث تمديد ولاية البعثة الأممية")
        // The body goes on after the list.
        #expect(page.articles[0].paragraphs.count == 2)
    }
}
