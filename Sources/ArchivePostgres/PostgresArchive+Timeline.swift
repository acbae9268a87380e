public import Archive
import Foundation
import NewsModel
import PostgresNIO

extension PostgresArchive {
    /// Hits per publication day: the search's count grouped by the stored UTC date, with the
    /// matching articles taken from the GIN index first, as the total is.
    public func dayCounts(_ query: SearchQuery, filters: SearchFilters) async throws -> DayCounts {
        let filters = try filters.validated()
        guard let plan = PostgresSearchPlan(query, filters: filters) else { return DayCounts() }
        let grouped = Self.dayCountSQL(plan)
        let logger = self.logger
        return try await read { connection in
            var counts = DayCounts()
            for row in try await Self.rows(grouped, plan.binds, on: connection, logger: logger) {
                counts.add(published: try row.optionalString("day"), count: try row.int("n"))
            }
            return counts
        }
    }

    /// The grouped count of a plan: like ``countSQL(matching:filters:)``, the text match first.
    static func dayCountSQL(_ plan: PostgresSearchPlan) -> String {
        let day = "substr(a.published, 1, 10)"
        let matching = Array(plan.conditions.prefix(plan.matchConditions))
        let filters = Array(plan.conditions.dropFirst(plan.matchConditions))
        guard !matching.isEmpty else { return "SELECT \(day) AS day, count(*) AS n FROM \(plan.from) \(plan.whereClause) GROUP BY 1" }
        let match = "SELECT f.article FROM articles_fts f WHERE " + matching.joined(separator: " AND ")
        return "WITH m AS MATERIALIZED (\(match)) SELECT \(day) AS day, count(*) AS n FROM m JOIN articles a ON a.seq = m.article "
            + (filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")) + " GROUP BY 1"
    }

    /// Every hit of a search, newest first (undated last, as SQLite orders them).
    public func matchingRows(_ query: SearchQuery, filters: SearchFilters) async throws -> [Int64] {
        let filters = try filters.validated()
        guard let plan = PostgresSearchPlan(query, filters: filters) else { return [] }
        let logger = self.logger
        return try await read { connection in
            try await Self.rows(
                "SELECT a.seq FROM \(plan.from) \(plan.whereClause) ORDER BY a.published DESC NULLS LAST, a.seq DESC", plan.binds, on: connection,
                logger: logger
            ).map { try $0.int64("seq") }
        }
    }

    /// The stored rows of `rows`, in their order; rows no longer stored are skipped.
    public func storedRows(rows: [Int64]) async throws -> [StoredRow] {
        guard !rows.isEmpty else { return [] }
        let logger = self.logger
        return try await read { connection in
            var binds = Binds()
            let seqs = binds.add(array: rows)
            var bySeq = [Int64: StoredRow]()
            for row in try await Self.rows(
                "SELECT \(Self.storedColumns) FROM articles a JOIN pages p ON p.id = a.page_id WHERE a.seq = ANY(\(seqs)::int8[])", binds,
                on: connection, logger: logger)
            {
                bySeq[try row.int64("seq")] = try Self.storedRow(row)
            }
            return rows.compactMap { bySeq[$0] }
        }
    }

    /// Document frequencies from the statistics the linking stage keeps (``refreshTermStats()``).
    public func documentFrequencies(of terms: [String]) async throws -> ArchiveTermFrequencies? {
        let logger = self.logger
        return try await read { connection in
            try await Self.termStats(terms, on: connection, logger: logger).map { ArchiveTermFrequencies(documents: $0.documents, frequencies: $0.frequencies) }
        }
    }
}
