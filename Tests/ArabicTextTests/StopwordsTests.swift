import Testing
@testable import ArabicText

@Suite("Stopwords")
struct StopwordsTests {
    @Test func listIsStoredNormalized() {
        for word in Stopwords.arabic.words {
            #expect(Normalizer.search.normalize(word) == word, "\(word)")
        }
    }

    @Test func lookups() {
        #expect(Stopwords.arabic.contains("في"))
        #expect(Stopwords.arabic.contains("وفي"))
        #expect(Stopwords.arabic.contains("الي"))
        #expect(!Stopwords.arabic.contains("كتاب"))
        #expect(!Stopwords.arabic.contains(""))
    }

    @Test func orderOfFiltersDoesNotMatter() {
        // «إلى» written with hamza and alef maksura is found once normalized.
        #expect(Stopwords.arabic.contains(Normalizer.search.normalize("إلى")))
        #expect(Stopwords.arabic.contains(Normalizer.search.normalize("عَلَى")))
    }

    @Test func duplicatesAreDropped() {
        #expect(Stopwords(["في", "في", "من"]).count == 2)
    }
}
