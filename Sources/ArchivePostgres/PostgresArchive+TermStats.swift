public import Archive
import Foundation
import PostgresNIO
import TermIndex

extension PostgresArchive {
    /// The statistics BM25 reads: articles, their tokens over every field, and each term's document
    /// frequency, as of the last refresh.
    struct TermStats: Sendable {
        var documents: Int
        var averageLength: Double
        var frequencies: [String: Int]

        /// A term unknown to the last refresh is new since: as rare as a term can be.
        func idf(_ term: String) -> Double {
            BM25.idf(documentFrequency: frequencies[term] ?? 1, documents: max(documents, 1))
        }
    }

    /// The archive may grow by this share before document frequencies are taken again: IDF moves
    /// little meanwhile, and a refresh reads every article's vector.
    static let termStatsGrowth = 0.1

    static let termStatsLock: Int64 = 0x6D61_7273_6466

    /// Takes the document frequencies again if the archive has grown (or shrunk) by more than
    /// ``termStatsGrowth`` since they were taken, or never were. The linking stage calls it when its
    /// queue drains.
    func refreshTermStatsIfStale() async throws {
        let (documents, taken) = try await read { connection in
            let rows = try await Self.rows(
                "SELECT (SELECT count(*) FROM articles_fts) AS n, (SELECT documents FROM index_stats WHERE id = 1) AS taken",
                on: connection, logger: logger)
            return (try rows[0].int("n"), try rows[0].optionalInt64("taken"))
        }
        if let taken, abs(Double(documents) - Double(taken)) <= Self.termStatsGrowth * Double(taken) { return }
        try await refreshTermStats()
    }

    /// Takes every term's document frequency from the articles' vectors (`ts_stat`), and the token
    /// count from their term strings, in one transaction.
    public func refreshTermStats() async throws {
        try await transaction { connection in
            try await Self.lock(Self.termStatsLock, on: connection, logger: logger)
            try await Self.rows("DELETE FROM term_stats", on: connection, logger: logger)
            try await Self.rows(
                "INSERT INTO term_stats (term, df) SELECT word, ndoc FROM ts_stat('SELECT vector FROM articles_fts')",
                on: connection, logger: logger)
            var binds = Binds()
            try await Self.rows(
                """
                INSERT INTO index_stats (id, documents, tokens, refreshed)
                SELECT 1, count(*), coalesce(sum(\(Self.tokenCount("title")) + \(Self.tokenCount("subtitle"))
                    + \(Self.tokenCount("captions")) + \(Self.tokenCount("body"))), 0), \(binds.add(Self.now()))
                FROM articles_fts
                ON CONFLICT (id) DO UPDATE SET documents = excluded.documents, tokens = excluded.tokens, refreshed = excluded.refreshed
                """, binds, on: connection, logger: logger)
        }
    }

    /// Tokens of a term string (terms are separated by single spaces).
    static func tokenCount(_ column: String) -> String {
        "(CASE WHEN \(column) = '' THEN 0 ELSE length(\(column)) - length(replace(\(column), ' ', '')) + 1 END)"
    }

    /// The statistics for `terms`, or nil before the first refresh.
    static func termStats(_ terms: [String], on connection: PostgresConnection, logger: Logger) async throws -> TermStats? {
        let totals = try await rows("SELECT documents, tokens FROM index_stats WHERE id = 1", on: connection, logger: logger)
        guard let row = totals.first else { return nil }
        let documents = try row.int("documents")
        var binds = Binds()
        let found = try await rows("SELECT term, df FROM term_stats WHERE term = ANY(\(binds.add(array: terms))::text[])", binds, on: connection, logger: logger)
        var frequencies = [String: Int]()
        for row in found { frequencies[try row.string("term")] = try row.int("df") }
        return TermStats(
            documents: documents, averageLength: max(1, Double(try row.int64("tokens")) / Double(max(1, documents))), frequencies: frequencies)
    }

    /// BM25 of one candidate from its four term strings, with the field weights of SQLite's index.
    ///
    /// - Complexity: O(bytes of the fields × query terms).
    static func bm25(_ fields: [IndexDocument.Field: String], terms: [String], stats: TermStats) -> Double {
        var frequencies = [Double](repeating: 0, count: terms.count)
        var length = 0
        let wanted = terms.map { Array($0.utf8) }
        for (field, text) in fields {
            let weight = IndexDocument.weights[field] ?? 1
            for token in text.utf8.split(separator: UInt8(ascii: " ")) {
                length += 1
                for (index, term) in wanted.enumerated() where term.count == token.count && term.elementsEqual(token) {
                    frequencies[index] += weight
                }
            }
        }
        return zip(terms, frequencies).reduce(0) { total, pair in
            pair.1 == 0 ? total : total + BM25.score(
                idf: stats.idf(pair.0), weightedFrequency: pair.1, length: Double(length), averageLength: stats.averageLength)
        }
    }
}
