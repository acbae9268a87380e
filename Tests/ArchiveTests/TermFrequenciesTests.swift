import Archive
@testable import ArchiveSQLite
import Foundation
import GRDB
import NewsModel
import Testing

/// The document frequencies behind the rare-term probes that ingest chooses for the linking stage: kept, but read again once the archive
/// has grown, so that a term first counted in a small archive does not stay "rare" for good.
@Suite struct TermFrequenciesTests {
    @Test func countsAreReadAgainOnceTheArchiveHasGrown() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-df-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path)
        func store(_ range: Range<Int>) async throws {
            _ = try await archive.ingest(batch: range.map { i in
                ArchivePreparer().prepare(Page(source: "p\(i)", format: .html, encoding: "utf-8", articles: [
                    Article(id: "a\(i)", role: .main, title: "مصفاة النفط رقم \(i)", paragraphs: ["افتتحت المصفاة الجديدة في الميناء \(i)"]),
                ]))[0]
            })
        }
        let term = try #require(IndexDocument(Article(role: .main, title: "مصفاة")).title.split(separator: " ").first.map(String.init))
        let frequencies = TermFrequencies()
        let queue = try DatabaseQueue(path: archive.path)
        func lookup() async throws -> (count: Int, size: Int) {
            try await queue.read { db in
                let size = try frequencies.archiveSize(in: db)
                return (try frequencies.documents(term, in: db, pending: PendingIndexRows(), archiveSize: size), size)
            }
        }

        try await store(0..<3)
        #expect(try await lookup() == (3, 3))
        // A little growth: the kept count stands.
        try await store(3..<6)
        #expect(try await lookup() == (3, 6))
        // Past half again (and the slack of 100 articles): read again.
        try await store(6..<120)
        #expect(try await lookup() == (120, 120))
        #expect(TermFrequencies.isFresh(readAt: 1_000, now: 1_600))
        #expect(!TermFrequencies.isFresh(readAt: 1_000, now: 1_601))
    }

    @Test func pendingArticlesCountAsTheVocabularyWould() {
        var pending = PendingIndexRows()
        pending.add(seq: 1, index: IndexDocument(Article(role: .main, title: "covid_19 مصفاة", paragraphs: ["النفط الخام"])))
        pending.add(seq: 2, index: IndexDocument(Article(role: .main, title: "مصفاة", paragraphs: [])))
        let refinery = IndexDocument(Article(role: .main, title: "مصفاة")).title
        #expect(pending.documentFrequency(refinery) == 2)
        // fts5vocab holds "covid" and "19", never "covid_19".
        #expect(pending.documentFrequency("covid") == 1)
        #expect(pending.documentFrequency("covid_19") == 0)
        // A page stored twice in one batch: its first articles no longer count.
        pending.add(seq: 3, index: IndexDocument(Article(role: .main, title: "مصفاة جديدة", paragraphs: ["covid"])))
        #expect(pending.documentFrequency(refinery) == 3)
        pending.remove(seqs: [1])
        #expect(pending.documentFrequency(refinery) == 2)
        #expect(pending.documentFrequency("covid") == 1)
        pending.remove(seqs: [3])
        #expect(pending.documentFrequency("covid") == 0)
        #expect(pending.documentFrequency("غائبة") == 0)
    }
}
