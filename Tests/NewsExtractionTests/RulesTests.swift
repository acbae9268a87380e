import Foundation
import NewsExtraction
import NewsModel
import Testing

@Suite struct RulesTests {
    func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test func entriesMatchInSearchForm() {
        let rules = ExtractionRules.standard
        #expect(rules.isLeftover("TT"))
        #expect(rules.isLeftover("  نسخ الرابط "))
        #expect(rules.blockKind(ofHeader: "اقرا ايضا") == .related)
        #expect(rules.blockKind(ofHeader: "الأكثر قراءة:") == .drop)
        #expect(rules.isCredit("أ.ف.ب"))
        #expect(rules.section(named: "العالم العربي") == "العالم العربي")
        #expect(rules.isOutlet("«الشرق الأوسط»".dropFirst().dropLast()))
    }

    @Test func aUsersRulesFolderExtendsTheBuiltInOnes() throws {
        let folder = try directory([
            "ui-leftovers.txt": "# site furniture\nشاركنا رأيك\n",
            "block-headers.txt": "من أرشيف الموقع\trelated\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = try ExtractionRules.standard.extended(with: folder)
        #expect(rules.isLeftover("شاركنا رأيك"))
        #expect(rules.isLeftover("TT"))
        #expect(rules.blockKind(ofHeader: "من أرشيف الموقع") == .related)
        let page = """
            افتتاح أكبر مكتبة عامة في المدينة

            افتتحت البلدية أكبر مكتبة عامة في المدينة بعد ثلاث سنوات من أعمال البناء، وتضم أكثر من مائتي ألف كتاب.
            شاركنا رأيك

            من أرشيف الموقع

            المكتبة الوطنية تستعيد مخطوطات نادرة
            """
        let extracted = NewsExtractor(rules: rules).extract(Array(page.utf8), source: "site.txt")
        #expect(extracted.articles.map(\.role) == [.main, .related])
        #expect(extracted.articles[0].paragraphs.count == 1)
    }

    @Test func aBadRulesFileIsNamed() throws {
        let folder = try directory(["block-headers.txt": "مقالات مختارة\tsometimes\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try ExtractionRules.standard.extended(with: folder)
            Issue.record("expected an error")
        } catch let error as RulesError {
            #expect(error.file.hasSuffix("block-headers.txt"))
            #expect(error.message.contains("sometimes"))
        }
    }
}
