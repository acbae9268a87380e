import Archive
@testable import ArchiveSQLite
import Foundation
import GRDB
import Ingestion
import NewsModel
import TermIndex
import Synchronization
import Testing

/// The SQLite archive's term index against FTS5 ranking the same archive: the same hits, order,
/// totals and facets, through merges, page updates and the one-time indexing of an older archive.
@Suite struct TermIndexArchiveTests {
    static let words = [
        "الحكومة", "البرلمان", "الانتخابات", "الاقتصاد", "النفط", "الأسعار", "المنتخب", "الملعب", "البطولة", "الجماهير",
        "المدرب", "الرئيس", "الوزير", "الخارجية", "المفاوضات", "السلام", "الأمم", "المتحدة", "البنك", "المركزي",
        "الفائدة", "التضخم", "الذهب", "العالمية", "الفيلم", "المهرجان", "السينما", "الجائزة", "الطقس", "الأمطار",
        "الزراعة", "القمح", "المياه", "السدود", "الشركة", "الأرباح", "الأسهم", "البورصة", "التكنولوجيا", "الهاتف",
    ]
    static let sections = ["سياسة", "رياضة", "اقتصاد", "ثقافة"]
    static let outlets = ["https://alpha-news.example/", "https://beta-daily.example/", "https://gamma.example/"]

    /// `count` composed articles, one page each, from a fixed seed.
    static func pages(_ count: Int, seed: UInt64 = 7, prefix: String = "p", sourcePrefix: String = "p") -> [ArchivePage] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func sentence() -> String { (0..<(4 + next(8))).map { _ in words[next(words.count)] }.joined(separator: " ") + "." }
        return (0..<count).map { i in
            let article = ArchiveFixtures.article(
                "\(prefix)\(i)", title: sentence(), paragraphs: (0..<(1 + next(4))).map { _ in sentence() + " " + sentence() },
                section: next(5) == 0 ? nil : sections[next(sections.count)],
                published: next(6) == 0 ? nil : String(format: "2025-%02d-%02dT%02d:00:00Z", 1 + next(12), 1 + next(28), next(24)),
                url: outlets[i % outlets.count] + "\(prefix)/\(i)",
                role: next(7) == 0 ? .related : .main,
                images: next(3) == 0 ? [NewsModel.Image(caption: sentence(), credit: "رويترز")] : [])
            return ArchiveFixtures.prepared(outlets[i % outlets.count] + "\(sourcePrefix)/\(i)", [article])
        }
    }

    static let requests: [SearchRequest] = {
        var out = [SearchRequest]()
        for text in ["الحكومة", "النفط", "المنتخب الملعب", "الأمم المتحدة", "\"البنك المركزي\"", "الفائ*", "السلام OR الطقس", "الرئيس -الوزير", "البورصة الأسهم الأرباح", "غائبة"] {
            out.append(SearchRequest(query: SearchQuery(text), limit: 10))
            out.append(SearchRequest(query: SearchQuery(text), limit: 5, offset: 5, facets: false))
        }
        let filtered: [(String, SearchFilters)] = [
            ("الحكومة", SearchFilters(section: "سياسة")),
            ("الأسعار", SearchFilters(source: "beta-daily.example")),
            ("الاقتصاد", SearchFilters(from: "2025-03-01", to: "2025-08")),
            ("النفط", SearchFilters(section: "اقتصاد", from: "2025-05-10")),
            ("الجائزة", SearchFilters(role: .related)),
            ("الجائزة", SearchFilters(section: "لا يوجد")),
        ]
        for (text, filters) in filtered { out.append(SearchRequest(query: SearchQuery(text), filters: filters)) }
        out.append(SearchRequest(query: SearchQuery("الذهب"), order: .newest))
        out.append(SearchRequest(query: SearchQuery("الذهب"), order: .recency(halfLifeDays: 30)))
        return out
    }()

    /// Hits, totals and facets agree; scores agree to rounding (phrases aside: the index scores a
    /// phrase as its words, FTS5 as one unit, so only their hit sets are compared).
    static func expectSameAnswers(_ archive: SQLiteArchive, scoresToo: Bool = true, _ requests: [SearchRequest] = requests) async throws {
        for request in requests {
            let indexed = try await archive.search(request, termIndex: true)
            let fts = try await archive.search(request, termIndex: false)
            let label = "\(request.query.text) \(request.filters) \(request.order)"
            #expect(indexed.total == fts.total, "\(label)")
            #expect(indexed.facets == fts.facets, "\(label)")
            let phrase = request.query.required.joined().contains { if case .phrase = $0 { return true } else { return false } }
            if phrase || !scoresToo {
                #expect(Set(indexed.hits.map(\.id)) == Set(fts.hits.map(\.id)) || indexed.total > request.limit, "\(label)")
            } else {
                #expect(indexed.hits.map(\.id) == fts.hits.map(\.id), "\(label)")
                #expect(zip(indexed.hits, fts.hits).allSatisfy { abs($0.score - $1.score) <= 1e-6 * max(1, abs($1.score)) }, "\(label)")
                #expect(indexed.hits.map(\.snippet) == fts.hits.map(\.snippet), "\(label)")
            }
        }
    }

    static func segments(_ archive: SQLiteArchive) async throws -> [Int] {
        try await archive.reading { db in try Int.fetchAll(db, sql: "SELECT docs FROM search_segments ORDER BY rank") }
    }

    @Test func answersAsFTS5DoesThroughMerges() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        for page in Self.pages(120) { _ = try await archive.ingest(page) }
        // 120 single-page transactions: ten merges of ten, and the twenty newest left as written.
        let sizes = try await Self.segments(archive)
        #expect(sizes.reduce(0, +) == 120)
        #expect(sizes.count < 30)
        #expect(sizes.contains { $0 >= 10 })
        let cache = archive.termIndex
        #expect(try await archive.reading { try cache.snapshot($0)?.searcher.documentCount } == 120)
        try await Self.expectSameAnswers(archive)
    }

    @Test func changedPagesAndDeletionsLeaveNoStaleHits() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await archive.ingest(batch: Self.pages(30))
        // Half the pages change: their old articles go, new ones come, in later segments.
        for page in Self.pages(15, seed: 99, prefix: "q") { _ = try await archive.ingest(page) }
        let gone = Set((0..<15).map { "p\($0)" })
        for word in Self.words.prefix(12) {
            let hits = try await archive.search(SearchRequest(query: SearchQuery(word), limit: 100))
            let fts = try await archive.search(SearchRequest(query: SearchQuery(word), limit: 100), termIndex: false)
            #expect(Set(hits.hits.map(\.id)) == Set(fts.hits.map(\.id)), "\(word)")
            #expect(hits.total == fts.total)
            #expect(!hits.hits.contains { gone.contains($0.id) })
        }
        try await Self.expectSameAnswers(archive, scoresToo: false)
    }

    /// Deleted articles leave BM25's count at once, and a segment a fifth deleted is rewritten
    /// without them, after which scores are FTS5's again.
    @Test func deletedArticlesLeaveTheCountAndAreReclaimed() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await archive.ingest(batch: Self.pages(30))
        let changed = Self.pages(10, seed: 99, prefix: "q")
        func counts() async throws -> (held: Int, live: Int, dead: [Int]) {
            let cache = archive.termIndex
            let searcher = try #require(try await archive.reading { try cache.snapshot($0)?.searcher })
            let dead = try await archive.reading { db in try Int.fetchAll(db, sql: "SELECT dead_docs FROM search_segments ORDER BY rank") }
            return (searcher.documentCount, searcher.liveDocumentCount, dead)
        }
        // Five of thirty changed, one page a transaction: the first segment holds five dead articles.
        for page in changed.prefix(5) { _ = try await archive.ingest(page) }
        var now = try await counts()
        #expect(now.held == 35 && now.live == 30)
        #expect(now.dead == [5, 0, 0, 0, 0, 0])
        // The sixth makes it a fifth dead: it is rewritten with 24 articles and nothing dead.
        _ = try await archive.ingest(changed[5])
        now = try await counts()
        #expect(now.held == 30 && now.live == 30 && now.dead.allSatisfy { $0 == 0 })
        #expect(try await Self.segments(archive).first == 24)
        // Their deletions have nothing left to hide, and are forgotten.
        #expect(try await archive.reading { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_deleted") } == 0)
        try await Self.expectSameAnswers(archive)
        // Counting again from the doc tables (what v8 does for older archives) agrees with the trigger.
        _ = try await archive.ingest(changed[6])
        let kept = try await counts().dead
        #expect(kept.reduce(0, +) == 1)
        try await archive.writer.write { db in
            try db.execute(sql: "UPDATE search_segments SET dead_docs = 0, first_seq = 0, last_seq = -1")
            try SearchSegments.recount(in: db)
        }
        #expect(try await counts().dead == kept)
    }

    @Test func anOlderArchiveIsIndexedWhenOpened() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await archive.ingest(batch: Self.pages(50))
        let before = try await archive.search(SearchRequest(query: SearchQuery("الحكومة")))
        let path = archive.path
        try await archive.close()
        // As an archive written before v5 would be after its migration: no segments, not complete.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM search_segments; DELETE FROM search_codes; UPDATE search_state SET value = 0 WHERE key IN ('complete', 'indexed_through')")
        }
        try queue.close()
        let reopened = try SQLiteArchive(path: path)
        #expect(try await Self.segments(reopened).reduce(0, +) == 50)
        let after = try await reopened.search(SearchRequest(query: SearchQuery("الحكومة")))
        #expect(after.hits.map(\.id) == before.hits.map(\.id))
        #expect(after.total == before.total)
        try await Self.expectSameAnswers(reopened)
        try await reopened.close()
    }

    @Test func entityAndSpeakerFacetsComeFromTheFacetRows() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await ArchiveFixtures.fill(archive)
        let requests = ["الفائدة", "الخطيب", "التضخم OR المنتخب", "البنك"].map { SearchRequest(query: SearchQuery($0)) }
        try await Self.expectSameAnswers(archive, requests)
        let results = try await archive.search(SearchRequest(query: SearchQuery("الفائدة")))
        #expect(results.facets["speaker"] == [FacetCount(value: "سامر الخطيب", count: 2)])
        #expect(results.facets["entity"]?.first == FacetCount(value: "سامر الخطيب", count: 2))
        // Again, from the facet cache; then a new article with the same speaker, which must show.
        #expect(try await archive.search(SearchRequest(query: SearchQuery("الفائدة"))).facets == results.facets)
        var another = ArchiveFixtures.inflation
        another.id = "e1"
        another.title = "الفائدة تبقى مرتفعة حتى نهاية العام"
        another.url = "https://www.example-news.com/economy/3"
        another.paragraphs = ["قال المحافظ سامر الخطيب إن أسعار الفائدة ستبقى مرتفعة حتى نهاية العام لمواجهة التضخم."]
        _ = try await archive.ingest(ArchiveFixtures.prepared("https://www.example-news.com/economy/3", [another]))
        let grown = try await archive.search(SearchRequest(query: SearchQuery("الفائدة")))
        #expect(grown.facets["speaker"] == [FacetCount(value: "سامر الخطيب", count: 3)])
        try await Self.expectSameAnswers(archive, requests)
        let rows = try await archive.reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_facets") }
        #expect(rows == 4)  // the copy has no entities or quotes of its own
        // Rebuilt from the entity and quote tables when an older archive is opened.
        let path = archive.path
        try await archive.close()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM search_facets; UPDATE search_state SET value = 0 WHERE key IN ('facets_complete', 'facets_through')")
        }
        try queue.close()
        let reopened = try SQLiteArchive(path: path)
        let again = try await reopened.search(SearchRequest(query: SearchQuery("الفائدة")))
        #expect(again.facets == grown.facets)
        try await reopened.close()
    }

    /// A changed page rewrites its articles' entities and quotes; the readers' facet codes follow,
    /// with no reopen, and agree with the SQL count over the entity and quote tables.
    @Test func facetsFollowAChangedPage() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await ArchiveFixtures.fill(archive)
        let request = SearchRequest(query: SearchQuery("الفائدة"))
        let before = try await archive.search(request)
        #expect(before.facets["speaker"] == [FacetCount(value: "سامر الخطيب", count: 2)])
        var changed = ArchiveFixtures.inflation
        changed.paragraphs = ["قالت الوزيرة هدى المنصوري إن أسعار الفائدة لن ترتفع هذا العام."]
        changed.quotes = [Quote(text: "أسعار الفائدة لن ترتفع هذا العام", speaker: "هدى المنصوري", cue: "قالت", kind: .indirect, paragraph: 0)]
        changed.entities = [Entity(name: "هدى المنصوري", type: .person, mentions: ["هدى المنصوري"], count: 1)]
        _ = try await archive.ingest(ArchiveFixtures.prepared(ArchiveFixtures.inflation.url!, [changed]))
        let after = try await archive.search(request)
        #expect(after.facets["speaker"] == [FacetCount(value: "سامر الخطيب", count: 1), FacetCount(value: "هدى المنصوري", count: 1)])
        #expect(after.facets["entity"]?.contains(FacetCount(value: "هدى المنصوري", count: 1)) == true)
        // Scores after an update differ slightly (the replaced article counts in N until a merge), so
        // only the facets are compared with FTS5's SQL count here.
        for text in ["الفائدة", "المنصوري OR الخطيب"] {
            let request = SearchRequest(query: SearchQuery(text))
            #expect(try await archive.search(request).facets == archive.search(request, termIndex: false).facets, "\(text)")
        }
        try await archive.close()
    }

    @Test func relatedArticlesRankAsWithFTS5() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await archive.ingest(batch: Self.pages(60))
        let ids = (0..<60).filter { $0 % 6 == 0 }.map { "p\($0)" }
        var indexed = [[String]]()
        for id in ids { indexed.append(try await archive.related(to: id, limit: 5).map(\.id)) }
        #expect(indexed.allSatisfy { $0.count == 5 })
        try await archive.writer.write { db in try db.execute(sql: "UPDATE search_state SET value = 0 WHERE key = 'complete'") }
        for (id, expected) in zip(ids, indexed) {
            #expect(try await archive.related(to: id, limit: 5).map(\.id) == expected, "\(id)")
        }
    }

    @Test func whileUnindexedSearchFallsBackToFTS5() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await archive.ingest(batch: Self.pages(20))
        try await archive.writer.write { db in try db.execute(sql: "UPDATE search_state SET value = 0 WHERE key = 'complete'") }
        let results = try await archive.search(SearchRequest(query: SearchQuery("الحكومة")))
        let fts = try await archive.search(SearchRequest(query: SearchQuery("الحكومة")), termIndex: false)
        #expect(results == fts)
    }
}

/// Ingest's story and copy lookups through the term index decide exactly as through FTS5.
@Suite struct WriterTermIndexTests {
    struct Stored: Hashable, Sendable {
        var id: String
        var story: Int64
        var copyOf: String?
    }

    static func store(_ pages: [ArchivePage], indexed: Bool, cached: Bool = true) async throws -> [Stored] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-wti-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: FingerprintSimilarity.standard)
        archive.writerIndex.enabled.withLock { $0 = indexed }
        archive.storyCandidates.enabled.withLock { $0 = cached }
        // Small batches, so that later batches look up earlier ones through the index.
        var start = 0
        while start < pages.count {
            _ = try await archive.ingest(batch: Array(pages[start..<min(pages.count, start + 7)]))
            start += 7
        }
        let rows = try await archive.reading { db in
            try Row.fetchAll(db, sql: "SELECT id, story_id, duplicate_of FROM articles ORDER BY seq").map { Stored(id: $0[0], story: $0[1], copyOf: $0[2]) }
        }
        try await archive.close()
        return rows
    }

    @Test func storiesAndCopiesAreTheSameEitherWay() async throws {
        let policy = FingerprintSimilarity.standard
        // Composed articles over ten days (so that ±3-day windows hold several), the flood story
        // with its copy, teaser and follow-up among them, and a few exact copies.
        var articles = TermIndexArchiveTests.pages(70).flatMap { $0.articles.map(\.article) }
        for i in articles.indices {
            articles[i].published = articles[i].published.map { _ in String(format: "2026-01-%02dT%02d:00:00Z", 8 + i % 10, i % 24) }
        }
        articles += FingerprintArchiveTests.floodArticles()
        for i in stride(from: 0, to: 20, by: 5) {
            var copy = articles[i]
            copy.id += "-copy"
            articles.append(copy)
        }
        let pages = articles.enumerated().map { i, article in
            policy.preparer.prepare(Page(source: "https://site\(i % 4).example/\(i)", format: .html, encoding: "utf-8", articles: [article]))[0]
        }
        let indexed = try await Self.store(pages, indexed: true)
        let fts = try await Self.store(pages, indexed: false)
        let uncached = try await Self.store(pages, indexed: true, cached: false)
        #expect(indexed.count == articles.count)
        #expect(indexed == fts)
        #expect(indexed == uncached)
        // The lookups did link something, so the comparison means something.
        #expect(Set(indexed.map(\.story)).count < articles.count)
        #expect(indexed.contains { $0.copyOf != nil })
    }
}
