import ArabicText
import Foundation
@testable import NewsAnalysis
import NewsModel
import Testing

/// One test per attribution rule, on sentences composed for the tests.
/// The quotes of an article made of `paragraphs` (titled "عنوان"), with the entities a tagger would
/// have found: these people, places and bodies, each named once.
func quotes(_ paragraphs: [String], people: [String] = [], places: [String] = [], bodies: [String] = []) -> [Quote] {
    var article = Article(role: .main, title: "عنوان", paragraphs: paragraphs)
    article.entities = people.map { Entity(name: $0, type: .person, mentions: [$0], count: 1) }
        + places.map { Entity(name: $0, type: .location, mentions: [$0], count: 1) }
        + bodies.map { Entity(name: $0, type: .organization, mentions: [$0], count: 1) }
    return QuoteExtractor().quotes(in: article)
}

/// The quotes of a one-paragraph article.
func quotes(_ paragraph: String) -> [Quote] { quotes([paragraph]) }

@Suite struct QuoteTests {
    func quotes(_ paragraphs: [String], title: String = "عنوان الخبر") -> [Quote] {
        QuoteExtractor().quotes(in: Article(role: .main, title: title, paragraphs: paragraphs))
    }

    func direct(_ paragraphs: [String]) -> [Quote] { quotes(paragraphs).filter { $0.kind == .direct } }

    @Test func cueWithColonAndNamedSpeakerResolvesToTheFullestName() {
        let found = direct([
            "استقبل الرئيس الفرنسي إيمانويل ماكرون نظيره الكيني في باريس.",
            "وقال ماكرون: «نريد شراكة متوازنة تقوم على الاستثمار لا على المساعدات».",
        ])
        #expect(found.count == 1)
        #expect(found[0].speaker == "إيمانويل ماكرون")
        #expect(found[0].mention == "ماكرون")
        #expect(found[0].cue == "وقال")
        #expect(found[0].paragraph == 1)
        #expect(found[0].text == "نريد شراكة متوازنة تقوم على الاستثمار لا على المساعدات")
    }

    @Test func pronounContinuationKeepsTheLastSpeaker() {
        let found = direct([
            "وأكدت وزيرة الخارجية الألمانية أنالينا بيربوك أن المحادثات كانت صريحة.",
            "وأضافت: «لن نقبل بأي حل يفرض بالقوة على الشعب الأوكراني».",
            "وتابعت أن «الطريق إلى السلام يمر عبر الحوار وحده»، مضيفة أن بلادها «مستعدة للوساطة».",
        ])
        #expect(found.map(\.speaker) == Array(repeating: "أنالينا بيربوك", count: 3))
        #expect(found.map(\.cue) == ["وأضافت", "وتابعت", "مضيفة"])
    }

    @Test func roleNounResolvesToThePersonItNames() {
        let found = direct([
            "التقى الرئيس التركي رجب طيب أردوغان رئيس الوزراء العراقي في أنقرة.",
            "وأشار الرئيس التركي إلى «فرص كبيرة في مشروع طريق التنمية الذي يربط الخليج بأوروبا».",
        ])
        #expect(found.first?.speaker == "رجب طيب أردوغان")
        #expect(found.first?.mention == "الرئيس التركي")
    }

    @Test func bodiesSpeakToo() {
        let found = quotes(["قالت وزارة الخزانة الأميركية، الثلاثاء، إن العقوبات الجديدة تستهدف شبكات تهريب النفط في المنطقة."])
        #expect(found.count == 1)
        #expect(found[0].kind == .indirect)
        #expect(found[0].speaker == "وزارة الخزانة الأميركية")
        #expect(found[0].text == "العقوبات الجديدة تستهدف شبكات تهريب النفط في المنطقة")
    }

    @Test func namesInGuillemetsAreNotQuotes() {
        let found = direct([
            "أعلنت شركة «أرامكو» توقيع اتفاق مع «بتروناس» الماليزية خلال مؤتمر «أديبك» في أبوظبي.",
            "ووفقاً لـ«وكالة الأنباء السعودية»، تبلغ قيمة الاتفاق مليار دولار ضمن برنامج «شريك».",
            "وانتشر الخبر عبر «تلغرام» و«إكس» بسرعة، ونقلته صحيفة «الشرق الأوسط».",
        ])
        #expect(found.isEmpty)
    }

    @Test func quoteThenCueAfterIt() {
        let found = direct(["«سنواصل خفض أسعار الفائدة حتى يستقر التضخم عند المستهدف»، قال محافظ البنك المركزي طارق حسن."])
        #expect(found.count == 1)
        #expect(found[0].speaker == "طارق حسن")
    }

    @Test func quoteContinuesAcrossParagraphs() {
        let found = direct([
            "وقال وزير الصحة خالد عبد الله: «لقد وضعنا خطة لثلاث سنوات تبدأ بتحديث المستشفيات الحكومية،",
            "«ثم ننتقل إلى المراكز الصحية في القرى، وهذا وعد نلتزم به».",
        ])
        #expect(found.count == 1)
        #expect(found[0].text.contains("المستشفيات الحكومية"))
        #expect(found[0].text.contains("المراكز الصحية"))
        #expect(found[0].paragraph == 0)
    }

    @Test func straightAndCurlyQuotes() {
        let found = direct([
            "وقال المدرب سامي الجابر \"اللاعبون قدموا مباراة كبيرة رغم الإرهاق\".",
            "وأضاف “سنعود أقوى في مباراة الإياب الأسبوع المقبل”.",
        ])
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.speaker == "سامي الجابر" })
    }

    @Test func indirectSpeechWithAClauseCue() {
        let found = quotes(["أعلن الاتحاد الأفريقي، أمس، إرسال بعثة لمراقبة الانتخابات في ثلاث دول خلال العام المقبل."])
        #expect(found.first?.kind == .indirect)
        #expect(found.first?.speaker == "الاتحاد الأفريقي")
        #expect(found.first?.text.hasPrefix("إرسال بعثة") == true)
    }

    @Test func sourceCueDoesNotMakeANameAQuote() {
        let found = direct(["ارتفعت الصادرات 12 في المائة، وفق بيانات أصدرها «الجهاز المركزي للإحصاء» الأحد."])
        #expect(found.isEmpty)
    }

    @Test func unbalancedAndNestedMarksStayBounded() {
        let never = direct(["وقال الوزير: «هذا النص لا يغلق أبداً ويستمر حتى نهاية الفقرة دون علامة إغلاق"])
        #expect(never.count == 1)
        let nested = String(repeating: "«", count: 10_000) + "كلمة" + String(repeating: "»", count: 10_000)
        let start = Date()
        _ = quotes(["وقال الوزير: " + nested, String(repeating: "» «", count: 5_000)])
        #expect(Date().timeIntervalSince(start) < 20)
        _ = quotes([String(repeating: "وقال وأضاف ", count: 2_000)])
    }
}

/// The seed page: every direct quote with its right speaker, no quoted name as a quote. Its text is
/// read from ../shared at run time; only the speakers' names appear here.
enum SeedPagePath {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/pages/000_ecd5386201b8d277.txt").path
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: SeedPagePath.path), "../shared/corpus is absent"))
struct SeedQuotes {
    static let path = SeedPagePath.path

    /// The page's articles, split at the lines the extractor finds (kept simple here: blank-line blocks
    /// would do, but the test reuses the paragraph lines of each full article by their first line number).
    static func article(lines: ClosedRange<Int>, title: Int) throws -> Article {
        let all = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let paragraphs = all[(lines.lowerBound - 1)...(lines.upperBound - 1)].map {
            Normalizer.display.normalize($0).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && !$0.hasSuffix(")") }
        return Article(role: .main, title: all[title - 1], paragraphs: paragraphs)
    }

    @Test func mainArticleQuotesAreBySpeakersOfTheSummit() throws {
        let quotes = QuoteExtractor().quotes(in: try Self.article(lines: 14...29, title: 1)).filter { $0.kind == .direct }
        #expect(quotes.count == 17)
        #expect(Set(quotes.compactMap(\.speaker)) == ["فلاديمير بوتين", "ألكسندر لوكاشينكو"])
        #expect(quotes.allSatisfy { $0.speaker != nil })
        #expect(quotes.prefix(8).allSatisfy { $0.speaker == "فلاديمير بوتين" })
        #expect(quotes.dropFirst(8).allSatisfy { $0.speaker == "ألكسندر لوكاشينكو" })
    }

    @Test func appendedArticlesQuoteTheirOwnSpeakersAndNoNames() throws {
        let canada = QuoteExtractor().quotes(in: try Self.article(lines: 81...93, title: 72)).filter { $0.kind == .direct }
        #expect(canada.map(\.speaker) == ["دواين ماكدونالد", "دواين ماكدونالد", "مارك كارني"])
        let nato = QuoteExtractor().quotes(in: try Self.article(lines: 109...111, title: 98)).filter { $0.kind == .direct }
        #expect(nato.map(\.speaker) == ["أليكسوس غرينكويتش"])
        let oil = QuoteExtractor().quotes(in: try Self.article(lines: 122...138, title: 114)).filter { $0.kind == .direct }
        #expect(oil.map(\.speaker) == ["دميتري بيسكوف"])
    }
}

/// "قال X، ROLE، إن …": the role between commas does not hide the reported clause.
@Suite struct AppositiveTests {
    @Test func aRoleBetweenCommasLeadsToTheClause() {
        let found = quotes("وقال سامر النجار، وزير التعليم في البلاد، إن المدارس ستفتح أبوابها الأسبوع المقبل.")
        #expect(found.count == 1)
        #expect(found.first?.kind == .indirect)
        #expect(found.first?.speaker == "سامر النجار")
        #expect(found.first?.text.hasPrefix("المدارس ستفتح أبوابها") == true)
    }

    /// A phrase between the subject and the complementizer: "قال في خطاب أمام أنصاره أمس إنه …".
    @Test func aPhraseBeforeTheComplementizerLeadsToTheClause() {
        let found = quotes("وقال سامر النجار في خطاب أمام أنصاره أمس إن الحكومة ستستقيل قريباً.").filter { $0.kind == .indirect }
        #expect(found.first?.text.hasPrefix("الحكومة ستستقيل") == true)
        #expect(found.first?.speaker == "سامر النجار")
        // A quote mark or the sentence's end comes first: no clause is taken across it.
        #expect(quotes("وقال سامر النجار في خطاب أمام أنصاره. إن الحكومة ستستقيل قريباً.").filter { $0.kind == .indirect }.isEmpty)
    }

    /// Subject before verb: the speaker is written before the cue ("وكانت وزارة المالية قد أعلنت أن").
    @Test func aSubjectBeforeTheCueIsTheSpeaker() {
        let found = quotes("وكانت وزارة المالية قد أعلنت أن الموازنة ستقر الشهر المقبل.").filter { $0.kind == .indirect }
        #expect(found.first?.speaker == "وزارة المالية")
        // A cue that opens its sentence has no subject before it: the article's last speaker speaks.
        let two = QuoteExtractor().quotes(in: Article(role: .main, title: "عنوان", paragraphs: [
            "وقال سامر النجار إن المدارس ستفتح أبوابها الأسبوع المقبل.", "وأضاف أن الكتب وصلت إلى المحافظات كلها.",
        ]))
        #expect(two.map(\.speaker) == ["سامر النجار", "سامر النجار"])
    }

    /// A sentence that ends, or a second verb, before any comma and complementizer: no clause.
    @Test func noComplementizerAfterTheCommaIsNoClause() {
        #expect(quotes("وقال سامر النجار، وزير التعليم في البلاد. المدارس ستفتح أبوابها الأسبوع المقبل.").filter { $0.kind == .indirect }.isEmpty)
        #expect(quotes("وقال سامر النجار، وزير التعليم، وهو يزور المدرسة الجديدة في العاصمة.").filter { $0.kind == .indirect }.isEmpty)
    }
}

/// Bodies: a statement speaks for the body that issued it, a kind word for the one body of that kind.
@Suite struct BodyLinkingTests {
    static let bodies = [Entity(name: "البيت الأبيض", type: .organization, mentions: [], count: 1),
                         Entity(name: "حركة النهضة", type: .organization, mentions: [], count: 1)]

    func quote(_ speaker: String?) -> Quote { Quote(text: "نص", speaker: speaker, kind: .indirect, paragraph: 0) }

    @Test func aStatementSpeaksForTheBodyThatSpokeLast() {
        let linked = QuoteExtractor.linkingBodies([quote("البيت الأبيض"), quote("البيان")], to: Self.bodies)
        #expect(linked.map(\.speaker) == ["البيت الأبيض", "البيت الأبيض"])
        // No body spoke before it: the statement stays as found.
        #expect(QuoteExtractor.linkingBodies([quote("البيان")], to: Self.bodies).first?.speaker == "البيان")
    }

    @Test func aKindWordTakesTheOneBodyOfThatKind() {
        #expect(QuoteExtractor.linkingBodies([quote("الحركة")], to: Self.bodies).first?.speaker == "حركة النهضة")
        let two = Self.bodies + [Entity(name: "حركة الشعب", type: .organization, mentions: [], count: 1)]
        #expect(QuoteExtractor.linkingBodies([quote("الحركة")], to: two).first?.speaker == "الحركة")
    }
}

@Suite struct SpeakerLinkingTests {
    static let paragraph = "وقال رئيس البلدية حسان العلي: «أجلينا مئات العائلات إلى مراكز الإيواء»، مضيفاً أن العمل مستمر."

    @Test func aSpeakerCutAtANisbaLikeFamilyNameTakesTheTaggedPersonName() {
        let quote = Quote(text: "أجلينا مئات العائلات إلى مراكز الإيواء", speaker: "حسان", mention: "حسان", cue: "قال", kind: .direct, paragraph: 0)
        let article = Article(role: .main, title: "سيول", paragraphs: [Self.paragraph])
        let people = [Entity(name: "حسان العلي", type: .person, mentions: ["حسان العلي"], count: 1)]
        let linked = QuoteExtractor.linkingSpeakers([quote], to: people, in: article)
        #expect(linked.first?.speaker == "حسان العلي")
        #expect(linked.first?.mention == "حسان")
    }

    static func quote(by speaker: String) -> Quote {
        Quote(text: "سنواصل العمل", speaker: speaker, mention: speaker, cue: "قال", kind: .direct, paragraph: 0)
    }

    /// A family name alone, or a form the tagger linked to the person, takes the full name.
    @Test func aShorterFormOfOnePersonTakesTheFullName() {
        let article = Article(role: .main, title: "t", paragraphs: ["قال البرصاوي: «سنواصل العمل»."])
        let people = [Entity(name: "مهدي البرصاوي", type: .person, mentions: ["مهدي البرصاوي", "البرصاوي"], count: 2),
                      Entity(name: "سامي النجار", type: .person, mentions: ["النجار", "أبو سامي"], count: 2)]
        #expect(QuoteExtractor.linkingSpeakers([Self.quote(by: "البرصاوي")], to: people, in: article).first?.speaker == "مهدي البرصاوي")
        #expect(QuoteExtractor.linkingSpeakers([Self.quote(by: "أبو سامي")], to: people, in: article).first?.speaker == "سامي النجار")
    }

    /// Two people share the family name: the form stays as it is.
    @Test func aFormTwoPeopleShareIsLeftAlone() {
        let article = Article(role: .main, title: "t", paragraphs: ["قال النجار: «سنواصل العمل»."])
        let people = [Entity(name: "سامي النجار", type: .person, mentions: [], count: 1),
                      Entity(name: "ليلى النجار", type: .person, mentions: [], count: 1)]
        #expect(QuoteExtractor.linkingSpeakers([Self.quote(by: "النجار")], to: people, in: article).first?.speaker == "النجار")
    }

    /// A speaker that ran on past a person's name is that person; one word more may be their family
    /// name, which the tagger left out.
    @Test func aSpeakerThatRanOnPastANameIsThePerson() {
        let article = Article(role: .main, title: "t", paragraphs: ["قال ترامب لطلاب مدرسة ثانوية: «سنواصل العمل»."])
        let people = [Entity(name: "دونالد ترامب", type: .person, mentions: ["ترامب"], count: 2),
                      Entity(name: "فاطمة الزهراء", type: .person, mentions: [], count: 1)]
        #expect(QuoteExtractor.linkingSpeakers([Self.quote(by: "ترامب لطلاب مدرسة ثانوية")], to: people, in: article).first?.speaker == "دونالد ترامب")
        #expect(QuoteExtractor.linkingSpeakers([Self.quote(by: "فاطمة الزهراء عمور")], to: people, in: article).first?.speaker == "فاطمة الزهراء عمور")
    }

    /// A first name alone takes the one person whose name opens with it, wherever the article gives
    /// it; a name of another kind, or two people sharing the first name, leave it as found.
    @Test func aFirstNameTakesTheOnePersonItOpens() {
        let quote = Quote(text: "أجلينا مئات العائلات إلى مراكز الإيواء", speaker: "حسان", mention: "حسان", cue: "قال", kind: .direct, paragraph: 0)
        let article = Article(role: .main, title: "سيول", paragraphs: [Self.paragraph])
        let khatib = Entity(name: "حسان الخطيب", type: .person, mentions: [], count: 1)
        #expect(QuoteExtractor.linkingSpeakers([quote], to: [khatib], in: article).first?.speaker == "حسان الخطيب")
        for entities in [[Entity(name: "حسان العلي", type: .organization, mentions: [], count: 1)],
                         [khatib, Entity(name: "حسان الزين", type: .person, mentions: [], count: 1)]] {
            #expect(QuoteExtractor.linkingSpeakers([quote], to: entities, in: article).first?.speaker == "حسان")
        }
    }
}

/// Quote marks inside reported speech: a clause that opens with one is direct speech, a word or a
/// phrase quoted further on is part of the indirect quote, and a quoted passage is a quote too.
@Suite struct ReportedClauseTests {
    @Test func aClauseOpenedByAQuoteIsDirectSpeech() {
        let found = quotes("وقال سامر النجار إن «المدارس ستفتح أبوابها الأسبوع المقبل في كل المحافظات».")
        #expect(found.map(\.kind) == [.direct])
        #expect(found.first?.speaker == "سامر النجار")
    }

    @Test func aQuotedPhraseInsideAClauseIsPartOfTheIndirectQuote() {
        let found = quotes("وقال سامر النجار إن المياه غمرت أحياء كثيرة من المدينة حيث لا تزال الطرق «مغلقة تماماً».")
        #expect(found.map(\.kind) == [.indirect])
        #expect(found.first?.speaker == "سامر النجار")
        #expect(found.first?.text.hasSuffix("«مغلقة تماماً»") == true)
    }

    @Test func aQuotedPassageInsideAClauseIsADirectQuoteToo() {
        let found = quotes("وقال سامر النجار إن الخطة تبرز عزم الحكومة «على بناء مدارس جديدة في كل قرى الجنوب».")
        #expect(found.map(\.kind) == [.indirect, .direct])
        #expect(found.allSatisfy { $0.speaker == "سامر النجار" })
    }
}

/// Names beside roles, and runs of words that cannot name a person.
@Suite struct SpeakerFormTests {
    /// "قال الناطق باسم الوزارة، سامر النجار، إن": the name between commas is the speaker.
    @Test func theNameBesideARoleIsTheSpeaker() {
        let found = quotes(["وقال الناطق باسم وزارة الصحة، سامر النجار، إن المستشفيات استقبلت عشرات المصابين."])
        #expect(found.first?.speaker == "سامر النجار")
        #expect(found.first?.text.hasPrefix("المستشفيات استقبلت") == true)
        // A role beside a name leaves the name the speaker.
        #expect(quotes(["وقال سامر النجار، الناطق باسم وزارة الصحة، إن المستشفيات استقبلت عشرات المصابين."]).first?.speaker == "سامر النجار")
    }

    /// Time words set off by commas may stand between the appositive and the complementizer.
    @Test func timeWordsAfterTheAppositiveLeadToTheClause() {
        let found = quotes(["وأعلن وزير الداخلية، سامر النجار، الأربعاء، أن الشرطة أوقفت المشتبه به."])
        #expect(found.first?.speaker == "سامر النجار")
        #expect(found.first?.text.hasPrefix("الشرطة أوقفت") == true)
    }

    /// A run of name words after a cue is a person only when a word of it names one of the
    /// article's people; otherwise the speaker is the one already speaking.
    @Test func wordsThatNameNoPersonAreNotASpeaker() {
        let found = quotes(["وقال سامر النجار إن المدارس ستفتح أبوابها الأسبوع المقبل.", "وأضاف ردا على سؤال أن الكتب وصلت إلى المدارس كلها."],
                           people: ["سامر النجار"])
        #expect(found.map(\.speaker) == ["سامر النجار", "سامر النجار"])
    }

    /// "وزير التعليم بمصر": ب glued to a place the article names is a preposition, not a name.
    @Test func aPrepositionGluedToAPlaceIsNoName() {
        let found = quotes(["وأكد وزير التعليم بمصر أن المدارس ستفتح أبوابها الأسبوع المقبل."], people: ["سامر النجار"], places: ["مصر"])
        #expect(found.first?.speaker != "بمصر")
        #expect(SpeakerResolver.isGluedPreposition(MatchKey("بمصر"), to: [MatchKey("مصر")]))
        #expect(!SpeakerResolver.isGluedPreposition(MatchKey("بشار"), to: [MatchKey("مصر")]))
    }
}

/// Unnamed sources and groups, agreement between a cue and the speaker it continues, and places
/// that speak.
@Suite struct SpeakerKindTests {
    /// A described source keeps its description whole, up to the clause, and not what says where it spoke.
    @Test func anUnnamedSourceKeepsItsDescription() {
        #expect(quotes(["وقالت مصادر مطلعة على مجريات القضية إن المشتبه به اعتقل في العاصمة."]).first?.speaker
                == "مصادر مطلعة على مجريات القضية")
        #expect(quotes(["وقال مسؤول عسكري رفيع لرويترز إن القوات انسحبت من المدينة بالكامل."]).first?.speaker == "مسؤول عسكري رفيع")
        #expect(quotes(["وقال بعض المشرعين في المجلس إنهم سيصوتون ضد الموازنة الجديدة."]).first?.speaker == "بعض المشرعين في المجلس")
    }

    /// A feminine cue with no subject continues the latest speaker it agrees with.
    @Test func aFeminineCueContinuesAFeminineSpeaker() {
        let found = quotes(["وقالت منظمة الصحة العالمية إن الوباء ينحسر في المنطقة.",
                            "وقال المتحدث باسم المنظمة إن الفرق الطبية وصلت إلى المدن كلها.",
                            "وأضافت أن اللقاحات ستوزع خلال الأسبوع المقبل."])
        #expect(found.map(\.speaker) == ["منظمة الصحة العالمية", "المتحدث باسم منظمة الصحة العالمية", "منظمة الصحة العالمية"])
    }

    @Test func cueFormsKnowTheirAgreement() {
        let cues = ReportingCues.standard
        #expect(cues.cue(MatchKey("قالت"))?.agreement == .feminine)
        #expect(cues.cue(MatchKey("مؤكدة"))?.agreement == .feminine)
        #expect(cues.cue(MatchKey("تقول"))?.agreement == .feminine)
        #expect(cues.cue(MatchKey("قالوا"))?.agreement == .plural)
        #expect(cues.cue(MatchKey("قال"))?.agreement == .unmarked)
    }

    /// Each speaker says what it is, and names the article's entity it is.
    @Test func speakersHaveAKindAndAnEntity() {
        var article = Article(role: .main, title: "عنوان", paragraphs: [
            "وقال سامر النجار إن المدارس ستفتح أبوابها الأسبوع المقبل.",
            "وقالت وزارة التعليم إن الكتب وصلت إلى المدارس كلها.",
            "وقال مصدر دبلوماسي رفيع إن المفاوضات ستستأنف قريبا.",
            "وقال ناشطون إن الاحتجاجات ستتواصل حتى نهاية الشهر.",
        ])
        article.entities = [Entity(name: "سامر النجار", type: .person, mentions: ["سامر النجار", "النجار"], count: 2),
                            Entity(name: "وزارة التعليم", type: .organization, mentions: ["وزارة التعليم"], count: 1)]
        QuoteExtractor().analyze(&article)
        #expect(article.quotes.map(\.speakerKind) == [.person, .organization, .anonymous, .group])
        #expect(article.quotes.map(\.speakerEntity) == ["سامر النجار", "وزارة التعليم", nil, nil])
        let json = DocumentJSON.string(DocumentJSON.value(article), pretty: false)
        #expect(json.contains(#""speakerKind":"anonymous""#) && json.contains(#""speakerEntity":"وزارة التعليم""#))
    }

    /// Definite words that name no body are no speaker: the speaker already speaking goes on.
    @Test func definiteWordsThatNameNoBodyAreNoSpeaker() {
        let found = quotes(["وقالت وزارة الداخلية إن الانتخابات جرت في موعدها.", "وأكدت النتائج الرسمية أن الإقبال كان ضعيفا في المدن كلها."],
                           places: ["وزارة الداخلية"])
        #expect(found.map(\.speaker) == ["وزارة الداخلية", "وزارة الداخلية"])
    }

    /// A place the article names speaks for itself; the tagger's people are not required of it.
    @Test func aPlaceSpeaks() {
        let found = quotes(["وقالت روسيا إن العقوبات الجديدة لن تغير موقفها من الأزمة."], people: ["سامر النجار"], places: ["روسيا"])
        #expect(found.first?.speaker == "روسيا")
    }
}

/// Speakers cut to a name the article gives in full.
@Suite struct SpeakerCompletionTests {
    @Test func aBodyOrPlaceCutToItsFirstWordTakesTheOneNameItOpens() {
        let quote = Quote(text: "سيطرنا على المدينة", speaker: "الجيش", mention: "الجيش", cue: "قال", kind: .indirect, paragraph: 0)
        let army = Entity(name: "الجيش السوري", type: .organization, mentions: ["الجيش السوري"], count: 1)
        #expect(QuoteExtractor.linkingBodies([quote], to: [army]).first?.speaker == "الجيش السوري")
        let two = [army, Entity(name: "الجيش الإسرائيلي", type: .organization, mentions: [], count: 1)]
        #expect(QuoteExtractor.linkingBodies([quote], to: two).first?.speaker == "الجيش")
    }

    /// Words before the person's name and an addressee glued to ل after it are not the speaker.
    @Test func aNameRunIsCutToThePerson() {
        var article = Article(role: .main, title: "عنوان", paragraphs: [
            "وقال رامي حداد لبي بي سي إن الشركة ستراجع سياستها.",
        ])
        article.entities = [Entity(name: "رامي حداد", type: .person, mentions: ["رامي حداد"], count: 1)]
        #expect(QuoteExtractor().quotes(in: article).first?.speaker == "رامي حداد")
    }

    /// A title is not part of a person's name.
    @Test func aPersonsNameLeavesTheTitleOut() throws {
        let mentions = try EntityRecognizer.bundled().mentions(in: "استقبل الأمير محمد بن سلمان الوفد في الرياض.")
        #expect(mentions.contains { $0.kind == .person && $0.text == "محمد بن سلمان" })
    }
}

/// Content that is not a clause after أن, and speakers named by a family name alone.
@Suite struct ContentTests {
    /// "مشدداً على أهمية …": the object of على or إلى is what was said.
    @Test func theObjectOfAPrepositionIsTheContent() {
        let found = quotes(["وقال سامر النجار إن المدارس ستفتح أبوابها الأسبوع المقبل، مشدداً على أهمية العودة المنتظمة إلى الدروس."])
        #expect(found.map(\.kind) == [.indirect, .indirect])
        #expect(found.last?.text.hasPrefix("أهمية العودة") == true)
        #expect(found.last?.speaker == "سامر النجار")
        // Not after قال: "قال على هامش المؤتمر" says where.
        #expect(quotes(["وقال سامر النجار على هامش المؤتمر الدولي للتعليم في العاصمة."]).isEmpty)
    }

    /// A family name with the article, alone, is the person the article gives in full.
    @Test func aDefiniteFamilyNameIsThePerson() {
        let found = quotes(["وقال الوزير سامر النجار إن المدارس ستفتح أبوابها.", "وقال النجار إن الكتب وصلت إلى المدارس كلها."],
                           people: ["سامر النجار"])
        #expect(found.map(\.speaker) == ["سامر النجار", "سامر النجار"])
    }

    @Test func claimsAreReportedSpeech() {
        #expect(quotes(["وزعم سامر النجار أن الوثائق سُرقت من مكتبه الأسبوع الماضي."]).first?.speaker == "سامر النجار")
    }
}

/// Words passed on, sources that lead to a clause, and statements that name their body.
@Suite struct PassedOnTests {
    /// "نقلت الصحيفة عن الوزير قوله": the one quoted follows عن.
    @Test func theOneQuotedFollowsAn() {
        let found = quotes(["ونقلت الصحيفة عن وزيرة الخارجية ليلى حداد قولها: «سنفتح السفارة من جديد قبل نهاية الشهر المقبل»."])
        #expect(found.first?.kind == .direct)
        #expect(found.first?.speaker == "ليلى حداد")
    }

    /// "وبحسب X فإن «…»": a source that leads to a clause governs the quote after it.
    @Test func aSourceThatLeadsToAClauseGovernsIt() {
        let found = quotes(["وبحسب الباحث سامر النجار فإن «هذه الأدوية ستغير طريقة علاج المرضى في العقد المقبل»."])
        #expect(found.first?.speaker == "سامر النجار")
    }

    /// "بيان الإليزيه", "تقرير للبيت الأبيض": the statement speaks for the body it names.
    @Test func aStatementSpeaksForTheBodyItNames() {
        #expect(quotes(["وقال بيان الإليزيه إن الرئيس عبر عن قناعته بأهمية الحوار."]).first?.speaker == "الإليزيه")
        #expect(quotes(["وأفاد تقرير للبيت الأبيض بأن القرصنة كلفت الاقتصاد مليارات الدولارات."]).first?.speaker == "البيت الأبيض")
        #expect(quotes(["وذكر بلاغ لوزارة الدفاع أن التدريبات ستستمر أسبوعاً كاملاً."]).first?.speaker == "وزارة الدفاع")
    }

    @Test func writingIsReportedSpeech() {
        #expect(quotes(["وكتب سامر النجار على حسابه: «سنواصل العمل حتى تحقيق جميع الأهداف المعلنة»."]).first?.speaker == "سامر النجار")
    }
}

/// People described, not named: a role with what places it, an occupation, two sides.
@Suite struct DescribedSpeakerTests {
    @Test func aRoleNoNameGoesWithKeepsWhatPlacesIt() {
        #expect(quotes(["وقال متحدث باسم الحرس المدني في منطقة الساحل إن القارب غرق قبالة الشاطئ."]).first?.speaker
                == "متحدث باسم الحرس المدني في منطقة الساحل")
        // What says where the words were said is left out.
        #expect(quotes(["وقال وزير العمل في تصريح صحافي إن البطالة تراجعت هذا العام."]).first?.speaker == "وزير العمل")
    }

    @Test func anOccupationDescribesTheSpeaker() {
        let found = quotes(["قال لي مزارع مسن في إحدى القرى قبل سنوات: «كان الماء يجري على عمق عشرين متراً فقط»."])
        #expect(found.first?.speaker == "مزارع مسن في إحدى القرى")
        #expect(found.first?.speakerKind == .anonymous)
    }

    @Test func twoSidesSpeakTogether() {
        let found = quotes(["في خطوة وصفها الجانبان بأنها «حجر زاوية» لشراكة طويلة."], places: ["المغرب"])
        #expect(found.first?.speaker == "الجانبان")
        #expect(found.first?.speakerKind == .group)
    }

    /// A quote that opens after a word of lead-in and closes at a comma is the clause's content.
    @Test func aQuoteClosedByACommaIsTheClause() {
        let found = quotes(["وأكد سامر النجار أن الرباط «ماضية في تنويع شراكاتها الطاقية»، مشيراً إلى أهمية الربط."])
        #expect(found.first?.kind == .direct)
        #expect(found.first?.text == "ماضية في تنويع شراكاتها الطاقية")
    }
}

/// و is read off a word only when what follows is a word the article writes or a person's name.
@Suite struct ConjunctionTests {
    @Test func aWordThatStartsWithWawKeepsIt() {
        let article = Article(role: .main, title: "عنوان", paragraphs: [
            "وأكد وزير الخارجية وليد حداد أن الاجتماع سيعقد الشهر المقبل.",
            "وقال حداد إن جدول الأعمال أُعد بالكامل.",
        ])
        let found = QuoteExtractor().quotes(in: article)
        #expect(found.map(\.speaker) == ["وليد حداد", "وليد حداد"])
    }

    @Test func theConjunctionComesOffBeforeAName() {
        let resolver = SpeakerResolver(article: Article(role: .main, title: "t", paragraphs: ["التقى سانشيز وأخنوش في الرباط. وقال أخنوش إن اللقاء مثمر."]),
                                       paragraphs: [QuoteText("التقى سانشيز وأخنوش في الرباط. وقال أخنوش إن اللقاء مثمر.")], cues: .standard)
        #expect(resolver.hasConjunction(MatchKey("وأخنوش")))
        #expect(!resolver.hasConjunction(MatchKey("وزراء")))
        #expect(!resolver.hasConjunction(MatchKey("وليد")))
    }
}

/// One voice over many paragraphs.
@Suite struct VoiceTests {
    @Test func paragraphsThatOpenWithAQuoteGoOnWithTheVoiceBefore() {
        let article = Article(role: .main, title: "عنوان", paragraphs: [
            "وقال الخبير الاقتصادي سامي النجار: «الأسعار سترتفع في الربع المقبل بسبب كلفة الطاقة».",
            "«والحكومة مطالبة بخطة واضحة لحماية الأسر محدودة الدخل من موجة الغلاء».",
            "«ولا أرى حلاً سريعاً قبل نهاية العام المقبل في ظل هذه الظروف».",
            "وفي سياق آخر، افتتحت البلدية حديقة جديدة وسط المدينة.",
            "«هذا المشروع تأخر سنوات طويلة بسبب نقص التمويل والإجراءات».",
        ])
        let found = QuoteExtractor().quotes(in: article)
        #expect(found.prefix(3).allSatisfy { $0.speaker == "سامي النجار" })
        // A paragraph in between that quotes no one ends the voice.
        #expect(found.count == 4 && found[3].speaker == nil)
    }
}

/// Where an article introduces a person's full name.
@Suite struct IntroductionTests {
    @Test func relativePronounsAreNoNisbas() {
        #expect(!SpeakerResolver.isNisba(MatchKey("الذي")))
        #expect(!SpeakerResolver.isNisba(MatchKey("التي")))
        #expect(SpeakerResolver.isNisba(MatchKey("الروسي")))
    }

    /// "النحات، سامر النجار،": a name set off by commas after a title is introduced there; a clause
    /// ("الذي صممه النجار") introduces no one.
    @Test func aNameAfterATitleAndACommaIsIntroduced() {
        var article = Article(role: .main, title: "عنوان", paragraphs: [
            "كشف النحات، سامر النجار، عن عمل جديد في المعرض.",
            "وسيبقى النموذج الأول، الذي صممه النجار في أسبوعين، معروضاً في القاعة.",
            "وقال النجار إن العمل استغرق شهراً كاملاً.",
        ])
        // The tagger kept the family name apart: only the article's text can complete it.
        article.entities = [Entity(name: "النجار", type: .person, mentions: ["النجار"], count: 2)]
        #expect(QuoteExtractor().quotes(in: article).last?.speaker == "سامر النجار")
    }
}

/// More ways content follows a cue.
@Suite struct MoreContentTests {
    /// "محذراً من …": the object of من is the warning.
    @Test func aWarningsContentFollowsMin() {
        let found = quotes(["وقال سامر النجار إن الأسعار سترتفع قريباً، محذراً من موجة غلاء تطال السلع الأساسية كلها."])
        #expect(found.last?.text.hasPrefix("موجة غلاء") == true)
    }

    /// "نفت X استخدامها …": a denial's content may be a noun, not a clause.
    @Test func aDenialsContentMayBeANoun() {
        let found = quotes(["ونفت وزارة الصحة استخدامها أي مواد محظورة في حملة التطعيم الأخيرة."])
        #expect(found.first?.speaker == "وزارة الصحة")
        #expect(found.first?.text.hasPrefix("استخدامها أي مواد") == true)
    }

    /// Words after the cue that name no one leave the subject written before it.
    @Test func theSubjectBeforeTheCueWhenTheWordsAfterNameNoOne() {
        let found = quotes(["وكانت وزارة المالية قد أعلنت فيه أن الموازنة ستقر الشهر المقبل."])
        #expect(found.first?.speaker == "وزارة المالية")
    }
}

/// Names after kind words, and titles that name the person the article introduced with them.
@Suite struct TitleAndKindTests {
    @Test func aCompanySpeaksByItsName() {
        #expect(quotes(["وقالت شركة فيسبوك إن خدمتها الجديدة ستطلق في الربيع المقبل."]).first?.speaker == "فيسبوك")
        #expect(quotes(["وذكرت صحيفة «وول ستريت جورنال» أن المفاوضات توقفت مساء أمس."]).first?.speaker == "وول ستريت جورنال")
        // A body's name after the kind word is kept whole.
        #expect(quotes(["وقالت شركة النفط الوطنية إن الإنتاج ارتفع هذا الشهر."]).first?.speaker == "شركة النفط الوطنية")
    }

    @Test func aTitleAloneNamesThePersonItIntroduced() {
        let found = quotes(["أعلن وزير النقل الكندي سامر النجار نيته تقديم خطة جديدة.",
                            "وقال الوزير للصحافيين إن الخطة تشمل خطوط قطارات جديدة."], people: ["سامر النجار"])
        #expect(found.last?.speaker == "سامر النجار")
    }
}

/// Appositives of more than one part, or closed by the complementizer alone.
@Suite struct LongAppositiveTests {
    @Test func anAppositiveOfTwoParts() {
        let found = quotes("وأكدت ليلى حداد، شقيقة الوزير، سامر النجار، أنها ستترشح للانتخابات البلدية المقبلة.")
        #expect(found.first?.speaker == "ليلى حداد")
        #expect(found.first?.text.hasPrefix("ستترشح للانتخابات") == true)
    }

    @Test func anAppositiveClosedByTheComplementizer() {
        let found = quotes("وقال سامر النجار، المحلل السياسي ومقدم برنامج على شبكة محلية إن الحكومة ستسقط قريباً.")
        #expect(found.first?.speaker == "سامر النجار")
        #expect(found.first?.text.hasPrefix("الحكومة ستسقط") == true)
    }

    @Test func timeWordsThenIlaLeadToTheClause() {
        let found = quotes("وأشار الرئيس، سامر النجار، السبت، إلى أن المعرض سيفتتح بعد أسبوعين.")
        #expect(found.first?.text.hasPrefix("المعرض سيفتتح") == true)
    }
}

/// Roles resolved through the article's names, and bodies completed by a name.
@Suite struct RoleResolutionTests {
    /// "الداعية الإسلامي، صالح المغامسي": a comma may stand between the role and the name it gives.
    @Test func aRoleResolvesAcrossAComma() {
        let found = quotes(["حذر الداعية الإسلامي، سامر النجار، من الشائعات.", "وقال الداعية الإسلامي إن الوضع مستقر تماماً."],
                           people: ["سامر النجار"])
        #expect(found.last?.speaker == "سامر النجار")
    }

    /// "الاتحاد المصري لكرة القدم": words after a nisba that name no one are not a person.
    @Test func wordsAfterANisbaThatNameNoOneAreNoPerson() {
        let found = quotes(["وأكد رئيس الاتحاد المصري لكرة القدم أن المنتخب جاهز للبطولة."], people: ["سامر النجار"])
        #expect(found.first?.speaker != "لكرة")
    }

    @Test func aKindWordTakesTheNameAfterIt() {
        #expect(quotes(["وأعلنت حركة حماس أنها ستعقد مؤتمراً صحافياً مساء الغد."], bodies: ["حماس"]).first?.speaker == "حركة حماس")
    }
}

/// Family names the tagger kept apart, or wrote joined.
@Suite struct FamilyNameTests {
    @Test func aJoinedFamilyNameTakesTheFullName() {
        let quote = Quote(text: "مصر شاركت بإيجابية", speaker: "أبوزيد", mention: "أبوزيد", cue: "قال", kind: .indirect, paragraph: 0)
        let article = Article(role: .main, title: "t", paragraphs: ["وقال أبوزيد إن مصر شاركت بإيجابية."])
        let people = [Entity(name: "أحمد أبو زيد", type: .person, mentions: ["أحمد أبو زيد"], count: 1),
                      Entity(name: "أبوزيد", type: .person, mentions: ["أبوزيد"], count: 1)]
        #expect(QuoteExtractor.linkingSpeakers([quote], to: people, in: article).first?.speaker == "أحمد أبو زيد")
        // The last word alone is not a joined family name.
        #expect(!QuoteExtractor.endsJoined(MatchKey("أحمد أبو زيد"), with: MatchKey("زيد")))
    }
}

/// More cues: questions, conclusions, wishes, comments, and words that came in a statement.
@Suite struct MoreCueTests {
    @Test func aStatementTheWordsCameIn() {
        let found = quotes(["وقالت وزارة الخارجية إن الوفد سيصل غداً.", "وجاء في البيان إن «التسجيل للطلاب الجدد سيبدأ الأسبوع المقبل في كل المدارس»."])
        #expect(found.last?.kind == .direct)
        #expect(found.last?.speaker == "البيان")
    }

    @Test func conclusionsQuestionsAndComments() {
        #expect(quotes(["وخلص التقرير إلى أن الاقتصاد سيتعافى خلال عامين."]).first?.text.hasPrefix("الاقتصاد سيتعافى") == true)
        #expect(quotes(["وتساءل مستخدم آخر إن كان الملعب سيجهز قبل بداية الموسم."]).first?.speaker == "مستخدم آخر")
        #expect(quotes(["وعلق أحدهم قائلاً: «هذا أجمل عرض شاهدته في حياتي كلها»."]).first?.speaker == "أحدهم")
    }
}

/// A verbal noun with its pronoun reports the words of the one it refers to.
@Suite struct VerbalNounTests {
    @Test func aVerbalNounContinuesTheSpeaker() {
        let found = QuoteExtractor().quotes(in: Article(role: .main, title: "عنوان", paragraphs: [
            "وقال سامر النجار إن الحكومة باقية، مع تأكيده أن الانتخابات ستجري في موعدها المحدد.",
        ]))
        #expect(found.map(\.speaker) == ["سامر النجار", "سامر النجار"])
        #expect(found.last?.text.hasPrefix("الانتخابات ستجري") == true)
    }
}

/// What a speaker's name leaves out: a possessive before it, an alias or a relative clause after it.
@Suite struct NameEdgeTests {
    @Test func aPossessiveBeforeANameIsLeftOut() {
        #expect(quotes("وقال زميله سامر عادل النجار إن الفريق سيعود أقوى.").first?.speaker == "سامر عادل النجار")
    }

    @Test func anAliasOrARelativeClauseAfterABodyIsLeftOut() {
        #expect(quotes("وقالت وكالة الأنباء السعودية «واس» إن الاتصال تناول أسواق النفط.").first?.speaker == "وكالة الأنباء السعودية")
        #expect(quotes("وقالت لجنة التحقيق المستقلة التي شكلتها الحكومة إن التقرير سيصدر قريباً.").first?.speaker == "لجنة التحقيق المستقلة")
    }
}

/// Titles that lead to a name.
@Suite struct MoreTitleTests {
    func speaker(_ paragraph: String) -> String? {
        var article = Article(role: .main, title: "t", paragraphs: [paragraph])
        article.entities = [Entity(name: "سامر النجار", type: .person, mentions: ["سامر النجار"], count: 1),
                            Entity(name: "سوريا", type: .location, mentions: ["سوريا"], count: 1)]
        return QuoteExtractor().quotes(in: article).first?.speaker
    }

    @Test func aDirectorGeneralAndACoordinatorAreTitles() {
        #expect(speaker("قال مدير عام منظمة التجارة العالمية سامر النجار إن المفاوضات ستستأنف الأسبوع المقبل.") == "سامر النجار")
        // After the title and a place the article names: the name.
        #expect(speaker("وقال منسق الأمم المتحدة للشؤون الإنسانية في سوريا سامر النجار إن عدد القتلى ارتفع إلى عشرة.") == "سامر النجار")
    }
}

/// Content after the subject's preposition, admissions, threats and pretexts.
@Suite struct AfterSubjectTests {
    @Test func thePrepositionAfterTheSubjectLeadsToTheContent() {
        let found = quotes(["وشدد سامر النجار على ضرورة الإبقاء على العقوبات المفروضة حالياً."])
        #expect(found.first?.speaker == "سامر النجار")
        #expect(found.first?.text.hasPrefix("ضرورة الإبقاء") == true)
    }

    @Test func admissionsAndPretexts() {
        #expect(quotes(["واعترف النادي الأربعاء بمسؤوليته عن تأخر افتتاح الملعب الجديد."]).first?.text.hasPrefix("بمسؤوليته") == true)
        let found = quotes(["وقالت وزارة التجارة إن الرسوم ستفرض الشهر المقبل بدعوى أن الواردات تضر بالصناعة المحلية."])
        #expect(found.count == 2 && found.last?.speaker == "وزارة التجارة")
    }
}
