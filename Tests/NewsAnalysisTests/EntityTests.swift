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
