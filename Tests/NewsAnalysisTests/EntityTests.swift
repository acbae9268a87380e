import ArabicText
import NewsModel
import Testing
@testable import NewsAnalysis

/// One copy of the bundled lists for every test in this file.
enum Fixtures {
    static let resources: EntityResources = {
        do { return try EntityResources.bundled() } catch { fatalError("bundled resources: \(error)") }
    }()
}

@Suite("Gazetteers and cues")
struct GazetteerTests {
    let gazetteer = Fixtures.resources.gazetteer

    @Test(arguments: [
        ("بوتين", "فلاديمير بوتين"), ("وبوتين", "فلاديمير بوتين"), ("لبوتين", "فلاديمير بوتين"),
        ("الناتو", "حلف شمال الأطلسي"), ("ناتو", "حلف شمال الأطلسي"), ("وحلف شمال الأطلسي", "حلف شمال الأطلسي"),
        ("ترمب", "دونالد ترامب"), ("ترامب", "دونالد ترامب"),
        ("غرينلاند", "غرينلاند"), ("جرينلاند", "غرينلاند"), ("گرينلاند", "غرينلاند"),
        ("للصين", "الصين"), ("وبالصين", "الصين"), ("بروسيا", "روسيا"), ("إسرائيل", "إسرائيل"), ("اسرائيل", "إسرائيل"),
        ("موسكو", "موسكو"), ("للأمم المتحدة", "الأمم المتحدة"),
    ])
    func lookupFoldsCliticsAndSpellings(surface: String, name: String) {
        #expect(gazetteer.entry(named: surface)?.name == name)
    }

    @Test func wholeTextMustMatch() {
        #expect(gazetteer.entry(named: "بوتين قال") == nil)
        #expect(gazetteer.entry(named: "") == nil)
    }
}

extension Fixtures {
    static let recognizer: EntityRecognizer = {
        do { return try EntityRecognizer.bundled() } catch { fatalError("bundled recognizer: \(error)") }
    }()
}

@Suite("Entity recognition")
struct EntityRecognitionTests {
    let recognizer = Fixtures.recognizer

    @Test func probe() {
        let texts = [
            "وقال سمير الخطيب إن الاتفاق جاهز، وأكد الخطيب أن التوقيع قريب.",
            "وأعلن الرئيس اللبناني جوزيف عون أن الحكومة الجديدة ستجتمع، وقال عون إن الحكومة الإسرائيلية تماطل.",
            "قدم عون المساعدة للجيران.",
            "وصل الوزير إلى بالقاهرة ثم للصين ولبنان وبغداد.",
            "قال المتحدث باسم الشرطة الكندية جون سميث إن التحقيق مستمر، وأضاف سميث أن الشرطة الكندية تتابع.",
            "زار زيلينسكي واشنطن، والتقى فولوديمير زيلنسكي بالرئيس الأمريكي.",
            "استقبل الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر لوكاشينكو في موسكو، وقال بوتين إن العلاقات متينة.",
            "وقالت وزارة الخارجية الروسية في بيان إن حلف شمال الأطلسي يصعّد، وأضاف المتحدث باسم الكرملين دميتري بيسكوف أن الناتو لا يريد الحوار.",
            "أعلنت شركة «روس زاروبيج نفت» توقيع عقد مع حركة حماس، بحسب الشرطة الكندية.",
            "وصل ترمب إلى غرينلاند، ثم قال ترامب إن جرينلاند مهمة للولايات المتحدة.",
            "قال الوزير الأردني سمير الخطيب إن وفدا من جامعة الدول العربية زار بيروت.",
        ]
        for text in texts {
            for m in recognizer.mentions(in: text) { print("\(m.kind.rawValue)\t\(m.text)\t→ \(m.name)\t\(m.source.rawValue)") }
            print("--")
        }
    }
}
