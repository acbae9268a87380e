import Foundation

/// BM25 as FTS5's `bm25()` computes it for a single token: the one formula of both stores (the term
/// index here, and PostgreSQL's reranking of its candidates).
///
/// A term's frequency is weighted by field before the formula sees it (title ×10, subtitle and
/// captions ×4, body ×1 in Marsad), and a document's length is its tokens over every field.
public enum BM25 {
    /// FTS5's constants.
    public static let k1 = 1.2, b = 0.75

    /// FTS5's idf over `documents` articles, floored at 1e-6 as `bm25()` floors it: a word in more
    /// than half the articles still counts a little, never against a hit.
    public static func idf(documentFrequency df: Int, documents: Int) -> Double {
        let value = log((Double(documents) - Double(df) + 0.5) / (Double(df) + 0.5))
        return value > 0 ? value : 1e-6
    }

    /// One term's share of a document's score.
    public static func score(idf: Double, weightedFrequency tf: Double, length: Double, averageLength: Double) -> Double {
        idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))
    }
}
