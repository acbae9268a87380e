import Archive
import Foundation
import StableHash
import NewsModel
import TestSupport
import Testing

/// Sagas: the builder's rules over composed profiles, then both stores with a predictable policy.
@Suite struct SagaTests {
    /// A profile whose centroid is one byte (the topic) and whose articles sit on one day.
    static func profile(_ story: Int64, topic: UInt8, day: Int64, articles: Int = 3) -> StoryProfile {
        StoryProfile(story: story, articles: articles, centroid: [topic], daySum: (20_000 + day) * Int64(articles), dated: articles)
    }

    /// Topics within 10 of each other are close (0.5); otherwise not.
    static func closeness(_ a: StoryProfile, _ b: StoryProfile) -> Float? {
        abs(Int(a.centroid[0]) - Int(b.centroid[0])) <= 10 ? 0.5 : 0.1
    }

    @Test func storiesLinkedOverWeeksMakeOneSaga() {
        // One affair: a story every five days for a month, each close to the next.
        let profiles = (0..<6).map { (n: Int) -> StoryProfile in
            Self.profile(Int64(n + 1), topic: 50, day: Int64(n * 5), articles: n == 2 ? 9 : 3)
        }
        let sagas = SagaBuilder().sagas(profiles, closeness: Self.closeness)
        #expect(sagas.count == 1)
        // Its id and first story are its core, the largest story.
        #expect(sagas[0].id == 3)
        #expect(sagas[0].stories == [3, 1, 2, 4, 5, 6])
    }

    @Test func aGapLongerThanTheMaximumEndsTheSaga() {
        let profiles = [Self.profile(1, topic: 50, day: 0), Self.profile(2, topic: 50, day: 3), Self.profile(3, topic: 50, day: 6),
                        Self.profile(4, topic: 50, day: 30), Self.profile(5, topic: 50, day: 33), Self.profile(6, topic: 50, day: 36)]
        let sagas = SagaBuilder().sagas(profiles, closeness: Self.closeness)
        #expect(sagas.map { Set($0.stories) } == [[1, 2, 3], [4, 5, 6]])
    }

    @Test func fewerStoriesThanTheMinimumAreNoSaga() {
        let profiles = [Self.profile(1, topic: 50, day: 0), Self.profile(2, topic: 50, day: 3), Self.profile(3, topic: 200, day: 3)]
        #expect(SagaBuilder().sagas(profiles, closeness: Self.closeness).isEmpty)
    }

    @Test func aStoryOfOneArticleTakesNoPart() {
        let profiles = [Self.profile(1, topic: 50, day: 0), Self.profile(2, topic: 50, day: 3), Self.profile(3, topic: 50, day: 4, articles: 1)]
        #expect(SagaBuilder().sagas(profiles, closeness: Self.closeness).isEmpty)
    }

    /// A dense season: each story resembles only its neighbours in topic, so a chain from topic 50 to
    /// topic 100 would need one resemblance at a time. Away from the core, a story must be linked to
    /// half the saga's stories near it in time.
    @Test func oneResemblanceAtATimeDoesNotChainTwoAffairs() {
        let profiles = (0..<6).map { (n: Int) -> StoryProfile in
            Self.profile(Int64(n + 1), topic: UInt8(50 + n * 10), day: 0, articles: n == 0 ? 9 : 3)
        }
        let sagas = SagaBuilder().sagas(profiles, closeness: Self.closeness)
        // The core (topic 50) takes topic 60; topic 70 is linked to 60 only, one link of two.
        #expect(sagas.allSatisfy { !($0.stories.contains(1) && $0.stories.contains(6)) })
        #expect(sagas.first.map { Set($0.stories) } != Set(1...6))
    }

    @Test func theSameProfilesInAnyOrderGiveTheSameSagas() {
        var generator = SplitMix64(seed: 11)
        let profiles = (0..<40).map { (n: Int) -> StoryProfile in
            Self.profile(Int64(n + 1), topic: UInt8((n % 4) * 40 + 20), day: Int64(n / 4 * 2), articles: 2 + n % 5)
        }
        let reference = SagaBuilder().sagas(profiles, closeness: Self.closeness)
        #expect(!reference.isEmpty)
        for _ in 0..<5 {
            #expect(SagaBuilder().sagas(profiles.shuffled(using: &generator), closeness: Self.closeness) == reference)
        }
    }
}

extension SagaTests {
    @Test(arguments: StoreKind.available) func storesBuildListAndShowSagas(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, policy: SagaTopicPolicy()) { store in
            let archive = store.archive
            // Topic 10 on days 1, 5 and 9 (two outlets each): one affair; topic 90 alone.
            var pages = [ArchivePage]()
            for (n, (topic, day)) in [(10, 1), (11, 5), (12, 9), (90, 5)].enumerated() {
                for outlet in ["first.example", "second.example"] {
                    pages.append(TopicPages.page("s\(n)\(outlet.prefix(1))", topic: UInt8(topic), day: day, outlet: outlet))
                }
            }
            for page in pages { _ = try await archive.ingest(page) }
            _ = try await archive.linkPending()
            #expect(try await archive.stories(limit: 10, offset: 0).count == 4)
            #expect(try await archive.buildSagas() == 1)
            let sagas = try await archive.sagas(limit: 10, offset: 0)
            #expect(sagas.count == 1)
            #expect(sagas[0].stories == 3 && sagas[0].articles == 6)
            let detail = try #require(try await archive.saga(id: sagas[0].id))
            #expect(detail.stories.count == 3)
            #expect(detail.stories.map(\.first) == detail.stories.map(\.first).sorted { ($0 ?? "") < ($1 ?? "") })
            #expect(try await archive.saga(id: 999_999) == nil)
            // A story shows its saga; a story in none shows none.
            let inSaga = try #require(try await archive.article(id: "s0f")?.storyID)
            #expect(try await archive.story(id: inSaga)?.saga?.id == sagas[0].id)
            let alone = try #require(try await archive.article(id: "s3f")?.storyID)
            #expect(try await archive.story(id: alone)?.saga == nil)
            // Building again gives the same.
            #expect(try await archive.buildSagas() == 1)
            #expect(try await archive.sagas(limit: 10, offset: 0) == sagas)
        }
    }
}

