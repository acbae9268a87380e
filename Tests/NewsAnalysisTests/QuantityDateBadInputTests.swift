import Foundation
import NewsAnalysis
import NewsModel
import Testing

/// Hostile input for quantities and dates: every call returns a bounded result, in linear time.
/// The time limits are generous on purpose (a debug build on a busy machine): they catch a quadratic
/// blow-up, which would take minutes, not a slow run.
@Suite("Quantities and dates on bad input")
struct QuantityDateBadInputTests {
    let quantities = QuantityExtractor()
    let dates = DateExtractor()

    func run(_ text: String, seconds limit: Double = 60) -> (quantities: [QuantityMatch], dates: [DateMatch]) {
        let start = Date()
        let found = (quantities.matches(in: text), dates.matches(in: [text], published: "2026-02-11T00:00:00Z"))
        #expect(Date().timeIntervalSince(start) < limit)
        let length = text.utf8.count
        for match in found.0 { #expect(match.range.lowerBound >= 0 && match.range.upperBound <= length) }
        for match in found.1 { #expect(match.range.lowerBound >= 0 && match.range.upperBound <= length) }
        return found
    }

    @Test func numbersTooLargeForAnyType() {
        for digit in ["9", "٣", "۷"] {
            let huge = String(repeating: digit, count: 400)
            #expect(run("دفع \(huge) مليون دولار و\(huge) في المائة").quantities.isEmpty)
            #expect(run("في \(huge) مارس \(huge)").dates.isEmpty)
        }
        // Nineteen digits is already more than any amount in news.
        #expect(run("دفع 1234567890123456789 دولار").quantities.isEmpty)
        #expect(run("دفع 123456789012345678 دولار").quantities.count == 1)
        #expect(run("نقل 999 تريليون تريليون طن").quantities.allSatisfy { $0.quantity.value.isFinite })
    }

    @Test func aMegabyteOfDigits() {
        let digits = String(repeating: "7", count: 1 << 20)
        #expect(run(digits + " دولار").quantities.isEmpty)
        #expect(run(String(repeating: "12 ", count: 1 << 18)).quantities.isEmpty)
        #expect(run(String(repeating: "1,2", count: 1 << 18)).quantities.isEmpty)
    }

    @Test func tenThousandNestedBrackets() {
        let open = String(repeating: "(", count: 10_000), close = String(repeating: ")", count: 10_000)
        let found = run(open + "45 عاماً" + close + open + "10 مليون دولار" + close)
        #expect(found.quantities.map(\.quantity.kind) == [.age, .money])
        #expect(run(open + "الأربعاء 11 فبراير 2026" + close).dates.map(\.date.value) == ["2026-02-11"])
        #expect(run(String(repeating: "(«", count: 10_000) + " أمس").dates.count == 1)
    }

    @Test func longChainsOfNumbersAndWords() {
        #expect(run(String(repeating: "1 و", count: 20_000) + "2 في المائة").quantities.count <= 5)
        #expect(run(String(repeating: "ثلاثة ", count: 20_000)).quantities.isEmpty)
        #expect(run(String(repeating: "مليون ", count: 20_000) + "دولار").quantities.count == 1)
        #expect(run(String(repeating: "5 آلاف و", count: 10_000)).quantities.isEmpty)
        #expect(run(String(repeating: "الأربعاء ", count: 20_000)).dates.count == 20_000)
        #expect(run(String(repeating: "سيعقد ", count: 20_000) + "الخميس").dates.map(\.date.value) == ["2026-02-12"])
        #expect(run(String(repeating: "جنيه ", count: 10_000) + "بريطانيا 5 جنيهات").quantities.map(\.quantity.unit) == ["GBP"])
        // Many bare currency names and places: resolving them is O(n log n), not O(n²).
        #expect(run(String(repeating: "مصر 5 جنيهات ", count: 10_000)).quantities.allSatisfy { $0.quantity.unit == "EGP" })
    }

    @Test func longWords() {
        let word = String(repeating: "ب", count: 100_000)
        #expect(run("5 " + word).quantities.isEmpty)
        #expect(run(word + " 2025").dates.isEmpty)
    }

    @Test func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        let interesting = Array("0123456789٠١٢٣٤٥٦٧٨٩٫٬%٪$(),.-/ وبـلمليونألفدولارعامأمسالأربعاءمارس 2025".utf8)
        for _ in 0..<200 {
            let count = Int.random(in: 0...2_000, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let found = run(text)
            for match in found.quantities {
                #expect(match.quantity.value.isFinite && match.quantity.value >= 0)
                #expect(String(decoding: Array(text.utf8)[match.range], as: UTF8.self) == match.quantity.text)
            }
        }
    }

    @Test func emptyArticle() {
        var article = Article(role: .related, title: "")
        quantities.analyze(&article)
        dates.analyze(&article)
        #expect(article.quantities.isEmpty && article.dates.isEmpty)
        #expect(dates.dates(in: ["أمس"], published: "not a date").map(\.value) == ["-P1D"])
    }
}
