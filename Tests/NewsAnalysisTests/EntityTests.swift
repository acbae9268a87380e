import ArabicText
import Foundation
import NewsModel
import Testing
@testable import NewsAnalysis
import StableHash

/// The bundled lists and model, loaded once for every test here.
enum Fixtures {
    static let resources: EntityResources = {
        do { return try EntityResources.bundled() } catch { fatalError("bundled resources: \(error)") }
    }()

    static let recognizer: EntityRecognizer = {
        do { return try EntityRecognizer.bundled() } catch { fatalError("bundled recognizer: \(error)") }
    }()
}

// All sentences below were composed for these tests.

@Suite("Name keys and clitics")
struct NameKeyTests {
    @Test func foldsTheForeignG() {
        #expect(NameKey.key("جرينلاند") == NameKey.key("غرينلاند"))
        #expect(NameKey.key("گرينلاند") == NameKey.key("غرينلاند"))
    }

    @Test func foldsTehMarbutaAlefMaksuraAndHamzaCarriers() {
        #expect(NameKey.key("غزة") == NameKey.key("غزه"))
        #expect(NameKey.key("موسى") == NameKey.key("موسي"))
        #expect(NameKey.key("مؤتمر") == NameKey.key("موتمر"))
        #expect(NameKey.key("إسرائيل") == NameKey.key("اسرائيل"))
    }

    @Test func keepsOrdinaryLettersApart() {
        #expect(NameKey.key("عمان") != NameKey.key("عمن"))
        #expect(NameKey.key("ترمب") != NameKey.key("ترامب"))
    }

    @Test func keyIsAsLongAsTheSearchForm() {
        let word = "جرينلاند"
        #expect(NameKey.key(word).count == Normalizer.search.normalize(word).utf8.count)
    }

    func readings(_ word: String) -> [Clitics.Reading] {
        let key = NameKey.key(word)
        return key.withUnsafeBufferPointer { w in
            let r = Clitics.readings(w)
            return (0..<r.count).map { r[$0] }
        }
    }

    func hash(_ word: String, _ reading: Clitics.Reading) -> UInt64 {
        NameKey.key(word).withUnsafeBufferPointer { Clitics.hash($0, reading) }
    }

    @Test func theWholeWordIsReadFirst() {
        #expect(readings("بوتين").first == .whole)
    }

    @Test func conjunctionAndPrepositionComeOff() {
        let target = FNV1a64.hash(NameKey.key("الصين"))
        #expect(readings("وبالصين").contains { hash("وبالصين", $0) == target })
        #expect(readings("والصين").contains { hash("والصين", $0) == target })
    }

    @Test func lamLamRestoresTheArticle() {
        let target = FNV1a64.hash(NameKey.key("الصين"))
        let restoring = readings("للصين").filter(\.restoresAlef)
        #expect(restoring.count == 1)
        #expect(hash("للصين", restoring[0]) == target)
    }

    @Test func shortWordsKeepTheirLetters() {
        #expect(readings("في") == [.whole])
        #expect(readings("بل") == [.whole])
    }
}

@Suite("Gazetteers")
struct GazetteerTests {
    let gazetteer = Fixtures.resources.gazetteer

    @Test(arguments: [
        ("بوتين", "فلاديمير بوتين"), ("وبوتين", "فلاديمير بوتين"), ("لبوتين", "فلاديمير بوتين"),
        ("الناتو", "حلف شمال الأطلسي"), ("ناتو", "حلف شمال الأطلسي"), ("وحلف شمال الأطلسي", "حلف شمال الأطلسي"),
        ("ترمب", "دونالد ترامب"), ("ترامب", "دونالد ترامب"),
        ("غرينلاند", "غرينلاند"), ("جرينلاند", "غرينلاند"), ("گرينلاند", "غرينلاند"),
        ("للصين", "الصين"), ("وبالصين", "الصين"), ("بروسيا", "روسيا"), ("اسرائيل", "إسرائيل"),
        ("للأمم المتحدة", "الأمم المتحدة"), ("الولايات المتحدة", "الولايات المتحدة الأمريكية"),
    ])
    func lookupReadsCliticsAndFoldsSpellings(surface: String, name: String) {
        #expect(gazetteer.entry(named: surface)?.name == name)
    }

    @Test func theWholeTextMustBeAName() {
        #expect(gazetteer.entry(named: "بوتين قال") == nil)
        #expect(gazetteer.entry(named: "") == nil)
        #expect(gazetteer.entry(named: "لبنان")?.name == "لبنان")  // not ل + بنان
    }

    @Test func entriesHaveKinds() {
        #expect(gazetteer.entry(named: "موسكو")?.kind == .location)
        #expect(gazetteer.entry(named: "الكرملين")?.kind == .organization)
        #expect(gazetteer.entry(named: "لوكاشينكو")?.kind == .person)
    }

    @Test func aFormWithoutLettersIsAnErrorWithItsLine() {
        var g = Gazetteer()
        #expect(throws: EntityResourceError.self) { try g.add(list: "# comment\nمكان | «»", kind: .location, file: "bad.txt") }
        do {
            try g.add(list: "# comment\nمكان | «»", kind: .location, file: "bad.txt")
        } catch {
            #expect(error.file == "bad.txt")
            #expect(error.line == 2)
        }
    }

    @Test func everyLedPlaceIsAPlaceTheNisbasKnow() {
        let places = Set(Fixtures.resources.cues.nisbaLocations)
        for entry in gazetteer.entries {
            for place in entry.leads { #expect(places.contains(place), "\(entry.name) leads \(place)") }
        }
        #expect(gazetteer.entry(named: "بوتين")?.leads == ["روسيا"])
    }

    @Test func everyNisbaPointsToAListedPlace() {
        for place in Fixtures.resources.cues.nisbaLocations {
            #expect(gazetteer.entry(named: place)?.kind == .location, "\(place)")
        }
    }

    @Test func laterEntriesDoNotTakeAFormAlreadyListed() throws {
        var g = Gazetteer()
        try g.add(list: "سلطنة عمان | عمان\nعمّان", kind: .location, file: "t.txt")
        #expect(g.entry(named: "عمان")?.name == "سلطنة عمان")
    }
}

@Suite("Cue rules")
struct CueTests {
    let resources = Fixtures.resources

    func annotations(_ text: String) -> (TokenTable, Annotations) {
        var text = text
        let table = text.withUTF8 { TokenTable(text: $0) }
        return (table, Annotations(table, resources: resources))
    }

    func nisba(_ word: String) -> String? {
        NameKey.key(word).withUnsafeBufferPointer { w in
            resources.cues.nisbaLocation(w).map { resources.cues.nisbaLocations[Int($0)] }
        }
    }

    @Test(arguments: [
        ("الروسي", "روسيا"), ("الروسية", "روسيا"), ("والبيلاروسي", "بيلاروسيا"), ("للأمريكيين", "الولايات المتحدة الأمريكية"),
        ("الأميركية", "الولايات المتحدة الأمريكية"), ("الفرنسيتين", "فرنسا"), ("سعوديون", "المملكة العربية السعودية"),
        ("الإسرائيليات", "إسرائيل"),
    ])
    func nisbaPointsToItsPlace(word: String, place: String) {
        #expect(nisba(word) == place)
    }

    @Test func ordinaryAdjectivesAreNotNisbas() {
        #expect(nisba("الكبير") == nil)
        #expect(nisba("الثاني") == nil)
    }

    @Test func titleWithNisbaBeforeAName() {
        let (table, a) = annotations("الرئيس الروسي فلاديمير بوتين")
        let chain = try! #require(a.chains.first)
        #expect(chain.start == 0 && chain.end == 2)
        #expect(resources.cues.nisbaLocations[Int(chain.nisba!)] == "روسيا")
        #expect(a.flags[2] & Annotations.afterTitle != 0)
        #expect(table.count == 4)
    }

    @Test func titleWithComplementAndNisba() {
        let (_, a) = annotations("وقال وزير الخارجية الأمريكي ماركو روبيو")
        let chain = try! #require(a.chains.first)
        #expect(chain.start == 1 && chain.end == 4)
        #expect(chain.complement != 0)
        #expect(chain.nisba != nil)
    }

    @Test func spokesmanOfABody() {
        let (_, a) = annotations("المتحدث باسم الكرملين دميتري بيسكوف")
        let chain = try! #require(a.chains.first)
        #expect(chain.end == 3)
        #expect(chain.complement != 0)
    }

    @Test func modifiersBelongToTheRole() {
        let (_, a) = annotations("الرئيس الأمريكي السابق باراك أوباما")
        #expect(a.chains.first?.end == 3)
        #expect(a.chains.first?.modifiers != 0)
    }

    func organizations(_ text: String) -> [String] {
        Fixtures.recognizer.mentions(in: text).filter { $0.kind == .organization }.map(\.text)
    }

    @Test func ministryPattern() {
        #expect(organizations("أعلنت وزارة الدفاع أمس خطة جديدة.") == ["وزارة الدفاع"])
        #expect(organizations("وقال بيان لوزارة الدفاع البريطانية إن التدريب انتهى.") == ["وزارة الدفاع البريطانية"])
    }

    @Test func aPatternSwallowsTheNisbaThatIsAlsoACountry() {
        #expect(organizations("ردت وزارة الخارجية السعودية على البيان.") == ["وزارة الخارجية السعودية"])
    }

    @Test func quotedCompanyNameWithoutItsHead() {
        #expect(organizations("وقعت شركة «روس زاروبيج نفت» عقدا جديدا.") == ["روس زاروبيج نفت"])
    }

    @Test func aDefiniteHeadNeedsANisba() {
        #expect(organizations("قالت الحكومة الجديدة إنها ستعمل بسرعة.").isEmpty)
        #expect(organizations("قالت الحكومة الإسرائيلية إنها ستعمل بسرعة.") == ["الحكومة الإسرائيلية"])
        #expect(organizations("قالت الشرطة الكندية إن التحقيق مستمر.") == ["الشرطة الكندية"])
    }

    @Test func aTitleChainIsNotAnOrganisation() {
        let mentions = Fixtures.recognizer.mentions(in: "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مفيدة.")
        #expect(mentions.map(\.text) == ["سيرغي لافروف"])
    }

    @Test func titleThenGivenNameStartsAPerson() {
        let mentions = Fixtures.recognizer.mentions(in: "وقال السفير الفرنسي جان دوبوا إن الزيارة ناجحة.")
        #expect(mentions.contains { $0.kind == .person && $0.text == "جان دوبوا" })
    }
}

@Suite("Mentions")
struct MentionTests {
    let recognizer = Fixtures.recognizer

    func slice(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    @Test func cliticsAreLeftOutOfTheDisplayForm() {
        let text = "التقى الوفد وبوتين في الصباح."
        let m = recognizer.mentions(in: text)
        #expect(m.map(\.text) == ["بوتين"])
        #expect(slice(text, m[0].range) == "بوتين")
        #expect(m[0].name == "فلاديمير بوتين")
        #expect(m[0].source == .gazetteer)
    }

    @Test func lamLamReadsAsTheArticle() {
        let text = "سافر الوفد للصين ثم بالقاهرة."
        let m = recognizer.mentions(in: text)
        #expect(m.map(\.text) == ["الصين", "القاهرة"])
        #expect(slice(text, m[0].range) == "لصين")
        #expect(slice(text, m[1].range) == "القاهرة")
    }

    @Test func harakatStayInTheDisplayForm() {
        let text = "وصل وَبُوتِين أمس."
        let m = recognizer.mentions(in: text)
        #expect(m.map(\.text) == ["بُوتِين"])
    }

    @Test func aWeakFormAloneIsNotAName() {
        #expect(recognizer.mentions(in: "قدم عون المساعدة للجيران.").isEmpty)
    }

    @Test func aWeakFormCountsOnceTheFullNameIsThere() {
        let m = recognizer.mentions(in: "وأعلن الرئيس اللبناني جوزيف عون أن الحكومة ستجتمع، وقال عون إن الموعد قريب.")
        #expect(m.filter { $0.name == "جوزيف عون" }.map(\.text) == ["جوزيف عون", "عون"])
    }

    @Test func aNameFoundOnceIsFoundAgain() {
        let m = recognizer.mentions(in: "وقال سمير الخطيب إن الاتفاق جاهز، وأكد الخطيب أن التوقيع قريب.")
        #expect(m.map(\.text) == ["سمير الخطيب", "الخطيب"])
        #expect(m.allSatisfy { $0.name == "سمير الخطيب" && $0.kind == .person })
    }

    @Test func aGluedBodyAndNameAreTakenApart() {
        let m = recognizer.mentions(in: "أوضح المتحدث باسم الكرملين دميتري بيسكوف للصحافيين أن اللقاء مهم.")
        #expect(m.map(\.text) == ["الكرملين", "دميتري بيسكوف"])
        #expect(m.map(\.kind) == [.organization, .person])
    }
}

@Suite("Linking within an article")
struct LinkingTests {
    let recognizer = Fixtures.recognizer

    func entities(title: String, _ paragraphs: [String]) -> [Entity] {
        var article = Article(role: .main, title: title, paragraphs: paragraphs)
        recognizer.analyze(&article)
        return article.entities
    }

    @Test func shortAndFullFormsAreOnePerson() {
        let list = entities(title: "بوتين يستقبل لوكاشينكو في موسكو", [
            "استقبل الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر لوكاشينكو في الكرملين.",
            "وقال بوتين إن البلدين يعملان معا.",
        ])
        let putin = try! #require(list.first)
        #expect(putin.name == "فلاديمير بوتين")
        #expect(putin.type == .person)
        #expect(putin.mentions == ["بوتين", "فلاديمير بوتين"])
        #expect(putin.count == 3)
        #expect(list.map(\.name).prefix(2) == ["فلاديمير بوتين", "ألكسندر لوكاشينكو"])
    }

    @Test func sortedByCountThenFirstAppearance() {
        let list = entities(title: "", ["زار الوفد باريس ثم برلين.", "وعاد الوفد إلى برلين مساء."])
        #expect(list.map(\.name) == ["برلين", "باريس"])
        #expect(list.map(\.count) == [2, 1])
    }

    @Test func allFormsOfAnAllianceAreOneOrganisation() {
        let list = entities(title: "الناتو يجتمع", [
            "قال مسؤولون في حلف شمال الأطلسي إن الاجتماع سيعقد غدا.",
            "ويضم ناتو اثنتين وثلاثين دولة.",
        ])
        let nato = try! #require(list.first { $0.type == .organization })
        #expect(nato.name == "حلف شمال الأطلسي")
        #expect(nato.mentions == ["الناتو", "حلف شمال الأطلسي", "ناتو"])
        #expect(nato.count == 3)
    }

    @Test func spellingVariantsAreFolded() {
        let list = entities(title: "ترمب يتحدث عن غرينلاند", ["وقال ترامب إن جرينلاند مهمة."])
        #expect(list.first { $0.type == .person }?.mentions == ["ترمب", "ترامب"])
        #expect(list.first { $0.type == .location }?.mentions == ["غرينلاند", "جرينلاند"])
    }

    @Test func theCanonicalNameIsTheFullestFormFound() {
        let list = entities(title: "", ["وقال سمير الخطيب إن الاتفاق جاهز.", "وأكد الخطيب أن التوقيع قريب."])
        #expect(list.first?.name == "سمير الخطيب")
        #expect(list.first?.count == 2)
    }

    @Test func longVowelsAloneDoNotMakeTwoNames() {
        let a = NameKey.key("زيلينسكي"), b = NameKey.key("زيلنسكي"), c = NameKey.key("زيلينتسكي")
        let skeleton = { (k: [UInt8]) in k.withUnsafeBufferPointer { EntityRecognizer.skeleton($0) } }
        #expect(skeleton(a) == skeleton(b))
        #expect(skeleton(a) != skeleton(c))
    }

    @Test func articleMentionsCarryTheirParagraph() {
        let article = Article(role: .main, title: "موسكو تستضيف القمة", paragraphs: ["وصل الضيوف.", "وتستمر القمة في موسكو يومين."])
        let m = recognizer.mentions(in: article)
        #expect(m.map(\.paragraph) == [nil, 1])
        #expect(m.allSatisfy { $0.mention.name == "موسكو" })
    }
}

@Suite("Role nouns")
struct RoleTests {
    let recognizer = Fixtures.recognizer
    let article = Article(role: .main, title: "لقاء في موسكو", paragraphs: [
        "استقبل الرئيس الروسي فلاديمير بوتين نظيره الرئيس البيلاروسي ألكسندر لوكاشينكو في موسكو.",
        "وأوضح المتحدث باسم الكرملين دميتري بيسكوف أن اللقاء تناول التعاون.",
        "وأكد الزعيم الروسي أن العلاقات متينة، فيما قال الرئيس الأمريكي السابق باراك أوباما إن الحوار أفضل.",
        "وانتقد الرئيس الأمريكي دونالد ترامب الاجتماع، وقالت الشرطة الكندية إن الأمن مستتب.",
    ])

    @Test(arguments: [
        ("الزعيم الروسي", "فلاديمير بوتين"), ("الرئيس الروسي", "فلاديمير بوتين"),
        ("الرئيس البيلاروسي", "ألكسندر لوكاشينكو"), ("المتحدث باسم الكرملين", "دميتري بيسكوف"),
        ("الرئيس الأمريكي", "دونالد ترامب"), ("الرئيس الأمريكي السابق", "باراك أوباما"),
        ("والرئيس البيلاروسي", "ألكسندر لوكاشينكو"),
    ])
    func roleResolvesToThePersonNamedAfterIt(role: String, name: String) {
        let resolved = recognizer.canonicalName(for: role, in: article)
        #expect(resolved?.name == name)
        #expect(resolved?.type == .person)
    }

    @Test func aLeaderRoleFindsTheListedLeaderOfThePlace() {
        let short = Article(role: .main, title: "بوتين يلتقي لوكاشينكو", paragraphs: [
            "وقال بوتين إن التعاون يتسع.", "كما أشار الزعيم الروسي إلى قطاع الفضاء.",
        ])
        #expect(recognizer.canonicalName(for: "الزعيم الروسي", in: short)?.name == "فلاديمير بوتين")
        #expect(recognizer.canonicalName(for: "الرئيس البيلاروسي", in: short)?.name == "ألكسندر لوكاشينكو")
        #expect(recognizer.canonicalName(for: "الزعيم الفرنسي", in: short) == nil)
        #expect(recognizer.canonicalName(for: "الرئيس الروسي السابق", in: short) == nil)
    }

    @Test func aRoleTheArticleNeverTiesToANameStaysUnresolved() {
        #expect(recognizer.canonicalName(for: "وزير الخارجية الروسي", in: article) == nil)
        #expect(recognizer.canonicalName(for: "الزعيم الصيني", in: article) == nil)
    }

    @Test func namesResolveThroughLinking() {
        #expect(recognizer.canonicalName(for: "بوتين", in: article)?.name == "فلاديمير بوتين")
        #expect(recognizer.canonicalName(for: "الكرملين", in: article)?.type == .organization)
        let police = recognizer.canonicalName(for: "الشرطة الكندية", in: article)
        #expect(police?.name == "الشرطة الكندية")
        #expect(police?.type == .organization)
        #expect(recognizer.canonicalName(for: "الناتو", in: article)?.name == "حلف شمال الأطلسي")
    }

    @Test func aSurnameResolvesToTheFullNameInTheArticle() {
        let article = Article(role: .main, title: "", paragraphs: ["وقال سمير الخطيب إن الاتفاق جاهز."])
        let analysis = recognizer.analysis(of: article)
        #expect(analysis.canonicalName(for: "الخطيب")?.name == "سمير الخطيب")
        #expect(analysis.canonicalName(for: "وسمير الخطيب")?.name == "سمير الخطيب")
        #expect(analysis.entities.map(\.name) == ["سمير الخطيب"])
        #expect(analysis.mentions.map(\.paragraph) == [0])
    }

    @Test func textThatNamesNothing() {
        #expect(recognizer.canonicalName(for: "", in: article) == nil)
        #expect(recognizer.canonicalName(for: "قال إن", in: article) == nil)
    }
}

@Suite("Bad input")
struct EntityBadInputTests {
    let recognizer = Fixtures.recognizer

    func bounded(_ text: String) -> [EntityMention] {
        let mentions = recognizer.mentions(in: text)
        let count = text.utf8.count
        #expect(mentions.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= count })
        return mentions
    }

    @Test func emptyText() {
        #expect(bounded("").isEmpty)
        var article = Article(role: .main, title: "")
        recognizer.analyze(&article)
        #expect(article.entities.isEmpty)
    }

    @Test func aHugeTokenIsNoName() {
        let huge = String(repeating: "ب", count: 1 << 20)
        #expect(bounded("قال \(huge) في موسكو").map(\.text) == ["موسكو"])
    }

    @Test func tenThousandNestedBrackets() {
        let nested = String(repeating: "(«[", count: 10_000) + "موسكو" + String(repeating: "]»)", count: 10_000)
        #expect(bounded(nested).map(\.text) == ["موسكو"])
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let text = String(decoding: bytes, as: UTF8.self)
        let tokens = Tokenizer().tokens(in: text).count
        #expect(bounded(text).count <= tokens)
    }

    @Test func manyRepeatedNamesLinkInBoundedTime() {
        let text = String(repeating: "التقى سمير الخطيب وفلاديمير بوتين. ", count: 3_000)
        var article = Article(role: .main, title: "", paragraphs: [text])
        recognizer.analyze(&article)
        #expect(article.entities.first?.count == 3_000)
    }
}

/// The gazetteers built from packaged data (Scripts/gazetteers), and the last touches on spans.
@Suite struct PackagedGazetteerTests {
    func mentions(_ text: String) -> [(String, Entity.Kind)] {
        Fixtures.recognizer.mentions(in: text).map { ($0.text, $0.kind) }
    }

    /// Countries are strong forms; a city the hand-written lists do not name comes from GeoNames as
    /// a weak form, and the hand-written lists keep the forms both name.
    @Test func geoPlacesAreLoadedAfterTheHandWrittenLists() {
        let gazetteer = Fixtures.resources.gazetteer
        #expect(gazetteer.entry(named: "ماندالاي")?.kind == .location)
        #expect(gazetteer.entry(named: "جمهورية الصين الشعبية")?.name == "الصين")
        #expect(gazetteer.entry(named: "كولومبيا البريطانية")?.kind == .location)
    }

    /// Day words end a name: "الشرطة الكندية اليوم الأربعاء" is الشرطة الكندية.
    @Test func dayWordsEndAName() {
        let found = mentions("وأعلنت الشرطة الكندية اليوم الأربعاء توقيف المشتبه به في مدينة فانكوفر.")
        #expect(!found.contains { $0.0.contains("الأربعاء") })
    }

    /// A place runs on over a transliterated place head: "تامبلر ريدج".
    @Test func aPlaceRunsOnOverAPlaceHead() {
        let found = mentions("وقع إطلاق النار في بلدة تامبلر ريدج في مقاطعة كولومبيا البريطانية غربي كندا.")
        #expect(found.contains { $0.0 == "كولومبيا البريطانية" && $0.1 == .location })
        #expect(!found.contains { $0.0 == "كولومبيا" })
        if found.contains(where: { $0.0.hasPrefix("تامبلر") }) {
            #expect(found.contains { $0.0 == "تامبلر ريدج" && $0.1 == .location })
        }
    }

    /// A Latin-script gloss after an Arabic name takes that name's kind, whatever the tagger said.
    @Test func aLatinGlossTakesTheKindOfTheNameBeforeIt() {
        let text = Array("مهمة «أركتيك سنتري» Arctic Sentry الجديدة".utf8)
        let table = text.withUnsafeBufferPointer { TokenTable(text: $0) }
        let words = (0..<table.count).filter { table.kinds[$0] != .punctuation }
        // Tokens: مهمة « أركتيك سنتري » Arctic Sentry الجديدة
        let arabic = EntityRecognizer.Span(start: words[1], end: words[2] + 1, kind: .organization, source: .rule, entry: nil, reading: .whole)
        let latin = EntityRecognizer.Span(start: words[3], end: words[4] + 1, kind: .person, source: .model, entry: nil, reading: .whole)
        let annotations = Annotations(table, resources: Fixtures.resources)
        let adjusted = EntityRecognizer.adjusting([arabic, latin], table, annotations)
        #expect(adjusted.map(\.kind) == [.organization, .organization])
        // Not after a gap of words: the Latin span keeps its own kind.
        let far = EntityRecognizer.Span(start: words[0], end: words[0] + 1, kind: .organization, source: .rule, entry: nil, reading: .whole)
        #expect(EntityRecognizer.adjusting([far, latin], table, annotations).map(\.kind) == [.organization, .person])
    }
}

/// و and ف come off an unlisted name only before the article: never from a name that begins with them.
@Suite struct ConjunctionReadingTests {
    @Test func aNameThatBeginsWithFehKeepsIt() {
        let mentions = Fixtures.recognizer.mentions(in: "وقالت المفوضة الأوروبية فيديريكا موغيريني إن الاتفاق صامد رغم الضغوط.")
        #expect(!mentions.contains { $0.text.hasPrefix("يديريكا") })
    }

    @Test func theConjunctionComesOffBeforeTheArticle() {
        let mentions = Fixtures.recognizer.mentions(in: "زار الوفد القاهرة وبالإسكندرية التقى المحافظ.")
        #expect(!mentions.contains { $0.text.hasPrefix("وب") })
    }
}

/// A listed person's bare surname, read by itself (``EntityRecognizer/bareNameHolds``): one test per rule.
@Suite("Homonyms of listed people")
struct HomonymTests {
    let recognizer = Fixtures.recognizer

    func people(title: String, _ paragraphs: [String]) -> [Entity] {
        var article = Article(role: .main, title: title, paragraphs: paragraphs)
        recognizer.analyze(&article)
        return article.entities.filter { $0.type == .person }
    }

    @Test func aBareSurnameInPublicAffairsIsThePerson() {
        let list = people(title: "ماكرون يزور الجزائر", ["وصل ماكرون إلى الجزائر صباح اليوم في زيارة رسمية تستمر يومين."])
        #expect(list.contains { $0.name == "إيمانويل ماكرون" })
    }

    /// Rule 1: the tagger must tag it a person. «لولا» (were it not) is a word, not Lula.
    @Test func aSurnameTheTaggerReadsAsAWordIsNoPerson() {
        let list = people(title: "الأسعار", ["لولا تدخل الحكومة في الأسواق لارتفعت الأسعار أكثر خلال الشهر الماضي."])
        #expect(!list.contains { $0.name == "لويس إيناسيو لولا دا سيلفا" })
    }

    /// Rule 2: in a sports article a public figure's bare surname is a player's.
    @Test func aPublicFiguresSurnameInASportsArticleIsSomeoneElse() {
        let list = people(title: "سانشيز يقود يونايتد للفوز", [
            "سجل سانشيز هدفا في الدقيقة العاشرة من المباراة، وقاد الفريق إلى الفوز في الدوري الإنجليزي.",
            "وقال مدرب الفريق إن اللاعب قدم مباراة كبيرة أمام جماهير الملعب.",
        ])
        #expect(!list.contains { $0.name == "بيدرو سانشيز" })
    }

    /// Rule 2, with a title: «الرئيس ماكرون» is the president even at a match.
    @Test func aTitleKeepsThePublicFigureInASportsArticle() {
        let list = people(title: "الرئيس ماكرون يحضر المباراة", [
            "حضر الرئيس ماكرون المباراة النهائية في الملعب، وهنأ لاعبي المنتخب بعد الفوز بالكأس والهدف الحاسم.",
        ])
        #expect(list.contains { $0.name == "إيمانويل ماكرون" })
    }

    /// Rule 2 does not touch sports figures: «ميسي» at a match is Messi.
    @Test func aSportsFigureIsReadInASportsArticle() {
        let list = people(title: "ميسي يسجل", ["سجل ميسي هدفين في المباراة وقاد الفريق إلى الفوز في الدوري."])
        #expect(list.contains { $0.name == "ليونيل ميسي" })
    }

    /// Rule 3: a namesake named in full takes the bare surname.
    @Test func aNamesakeNamedInFullTakesTheSurname() {
        let list = people(title: "ذكرى اغتيال الزعيم", [
            "أحيا أنصار الحزب ذكرى اغتيال كمال جنبلاط في بلدة المختارة.",
            "وكان جنبلاط قد أسس الحزب في منتصف القرن الماضي.",
        ])
        #expect(!list.contains { $0.name == "وليد جنبلاط" })
        #expect(list.contains { $0.name == "كمال جنبلاط" && $0.mentions.contains("جنبلاط") })
    }

    /// A fuller form of the person elsewhere in the article brings a waiting bare surname back.
    @Test func theFullNameBringsTheSurnameBack() {
        let list = people(title: "سانشيز يتابع المباراة", [
            "تابع رئيس الوزراء الإسباني بيدرو سانشيز مباراة المنتخب في الدوري والكأس مع اللاعبين.",
            "وقال سانشيز إن الفريق قدم أداء كبيرا في الملعب.",
        ])
        #expect(list.first { $0.name == "بيدرو سانشيز" }?.mentions.contains("سانشيز") == true)
    }
}

@Suite("Sport words")
struct SportWordTests {
    func isSport(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return Fixtures.resources.cues.isSport([bytes.withUnsafeBufferPointer { TokenTable(text: $0) }])
    }

    @Test func aMatchReportIsSport() {
        #expect(isSport("سجل اللاعب هدفا في المباراة وفاز الفريق في الدوري"))
    }

    @Test func oneStraySportWordIsNot() {
        #expect(!isSport("قال الوزير إن هدف الحكومة خفض الأسعار هذا العام"))
    }

    @Test func aFewSportWordsInALongArticleAreNot() {
        let politics = Array(repeating: "ناقش البرلمان مشروع القانون الجديد للموازنة العامة مع الحكومة والنواب", count: 20).joined(separator: " ")
        #expect(!isSport(politics + " وتابع النواب المباراة والفريق"))
    }
}
