import Archive
@testable import ArchiveSQLite
import Foundation
import GRDB
import Ingestion
import NewsModel
import Testing

/// The lookups that the linking stage runs for every article must seek, not scan: each one that walked a table
/// cost milliseconds per article once the archive held thousands (EXPLAIN QUERY PLAN, SQLite having
/// no statistics, as in a fresh archive).
@Suite struct IngestQueryPlanTests {
    static func plan(_ sql: String, arguments: StatementArguments) async throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = FingerprintSimilarity.standard
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: policy)
        let articles = [ArchiveFixtures.rates, ArchiveFixtures.inflation, ArchiveFixtures.football]
        _ = try await archive.ingest(batch: articles.enumerated().map { i, article in
            policy.preparer.prepare(Page(source: "p\(i)", format: .html, encoding: "utf-8", articles: [article]))[0]
        })
        try await archive.close()
        let queue = try DatabaseQueue(path: archive.path)
        return try await queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    @Test func unlinkedTeasersComeFromTheirPartialIndex() async throws {
        let plan = try await Self.plan(NearDuplicates.unlinkedTeasersSQL, arguments: [1])
        #expect(plan.contains("USING INDEX articles_unlinked_teasers"), "\(plan)")
        #expect(!plan.contains("articles_duplicate"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func storyCandidatesIntersectTheWindowBeforeReadingRows() async throws {
        let plan = try await Self.plan(StoryAssigner.candidatesSQL, arguments: ["2026-03-01", "2026-03-08", "\"الفائدة\"", 3, 100])
        #expect(plan.contains("COVERING INDEX articles_published"), "\(plan)")
        #expect(plan.contains("INTERSECT"), "\(plan)")
        #expect(plan.contains("SEARCH a USING INTEGER PRIMARY KEY"), "\(plan)")
        // No walk over the articles table or its indexes (FTS5's own scan is its index lookup).
        #expect(!plan.split(separator: "\n").contains { $0.hasPrefix("SCAN a ") || $0.hasPrefix("SCAN articles ") }, "\(plan)")
    }

    @Test func theQueueIsTakenInSeqOrderWithoutSorting() async throws {
        let plan = try await Self.plan(LinkQueue.takeSQL, arguments: [500])
        #expect(plan.contains("SCAN q"), "\(plan)")
        #expect(plan.contains("SEARCH a USING INTEGER PRIMARY KEY"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func teaserCandidatesComeFromTheTextIndexNewestFirst() async throws {
        let plan = try await Self.plan(NearDuplicates.teaserCandidatesSQL, arguments: ["\"الفائدة\"", 3, 50])
        #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
        #expect(plan.contains("SEARCH a USING INTEGER PRIMARY KEY"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
}
