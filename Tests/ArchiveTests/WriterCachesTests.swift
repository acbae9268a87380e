import Archive
@testable import ArchiveSQLite
import Foundation
import GRDB
import Ingestion
import NewsModel
import Synchronization
import TermIndex
import Testing

/// The writer's caches: what they keep, what they let go, and that a kept value is the one read.
@Suite struct WriterCachesTests {
    typealias Key = PostingChunkCache.Key

    @Test func chunksAreReadOnceAndTheOldestLeaveFirst() throws {
        var cache = PostingChunkCache(budget: 10)
        var reads = 0
        func read(_ bytes: [UInt8]) -> () -> [UInt8]? { { reads += 1; return bytes } }
        #expect(cache.chunk(Key(segment: 1, chunk: 0), read: read([1, 2, 3, 4])) == [1, 2, 3, 4])
        #expect(cache.chunk(Key(segment: 1, chunk: 0), read: read([9])) == [1, 2, 3, 4])
        #expect(reads == 1)
        #expect(cache.chunk(Key(segment: 1, chunk: 1), read: read([5, 6, 7, 8])) == [5, 6, 7, 8])
        #expect(cache.bytes == 8)
        // Over the budget: the first chunk read goes, the newer one stays.
        #expect(cache.chunk(Key(segment: 2, chunk: 0), read: read([1, 1, 1])) == [1, 1, 1])
        #expect(cache.bytes == 7 && cache.count == 2)
        #expect(cache.chunk(Key(segment: 1, chunk: 1), read: read([0])) == [5, 6, 7, 8])
        #expect(cache.chunk(Key(segment: 1, chunk: 0), read: read([4, 3, 2, 1])) == [4, 3, 2, 1])
        #expect(reads == 4)
        // A chunk larger than the whole budget is handed over but not kept.
        #expect(cache.chunk(Key(segment: 3, chunk: 0), read: read(Array(repeating: 7, count: 11)))?.count == 11)
        #expect(cache.bytes <= 10)
        #expect(cache.chunk(Key(segment: 4, chunk: 0)) { nil } == nil)
    }

    @Test func chunksOfMergedSegmentsAreLetGo() {
        var cache = PostingChunkCache(budget: 1 << 20)
        for segment in 1...3 {
            for chunk in 0..<3 { _ = cache.chunk(Key(segment: Int64(segment), chunk: chunk)) { [UInt8(segment), UInt8(chunk)] } }
        }
        #expect(cache.count == 9 && cache.bytes == 18)
        cache.keep(segments: [2])
        #expect(cache.count == 3 && cache.bytes == 6)
        var reads = 0
        #expect(cache.chunk(Key(segment: 2, chunk: 1)) { reads += 1; return [] } == [2, 1])
        #expect(cache.chunk(Key(segment: 1, chunk: 1)) { reads += 1; return [8] } == [8])
        #expect(reads == 1)
    }

    @Test func termFiltersKeepEveryTermAndStopMostOthers() {
        var filter = TermFilter(terms: 5_000)
        let terms = (0..<5_000).map { SegmentView.hash(Array("مصطلح\($0)".utf8)) }
        for term in terms { filter.insert(term) }
        #expect(terms.allSatisfy(filter.mayContain))
        let others = (0..<20_000).filter { filter.mayContain(SegmentView.hash(Array("غائب\($0)".utf8))) }.count
        #expect(others < 1_000)
    }

    @Test func manyReadsStayWithinTheBudget() {
        var cache = PostingChunkCache(budget: 4_000)
        for i in 0..<5_000 {
            let bytes = [UInt8](repeating: UInt8(i & 0xFF), count: 1 + i % 50)
            #expect(cache.chunk(Key(segment: Int64(i % 7), chunk: i)) { bytes } == bytes)
            #expect(cache.bytes <= 4_000)
        }
        // The newest reads are still there.
        #expect(cache.chunk(Key(segment: Int64(4_999 % 7), chunk: 4_999)) { [] }?.count == 1 + 4_999 % 50)
    }
}

/// The writer's caches inside an archive: stories, copies and facets come out as they do when every
/// lookup reads the rows.
@Suite struct WriterCachesArchiveTests {
    struct Stored: Equatable {
        var id: String
        var story: Int64
        var copyOf: String?
    }

    /// Composed articles over a week, the flood story with its teaser first (so that adopting it
    /// changes a stored story), and some pages sent again changed.
    static func pages() -> [ArchivePage] {
        let policy = FingerprintSimilarity.standard
        var articles = TermIndexArchiveTests.pages(60, seed: 11).flatMap { $0.articles.map(\.article) }
        for i in articles.indices {
            articles[i].published = articles[i].published.map { _ in String(format: "2026-01-%02dT%02d:00:00Z", 10 + i % 7, i % 24) }
        }
        var flood = FingerprintArchiveTests.floodArticles()
        flood.swapAt(0, 2)
        articles.insert(contentsOf: flood, at: 20)
        var pages = articles.enumerated().map { i, article in
            policy.preparer.prepare(Page(source: "https://site\(i % 4).example/\(i)", format: .html, encoding: "utf-8", articles: [article]))[0]
        }
        for i in stride(from: 3, to: 50, by: 9) {
            var changed = articles[i]
            changed.paragraphs.append("فقرة أضيفت بعد النشر عن الأسعار والأسواق.")
            pages.append(policy.preparer.prepare(Page(source: "https://site\(i % 4).example/\(i)", format: .html, encoding: "utf-8", articles: [changed]))[0])
        }
        return pages
    }

    static func store(_ pages: [ArchivePage], cached: Bool) async throws -> [Stored] {
        let (archive, dir) = try FingerprintArchiveTests.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        archive.storyCandidates.enabled.withLock { $0 = cached }
        var start = 0
        while start < pages.count {
            _ = try await archive.ingest(batch: Array(pages[start..<min(pages.count, start + 6)]))
            start += 6
        }
        if cached { #expect(archive.storyCandidates.counts.hits > 0) }
        let rows = try await archive.reading { db in
            try Row.fetchAll(db, sql: "SELECT id, story_id, duplicate_of FROM articles ORDER BY seq").map { Stored(id: $0[0], story: $0[1], copyOf: $0[2]) }
        }
        try await archive.close()
        return rows
    }

    /// Every term's postings, read through the chunk cache (cold, then warm, then under a budget
    /// too small to keep them all), are the bytes the segments store.
    @Test func cachedPostingsAreTheStoredOnes() async throws {
        let (archive, dir) = try FingerprintArchiveTests.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages = TermIndexArchiveTests.pages(60, seed: 11)
        for start in stride(from: 0, to: pages.count, by: 7) {
            _ = try await archive.ingest(batch: Array(pages[start..<min(pages.count, start + 7)]))
        }
        try await archive.reading { db in
            let segments = try SearchSegments.segments(reusing: [:], in: db).map(\.0)
            #expect(segments.count > 1)
            var roomy = PostingChunkCache(budget: 1 << 20), tight = PostingChunkCache(budget: 64)
            for segment in segments {
                var entries = [TermEntry]()
                segment.forEachEntry { _, entry in entries.append(entry) }
                let stored = try entries.map { try StoredPostings(db: db).postings(in: segment, $0) }
                #expect(stored.contains { !$0.isEmpty })
                #expect(try StoredPostings(db: db).postings(in: segment, entries, cache: &roomy) == stored)
                #expect(try StoredPostings(db: db).postings(in: segment, entries, cache: &roomy) == stored)
                #expect(try StoredPostings(db: db).postings(in: segment, entries, cache: &tight) == stored)
            }
            #expect(roomy.count > 0)
        }
        try await archive.close()
    }

    @Test func storiesAreTheSameWithAndWithoutTheCandidateCache() async throws {
        let pages = Self.pages()
        let cached = try await Self.store(pages, cached: true)
        let uncached = try await Self.store(pages, cached: false)
        #expect(cached == uncached)
        #expect(cached.contains { $0.id == "t1" && $0.copyOf != nil })
        #expect(Set(cached.map(\.story)).count < cached.count - 5)
    }

    /// A budget so small that keeping the rows read pushes out the articles found kept a moment
    /// before: the lookup still answers every one of them.
    @Test func aSmallBudgetLosesNoCandidate() async throws {
        let (archive, dir) = try FingerprintArchiveTests.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        for page in Self.pages() { _ = try await archive.ingest(page) }
        try await archive.reading { db in
            let all = try Int64.fetchAll(db, sql: "SELECT seq FROM articles ORDER BY seq")
            let expected = try Row.fetchAll(
                db, sql: "SELECT id, story_id, duplicate_of, published, signature, terms FROM articles WHERE terms IS NOT NULL AND story_id IS NOT NULL ORDER BY seq DESC"
            ).map(StoryCandidate.init)
            let one = try #require(expected.first).cost
            let small = StoryCandidateCache(budget: 3 * one)
            // Keep the newest few, then ask for all: the rows read push those out as they are kept.
            _ = try small.candidates(all.suffix(3), window: nil, limit: 100, in: db)
            #expect(try small.candidates(all, window: nil, limit: 1_000, in: db) == expected)
            _ = try small.articles(Array(all.suffix(2)), in: db)
            #expect(try small.articles(all, in: db).count == all.count)
        }
    }

    /// The cache answers what the lookup's SQL answers, for any seqs and window, and follows a story
    /// changed by another connection.
    @Test func candidatesAreWhatTheRowsSay() async throws {
        let (archive, dir) = try FingerprintArchiveTests.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        for page in Self.pages() { _ = try await archive.ingest(page) }
        let windows: [(from: String, to: String)?] = [nil, ("2026-01-12", "2026-01-15"), ("2026-01-16", "2026-02-01")]
        try await archive.reading { db in
            let all = try Int64.fetchAll(db, sql: "SELECT seq FROM articles")
            let fresh = StoryCandidateCache()
            fresh.enabled.withLock { $0 = false }
            for (k, window) in windows.enumerated() {
                for limit in [3, 100] {
                    let seqs = all.filter { ($0 + Int64(k)) % 3 != 0 }
                    let warm = try archive.storyCandidates.candidates(seqs, window: window, limit: limit, in: db)
                    let cold = try fresh.candidates(seqs, window: window, limit: limit, in: db)
                    var sql = "SELECT id, story_id, duplicate_of, published, signature, terms FROM articles WHERE seq IN (\(seqs.map(String.init).joined(separator: ","))) AND terms IS NOT NULL AND story_id IS NOT NULL"
                    var arguments = StatementArguments()
                    if let window {
                        sql += " AND published >= ? AND published < ?"
                        arguments = [window.from, window.to]
                    }
                    let expected = try Row.fetchAll(db, sql: sql + " ORDER BY seq DESC LIMIT \(limit)", arguments: arguments).map(StoryCandidate.init)
                    #expect(warm == expected)
                    #expect(cold == expected)
                    #expect(!expected.isEmpty)
                }
            }
        }
        // The near-duplicate lookup's form: every listed article, oldest first.
        try await archive.reading { db in
            let all = try Int64.fetchAll(db, sql: "SELECT seq FROM articles")
            let seqs = all.filter { $0 % 4 != 1 } + [9_999]
            let expected = try Row.fetchAll(
                db, sql: "SELECT id, story_id, duplicate_of, published, signature, terms FROM articles WHERE seq IN (\(seqs.map(String.init).joined(separator: ","))) ORDER BY seq"
            ).map(StoryCandidate.init)
            #expect(try archive.storyCandidates.articles(seqs.reversed(), in: db) == expected)
            #expect(expected.contains { $0.duplicateOf != nil })
        }
        // Another connection moves an article to another story: the next transaction forgets.
        let seq = try await archive.reading { db in try #require(try Int64.fetchOne(db, sql: "SELECT max(seq) FROM articles")) }
        let other = try DatabaseQueue(path: archive.path)
        try await other.write { db in try db.execute(sql: "UPDATE articles SET story_id = 1 WHERE seq = ?", arguments: [seq]) }
        try other.close()
        let seen = try await archive.writer.write { db in
            try archive.storyCandidates.prepare(in: db)
            return try archive.storyCandidates.candidates([seq], window: nil, limit: 1, in: db)
        }
        #expect(seen.first?.story == 1)
        try await archive.close()
    }

    /// Facet rows written at ingest from the stored names equal those read back from the entity and
    /// quote rows (the backfill), codes and labels included, across batches where a smaller written
    /// form of a name arrives later.
    @Test func facetRowsEqualTheBackfill() async throws {
        let (archive, dir) = try ArchiveFixtures.temporaryArchive()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = ["سامر الخطيب", "هدى المنصوري", "حسان العلي", "وزارة المالية", "البنك المركزي"]
        // One name written two ways (ي and ى have one key): the smaller form comes in a later batch.
        let (larger, smaller) = ("مصطفي الشريف", "مصطفى الشريف")
        var pages = [ArchivePage]()
        for i in 0..<24 {
            let speaker = names[i % 3]
            let written = i % 3 == 2 ? (i < 12 ? larger : smaller) : names[3 + i % 2]
            let article = ArchiveFixtures.article(
                "n\(i)", title: "خبر رقم \(i) عن الأسعار", paragraphs: ["قال \(speaker) إن الأسعار سترتفع \(i) بالمئة."],
                published: "2026-02-\(10 + i % 9)T09:00:00Z", url: "https://names.example/\(i)",
                quotes: i % 4 == 3 ? [] : [Quote(text: "الأسعار سترتفع", speaker: speaker, cue: "قال", kind: .indirect, paragraph: 0)],
                entities: i % 5 == 4 ? [] : [
                    Entity(name: speaker, type: .person, mentions: [speaker], count: 1),
                    Entity(name: written, type: .organization, mentions: [written], count: 1),
                ])
            pages.append(ArchiveFixtures.prepared("https://names.example/\(i)", [article]))
        }
        for start in stride(from: 0, to: pages.count, by: 5) {
            _ = try await archive.ingest(batch: Array(pages[start..<min(pages.count, start + 5)]))
        }
        #expect(archive.nameCodes.count > 0)
        /// Each article's entity and speaker labels, through the codes; and every code's key and label.
        func snapshot() async throws -> (facets: [String], codes: Set<String>) {
            try await archive.reading { db in
                var labels = [String: [Int64: String]]()
                var codes = Set<String>()
                for row in try Row.fetchAll(db, sql: "SELECT kind, key, code, label FROM search_codes WHERE kind IN ('entity', 'speaker')") {
                    labels[row[0], default: [:]][row[2]] = row[3]
                    codes.insert("\(row[0] as String) \(row[1] as String) \(row[3] as String)")
                }
                var table = FacetCodes()
                try table.reload(try Int64.fetchAll(db, sql: "SELECT seq FROM articles"), in: db)
                var facets = [String]()
                for seq in try Int64.fetchAll(db, sql: "SELECT seq FROM search_facets ORDER BY seq") {
                    var entities = [String](), speakers = [String]()
                    table.entities.forEach(seq) { entities.append(labels["entity"]?[$0] ?? "?") }
                    table.speakers.forEach(seq) { speakers.append(labels["speaker"]?[$0] ?? "?") }
                    facets.append("\(seq): \(entities.sorted()) \(speakers.sorted())")
                }
                return (facets, codes)
            }
        }
        let ingested = try await snapshot()
        #expect(ingested.facets.count == 24 - 24 / 20)
        #expect(!ingested.facets.contains { $0.contains("?") })
        try await archive.writer.write { db in
            try db.execute(sql: "DELETE FROM search_facets; DELETE FROM search_codes WHERE kind IN ('entity', 'speaker')")
            try SearchFacets.write(seqs: try Int64.fetchAll(db, sql: "SELECT seq FROM articles"), in: db)
        }
        let backfilled = try await snapshot()
        #expect(ingested.facets == backfilled.facets)
        #expect(ingested.codes == backfilled.codes)
        // The shorter written form, met in a later batch, is the label.
        #expect(ingested.codes.contains { $0.hasSuffix(" " + smaller) })
        #expect(!ingested.codes.contains { $0.hasSuffix(" " + larger) })
        try await archive.close()
    }

    /// A batch that fails (a full disk) leaves no codes or candidates of its own behind.
    @Test func aFailedBatchLeavesNothingCached() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-wc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: FingerprintSimilarity.standard, maxMegabytes: 2)
        let pages = TermIndexArchiveTests.pages(400, seed: 5)
        var failed = false
        for start in stride(from: 0, to: pages.count, by: 20) {
            do {
                _ = try await archive.ingest(batch: Array(pages[start..<min(pages.count, start + 20)]))
            } catch {
                failed = true
                break
            }
        }
        #expect(failed)
        #expect(archive.storyCandidates.counts.kept == 0)
        let stored = try await archive.reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_codes") ?? 0 }
        #expect(archive.nameCodes.count <= stored)
        try await archive.close()
    }

    /// New archives use 16 KB pages; a file that already has pages keeps their size and works.
    @Test func newArchivesHaveSixteenKilobytePages() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fresh = try SQLiteArchive(path: dir.appendingPathComponent("new.sqlite").path)
        _ = try await fresh.ingest(ArchiveFixtures.prepared("https://www.example-news.com/economy/2", [ArchiveFixtures.inflation]))
        #expect(try await fresh.reading { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 16384)
        try await fresh.close()

        let oldPath = dir.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: oldPath)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE scratch (x); DROP TABLE scratch")
        }
        try queue.close()
        let old = try SQLiteArchive(path: oldPath)
        _ = try await old.ingest(ArchiveFixtures.prepared("https://www.example-news.com/economy/2", [ArchiveFixtures.inflation]))
        #expect(try await old.reading { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4096)
        #expect(try await old.search(SearchRequest(query: SearchQuery("التضخم"))).total == 1)
        try await old.close()
    }
}
