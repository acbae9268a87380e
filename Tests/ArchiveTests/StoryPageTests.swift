import Archive
import Foundation
import NewsModel
import Testing

/// A policy whose stories keep profiles with predictable answers: the story is the first term byte;
/// the centroid is that byte; an article signed 99 is far from its centroid; stories one topic
/// apart are close.
struct TopicProfilePolicy: SimilarityPolicy {
    func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool { false }

    func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int? {
        candidates.firstIndex { $0.terms.first == article.terms.first }
    }

    var storyWindowDays: Int { 3 }

    func profile(_ current: StoryProfile?, story: Int64, adding article: ArticleFingerprint, published: String?) -> StoryProfile? {
        let day = published.flatMap(ArchiveDates.dayNumber).map(Int64.init)
        var profile = current ?? StoryProfile(story: story, articles: 0, centroid: [article.terms.first ?? 0], daySum: 0, dated: 0)
        profile.articles += 1
        if let day {
            profile.daySum += day
            profile.dated += 1
        }
        return profile
    }

    func centrality(of article: ArticleFingerprint, in profile: StoryProfile) -> Float? {
        article.signature.first == 99 ? 0.1 : 0.9
    }

    func closeness(of story: StoryProfile, to other: StoryProfile) -> Float? {
        abs(Int(story.centroid[0]) - Int(other.centroid[0])) == 1 ? 0.5 : 0
    }
}

@Suite struct StoryPageTests {
    static func page(_ id: String, topic: UInt8, day: Int, outlet: String, far: Bool = false) -> ArchivePage {
        let article = Article(
            id: id, role: .main, title: "خبر رقم \(id) عن الموضوع \(topic)", paragraphs: ["نص الخبر \(id) عن الموضوع \(topic) في يومه."],
            published: String(format: "2026-05-%02dT08:00:00Z", day), url: "https://\(outlet)/\(id)")
        let preparer = ArchivePreparer(fingerprint: { article, _ in
            ArticleFingerprint(exact: article.exactCopyHash, signature: [far ? 99 : 1, 2, 3], terms: [topic])
        })
        return preparer.prepare(Page(source: "p-\(id)", format: .html, encoding: "utf-8", articles: [article]))[0]
    }

    @Test(arguments: StoreKind.available) func storyDetailHasSimilarityOutliersGridAndNeighbours(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, policy: TopicProfilePolicy()) { store in
            let archive = store.archive
            let pages = [
                Self.page("a1", topic: 10, day: 1, outlet: "first.example"),
                Self.page("a2", topic: 10, day: 1, outlet: "second.example"),
                Self.page("a3", topic: 10, day: 2, outlet: "first.example", far: true),
                Self.page("b1", topic: 11, day: 2, outlet: "first.example"),
                Self.page("b2", topic: 11, day: 3, outlet: "third.example"),
                // Close in words but a fortnight later; far in words on the same days.
                Self.page("c1", topic: 11, day: 20, outlet: "first.example"),
                Self.page("c2", topic: 11, day: 20, outlet: "second.example"),
                Self.page("d1", topic: 30, day: 2, outlet: "first.example"),
                Self.page("d2", topic: 30, day: 2, outlet: "second.example"),
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
