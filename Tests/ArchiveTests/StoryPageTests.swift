import Archive
import Foundation
import NewsModel
import TestSupport
import Testing

@Suite struct StoryPageTests {
    @Test(arguments: StoreKind.available) func storyDetailHasSimilarityOutliersGridAndNeighbours(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, policy: TopicProfilePolicy()) { store in
            let archive = store.archive
            let pages = [
                TopicPages.page("a1", topic: 10, day: 1, outlet: "first.example"),
                TopicPages.page("a2", topic: 10, day: 1, outlet: "second.example"),
                TopicPages.page("a3", topic: 10, day: 2, outlet: "first.example", far: true),
                TopicPages.page("b1", topic: 11, day: 2, outlet: "first.example"),
                TopicPages.page("b2", topic: 11, day: 3, outlet: "third.example"),
                // Close in words but a fortnight later; far in words on the same days.
                TopicPages.page("c1", topic: 11, day: 20, outlet: "first.example"),
                TopicPages.page("c2", topic: 11, day: 20, outlet: "second.example"),
                TopicPages.page("d1", topic: 30, day: 2, outlet: "first.example"),
                TopicPages.page("d2", topic: 30, day: 2, outlet: "second.example"),
            ]
            for page in pages { _ = try await archive.ingest(page) }
            _ = try await archive.linkPending()
            let storyA = try #require(try await archive.article(id: "a1")?.storyID)
            let storyB = try #require(try await archive.article(id: "b1")?.storyID)
            let detail = try #require(try await archive.story(id: storyA))
            #expect(detail.articles.map(\.id) == ["a1", "a2", "a3"])
            #expect(detail.similarity == ["a1": 0.9, "a2": 0.9, "a3": 0.1])
            #expect(!detail.isOutlier("a1") && detail.isOutlier("a3"))
            #expect(detail.grid.days == ["2026-05-01", "2026-05-02"])
            #expect(detail.grid.outlets.map(\.outlet) == ["first.example", "second.example"])
            #expect(detail.grid.outlets.map(\.counts) == [[1, 1], [1, 0]])
            #expect(detail.neighbours.map(\.id) == [storyB])
        }
    }
}

extension StoryPageTests {
    /// A story's far original (signed 99: cosine 0.1 under the topic policy) leaves it with its copy
    /// for a story of its own; the profile is made again from the rest; a second pass changes nothing.
    @Test(arguments: StoreKind.available) func refiningSplitsFarOriginalsWithTheirCopies(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, policy: TopicProfilePolicy()) { store in
            let archive = store.archive
            var copy = TopicPages.page("r4", topic: 20, day: 2, outlet: "third.example", far: true)
            copy.articles[0].article.duplicateOf = "r3"
            for page in [TopicPages.page("r1", topic: 20, day: 1, outlet: "first.example"), TopicPages.page("r2", topic: 20, day: 1, outlet: "second.example"),
                         TopicPages.page("r3", topic: 20, day: 2, outlet: "first.example", far: true), copy] {
                _ = try await archive.ingest(page)
            }
            _ = try await archive.linkPending()
            let story = try #require(try await archive.article(id: "r1")?.storyID)
            #expect(try await archive.article(id: "r3")?.storyID == story)
            #expect(try await archive.refineStories() == 1)
            let moved = try #require(try await archive.article(id: "r3")?.storyID)
            #expect(moved != story)
            #expect(try await archive.article(id: "r4")?.storyID == moved)
            #expect(try await archive.article(id: "r2")?.storyID == story)
            let detail = try #require(try await archive.story(id: story))
            #expect(detail.articles.map(\.id) == ["r1", "r2"])
            #expect(detail.similarity.keys.sorted() == ["r1", "r2"])
            #expect(try await archive.refineStories() == 0)
            // A story of two is not refined, nor one whose every original is far.
            #expect(StoryRefiner().leaving([(1, [99]), (2, [99]), (3, [99])], profile: StoryProfile(story: 1, articles: 3, centroid: [20], daySum: 0, dated: 0), policy: TopicProfilePolicy()).isEmpty)
        }
    }
}
