import Testing
@testable import ArabicText

private func terms(_ s: String, _ chain: AnalysisChain = .index) -> [String] { chain.terms(in: s).map(\.text) }

@Suite("AnalysisChain")
struct AnalysisChainTests {
    @Test func normalizesDropsStopwordsAndStems() {
        #expect(terms("وقال الرئيسُ إنّ المفاوضات في موسكو") == ["رئيس", "مفاوض", "موسكو"])
    }

    @Test func vocalizedAndPlainSpellingsMeet() {
        #expect(terms("الْمَدْرَسَةُ") == terms("المدرسة"))
        #expect(terms("ﺍﻟﻤﺪﺭﺳﺔ") == terms("المدرسة"))
        #expect(terms("أخبار") == terms("اخبار"))
    }

    @Test func positionsLeaveGapsForStopwords() {
        let result = AnalysisChain.index.terms(in: "ذهب الوزير إلى موسكو")
        #expect(result.map(\.position) == [0, 1, 3])
    }

    @Test func rangesPointIntoTheOriginal() {
        let text = "أكد بوتين أن «روسيا» مستعدة"
        let bytes = Array(text.utf8)
        let original = AnalysisChain.index.terms(in: text).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(original == ["أكد", "بوتين", "روسيا", "مستعدة"])
    }

    @Test func procliticsAndPunctuationAreNotTerms() {
        #expect(terms("تتعهد ﺑ205 ملايين دولار") == ["تتعهد", "205", "ملاي", "دولار"])
        #expect(terms("عبور لـ«أسطول الظل»") == ["عبور", "اسطول", "ظل"])
    }

    @Test func latinNumbersAndTags() {
        #expect(terms("NATO و٤٫٥ #السعودية @Marsad") == ["nato", "4.5", "سعود", "marsad"])
    }

    @Test func queryChainKeepsAllStopwordQueries() {
        #expect(terms("من هو", .index) == [])
        #expect(terms("من هو", .query) == ["من", "هو"])
        #expect(terms("من موسكو", .query) == ["موسكو"])
    }

    @Test func light10Chain() {
        let chain = AnalysisChain(stemmer: LightStemmer(mode: .light10))
        #expect(terms("والحسن", chain) == ["حسن"])
    }

    @Test func emptyText() {
        #expect(terms("") == [])
    }
}
