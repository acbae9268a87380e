import Foundation
import Testing
@testable import ArabicText

private func search(_ s: String) -> String { Normalizer.search.normalize(s) }
private func display(_ s: String) -> String { Normalizer.display.normalize(s) }

@Suite("Normalizer: one case per rule")
struct NormalizerRuleTests {
    @Test func foldAlef() {
        #expect(search("أحمد") == "احمد")
        #expect(search("إسلام") == "اسلام")
        #expect(search("آمن") == "امن")
        #expect(search("ٱلله") == "الله")
    }

    @Test func foldAlefMaksura() { #expect(search("على") == "علي") }
    @Test func foldTehMarbuta() { #expect(search("مدرسة") == "مدرسه") }

    @Test func hamzaCarriersAreOptional() {
        #expect(search("مؤتمر رئيس") == "مؤتمر رئيس")
        let both = Normalizer(rules: Normalizer.Rules.search.union([.foldWawHamza, .foldYehHamza]))
        #expect(both.normalize("مؤتمر رئيس") == "موتمر رييس")
    }

    @Test func removeHarakat() {
        #expect(search("كَتَبَ") == "كتب")
        #expect(search("كِتَابٌ مُّبِينٌ") == "كتاب مبين")
        #expect(search("\u{064B}\u{065F}") == "")
    }

    @Test func removeDaggerAlef() { #expect(search("هٰذا") == "هذا") }
    @Test func removeQuranicMarks() { #expect(search("الرحيم\u{06D6}") == "الرحيم") }
    @Test func removeTatweel() { #expect(search("جـــميل") == "جميل") }

    @Test func foldPresentationForms() {
        #expect(search("ﺑ205") == "ب205")
        #expect(display("ﺑ205") == "ب205")
        #expect(display("ﻻ") == "لا")
        #expect(display("ﻷ") == "لأ")
        #expect(search("ﻷ") == "لا")
        #expect(display("ﷲ") == "الله")
        #expect(display("ﺍﻟﺴﻼﻡ") == "السلام")
    }

    @Test func presentationHarakatLoseTheirSpace() {
        #expect(display("ﺏ\u{FE70}") == "ب\u{064B}")
        #expect(search("ﺏ\u{FE70}") == "ب")
    }

    @Test func foldDigits() {
        #expect(search("٢٠٢٥") == "2025")
        #expect(search("۱۲۳") == "123")
        #expect(display("٢٠٢٥") == "٢٠٢٥")
    }

    @Test func foldNumberPunctuation() { #expect(search("٤٫٥ و١٬٠٠٠ و٥٪") == "4.5 و1,000 و5%") }
    @Test func foldPersianLetters() { #expect(search("کتاب ی") == "كتاب ي") }

    @Test func removeInvisibleControls() {
        for control in ["\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{FEFF}", "\u{202B}", "\u{2067}"] {
            #expect(display("بيت\(control)نا") == "بيتنا", "U+\(String(control.unicodeScalars.first!.value, radix: 16))")
        }
    }

    @Test func foldSpaces() {
        #expect(display("a\u{00A0}b\u{2009}c\u{3000}d") == "a b c d")
    }

    @Test func collapseSpaces() {
        #expect(display("a  \t b") == "a b")
        #expect(display("a \u{00A0} b") == "a b")
        #expect(display("a\n\nb") == "a\n\nb")
    }

    @Test func lowercaseLatin() {
        #expect(search("Putin NATO") == "putin nato")
        #expect(display("Putin") == "Putin")
    }

    @Test func displayKeepsLettersAndDiacritics() {
        #expect(display("أَكَّدَ إِنَّ ـ مؤسسة على") == "أَكَّدَ إِنَّ ـ مؤسسة على")
    }

    @Test func eachRuleSwitchesOffAlone() {
        let samples: [(Normalizer.Rules, String)] = [
            (.foldAlef, "أ"), (.foldAlefMaksura, "ى"), (.foldTehMarbuta, "ة"), (.removeHarakat, "بَ"),
            (.removeDaggerAlef, "هٰ"), (.removeQuranicMarks, "ب\u{06D6}"), (.removeTatweel, "بـ"),
            (.foldPresentationForms, "ﺑ"), (.foldDigits, "٣"), (.foldNumberPunctuation, "٫"), (.foldPersianLetters, "ک"),
            (.removeInvisibleControls, "a\u{200F}"), (.foldSpaces, "a\u{00A0}b"), (.lowercaseLatin, "A"),
        ]
        for (rule, sample) in samples {
            let without = Normalizer(rules: Normalizer.Rules.search.subtracting(rule))
            #expect(without.normalize(sample) == sample, "\(rule)")
            #expect(Normalizer.search.normalize(sample) != sample, "\(rule)")
        }
    }
}

@Suite("Normalizer: input edge cases")
struct NormalizerInputTests {
    @Test func emptyInput() {
        #expect(search("") == "")
        #expect(Normalizer.search.normalize(utf8: [UInt8]()).text == "")
    }

    @Test func nonArabicPassesThrough() {
        let text = "Hello, world! café ñ 日本 — “quotes” 3.14"
        #expect(display(text) == text)
        #expect(search(text) == text.lowercased())
    }

    @Test func invalidUTF8BecomesReplacementAndIsCounted() {
        let cases: [([UInt8], String, Int)] = [
            ([0x61, 0xFF, 0x62], "a\u{FFFD}b", 1),
            ([0xD8], "\u{FFFD}", 1),  // truncated two-byte Arabic letter
            ([0xC0, 0x80], "\u{FFFD}\u{FFFD}", 2),  // overlong
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}", 3),  // surrogate
            ([0xE2, 0x80], "\u{FFFD}", 1),  // truncated three-byte sequence: one maximal subpart
            ([0xD8, 0xA3, 0x80, 0xD8, 0xA8], "ا\u{FFFD}ب", 1),
        ]
        for (bytes, expected, count) in cases {
            let output = Normalizer.search.normalize(utf8: bytes)
            #expect(output.text == expected, "\(bytes)")
            #expect(output.replacedSequences == count, "\(bytes)")
        }
    }

    @Test func matchesFoundationOnValidText() {
        // The replacement policy agrees with String(decoding:) on random bytes.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<40).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let ours = Normalizer(rules: []).normalize(utf8: bytes).text
            #expect(ours == String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func presentationFormsAgreeWithNFKC() {
        for cp in Array(UInt32(0xFB50)...0xFDFF) + Array(UInt32(0xFE70)...0xFEFE) {
            guard let scalar = Unicode.Scalar(cp), scalar.properties.generalCategory != .unassigned else { continue }
            let s = String(Character(scalar))
            var nfkc = s.precomposedStringWithCompatibilityMapping
            // Our one deliberate difference: no space before an isolated haraka form.
            if nfkc.unicodeScalars.first == " ", nfkc.unicodeScalars.count > 1,
               nfkc.unicodeScalars.dropFirst().allSatisfy({ $0.properties.canonicalCombiningClass.rawValue > 0 }) {
                nfkc = String(nfkc.unicodeScalars.dropFirst())
            }
            #expect(display(s) == nfkc, "U+\(String(cp, radix: 16))")
        }
    }

    @Test func longSingleLine() {
        let unit = "وَقَالَ ﺍﻟﺮﺋﻴﺲ  إن ١٠ "
        let text = String(repeating: unit, count: 50_000)
        let out = search(text)
        #expect(out == String(repeating: "وقال الرييس ان 10 ".replacingOccurrences(of: "الرييس", with: "الرئيس"), count: 50_000))
    }

    @Test func manyTinyLines() {
        let text = String(repeating: "أ\n", count: 200_000)
        #expect(search(text) == String(repeating: "ا\n", count: 200_000))
    }
}
