import NewsAnalysis
import NewsModel
import Testing

private let extractor = DateExtractor()
/// A Wednesday.
private let published = "2026-02-11T09:30:00Z"

private func dates(_ text: String, published: String? = published) -> [DateMention] {
    extractor.dates(in: [text], published: published)
}

private func only(_ text: String, published: String? = published) -> DateMention? {
    let found = dates(text, published: published)
    return found.count == 1 ? found[0] : nil
}

@Suite("Dates")
struct DateTests {
    // MARK: Gregorian dates

    @Test func dayMonthYearInTheEgyptianSystem() {
        #expect(only("وقعت الاتفاقية في 11 نوفمبر 2023 بالقاهرة") == DateMention(text: "11 نوفمبر 2023", value: "2023-11-11"))
        #expect(only("بدأ الإضراب يوم 15 أغسطس 2025")?.value == "2025-08-15")
    }

    @Test func dayMonthYearInTheLevantineSystem() {
        #expect(only("افتتح المعرض في 3 كانون الثاني 2025")?.value == "2025-01-03")
        #expect(only("عقدت الجلسة في 20 تشرين الأول 2024")?.value == "2024-10-20")
        #expect(only("صدر القرار في 9 آب 2024")?.value == "2024-08-09")
    }

    @Test func dayMonthYearInTheMaghrebiSystem() {
        #expect(only("انطلقت الحملة في 5 جانفي 2025")?.value == "2025-01-05")
        #expect(only("أعلنت النتائج في 30 جوان 2024")?.value == "2024-06-30")
        #expect(only("افتتحت الدورة في 7 شتنبر 2024")?.value == "2024-09-07")
    }

    @Test func arabicIndicDigits() {
        #expect(only("صدر المرسوم في ٤ مارس ٢٠٢٤")?.value == "2024-03-04")
    }

    @Test func bothSystemsTogether() {
        #expect(only("تنتهي المهلة في يناير (كانون الثاني) 2026") == DateMention(text: "يناير (كانون الثاني) 2026", value: "2026-01"))
        #expect(only("تنتهي المهلة في 2 يناير/كانون الثاني 2026")?.value == "2026-01-02")
        #expect(only("تنتهي المهلة في 2 كانون الثاني (يناير) 2026")?.value == "2026-01-02")
    }

    @Test func monthAndYearIsPartial() {
        #expect(only("تراجعت المبيعات في مارس 2024") == DateMention(text: "مارس 2024", value: "2024-03"))
        #expect(only("ارتفع التضخم في أيلول 2023")?.value == "2023-09")
    }

    @Test func impossibleDaysAreNotDates() {
        #expect(dates("في 31 أبريل 2024 و29 فبراير 2025").isEmpty)
    }

    @Test func numericDates() {
        #expect(only("صدر البيان بتاريخ 2026-02-11") == DateMention(text: "2026-02-11", value: "2026-02-11"))
        #expect(only("صدر البيان بتاريخ 11/2/2026")?.value == "2026-02-11")
        #expect(only("صدر البيان بتاريخ 11.02.2026")?.value == "2026-02-11")
        #expect(dates("سجل 11/2 من الأصوات").isEmpty)
    }

    @Test func dayAndMonthWithoutYear() {
        #expect(only("يعقد المؤتمر في 20 فبراير")?.value == "2026-02-20")
        // Nearest to publication: late December is last year's.
        #expect(only("وقع الحادث في 28 ديسمبر")?.value == "2025-12-28")
        #expect(only("ستجرى الانتخابات في 10 يناير المقبل")?.value == "2027-01-10")
        #expect(only("يعقد المؤتمر في 20 فبراير", published: nil) == DateMention(text: "20 فبراير", value: "--02-20"))
    }

    // MARK: Years

    @Test func bareYearsAreYYYY() {
        #expect(only("تأسست الشركة عام 1998 في دبي") == DateMention(text: "عام 1998", value: "1998"))
        #expect(only("تراجعت الصادرات في 2025 بشكل حاد") == DateMention(text: "2025", value: "2025"))
        #expect(only("يعاني البلد أزمة منذ 2014")?.value == "2014")
        #expect(only("أعلنت أرباحها لعام 2024")?.text == "عام 2024")
        #expect(only("تم ذلك العام 2020م")?.value == "2020")
        #expect(only("قضية تعود للعام 2010") == DateMention(text: "للعام 2010", value: "2010"))
    }

    @Test func numbersThatAreNotYears() {
        #expect(dates("قتل 2025 شخصاً").isEmpty)
        #expect(dates("في 1447 هـ").isEmpty)
    }

    // MARK: Hijri dates

    @Test func hijriDatesByTheTabularCalendar() {
        #expect(only("الأحد 22 جمادى الآخرة 1447 هـ")?.value == "2025-12-13")
        #expect(only("بدأ الصيام في 1 رمضان 1446")?.value == "2025-03-01")
        // Saudi Arabia's calendar put these a day earlier (6 June, 4 September): the tabular one is ±1 day.
        #expect(only("يوافق 10 ذو الحجة 1446 هـ")?.value == "2025-06-07")
        #expect(only("صدر في 12 ربيع الأول 1447 هجرية")?.value == "2025-09-05")
    }

    @Test func hijriDayWithoutYearTakesTheNearestYear() {
        #expect(only("يبدأ الشهر في 1 رمضان")?.value == "2026-02-18")
        #expect(dates("يبدأ الشهر في 1 رمضان", published: nil).isEmpty)
    }

    @Test func hijriMonthWithAGregorianEraIsNotADate() {
        #expect(dates("في 5 رمضان 2025 م").isEmpty)
    }

    // MARK: Weekdays

    @Test func bareWeekdayIsTheLatestOnOrBeforePublication() {
        #expect(only("قال الوزير الاثنين إن المحادثات متعثرة") == DateMention(text: "الاثنين", value: "2026-02-09", relative: "last-monday"))
        #expect(only("أعلنت الشرطة، الأربعاء، توقيف المشتبه به")?.value == "2026-02-11")
        #expect(only("وصل الوفد يوم الخميس") == DateMention(text: "يوم الخميس", value: "2026-02-05", relative: "last-thursday"))
        #expect(only("كشفت الشرطة اليوم الأربعاء هوية المنفذ")?.text == "اليوم الأربعاء")
        #expect(only("كشفت الشرطة اليوم الأربعاء هوية المنفذ")?.value == "2026-02-11")
    }

    @Test func weekdayWithNextOrLast() {
        #expect(only("تبدأ الجولة الأحد المقبل") == DateMention(text: "الأحد المقبل", value: "2026-02-15", relative: "next-sunday"))
        #expect(only("انعقد الاجتماع الأربعاء الماضي")?.value == "2026-02-04")
    }

    @Test func weekdayInTheFutureIsTheNextOne() {
        #expect(only("من المقرر أن يصل الرئيس الخميس")?.value == "2026-02-12")
        #expect(only("سيعقد المجلس جلسة طارئة الأربعاء")?.value == "2026-02-18")
        #expect(only("قال إنه سوف يسافر السبت")?.relative == "next-saturday")
        // A word that only looks like a future verb.
        #expect(only("انفجرت سيارة مفخخة الأحد")?.value == "2026-02-08")
    }

    @Test func weekdayBeforeAFullDateIsPartOfIt() {
        #expect(only("الأربعاء 11 فبراير 2026") == DateMention(text: "الأربعاء 11 فبراير 2026", value: "2026-02-11"))
        #expect(only("الخميس، 5 شباط 2026")?.value == "2026-02-05")
    }

    @Test func weekdayWithoutPublicationStaysRelative() {
        #expect(only("قال الوزير الاثنين إن المحادثات متعثرة", published: nil)
            == DateMention(text: "الاثنين", value: "last-monday", relative: "last-monday"))
    }

    // MARK: Relative words

    @Test func relativeDays() {
        #expect(only("أعلن الجيش أمس مقتل جنديين") == DateMention(text: "أمس", value: "2026-02-10", relative: "-P1D"))
        #expect(only("وقع الحادث بالأمس")?.value == "2026-02-10")
        #expect(only("تعقد القمة غداً في الرياض") == DateMention(text: "غداً", value: "2026-02-12", relative: "P1D"))
        #expect(only("تحدث الوزير اليوم أمام البرلمان")?.value == "2026-02-11")
        #expect(only("وصل وفد أول أمس")?.value == "2026-02-09")
        #expect(only("تنتهي المهلة بعد غد")?.value == "2026-02-13")
        #expect(only("سمعت انفجارات الليلة الماضية")?.value == "2026-02-10")
        #expect(only("تستمر الاجتماعات غداً الخميس") == DateMention(text: "غداً الخميس", value: "2026-02-12", relative: "P1D"))
    }

    @Test func relativeWeeksMonthsAndYears() {
        #expect(only("تراجعت الأسعار الأسبوع الماضي") == DateMention(text: "الأسبوع الماضي", value: "2026-W06", relative: "-P1W"))
        #expect(only("تبدأ المفاوضات الأسبوع المقبل")?.value == "2026-W08")
        #expect(only("ارتفعت الأسعار الشهر الماضي") == DateMention(text: "الشهر الماضي", value: "2026-01", relative: "-P1M"))
        #expect(only("تنتهي الخطة الشهر المقبل")?.value == "2026-03")
        #expect(only("انكمش الاقتصاد العام الماضي")?.value == "2025")
        #expect(only("ينمو الاقتصاد خلال العام الجاري")?.value == "2026")
        #expect(only("يتوقع نمواً في السنة المقبلة")?.value == "2027")
    }

    @Test func relativeMonthAcrossTheYear() {
        #expect(only("ارتفعت الأسعار الشهر الماضي", published: "2026-01-05T00:00:00Z")?.value == "2025-12")
    }

    @Test func namedMonthWithLastOrNext() {
        #expect(only("وقع الزلزال في مارس الماضي") == DateMention(text: "مارس الماضي", value: "2025-03", relative: "last-march"))
        #expect(only("تنتهي المهلة في مارس المقبل")?.value == "2026-03")
        #expect(only("تنتهي المهلة في مارس المقبل", published: nil) == DateMention(text: "مارس المقبل", value: "--03", relative: "next-march"))
        // A bare month name may be a verb: «مارس» is "practised".
        #expect(dates("مارس الضغط على الحكومة").isEmpty)
    }

    @Test func relativeWordsWithoutPublicationStayRelative() {
        #expect(only("أعلن الجيش أمس مقتل جنديين", published: nil) == DateMention(text: "أمس", value: "-P1D", relative: "-P1D"))
        #expect(only("تبدأ المفاوضات الأسبوع المقبل", published: nil)?.value == "P1W")
    }

    @Test func theDayThatIsNotToday() {
        #expect(dates("في اليوم التالي عاد إلى منزله").isEmpty)
        #expect(dates("احتفل العالم باليوم العالمي للمرأة").isEmpty)
        #expect(dates("لن ينسى ذلك اليوم").isEmpty)
        #expect(dates("يعمل طوال اليوم").isEmpty)
    }

    // MARK: The article

    @Test func analyzeUsesThePublicationDate() {
        var article = Article(role: .main, title: "عنوان", paragraphs: ["قال الوزير أمس إن الخطة جاهزة.", "وأكد أمس أنها ستنفذ."],
                              published: "2026-02-11T00:00:00Z")
        extractor.analyze(&article)
        #expect(article.dates == [DateMention(text: "أمس", value: "2026-02-10", relative: "-P1D")])
        var undated = article
        undated.published = nil
        extractor.analyze(&undated)
        #expect(undated.dates.map(\.value) == ["-P1D"])
    }

    @Test func byteRangesPointAtTheText() {
        let text = "وقال الخميس إن الاتفاق وقع في 3 آذار 2024."
        for match in extractor.matches(in: ["", text], published: published) {
            #expect(match.paragraph == 1)
            #expect(String(decoding: Array(text.utf8)[match.range], as: UTF8.self) == match.date.text)
        }
    }
}
