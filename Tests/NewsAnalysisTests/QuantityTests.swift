import Foundation
import NewsAnalysis
import NewsModel
import Testing

private let extractor = QuantityExtractor()

private func quantities(_ text: String) -> [Quantity] {
    extractor.matches(in: text).map(\.quantity)
}

private func only(_ text: String) -> Quantity? {
    let found = quantities(text)
    return found.count == 1 ? found[0] : nil
}

@Suite("Quantities")
struct QuantityTests {
    // MARK: Numbers

    @Test func asciiDigitsWithScale() {
        let q = only("أعلنت الحكومة تخصيص 150 مليون دولار لإعادة الإعمار.")
        #expect(q == Quantity(text: "150 مليون دولار", value: 150_000_000, unit: "USD", kind: .money))
    }

    @Test func decimalWithScale() {
        #expect(only("بلغت الصادرات 4.5 مليار دولار العام الماضي")?.value == 4_500_000_000)
    }

    @Test func arabicIndicDigitsAndSeparators() {
        #expect(only("اشترت الوزارة ٣٠٠ ألف طن من القمح")?.value == 300_000)
        #expect(only("ارتفع المؤشر ٢٫٥ في المائة")?.value == 2.5)
        #expect(only("دفعت الشركة ١٬٢٥٠ دولاراً غرامةً")?.value == 1_250)
        #expect(only("سجل ۱۲ حالة جديدة")?.value == 12)
    }

    @Test func thousandsSeparatorInAsciiDigits() {
        #expect(only("يضم المخيم 12,500 لاجئ")?.value == 12_500)
    }

    @Test func decimalComma() {
        #expect(only("شردت الحرب 2,6 مليون شخص") == Quantity(text: "2,6 مليون شخص", value: 2_600_000, unit: "شخص", kind: .count))
        #expect(only("يضم المخيم 12,500 لاجئ")?.value == 12_500)
        #expect(only("حصد الفيلم 8,1 ملايين دولار")?.value == 8_100_000)
        // A plural scale counts three to ten: the comma of "3,650 ملايين" is a decimal one.
        #expect(only("بلغ العجز 3,650 ملايين دينار")?.value == 3_650_000)
        #expect(only("بلغ العجز 3,650 مليون دينار")?.value == 3_650_000_000)
    }

    @Test func scaledDecimalsAreWholeWhenTheyShouldBe() {
        #expect(only("بلغت الإيرادات 1.057 مليار يورو")?.value == 1_057_000_000)
    }

    @Test func numberWords() {
        #expect(only("اعتقلت الشرطة ثلاثة أشخاص")?.value == 3)
        #expect(only("فاز الفريق بعشرين ميدالية")?.value == 20)
        #expect(only("تضم القرية مائة منزل")?.value == 100)
        #expect(only("وصل ثلاثة آلاف وخمسمائة زائر")?.value == 3_500)
    }

    @Test func scalesInSingularDualAndPlural() {
        #expect(only("تبرع بألف دولار")?.value == 1_000)
        #expect(only("خسرت الشركة ألفي دينار كويتي")?.value == 2_000)
        #expect(only("جمعت الحملة خمسة آلاف يورو")?.value == 5_000)
        #expect(only("رصدت مليوني دولار للمشروع")?.value == 2_000_000)
        #expect(only("بلغ العجز ثلاثة ملايين دولار")?.value == 3_000_000)
        #expect(only("قدر الخسائر بملياري يورو")?.value == 2_000_000_000)
        #expect(only("تجاوز الدين 12 مليارات دولار")?.value == 12_000_000_000)
        #expect(only("بلغ الناتج تريليون دولار")?.value == 1_000_000_000_000)
    }

    @Test func scaleWithAPartAfterWaw() {
        #expect(only("حضر 5 آلاف و200 متفرج")?.value == 5_200)
    }

    @Test func gluedProcliticsAreLeftOutOfTheText() {
        #expect(only("تعهدت بـ205 ملايين دولار")?.text == "205 ملايين دولار")
        #expect(only("تعهدت ب205 ملايين دولار")?.text == "205 ملايين دولار")
        #expect(only("تعهدت ﺑ205 ملايين دولار")?.text == "205 ملايين دولار")
        #expect(only("رفعت الدعم لـ150 مليون يورو")?.text == "150 مليون يورو")
        #expect(only("طالب بثلاثة ملايين دولار")?.text == "ثلاثة ملايين دولار")
    }

    @Test func byteRangesPointAtTheText() {
        let text = "قال الوزير إن الصندوق يملك 20 مليار دولار، وإن 10 في المائة منها في السندات."
        let matches = extractor.matches(in: text)
        #expect(matches.count == 2)
        for match in matches {
            let bytes = Array(text.utf8)[match.range]
            #expect(String(decoding: bytes, as: UTF8.self) == match.quantity.text)
            #expect(match.paragraph == 0)
        }
        let paragraphs = extractor.matches(in: ["لا أرقام هنا", "قتل 4 أشخاص"])
        #expect(paragraphs.map(\.paragraph) == [1])
    }

    // MARK: Money

    @Test func currenciesWithIsoCodes() {
        let cases: [(String, String)] = [
            ("دفع 10 يورو", "EUR"), ("دفع 10 جنيهات إسترلينية", "GBP"), ("دفع 10 جنيه استرليني", "GBP"),
            ("دفع 10 جنيهات مصرية", "EGP"), ("دفع 10 ريالات سعودية", "SAR"), ("دفع 10 ريال قطري", "QAR"),
            ("دفع 10 ريالات عمانية", "OMR"), ("دفع 10 دراهم إماراتية", "AED"), ("دفع 10 دراهم مغربية", "MAD"),
            ("دفع 10 دنانير كويتية", "KWD"), ("دفع 10 دينار أردني", "JOD"), ("دفع 10 دينار بحريني", "BHD"),
            ("دفع 10 دينار عراقي", "IQD"), ("دفع 10 دينار تونسي", "TND"), ("دفع 10 دينار جزائري", "DZD"),
            ("دفع 10 دينار ليبي", "LYD"), ("دفع 10 ليرات تركية", "TRY"), ("دفع 10 ليرة لبنانية", "LBP"),
            ("دفع 10 ليرة سورية", "SYP"), ("دفع 10 روبلات", "RUB"), ("دفع 10 يوان", "CNY"), ("دفع 10 ين", "JPY"),
            ("دفع 10 فرنكات سويسرية", "CHF"), ("دفع 10 دولارات أميركية", "USD"), ("دفع 10 روبية هندية", "INR"),
        ]
        for (text, code) in cases {
            #expect(only(text)?.unit == code, "\(text)")
            #expect(only(text)?.kind == .money, "\(text)")
        }
    }

    @Test func accusativeCurrency() {
        #expect(only("اقترض عشرين دولاراً")?.unit == "USD")
        #expect(only("دفع خمسين ريالاً سعودياً")?.text == "خمسين ريالاً سعودياً")
    }

    @Test func currencySigns() {
        #expect(only("بيع السهم بـ$5 فقط") == Quantity(text: "$5", value: 5, unit: "USD", kind: .money))
        #expect(only("تكلف التذكرة 30$")?.unit == "USD")
        #expect(only("بلغت القيمة €3 مليارات")?.value == 3_000_000_000)
    }

    @Test func bracketedConversionGivesTwoAmounts() {
        let found = quantities("رصدت لندن 80 مليون جنيه إسترليني (109 ملايين دولار) لدعم الموانئ.")
        #expect(found == [
            Quantity(text: "80 مليون جنيه إسترليني", value: 80_000_000, unit: "GBP", kind: .money),
            Quantity(text: "109 ملايين دولار", value: 109_000_000, unit: "USD", kind: .money),
        ])
    }

    @Test func bareCurrencyTakesThePlaceInItsParagraph() {
        #expect(only("رفعت الحكومة في بيروت سعر الخبز إلى 5000 ليرة")?.unit == "LBP")
        #expect(only("قال مسؤول في دمشق إن الراتب صار 300 ألف ليرة")?.unit == "SYP")
        #expect(only("استوردت الكويت سلعاً بقيمة 40 مليون دينار")?.unit == "KWD")
        #expect(only("أعلن البنك المركزي المغربي أرباحاً بلغت 7 ملايين درهم")?.unit == "MAD")
    }

    @Test func bareCurrencyNearestPlaceWins() {
        let found = quantities("باعت تونس القمح بـ100 دينار للطن، فيما يباع في عمّان بـ120 دينار")
        #expect(found.map(\.unit) == ["TND", "JOD"])
    }

    @Test func bareCurrencyTakesThePlaceNamedInTheArticle() {
        let found = extractor.matches(in: ["تراجعت البورصة المصرية أمس.", "خسرت الأسهم 3 مليارات جنيه في يوم واحد."])
        #expect(found.map(\.quantity.unit) == ["EGP"])
        let british = extractor.matches(in: ["أعلنت الحكومة البريطانية خطتها.", "وتبلغ كلفتها 3 مليارات جنيه."])
        #expect(british.map(\.quantity.unit) == ["GBP"])
    }

    @Test func bareCurrencyTakesANamedCurrencyOfTheArticle() {
        let found = quantities("بلغ السعر 20 ريالاً قطرياً بعد أن كان 15 ريالاً")
        #expect(found.map(\.unit) == ["QAR", "QAR"])
    }

    @Test func bareCurrencyWithoutContextTakesTheDefault() {
        #expect(only("دفع 10 جنيهات")?.unit == "EGP")
        #expect(only("دفع 10 ريالات")?.unit == "SAR")
        #expect(only("دفع 10 دراهم")?.unit == "AED")
        #expect(only("دفع 10 دنانير")?.unit == "JOD")
        #expect(only("دفع 10 ليرات")?.unit == "TRY")
    }

    @Test func preferredCurrencyOfTheSite() {
        let tunisian = QuantityExtractor(options: .init(preferredCurrencies: ["TND"]))
        #expect(tunisian.matches(in: "دفع 10 دنانير").map(\.quantity.unit) == ["TND"])
        #expect(tunisian.matches(in: "دفع 10 ريالات").map(\.quantity.unit) == ["SAR"])
        #expect(tunisian.matches(in: "دفع الأردنيون 10 دنانير").map(\.quantity.unit) == ["JOD"])
    }

    @Test func amountWithoutCurrencyIsNotMoney() {
        #expect(quantities("أبرم صفقة بقيمة نحو 40 ملياراً").isEmpty)
    }

    // MARK: Percentages

    @Test func percentInEveryForm() {
        for text in ["ارتفع التضخم 10 في المائة", "ارتفع التضخم 10 في المئة", "ارتفع التضخم 10 بالمائة",
                     "ارتفع التضخم 10 بالمئة", "ارتفع التضخم 10%", "ارتفع التضخم 10 %", "ارتفع التضخم ١٠٪", "ارتفع التضخم %10"] {
            let q = only(text)
            #expect(q?.kind == .percent, "\(text)")
            #expect(q?.value == 10, "\(text)")
            #expect(q?.unit == nil, "\(text)")
        }
        #expect(only("نما الاقتصاد بنسبة ثلاثة في المائة")?.value == 3)
    }

    @Test func rangeSharesThePercentSign() {
        let found = quantities("يتوقع نمواً بين 3 و4 في المائة")
        #expect(found.map(\.value) == [3, 4])
        #expect(found.allSatisfy { $0.kind == .percent })
        #expect(found.map(\.text) == ["3", "4 في المائة"])
    }

    @Test func rangeSharesTheScaleAndTheCurrency() {
        let found = quantities("تتراوح الكلفة بين 3 و4 ملايين دولار")
        #expect(found.map(\.value) == [3_000_000, 4_000_000])
        #expect(found.map(\.unit) == ["USD", "USD"])
    }

    // MARK: Measures

    @Test func measuresWithUnitSymbols() {
        let cases: [(String, Double, String)] = [
            ("ينقل الخط 4.5 مليار متر مكعب من الغاز", 4_500_000_000, "m3"), ("ينتج الحقل 200 ألف برميل يومياً", 200_000, "barrel"),
            ("صدرت 3 ملايين طن من الحبوب", 3_000_000, "t"), ("يمتد الجدار 40 كيلومتراً", 40, "km"), ("على بعد 12 كلم من الحدود", 12, "km"),
            ("أحرقت النيران 300 هكتار", 300, "ha"), ("تنتج المحطة 500 ميغاواط", 500, "MW"), ("قطع 20 ميلاً", 20, "mi"),
        ]
        for (text, value, unit) in cases {
            let q = only(text)
            #expect(q?.kind == .measure, "\(text)")
            #expect(q?.value == value, "\(text)")
            #expect(q?.unit == unit, "\(text)")
        }
    }

    // MARK: Ages

    @Test func agesAfterCues() {
        #expect(only("توفي الرجل البالغ 52 عاماً في المستشفى") == Quantity(text: "52 عاماً", value: 52, unit: "year", kind: .age))
        #expect(only("اعتقلت فتاة تبلغ من العمر 17 عاماً")?.kind == .age)
        #expect(only("أصيب طفل يبلغ سبع سنوات")?.kind == .age)
        #expect(only("أصيبت امرأة عمرها 60 سنة")?.kind == .age)
    }

    @Test func ageAfterCuesWithWordsBetween() {
        #expect(only("توفي عن عمر يناهز 80 عاماً")?.kind == .age)
        #expect(quantities("تتراوح أعمارهن بين 15 و60 عاماً").map(\.kind) == [.age, .age])
    }

    @Test func ageInBrackets() {
        #expect(only("قال المزارع سليم (45 عاماً) إن الأرض جفت")?.kind == .age)
    }

    @Test func twoAgesJoinedByWaw() {
        let found = quantities("أصيب شقيقان يبلغان من العمر 8 و10 أعوام")
        #expect(found.map(\.value) == [8, 10])
        #expect(found.allSatisfy { $0.kind == .age && $0.unit == "year" })
    }

    @Test func yearsWithoutAgeCueAreADuration() {
        #expect(only("تستمر المدة المقررة 10 سنوات") == Quantity(text: "10 سنوات", value: 10, unit: "year", kind: .duration))
        #expect(only("تبلغ مدة العقد 10 سنوات")?.kind == .duration)
    }

    // MARK: Durations

    @Test func durationsInEachUnit() {
        let cases: [(String, Double, String)] = [
            ("استمر الحصار 10 أشهر", 10, "month"), ("سافر منذ ست سنوات", 6, "year"), ("توقف العمل ثلاثة أيام", 3, "day"),
            ("بقي هناك أسبوعاً ثم خمسة أسابيع", 5, "week"), ("انقطع التيار 48 ساعة", 48, "hour"), ("تأخرت الرحلة 45 دقيقة", 45, "minute"),
        ]
        for (text, value, unit) in cases {
            let q = only(text)
            #expect(q?.kind == .duration, "\(text)")
            #expect(q?.value == value, "\(text)")
            #expect(q?.unit == unit, "\(text)")
        }
    }

    @Test func dualDurationWithoutNumber() {
        #expect(only("أُغلق المعبر لمدة يومين") == Quantity(text: "يومين", value: 2, unit: "day", kind: .duration))
        #expect(only("غادر البلاد قبل عامين")?.unit == "year")
    }

    // MARK: Counts

    @Test func countsWithTheCountedNoun() {
        #expect(only("قتل تسعة قتلى في الهجوم")?.unit == "قتلى")
        #expect(only("نقل 10 أشخاص إلى المستشفى") == Quantity(text: "10 أشخاص", value: 10, unit: "أشخاص", kind: .count))
        #expect(only("كرمت المدرسة ثلاث طالبات")?.unit == "طالبات")
    }

    @Test func accusativeNounOfElevenToNinetyNineLosesItsAlef() {
        #expect(only("سقط 15 قتيلاً في القصف")?.unit == "قتيل")
        #expect(only("شارك عشرون لاعبا")?.unit == "لاعب")
    }

    @Test func accusativeNounAfterAHundredAndMore() {
        #expect(only("أصيب 167 مواطناً بجروح")?.unit == "مواطن")
        #expect(only("أصيب 167 مواطنا بجروح")?.unit == "مواطن")
        #expect(only("أصيب 105 مواطنين بجروح")?.unit == "مواطنين")
    }

    @Test func scaledCounts() {
        #expect(only("نزح ثلاثة ملايين لاجئ")?.value == 3_000_000)
    }

    @Test func wordsThatAreNotCountedNouns() {
        #expect(quantities("بدأ الاجتماع عند الساعة 10 صباحاً").isEmpty)
        #expect(quantities("قتل 5 وأصيب آخرون").isEmpty)
        #expect(quantities("جاء 3 من الوزراء").isEmpty)
        #expect(quantities("نص القرار 2254 على وقف النار").isEmpty)
        #expect(quantities("التقى أحد المسؤولين بوفد").isEmpty)
        #expect(only("عين 4 وزراء جدد")?.unit == "وزراء")
        #expect(quantities("قتل نحو 30 شخصاً منهم 13 يشتبه بأنهم مهاجمون").map(\.unit) == ["شخص"])
        #expect(only("استقبل 40 يهودياً")?.unit == "يهودي")
        #expect(quantities("بدأ البث الساعة 10:30 غرينتش").isEmpty)
        #expect(quantities("هنأه قائلاً ألف مبروك").isEmpty)
    }

    // MARK: Years and dates are not quantities

    @Test func yearsAreNotQuantities() {
        #expect(quantities("وقعت الحادثة عام 2025 في العاصمة").isEmpty)
        #expect(quantities("بدأت الأزمة منذ 2014 وما زالت").isEmpty)
        #expect(quantities("انعقدت القمة في 2019 بحضور الزعماء").isEmpty)
        #expect(quantities("ولد في 1447 هـ").isEmpty)
        #expect(quantities("وصل الوفد في 15 أغسطس 2025 إلى المطار").isEmpty)
        #expect(quantities("يبدأ العمل في 2025 مشروعات جديدة").isEmpty)
        #expect(quantities("في 11/2/2026 و2026-02-11 و11.02.2026").isEmpty)
    }

    @Test func yearNumberWithACurrencyIsMoney() {
        #expect(only("دفع 2000 دولار")?.value == 2_000)
    }

    // MARK: The article

    @Test func analyzeReadsTitleAndParagraphsOnce() {
        var article = Article(role: .main, title: "بريطانيا تتعهد بـ205 ملايين دولار",
                              paragraphs: ["قالت لندن إنها خصصت 205 ملايين دولار.", "وقتل 3 جنود."])
        extractor.analyze(&article)
        #expect(article.quantities.map(\.text) == ["205 ملايين دولار", "3 جنود"])
    }

    @Test func emptyAndNonArabicInput() {
        #expect(quantities("").isEmpty)
        #expect(quantities("The price rose 10 percent to $5 million.").map(\.unit) == ["USD"])
    }

    // MARK: The seed page

    @Test func seedPageMoneyAmounts() throws {
        let path = "/work/shared/corpus/pages/000_ecd5386201b8d277.txt"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        let money = extractor.matches(in: lines).map(\.quantity).filter { $0.kind == .money }
        let pairs = Set(money.map { "\(Int64($0.value)) \($0.unit ?? "-")" })
        #expect(pairs.contains("150000000 GBP"))
        #expect(pairs.contains("205000000 USD"))
        #expect(pairs.contains("90000000000 EUR"))
        #expect(money.allSatisfy { $0.unit != nil })
        // «ﺑ205 ملايين دولار» in a title and the bracketed conversion both give 205 million dollars.
        #expect(money.filter { $0.value == 205_000_000 && $0.unit == "USD" }.count >= 2)
        #expect(money.allSatisfy { !$0.text.hasPrefix("ب") && !$0.text.hasPrefix("ﺑ") })
    }
}
