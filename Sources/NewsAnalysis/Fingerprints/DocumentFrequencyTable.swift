#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Document frequencies counted in memory: add each document's distinct terms once.
///
/// IDF is the smoothed `ln((1 + N) / (1 + df)) + 1` (as scikit-learn's): never zero, so a term in
/// every document still counts a little, and an unseen term gets the largest weight.
public struct DocumentFrequencyTable: DocumentFrequencies {
    public private(set) var documents = 0
    private var counts: [UInt64: UInt32] = [:]

    public init() {}

    /// Counts one document; repeated terms in `terms` count once.
    public mutating func add(documentTerms terms: some Sequence<UInt64>) {
        documents += 1
        for term in Set(terms) { counts[term, default: 0] += 1 }
    }

    public func frequency(_ term: UInt64) -> Int { Int(counts[term] ?? 0) }

    public func idf(_ term: UInt64) -> Float {
        Float(log(Double(1 + documents) / Double(1 + frequency(term)))) + 1
    }
}
