public import Archive
import Foundation
import GRDB
import NewsModel
import TermIndex

extension SQLiteArchive {
    /// Hits per publication day, from the doc table's dates when the term index can answer (no
    /// article row is read), else one grouped count over the search's plan.
    ///
    /// - Complexity: O(hits) over the index; the fallback reads every hit's row.
    public func dayCounts(_ query: SearchQuery, filters: SearchFilters) async throws -> DayCounts {
        let filters = try filters.validated()
        guard let plan = SQLSearchPlan(query, filters: filters) else { return DayCounts() }
        let termIndex = self.termIndex
        return try await reading { db in
            if !plan.browsing, let snapshot = try termIndex.snapshot(db) {
                switch try self.indexPlan(query, filters: filters, snapshot: snapshot, in: db) {
                case .unanswerable: break
                case .nothing: return DayCounts()
                case .plan(let filter, let tokens):
                    let found = try snapshot.searcher.search(tokens, filter: filter, limit: 0, facets: false, dates: true, source: StoredPostings(db: db))
                    var counts = DayCounts()
                    for (date, n) in found.dates {
                        if let day = PublishedKey.day(date * PublishedKey.perDay) { counts.days[day, default: 0] += n } else { counts.undated += n }
                    }
                    return counts
                }
            }
            var counts = DayCounts()
            let rows = try Row.fetchCursor(
                db, sql: "SELECT substr(a.published, 1, 10), count(*) FROM \(plan.from) \(plan.whereClause) GROUP BY 1", arguments: plan.arguments)
            while let row = try rows.next() { counts.add(published: row[0], count: row[1]) }
            return counts
        }
    }

    /// Every hit of a search, newest first: from the term index when it can answer, else from the
    /// plan's rows.
    ///
    /// - Complexity: O(hits log hits).
    public func matchingRows(_ query: SearchQuery, filters: SearchFilters) async throws -> [Int64] {
        let filters = try filters.validated()
        guard let plan = SQLSearchPlan(query, filters: filters) else { return [] }
        let termIndex = self.termIndex
        return try await reading { db in
            if !plan.browsing, let snapshot = try termIndex.snapshot(db) {
                switch try self.indexPlan(query, filters: filters, snapshot: snapshot, in: db) {
                case .unanswerable: break
                case .nothing: return []
                case .plan(let filter, let tokens):
                    return try snapshot.searcher.search(tokens, filter: filter, ranking: .newest, limit: .max, facets: false, source: StoredPostings(db: db))
                        .top.map(\.seq)
                }
            }
            return try Int64.fetchAll(
                db, sql: "SELECT a.seq FROM \(plan.from) \(plan.whereClause) ORDER BY a.published DESC, a.seq DESC", arguments: plan.arguments)
        }
    }

    /// The stored rows of `rows`, in their order; rows no longer stored are skipped.
    ///
    /// Rows are read through a cursor by column index: copying rows (`fetchAll`) decoded every
    /// column name again for every article.
    public func storedRows(rows: [Int64]) async throws -> [StoredRow] {
        guard !rows.isEmpty else { return [] }
        return try await reading { db in
            var bySeq = [Int64: StoredRow]()
            for chunk in rows.chunked(Self.rowsPerRead) {
                let cursor = try Row.fetchCursor(
                    db.cachedStatement(sql: """
                        SELECT a.seq, \(Self.storedColumns)
                        FROM articles a JOIN pages p ON p.id = a.page_id JOIN article_texts t ON t.seq = a.seq
                        WHERE a.seq IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                        """), arguments: StatementArguments(chunk))
                while let row = try cursor.next() { bySeq[row[0]] = Self.storedRow(row, from: 1) }
            }
            return rows.compactMap { bySeq[$0] }
        }
    }

    /// Document frequencies from the term index's segment dictionaries: no posting is read.
    public func documentFrequencies(of terms: [String]) async throws -> ArchiveTermFrequencies? {
        let termIndex = self.termIndex
        return try await reading { db in
            guard let snapshot = try termIndex.snapshot(db) else { return nil }
            let searcher = snapshot.searcher
            var frequencies = [String: Int]()
            for term in terms {
                let bytes = Array(term.utf8)
                let df = searcher.segments.reduce(0) { $0 + ($1.entry(for: bytes)?.documentFrequency ?? 0) }
                if df > 0 { frequencies[term] = df }
            }
            return ArchiveTermFrequencies(documents: searcher.liveDocumentCount, frequencies: frequencies)
        }
    }

    /// Rows read per statement: under SQLite's default limit of bound parameters.
    static let rowsPerRead = 500
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
