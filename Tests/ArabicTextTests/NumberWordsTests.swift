import Testing
@testable import ArabicText

private func value(_ s: String) -> Double? { NumberWords().value(of: s) }

@Suite("NumberWords")
struct NumberWordsTests {
    @Test func cardinals() {
        #expect(value("واحد") == 1)
        #expect(value("ثلاث") == 3)
        #expect(value("ثلاثة") == 3)
        #expect(value("تسعة") == 9)
        #expect(value("عشرة") == 10)
    }

    @Test func teens() {
        #expect(value("أحد عشر") == 11)
        #expect(value("اثنا عشر") == 12)
        #expect(value("ثلاثة عشر") == 13)
        #expect(value("تسعة عشر") == 19)
    }

    @Test func tensAndCompounds() {
        #expect(value("عشرون") == 20)
        #expect(value("تسعين") == 90)
        #expect(value("خمسة وعشرون") == 25)
    }

    @Test func hundreds() {
        #expect(value("مئة") == 100)
        #expect(value("مائة") == 100)
        #expect(value("مئتان") == 200)
        #expect(value("مائتي") == 200)
        #expect(value("ثلاثمئة") == 300)
        #expect(value("خمسمائة") == 500)
        #expect(value("ثلاث مئة") == 300)
    }

    @Test func scalesInAllForms() {
        #expect(value("ألف") == 1_000)
        #expect(value("ألفان") == 2_000)
        #expect(value("ألفي") == 2_000)
        #expect(value("ثلاثة آلاف") == 3_000)
        #expect(value("مليون") == 1_000_000)
        #expect(value("مليونان") == 2_000_000)
        #expect(value("خمسة ملايين") == 5_000_000)
        #expect(value("مليار") == 1_000_000_000)
        #expect(value("ملياراً") == 1_000_000_000)
        #expect(value("ملياران") == 2_000_000_000)
        #expect(value("عشرة مليارات") == 10_000_000_000)
        #expect(value("تريليون") == 1_000_000_000_000)
    }

    @Test func mixedDigitsAndWords() {
        #expect(value("4.5 مليار") == 4_500_000_000)
        #expect(value("205 ملايين") == 205_000_000)
        #expect(value("٣٠٠ ألف") == 300_000)
        #expect(value("1,250 مليون") == 1_250_000_000)
        #expect(value("40 ملياراً") == 40_000_000_000)
    }

    @Test func joinedByWaw() {
        #expect(value("ثلاثة آلاف وخمسمائة") == 3_500)
        #expect(value("مليون ومائتا ألف") == 1_200_000)
    }

    @Test func barePluralHasNoValue() {
        #expect(value("آلاف") == nil)
        #expect(value("ملايين") == nil)
    }

    @Test func notNumbers() {
        #expect(value("") == nil)
        #expect(value("كتاب") == nil)
        #expect(value("ثلاثة أربعة") == nil)
    }

    @Test func matchStopsAtTheFirstNonNumberWord() {
        let match = NumberWords().match(words: ["150", "مليون", "جنيه", "إسترليني"])
        #expect(match == NumberWords.Match(value: 150_000_000, wordCount: 2))
        #expect(NumberWords().match(words: ["آلاف", "الجواسيس"]) == nil)
    }
}
