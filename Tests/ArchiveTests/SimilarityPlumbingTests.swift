import Archive
import ArchiveSQLite
import Foundation
import NewsModel
import Testing

/// The store's side of near duplicates and stories, with a policy whose answers are easy to predict:
/// equal signatures are copies; a shared first term byte is one story.
struct ByteEqualityPolicy: SimilarityPolicy {
    func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool {
        article.signature == stored.signature
    }

    func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int? {
        candidates.firstIndex { $0.terms.first == article.terms.first }
    }

    var storyWindowDays: Int { 3 }
}

@Suite struct SimilarityPlumbingTests {
    func prepared(_ source: String, _ article: Article, signature: UInt8, topic: UInt8) -> ArchivePage {
        let preparer = ArchivePreparer(fingerprint: { article, _ in
            ArticleFingerprint(exact: article.exactCopyHash, signature: [signature, 1, 2], bands: [Int64(signature)], terms: [topic])
        })
        return preparer.prepare(Page(source: source, format: .html, encoding: "utf-8", articles: [article]))[0]
    }

    @Test func nearDuplicatesAndStoriesGoThroughThePolicy() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: ByteEqualityPolicy())
        let first = ArchiveFixtures.rates
        var edited = ArchiveFixtures.rates
        edited.id = "e1"
        edited.paragraphs[0] += " وأضاف المحلل تعليقاً قصيراً."
        edited.published = "2026-03-03T08:00:00Z"
        var followUp = ArchiveFixtures.inflation
        followUp.published = "2026-03-04T08:00:00Z"
        followUp.title = "البنك المركزي يراقب الفائدة والتضخم"
        var unrelated = ArchiveFixtures.football

        _ = try await archive.ingest(prepared("p1", first, signature: 7, topic: 1))
        let outcome = try await archive.ingest(prepared("p2", edited, signature: 7, topic: 1))
        #expect(outcome.duplicates == 1)
        _ = try await archive.ingest(prepared("p3", followUp, signature: 9, topic: 1))
        unrelated.published = "2026-03-04T09:00:00Z"
        _ = try await archive.ingest(prepared("p4", unrelated, signature: 11, topic: 2))

        let copy = try #require(try await archive.article(id: "e1"))
        #expect(copy.duplicateOf == "a1")
        let original = try #require(try await archive.article(id: "a1"))
        let follow = try #require(try await archive.article(id: "d1"))
        let other = try #require(try await archive.article(id: "c1"))
        #expect(copy.storyID == original.storyID)
        #expect(follow.storyID == original.storyID)
        #expect(other.storyID != original.storyID)

        let stories = try await archive.stories(limit: 10, offset: 0)
        #expect(stories.count == 1)
        #expect(stories.first?.articles == 2)  // copies are left out of story counts
        let storyID = try #require(original.storyID)
        let story = try #require(try await archive.story(id: storyID))
        // The copy is folded out of the timeline and counted apart; the count is the list's.
        #expect(story.articles.map(\.id) == ["a1", "d1"])
        #expect(story.copies == 1)
        #expect(story.summary.articles == stories.first?.articles)
        #expect(try await archive.stats().stories == 1)
        // Related articles leave the copy out.
        #expect(try await archive.related(to: "a1", limit: 5).map(\.id).contains("e1") == false)
    }
}
