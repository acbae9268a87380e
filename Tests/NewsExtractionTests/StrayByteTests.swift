import Foundation
import NewsAnalysis
@testable import NewsExtraction
import NewsModel
import Testing
import StableHash

/// A stray invalid byte in UTF-8 text is replaced where it stands; it never makes the text around
/// it be read as windows-1256 (which turns Arabic UTF-8 into `ط§ظ„` mojibake).
@Suite struct StrayByteTests {
    static let words = ["وزير", "الخارجية", "أعلن", "اليوم", "أن", "المفاوضات", "ستستأنف", "في", "القاهرة", "الأسبوع", "المقبل", "بحضور", "الوفدين"]

    static func record(title: [UInt8], text: String) -> [UInt8] {
        Array(#"{"title": ""#.utf8) + title + Array(#"", "text": ""#.utf8) + Array(text.utf8) + Array("\"}\n".utf8)
    }

    static func title(_ n: Int) -> String { "خبر رقم \(n) عن المفاوضات في القاهرة" }

    @Test func oneBadByteDamagesOneRecordOnly() {
        var bytes = [UInt8]()
        for n in 1...300 {
            var title = Array(Self.title(n).utf8)
            if n == 137 { title.insert(0xFF, at: 4) }
            bytes += Self.record(title: title, text: "نص الخبر رقم \(n) عن المفاوضات.")
        }
        let page = NewsExtractor().extract(bytes, source: "export.jsonl", format: .jsonl)
        #expect(page.encoding == "utf-8")
        #expect(page.articles.count == 300)
        for (index, article) in page.articles.enumerated() where index != 136 {
            #expect(article.title == Self.title(index + 1))
        }
        #expect(page.articles[136].title.contains("\u{FFFD}"))
        #expect(page.articles[136].title.hasSuffix("رقم 137 عن المفاوضات في القاهرة"))
        #expect(page.errors.contains { $0.line == 137 && $0.message.contains("U+FFFD") })
    }

    @Test func aWholeLegacyInputIsStillReadAsLegacy() {
        let lines = (1...20).map { "{\"title\": \"\(Self.title($0))\", \"text\": \"نص\"}\n" }.joined()
        let page = NewsExtractor().extract(InputTests.encode(lines, as: "WINDOWS-1256"), source: "old.jsonl", format: .jsonl)
        #expect(page.encoding == "windows-1256")
        #expect(page.articles.map(\.title) == (1...20).map(Self.title))
    }

    @Test func validUTF8LinesOfALegacyInputAreKeptAsTheyAre() {
        var bytes = [UInt8]()
        for n in 1...12 {
            let line = "{\"title\": \"\(Self.title(n))\", \"text\": \"نص\"}\n"
            bytes += n == 5 ? Array(line.utf8) : InputTests.encode(line, as: "WINDOWS-1256")
        }
        let page = NewsExtractor().extract(bytes, source: "mixed.jsonl", format: .jsonl)
        #expect(page.encoding == "windows-1256")
        #expect(page.articles.map(\.title) == (1...12).map(Self.title))
    }

    @Test func theCensusTellsDamagedUTF8FromLegacy() {
        var damaged = Array(Self.words.joined(separator: " ").utf8)
        damaged.insert(0xFF, at: 7)
        damaged.insert(0xC3, at: 20)
        #expect(UTF8Census(damaged).readsAsUTF8)
        #expect(!UTF8Census(InputTests.encode(Self.words.joined(separator: " "), as: "WINDOWS-1256")).readsAsUTF8)
        #expect(!UTF8Census(InputTests.encode(Self.words.joined(separator: " "), as: "ISO-8859-6")).readsAsUTF8)
    }

    /// Random records of Arabic words, some with random bytes that are not UTF-8 inserted anywhere in
    /// their title (inside a letter's two bytes too): no title ever holds a character that its
    /// record did not, other than U+FFFD, and undamaged records come out exactly.
    @Test func randomBadBytesNeverMakeMojibake() {
        var random = SplitMix64(seed: 0x5EED_16)
        let alphabet = Set(Self.words.joined(separator: " ").unicodeScalars).union([" "])
        for _ in 0..<200 {
            let count = Int.random(in: 1...40, using: &random)
            var titles = [String]()
            var damaged = Set<Int>()
            var bytes = [UInt8]()
            for index in 0..<count {
                let title = (0..<Int.random(in: 2...8, using: &random)).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
                titles.append(title)
                var raw = Array(title.utf8)
                if Int.random(in: 0..<4, using: &random) == 0 {
                    damaged.insert(index)
                    for _ in 0..<Int.random(in: 1...3, using: &random) {
                        // Bytes that are valid nowhere in UTF-8 (a continuation byte could complete a
                        // real character where it lands, which is not damage to detect).
                        let bad = [UInt8](arrayLiteral: 0xC0, 0xC1, 0xF5, 0xF8, 0xFE, 0xFF).randomElement(using: &random)!
                        raw.insert(bad, at: Int.random(in: 0...raw.count, using: &random))
                    }
                }
                bytes += Self.record(title: raw, text: "نص")
            }
            let page = NewsExtractor().extract(bytes, source: "random.jsonl", format: .jsonl)
            #expect(page.encoding == "utf-8")
            #expect(page.articles.count == count)
            for (index, article) in page.articles.enumerated() {
                if damaged.contains(index) {
                    let foreign = article.title.unicodeScalars.filter { !alphabet.contains($0) && $0 != "\u{FFFD}" }
                    #expect(foreign.isEmpty, "\(article.title)")
                } else {
                    #expect(article.title == titles[index])
                }
            }
        }
    }
}
