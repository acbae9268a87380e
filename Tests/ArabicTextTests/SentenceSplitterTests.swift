import Testing
@testable import ArabicText

private func split(_ s: String, options: SentenceSplitter.Options = .default) -> [String] {
    SentenceSplitter(options: options).split(s).map(String.init)
}

@Suite("SentenceSplitter")
struct SentenceSplitterTests {
    @Test func endMarks() {
        #expect(split("ذهب. عاد! لماذا؟ نعم") == ["ذهب.", "عاد!", "لماذا؟", "نعم"])
    }

    @Test func lineBreaks() {
        #expect(split("سطر أول\nسطر ثان") == ["سطر أول", "سطر ثان"])
    }

    @Test func decimals() {
        #expect(split("بلغ النمو 4.5 في المائة. وتراجع") == ["بلغ النمو 4.5 في المائة.", "وتراجع"])
    }

    @Test func agencyAbbreviations() {
        #expect(split("قالت وكالة أ.ف.ب إن الوفد وصل. ثم غادر") == ["قالت وكالة أ.ف.ب إن الوفد وصل.", "ثم غادر"])
        #expect(split("(د.ب.أ) أعلنت الشرطة") == ["(د.ب.أ) أعلنت الشرطة"])
        #expect(split("نقلت أ.ب الخبر.") == ["نقلت أ.ب الخبر."])
    }

    @Test func titles() {
        #expect(split("قال د. أحمد إن الوضع مستقر.") == ["قال د. أحمد إن الوضع مستقر."])
    }

    @Test func ellipsisInsideQuoteDoesNotSplit() {
        #expect(split("وقال: «تحل محل الغاز... ونحن مستعدون».") == ["وقال: «تحل محل الغاز... ونحن مستعدون»."])
    }

    @Test func ellipsisOutsideQuoteSplits() {
        #expect(split("جندت آلاف الجواسيس… ثم انسحبت") == ["جندت آلاف الجواسيس…", "ثم انسحبت"])
    }

    @Test func closingQuoteStaysWithItsSentence() {
        #expect(split("قال: «المفاعل يعمل.» وأضاف أمراً") == ["قال: «المفاعل يعمل.»", "وأضاف أمراً"])
    }

    @Test func quotesSpanningSentences() {
        let text = "وقال: «نحن نبني محطة. المفاعل الأول يعمل». وأضاف"
        #expect(split(text) == ["وقال: «نحن نبني محطة.", "المفاعل الأول يعمل».", "وأضاف"])
        #expect(split(text, options: .init(keepQuotesWhole: true)) == ["وقال: «نحن نبني محطة. المفاعل الأول يعمل».", "وأضاف"])
    }

    @Test func unbalancedQuotesAreBounded() {
        let text = String(repeating: "«", count: 10_000) + "نص. آخر"
        #expect(split(text).count == 2)
        #expect(split("»»» نص. آخر") == ["»»» نص.", "آخر"])
    }

    @Test func emptyAndLatin() {
        #expect(split("") == [])
        #expect(split("   ") == [])
        #expect(split("It works. The U.S. agrees.") == ["It works.", "The U.S. agrees."])
    }
}
