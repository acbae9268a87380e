import Foundation
import NewsAnalysis
import NewsModel
import StableHash
import Testing

/// Stories as events (`StoryMatcher.decide(_:published:candidates:stories:)`): one rule a test.
@Suite struct StoryCentroidTests {
    typealias F = FingerprintFixtures
    let policy = FingerprintPolicyTests()
    /// The composed same-event pair sits at cosine 0.44 (FingerprintPolicyTests): these tests check
    /// the rules at a bar below it, not the bar tuned on real pairs.
    let matcher = StoryMatcher(centroidCosine: 0.4)

    func centroid(_ articles: [Article], day: String?) -> StoryMatcher.StoryCentroid {
        var centroid = StoryMatcher.StoryCentroid(terms: TermVector(), day: nil, articles: 0)
        for article in articles {
            centroid = StoryMatcher.StoryCentroid(terms: centroid.addingTerms(policy.print(article).terms), day: nil, articles: centroid.articles + 1)
        }
        centroid.day = FingerprintPolicyTests.date(day).map { $0.timeIntervalSince1970 / 86_400 }
        return centroid
    }

    @Test func anArticleJoinsTheStoryWhoseCentroidItIsCloseTo() {
        let stories = ["flood": centroid([F.flood], day: F.flood.published), "economy": centroid([F.rates], day: F.rates.published)]
        let decision = matcher.decide(
            policy.print(F.floodElsewhere), published: FingerprintPolicyTests.date(F.floodElsewhere.published),
            candidates: [policy.candidate("r", "economy", F.rates), policy.candidate("f", "flood", F.flood)], stories: stories)
        #expect(decision.story == "flood")
    }

    /// A member it resembles is not enough: a story that has moved on (its centroid elsewhere) is not
    /// joined through one old member. Single-link joining chains this way.
    @Test func aStoryThatMovedOnIsNotJoinedThroughOneMember() {
        let candidates = [policy.candidate("f", "s", F.flood)]
        let movedOn = ["s": centroid([F.flood, F.rates, F.match, F.rates, F.nextMatch], day: F.flood.published)]
        let published = FingerprintPolicyTests.date(F.floodElsewhere.published)
        #expect(matcher.decide(policy.print(F.floodElsewhere), published: published, candidates: candidates).story == "s")
        #expect(matcher.decide(policy.print(F.floodElsewhere), published: published, candidates: candidates, stories: movedOn) == .newStory)
    }

    @Test func aStoryCentredDaysAwayIsNotJoined() {
        let candidates = [policy.candidate("f", "s", F.flood)]
        let far = ["s": centroid([F.flood], day: "2026-01-01T00:00:00Z")]
        let near = ["s": centroid([F.flood], day: F.flood.published)]
        let published = FingerprintPolicyTests.date(F.floodElsewhere.published)
        #expect(matcher.decide(policy.print(F.floodElsewhere), published: published, candidates: candidates, stories: far) == .newStory)
        #expect(matcher.decide(policy.print(F.floodElsewhere), published: published, candidates: candidates, stories: near).story == "s")
        // Without a date, words alone decide.
        #expect(matcher.decide(policy.print(F.floodElsewhere), published: nil, candidates: candidates, stories: far).story == "s")
    }

    @Test func sharedEntitiesLowerTheCentroidBar() {
        let a = policy.print(F.match), b = policy.print(F.nextMatch)
        let cosine = b.terms.cosine(a.terms)
        let matcher = StoryMatcher(centroidCosine: 0.9, centroidCosineWithSharedEntities: cosine - 0.01)
        let stories = ["s": StoryMatcher.StoryCentroid(terms: a.terms, day: nil, articles: 1)]
        let member = StoryMatcher.Candidate(id: "m", story: "s", published: nil, terms: a.terms, entities: [1, 5, 9])
        var article = b
        article.entities = [1, 2, 3]
        #expect(matcher.decide(article, published: nil, candidates: [member], stories: stories) == .newStory)
        article.entities = [1, 2, 9]
        #expect(matcher.decide(article, published: nil, candidates: [member], stories: stories).story == "s")
    }

    @Test func aNearDuplicateJoinsItsOriginalsStoryWhateverTheCentroid() {
        let far = ["flood": centroid([F.rates], day: "2026-01-01T00:00:00Z")]
        let decision = matcher.decide(
            policy.print(F.floodEdited), published: FingerprintPolicyTests.date("2026-05-01T00:00:00Z"),
            candidates: [policy.candidate("f", "flood", F.flood, full: true)], stories: far)
        #expect(decision == .duplicate(story: "flood", candidate: "f"))
    }

    @Test func eachArticleWeighsTheSameInTheCentroid() {
        let flood = policy.print(F.flood).terms, rates = policy.print(F.rates).terms
        let one = StoryMatcher.StoryCentroid(terms: flood, day: nil, articles: 1)
        let two = StoryMatcher.StoryCentroid(terms: one.addingTerms(rates), day: nil, articles: 2)
        // Between the two: close to both (the 60 heaviest terms of their sum are kept).
        #expect(two.terms.cosine(flood) > 0.5 && two.terms.cosine(rates) > 0.5)
        let three = StoryMatcher.StoryCentroid(terms: two.addingTerms(rates), day: nil, articles: 3)
        #expect(three.terms.cosine(rates) > three.terms.cosine(flood))
        #expect(three.terms.count <= StoryMatcher.StoryCentroid.termLimit)
    }

    @Test func weightsInAnyOrderGiveTheSameVector() {
        var random = SplitMix64(seed: 20)
        let weights: [(term: UInt64, weight: Float)] = (0..<80).map { (i: Int) -> (term: UInt64, weight: Float) in
            (term: UInt64(i) &* 0x9E37_79B9_7F4A_7C15, weight: Float(1 + i % 7) / 3)
        }
        let reference = TermVector(weights: weights, limit: 60)
        for _ in 0..<5 {
            #expect(TermVector(weights: weights.shuffled(using: &random), limit: 60) == reference)
        }
    }
}
