import Foundation
import NewsExtraction
import NewsModel
import Testing

/// Bad input gets a clear error or a best-effort result with a warning, never a crash.
@Suite struct BadInputTests {
    let extractor = NewsExtractor()

    @Test func emptyInputIsAnError() {
        let page = extractor.extract([], source: "empty.txt")
        #expect(page.articles.isEmpty)
        #expect(page.errors.map(\.message) == ["empty input"])
    }

    @Test func binaryIsRefusedByName() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
        let page = extractor.extract(bytes, source: "photo.jpg")
        #expect(page.articles.isEmpty)
        #expect(page.errors.first?.message.contains("binary") == true)
    }

    @Test func gzipOfJunkIsAnError() {
        let page = extractor.extract([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03], source: "broken.txt.gz")
        #expect(page.articles.isEmpty)
        #expect(page.errors.first?.message.contains("gzip") == true)
    }

    @Test func oversizedInputIsRefusedBeforeReading() {
        let small = NewsExtractor(maxBytes: 1000)
        let page = small.extract([UInt8](repeating: 0x41, count: 2000), source: "big.txt")
        #expect(page.errors.first?.message.contains("limit") == true)
    }

    @Test func invalidUTF8InTheMiddleIsRepairedAndReported() {
        var bytes = Array("عنوان الخبر الأول اليوم\n\nفقرة أولى من نص الخبر ".utf8)
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += Array(" وتتمة الفقرة الأولى من الخبر.\n".utf8)
        let page = extractor.extract(bytes, source: "mixed.txt")
        #expect(page.articles.count == 1)
        #expect(!page.errors.isEmpty)
    }

    @Test func randomLinesNeverCrashAndKeepInvariants() {
        // Property: whatever the lines, every article has a title or paragraphs, ids are unique and
        // stable, and no text field holds a raw leftover marker.
        var generator = SplitMix(seed: 42)
        let fragments = ["TT", "p-circle", "مقالات ذات صلة", "اقرأ أيضاً", "الأكثر قراءة", "«الشرق الأوسط» (لندن)",
                         "جنود في الميدان (رويترز)", "أوروبا مشهد عام (أ.ف.ب) p-circle", "نشر في: 11 فبراير 2026",
                         "عنوان قصير للخبر هنا", "فقرة طويلة نسبياً من نص الخبر تتحدث عن الاقتصاد والسياسة والمجتمع، وتنتهي بنقطة.",
                         "", "", "1 / 6", "كتب: سامي نجم", "القاهرة - «الشرق الأوسط»: نص الخبر يبدأ هنا.", "(", "«", ")", ":",
                         "سامي نجم (عمّان) «الشرق الأوسط» (الرياض)", "الرئيسية › اقتصاد", "\u{FEFF}", "\r", "ﺑ205"]
        for _ in 0..<400 {
            let count = Int.random(in: 0...60, using: &generator)
            let lines = (0..<count).map { _ in fragments.randomElement(using: &generator)! }
            let text = lines.joined(separator: "\n")
            let page = extractor.extract(Array(text.utf8), source: "random.txt")
            #expect(Set(page.articles.map(\.id)).count == page.articles.count)
            for article in page.articles {
                #expect(!article.title.isEmpty || !article.paragraphs.isEmpty || article.summary != nil)
                for field in [article.title] + article.paragraphs {
                    #expect(field != "TT" && field != "p-circle")
                }
            }
            #expect(page.articles.map(\.id) == extractor.extract(Array(text.utf8), source: "random.txt").articles.map(\.id))
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<300 {
            let count = Int.random(in: 0...3000, using: &generator)
            // Half the inputs avoid control bytes, so that they get past the binary check into the decoders and readers.
            let printable = Bool.random(using: &generator)
            let bytes = (0..<count).map { _ -> UInt8 in
                if !printable { return UInt8.random(in: 0...255, using: &generator) }
                let byte = UInt8.random(in: 0x1F...0xFF, using: &generator)
                return byte == 0x1F ? 0x0A : byte
            }
            for format in [nil] + Page.Format.allCases.map(Optional.some) {
                _ = extractor.extract(bytes, source: "junk", format: format)
            }
        }
    }

    @Test func veryLongLinesAndManyLinesStayLinear() {
        let line = String(repeating: "كلمة ", count: 200_000)
        let page = extractor.extract(Array(("عنوان\n" + line).utf8), source: "long.txt")
        #expect(page.articles.count == 1)
        let many = String(repeating: "سطر قصير\n\n", count: 50_000)
        let manyPage = extractor.extract(Array(many.utf8), source: "many.txt")
        #expect(manyPage.articles.count <= 1)
    }
}
