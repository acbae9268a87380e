import Archive
import Foundation
import NewsModel
import Testing

/// One test per rule of ``ProximityRanker``.
@Suite struct ProximityRankerTests {
    let ranker = ProximityRanker(terms: ["مهرجان", "صيف", "تذكر"])!

    @Test func fewerThanTwoDistinctWordsRankNothing() {
        #expect(ProximityRanker(terms: ["مهرجان"]) == nil)
        #expect(ProximityRanker(terms: ["مهرجان", "مهرجان"]) == nil)
        #expect(ProximityRanker(terms: ["", "مهرجان"]) == nil)
    }

    @Test func adjacentWordsAreClosenessOne() {
        #expect(ranker.closeness(["اعلن مهرجان صيف تذكر امس"]) == 1)
    }

    @Test func closenessFallsWithTheWindow() {
        // Window of 5 positions for 3 words: (3 − 1) / (5 − 1).
        #expect(ranker.closeness(["مهرجان في صيف هذا تذكر"]) == 0.5)
    }

    @Test func theSmallestWindowAmongRepeatsCounts() {
        let far = Array(repeating: "كلمة", count: 40).joined(separator: " ")
        #expect(ranker.closeness(["مهرجان \(far) صيف \(far) تذكر مهرجان صيف"]) == 1)
    }

    @Test func aWordMissingScalesByTheShareFound() {
        #expect(ranker.closeness(["مهرجان صيف ثم لا شيء"]) == 2.0 / 3.0)
        #expect(ranker.closeness(["مهرجان وحده"]) == 0)
    }

    @Test func theCloserFieldCounts() {
        #expect(ranker.closeness(["مهرجان صيف تذكر", "مهرجان ثم صيف ثم ثم تذكر"]) == 1)
    }

    @Test func onlyWholeTermsMatch() {
        #expect(ranker.closeness(["مهرجانات صيفي تذكرة"]) == 0)
    }

    @Test func rerankLiftsCloseWordsAndKeepsTiesInOrder() {
        let hits: [(seq: Int64, score: Double)] = [(1, 10), (2, 9), (3, 9)]
        let fields: [Int64: [String]] = [1: ["", "مهرجان " + String(repeating: "و ", count: 50) + "صيف تذكر"], 3: ["مهرجان صيف تذكر", ""]]
        #expect(ranker.rerank(hits, fields: fields).map(\.seq) == [3, 1, 2])
        #expect(ranker.rerank(hits, fields: [:]).map(\.seq) == [1, 2, 3])
    }
}

/// The stores apply the ranker alike: four words of one sentence outrank the same words scattered
/// over an article that holds each of them more often.
@Suite struct ProximitySearchTests {
    static let filler = "وقالت مصادر محلية إن الأجواء كانت هادئة طوال اليوم في الأحياء الشمالية والجنوبية من العاصمة."

    static func scattered() -> Article {
        let gap = Array(repeating: filler, count: 3).joined(separator: " ")
        let words = ["المهرجان", "الصيفي", "التذاكر", "المدن", "المهرجان", "الصيفي", "التذاكر", "المدن"]
        return ArchiveFixtures.article(
            "s1", title: "أخبار منوعة من العاصمة", paragraphs: [words.map { "\(gap) \($0)" }.joined(separator: " ")],
            url: "https://www.example-news.com/local/1")
    }

    static func close() -> Article {
        ArchiveFixtures.article(
            "c1", title: "نشرة المساء المحلية",
            paragraphs: ["وأكدت اللجنة أن المهرجان الصيفي سيطرح التذاكر في كل المدن. " + Array(repeating: filler, count: 20).joined(separator: " ")],
            url: "https://other-daily.net/local/2")
    }

    @Test(arguments: StoreKind.available) func wordsOfOneSentenceOutrankScatteredOnes(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            _ = try await store.archive.ingest(ArchiveFixtures.prepared("https://www.example-news.com/local/1", [Self.scattered()]))
            _ = try await store.archive.ingest(ArchiveFixtures.prepared("https://other-daily.net/local/2", [Self.close()]))
            // One word: nothing to be close to, and the article that holds it twice leads.
            let one = try await store.archive.search(SearchRequest(query: SearchQuery("المهرجان"), limit: 5))
            #expect(one.hits.map(\.id) == ["s1", "c1"])
            let four = try await store.archive.search(SearchRequest(query: SearchQuery("المهرجان الصيفي التذاكر المدن"), limit: 5))
            #expect(four.hits.map(\.id) == ["c1", "s1"])
            #expect(four.total == 2)
            // Newest first ignores the score and is not reordered.
            let newest = try await store.archive.search(SearchRequest(query: SearchQuery("المهرجان الصيفي التذاكر المدن"), limit: 5, order: .newest))
            #expect(Set(newest.hits.map(\.id)) == ["c1", "s1"])
        }
    }
}
