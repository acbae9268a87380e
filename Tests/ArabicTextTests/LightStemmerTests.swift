import Testing
@testable import ArabicText

private let light10 = LightStemmer(mode: .light10)
private let marsad = LightStemmer(mode: .marsad)

/// Cases derived from Larkey's light10 as Lucene implements it (prefix list, suffix list, length checks).
@Suite("LightStemmer light10")
struct Light10Tests {
    @Test func prefixes() {
        #expect(light10.stem("الحسن") == "حسن")
        #expect(light10.stem("والحسن") == "حسن")
        #expect(light10.stem("بالحسن") == "حسن")
        #expect(light10.stem("كالحسن") == "حسن")
        #expect(light10.stem("فالحسن") == "حسن")
        #expect(light10.stem("للاخر") == "اخر")
        #expect(light10.stem("وحسن") == "حسن")
    }

    @Test func onlyOnePrefix() {
        // وال is matched before و, and nothing is stripped after the first match.
        #expect(light10.stem("ووالحسن") == "والحسن")
    }

    @Test func suffixes() {
        #expect(light10.stem("زوجها") == "زوج")
        #expect(light10.stem("ساهدان") == "ساهد")
        #expect(light10.stem("ساهدات") == "ساهد")
        #expect(light10.stem("ساهدون") == "ساهد")
        #expect(light10.stem("ساهدين") == "ساهد")
        #expect(light10.stem("ساهديه") == "ساهد")
        #expect(light10.stem("ساهدية") == "ساهد")
        #expect(light10.stem("ساهده") == "ساهد")
        #expect(light10.stem("ساهدة") == "ساهد")
        #expect(light10.stem("ساهدي") == "ساهد")
    }

    @Test func suffixesApplyInListOrder() {
        // ي is the last suffix tried, so ها before it survives.
        #expect(light10.stem("زوجهاي") == "زوجها")
        // Each suffix is tried once, in order: ه goes, but ات was tried before it was exposed.
        #expect(light10.stem("ساهداته") == "ساهدات")
    }

    @Test func prefixAndSuffix() {
        #expect(light10.stem("وساهدون") == "ساهد")
        #expect(light10.stem("الساهدات") == "ساهد")
    }

    @Test func shouldNotStem() {
        #expect(light10.stem("ال") == "ال")
        #expect(light10.stem("الو") == "الو")  // ال needs two letters left
        #expect(light10.stem("وحس") == "وحس")  // و needs a word of four letters
        #expect(light10.stem("ها") == "ها")
        #expect(light10.stem("به") == "به")  // suffixes leave two letters
    }

    @Test func nonArabicAndEmpty() {
        #expect(light10.stem("English") == "English")
        #expect(light10.stem("2025") == "2025")
        #expect(light10.stem("") == "")
    }
}

@Suite("LightStemmer marsad")
struct MarsadStemmerTests {
    @Test func conjunctionArticleAndPrepositions() {
        #expect(marsad.stem("والحسن") == "حسن")
        #expect(marsad.stem("وبالمدرسه") == "مدرس")
        #expect(marsad.stem("فللاخبار") == "اخبار")
        #expect(marsad.stem("كالطفيل") == "طفيل")
        #expect(marsad.stem("بمعهود") == "معهود")
    }

    @Test func pronounsAndConstructTeh() {
        #expect(marsad.stem("حكومتهم") == "حكوم")
        #expect(marsad.stem("الحكومه") == "حكوم")
        #expect(marsad.stem("كتابهما") == "كتاب")
        #expect(marsad.stem("ومطالباتهم") == "مطالب")
    }

    @Test func verbEndings() {
        #expect(marsad.stem("قالوا") == "قال")
        #expect(marsad.stem("المعلمون") == "معلم")
    }

    @Test func shortWordsAreLeftAlone() {
        #expect(marsad.stem("كتب") == "كتب")
        #expect(marsad.stem("وله") == "وله")
        #expect(marsad.stem("بها") == "بها")
    }

    @Test func stemKeepsThreeLetters() {
        // light10 would leave two letters here.
        #expect(light10.stem("بيتها") == "بيت")
        #expect(marsad.stem("بيتها") == "بيت")
        #expect(light10.stem("اليه") == "يه")
        #expect(marsad.stem("سيارتها") == "سيار")
    }

    @Test func properNounsAreGuarded() {
        #expect(light10.stem("بوتين") == "بوت")
        #expect(marsad.stem("بوتين") == "بوتين")
        #expect(marsad.stem("وبوتين") == "بوتين")
        #expect(marsad.stem("ماكرون") == "ماكرون")
        #expect(marsad.stem("لبنان") == "لبنان")
        #expect(marsad.stem("واشنطن") == "واشنطن")
    }

    @Test func rootInitialLettersAreNotClitics() {
        #expect(light10.stem("وزير") == "زير")
        #expect(marsad.stem("وزير") == "وزير")
        #expect(marsad.stem("الوزاره") == "وزار")
        #expect(marsad.stem("فريق") == "فريق")
        #expect(marsad.stem("بيانات") == "بيان")
    }

    @Test func nonArabicAndEmpty() {
        #expect(marsad.stem("NATO") == "NATO")
        #expect(marsad.stem("") == "")
    }

    @Test func guardListsAreNormalized() {
        for word in StemmerGuards.properNouns + StemmerGuards.rootInitialWords {
            #expect(Normalizer.search.normalize(word) == word, "\(word)")
        }
    }
}
