import Archive
@testable import ArchiveSQLite
import Foundation
import GRDB
import Ingestion
import NewsModel
import StableHash
import Testing

/// The linking stage after the commit: ingest stores and queues, `link` links. Linking later, in
/// small steps or right after each write must all give the same copies and stories.
@Suite struct LinkingStageTests {
    /// The flood articles, the interest-rate pair and an unrelated one, with the teaser stored before
    /// its article in one case, spread over several pages and batches.
    static func pages() -> [[ArchivePage]] {
        let flood = FingerprintArchiveTests.floodArticles()
        let others = [ArchiveFixtures.rates, ArchiveFixtures.inflation, ArchiveFixtures.football]
        var teaserFirst = flood[2]
        teaserFirst.id = "t0"
        teaserFirst.url = "https://fourth.example/t"
        let page = { (article: Article, source: String) in FingerprintArchiveTests.page(article, source) }
        return [
            [page(teaserFirst, "t0"), page(flood[0], "s1")],
            [page(flood[1], "s2"), page(others[0], "r1"), page(flood[2], "s3")],
            [page(flood[3], "s4")],
            [page(others[1], "r2"), page(flood[4], "s5"), page(others[2], "r3")],
        ]
    }

    static func archive(_ linking: SQLiteArchive.Linking) throws -> (SQLiteArchive, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: FingerprintSimilarity.standard, linking: linking)
        return (archive, dir)
    }

    /// Every article's original, and the pairs of articles that share a story: what linking decides,
    /// without the story ids, which depend on when stories were made.
    static func links(_ archive: SQLiteArchive) async throws -> (originals: [String: String], storyPairs: Set<[String]>) {
        let queue = try DatabaseQueue(path: archive.path)
        defer { try? queue.close() }
        return try await queue.read { db in
            var originals = [String: String]()
            var stories = [Int64: [String]]()
            for row in try Row.fetchAll(db, sql: "SELECT id, duplicate_of, story_id FROM articles ORDER BY seq") {
                let id: String = row["id"]
                originals[id] = row["duplicate_of"] ?? "-"
                if let story: Int64 = row["story_id"] { stories[story, default: []].append(id) }
            }
            var pairs = Set<[String]>()
            for members in stories.values {
                for a in members { for b in members where a < b { pairs.insert([a, b]) } }
            }
            return (originals, pairs)
        }
    }

    @Test func linkingLaterOrInStepsGivesTheLinksOfLinkingAfterEachWrite() async throws {
        let (now, nowDir) = try Self.archive(.afterEachWrite)
        let (later, laterDir) = try Self.archive(.deferred)
        let (steps, stepsDir) = try Self.archive(.deferred)
        defer { for dir in [nowDir, laterDir, stepsDir] { try? FileManager.default.removeItem(at: dir) } }
        for batch in Self.pages() {
            _ = try await now.ingest(batch: batch)
            _ = try await later.ingest(batch: batch)
            _ = try await steps.ingest(batch: batch)
            // Some linking between the batches, some after.
            _ = try await steps.link(limit: 2)
        }
        let total = try await later.linkPending()
        #expect(total.linked == 9 && total.pending == 0)
        while try await steps.link(limit: 1).pending > 0 {}

        let expected = try await Self.links(now)
        #expect(expected.originals["c1"] == "o1" && expected.originals["t1"] == "o1" && expected.originals["t0"] == "o1")
        #expect(expected.storyPairs.contains(["f1", "o1"]))
        #expect(try await Self.links(later) == expected)
        #expect(try await Self.links(steps) == expected)
        for archive in [now, later, steps] {
            #expect(try await archive.stats().unlinked == 0)
            try await FingerprintArchiveTests.expectFloodLinks(archive)
        }
    }

    @Test func storedArticlesAreSearchableBeforeTheyAreLinked() async throws {
        let (archive, dir) = try Self.archive(.deferred)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcomes = try await archive.ingest(batch: Self.pages().flatMap { $0 })
        // Copies of stored articles are found by the linking stage, not when storing.
        #expect(outcomes.map(\.duplicates).allSatisfy { $0 == 0 })
        #expect(try await archive.stats().unlinked == 9)
        #expect(try await archive.search(SearchRequest(query: SearchQuery("السيول"))).total == 5)
        #expect(try await archive.article(id: "c1")?.storyID == nil)
        #expect(try await archive.stories(limit: 5, offset: 0).isEmpty)

        let first = try await archive.link(limit: 4)
        #expect(first.linked == 4 && first.pending == 5)
        let rest = try await archive.linkPending()
        #expect(rest.linked == 5 && rest.pending == 0)
        // Three copies: c1 and t1 of o1, and t0, adopted when o1 arrived after it.
        #expect(first.copies + rest.copies == 2)
        #expect(first.adoptedTeasers + rest.adoptedTeasers == 1)
        #expect(try await archive.article(id: "c1")?.duplicateOf == "o1")
        #expect(try await archive.article(id: "c1")?.article.duplicateOf == "o1")
        // Linked once: asking again links nothing and changes nothing.
        let before = try await Self.links(archive)
        #expect(try await archive.link(limit: 100) == LinkProgress())
        #expect(try await Self.links(archive) == before)
    }

    @Test func aChangedPageTakesItsOldArticlesOffTheQueue() async throws {
        let (archive, dir) = try Self.archive(.deferred)
        defer { try? FileManager.default.removeItem(at: dir) }
        let flood = FingerprintArchiveTests.floodArticles()
        _ = try await archive.ingest(FingerprintArchiveTests.page(flood[0], "s"))
        var changed = flood[0]
        changed.paragraphs.append("وتواصل فرق الإنقاذ عملها.")
        _ = try await archive.ingest(FingerprintArchiveTests.page(changed, "s"))
        #expect(try await archive.stats().unlinked == 1)
        #expect(try await archive.linkPending().linked == 1)
        #expect(try await archive.article(id: "o1")?.storyID != nil)
    }

    @Test func afterEachWriteReportsTheCopiesOfEachPage() async throws {
        let (archive, dir) = try Self.archive(.afterEachWrite)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcomes = try await archive.ingest(batch: Self.pages().flatMap { $0 })
        #expect(outcomes.map(\.duplicates) == [0, 0, 1, 0, 1, 0, 0, 0, 0])
        #expect(try await archive.stats().unlinked == 0)
    }

    @Test func bandsRoundTripAndABrokenRowIsNamed() throws {
        var random = SplitMix64(seed: 19)
        let keys = (0..<40).map { _ in Int64(bitPattern: random.next()) } + [0, -1, .min, .max]
        #expect(try LinkQueue.bands(LinkQueue.bands(keys)) == keys)
        #expect(LinkQueue.bands([]) == nil)
        #expect(try LinkQueue.bands(nil) == [])
        #expect(throws: ArchiveError.self) { try LinkQueue.bands(Data([1, 2, 3])) }
        #expect(LinkQueue.terms(LinkQueue.terms(["سيول", "الساحل"])) == ["سيول", "الساحل"])
        #expect(LinkQueue.terms(nil as String?) == [])
    }

    /// Each story keeps a profile of its originals (copies do not move it): what the policy reads.
    @Test func storiesKeepAProfileOfTheirOriginals() async throws {
        let (archive, dir) = try Self.archive(.afterEachWrite)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await archive.ingest(batch: FingerprintArchiveTests.floodArticles().enumerated().map { FingerprintArchiveTests.page($1, "s\($0)") })
        let story = try #require(try await archive.article(id: "o1")?.storyID)
        let queue = try DatabaseQueue(path: archive.path)
        defer { try? queue.close() }
        let row = try #require(try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT articles, dated, day_sum, length(centroid) AS bytes FROM story_profiles WHERE story = ?", arguments: [story])
        })
        // o1 and f1; c1 and t1 are its copies.
        #expect(row["articles"] as Int == 2)
        #expect(row["dated"] as Int == 2)
        let day = try #require(ArchiveDates.dayNumber("2026-01-13"))
        #expect(row["day_sum"] as Int64 == Int64(day + day + 1))
        #expect(row["bytes"] as Int > 1)
    }

    /// A story is titled by its most central original: the one closest to its centroid, every
    /// original scored against the same centroid.
    @Test func aStoryIsTitledByItsMostCentralArticle() async throws {
        let (archive, dir) = try Self.archive(.afterEachWrite)
        defer { try? FileManager.default.removeItem(at: dir) }
        let flood = FingerprintArchiveTests.floodArticles()
        let pages = [flood[0], flood[3]].enumerated().map { FingerprintArchiveTests.page($1, "s\($0)") }
        _ = try await archive.ingest(batch: pages)
        let story = try #require(try await archive.article(id: "o1")?.storyID)
        #expect(try await archive.article(id: "f1")?.storyID == story)
        let queue = try DatabaseQueue(path: archive.path)
        defer { try? queue.close() }
        let centroid = try #require(try await queue.read { db in
            try Data.fetchOne(db, sql: "SELECT centroid FROM story_profiles WHERE story = ?", arguments: [story])
        })
        let policy = FingerprintSimilarity.standard
        let profile = StoryProfile(story: story, articles: 2, centroid: [UInt8](centroid), daySum: 0, dated: 0)
        let scores = pages.map { policy.centrality(of: $0.articles[0].fingerprint, in: profile) ?? -1 }
        let central = scores[0] >= scores[1] ? flood[0] : flood[3]
        #expect(try await archive.story(id: story)?.summary.title == central.title)
        #expect(try await archive.stories(limit: 5, offset: 0).first { $0.id == story }?.title == central.title)
    }

    @Test func theCentralArticleIsKeptOnlyWhenNoneScoresHigher() {
        let profile = StoryProfile(story: 1, articles: 3, centroid: [], daySum: 0, dated: 0, central: 7, centralScore: 0.9)
        #expect(profile.keepingCentral(9, score: 0.5, centralScore: 0.6).central == 7)
        #expect(profile.keepingCentral(9, score: 0.7, centralScore: 0.6).central == 9)
        // The old central scored 0.9 against an older centroid; only today's score counts.
        #expect(profile.keepingCentral(9, score: 0.7, centralScore: 0.6).centralScore == 0.7)
        // Gone (deleted, or moved to another story): the new article takes its place.
        #expect(profile.keepingCentral(9, score: 0.1, centralScore: nil).central == 9)
        #expect(profile.keepingCentral(9, score: nil, centralScore: nil) == profile)
    }
}
