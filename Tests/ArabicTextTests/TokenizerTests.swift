import Testing
@testable import ArabicText

private func tokens(_ s: String) -> [(TokenKind, String)] {
    Tokenizer().tokens(in: s).map { ($0.kind, $0.text) }
}

private func texts(_ s: String) -> [String] { Tokenizer().tokens(in: s).map(\.text) }
private func kinds(_ s: String) -> [TokenKind] { Tokenizer().tokens(in: s).map(\.kind) }

@Suite("Tokenizer")
struct TokenizerTests {
    @Test func arabicWordsKeepDiacriticsAndTatweel() {
        #expect(texts("كَتَبَ الطالبُ جـميل") == ["كَتَبَ", "الطالبُ", "جـميل"])
        #expect(kinds("كَتَبَ") == [.arabicWord])
    }

    @Test func arabicPunctuation() {
        #expect(texts("نعم، لا؛ لماذا؟") == ["نعم", "،", "لا", "؛", "لماذا", "؟"])
        #expect(kinds("نعم، لا؛ لماذا؟") == [.arabicWord, .punctuation, .arabicWord, .punctuation, .arabicWord, .punctuation])
        #expect(texts("«الناتو»") == ["«", "الناتو", "»"])
    }

    @Test func decimalsAndThousands() {
        #expect(tokens("4.5 و٤٫٥ و1,250,000 و١٬٠٠٠")
            .filter { $0.0 == .number }.map(\.1) == ["4.5", "٤٫٥", "1,250,000", "١٬٠٠٠"])
        // A comma that does not group three digits is punctuation.
        #expect(texts("1,2") == ["1", ",", "2"])
        #expect(texts("عام 2025.") == ["عام", "2025", "."])
    }

    @Test func tatweelJoinedProclitics() {
        #expect(tokens("لـ«أسطول الظل»").prefix(3).map(\.0) == [.proclitic, .punctuation, .arabicWord])
        #expect(tokens("بـ205 ملايين").map(\.0) == [.proclitic, .number, .arabicWord])
        #expect(tokens("ﺑ205").map(\.0) == [.proclitic, .number])
        #expect(tokens("ﻟ«أسطول").map(\.0) == [.proclitic, .punctuation, .arabicWord])
        // Tatweel inside a word keeps it one word; a decorative tatweel before a space is no proclitic.
        #expect(kinds("بـالمال") == [.arabicWord])
        #expect(kinds("جـ ") == [.arabicWord])
    }

    @Test func mixedScripts() {
        #expect(tokens("iPhoneالجديد").map(\.0) == [.latinWord, .arabicWord])
        #expect(tokens("5G").map(\.0) == [.latinWord])
        #expect(tokens("٥G").map(\.0) == [.latinWord])
        #expect(texts("COVID-19") == ["COVID", "-", "19"])
        #expect(texts("O'Brien") == ["O'Brien"])
    }

    @Test func urlsEmailsHashtagsMentions() {
        #expect(tokens("زوروا https://example.com/a?b=1. الآن").map(\.0) == [.arabicWord, .url, .punctuation, .arabicWord])
        #expect(tokens("www.aawsat.com،").map(\.0) == [.url, .punctuation])
        #expect(tokens("راسلونا على news@example.co.uk").last!.0 == .email)
        #expect(tokens("#السعودية #Saudi_2030").map(\.0) == [.hashtag, .hashtag])
        #expect(tokens("@marsad_news.").map(\.0) == [.mention, .punctuation])
        #expect(tokens("# @").map(\.0) == [.punctuation, .punctuation])
    }

    @Test func ellipsisIsOneToken() {
        #expect(texts("الغاز... ونحن") == ["الغاز", "...", "ونحن"])
        #expect(texts("الغاز… ونحن") == ["الغاز", "…", "ونحن"])
    }

    @Test func offsetsMapBackToTheOriginal() {
        let text = "قال ﺑوتين: «نحن نبني محطة» 4.5 مليار https://t.co/x #روسيا"
        let bytes = Array(text.utf8)
        for token in Tokenizer().tokens(in: text) {
            #expect(String(decoding: bytes[token.range], as: UTF8.self) == token.text)
        }
    }

    @Test func invisibleControlsSeparateOrJoin() {
        #expect(texts("بيت\u{200C}نا") == ["بيت\u{200C}نا"])
        #expect(texts("a\u{200F} b") == ["a", "b"])
    }

    @Test func emptyAndSpaceOnly() {
        #expect(Tokenizer().tokens(in: "").isEmpty)
        #expect(Tokenizer().tokens(in: " \n\t\u{00A0}").isEmpty)
    }

    @Test func invalidBytesAreSkipped() {
        let bytes: [UInt8] = [0xD8, 0xA8, 0xFF, 0xD8, 0xA8]
        var ranges = [Range<Int>]()
        bytes.withUnsafeBufferPointer { Tokenizer().forEachToken(in: $0) { _, r in ranges.append(r) } }
        #expect(ranges == [0..<2, 3..<5])
    }

    @Test func longInputIsLinear() {
        let text = String(repeating: "الرئيس، 12 ", count: 100_000)
        #expect(Tokenizer().tokens(in: text).count == 300_000)
    }
}
