/// Reorders the best hits of a query by how close together its words stand in each hit.
///
/// BM25 scores each word on its own: an article that holds the four words of a remembered sentence
/// scattered over a long report scores like the article that holds them in one sentence. The
/// ranker adds to each hit's score a bonus that grows as the smallest window of the hit's index terms
/// holding every query word shrinks, in the title or in the body, whichever is closer:
///
///     score + weight × best score × closeness,   closeness = (n − 1) / (window − 1)
///
/// for n ≥ 2 distinct query words, all found (a window of n adjacent words gives 1). A hit that lacks
/// one of the words (an `OR` query) gets closeness × found / n over the words it holds. The bonus is
/// scaled by the best hit's score, so it means the same for any query and any store's scoring.
///
/// Invariant: only the order of the first ``depth`` hits changes; totals, facets and the hits after
/// them are the base ranking's.
public struct ProximityRanker: Sendable {
    /// Hits reordered: each costs reading its index terms, and the article sought is almost always
    /// among the best fifty by BM25 when the words are all there.
    public static let depth = 50
    /// The bonus of adjacent words, as a share of the best hit's score: twice it, so that words
    /// within one sentence outrank words scattered over the article (docs/benchmarks.md has the sweep).
    public static let weight = 2.0

    /// The query's distinct words, as index terms (bytes).
    let terms: [[UInt8]]

    /// Nil for fewer than two distinct words: nothing to be close to.
    public init?(terms words: [String]) {
        var seen = Set<[UInt8]>()
        let terms = words.map { Array($0.utf8) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard terms.count >= 2 else { return nil }
        self.terms = terms
    }

    /// The best closeness over `fields`, each a string of index terms separated by single spaces.
    ///
    /// - Complexity: O(bytes of the fields × query words) in the worst case; a term of another
    ///   length is skipped after one comparison.
    public func closeness(_ fields: [String]) -> Double {
        fields.reduce(0) { best, field in max(best, closeness(of: field)) }
    }

    /// Reorders `hits` (best first) by score plus bonus; `fields` gives each hit's title and body
    /// terms. Hits without fields keep their score.
    public func rerank(_ hits: [(seq: Int64, score: Double)], fields: [Int64: [String]]) -> [(seq: Int64, score: Double)] {
        guard let best = hits.map(\.score).max(), best > 0 else { return hits }
        let scored = hits.enumerated().map { index, hit in
            (index: index, seq: hit.seq, score: hit.score + Self.weight * best * closeness(fields[hit.seq] ?? []))
        }
        // Ties keep the base order, which already breaks ties by seq.
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }.map { ($0.seq, $0.score) }
    }

    /// Reorders the best ``depth`` of `hits`, reading the fields (title and body terms by seq) of
    /// just those; the hits after them keep their place. The one way the stores apply the ranker.
    public func rerankBest(
        _ hits: [(seq: Int64, score: Double)], fields: ([Int64]) throws -> [Int64: [String]]
    ) rethrows -> [(seq: Int64, score: Double)] {
        let head = Array(hits.prefix(Self.depth))
        return rerank(head, fields: try fields(head.map(\.seq))) + hits.dropFirst(head.count)
    }

    /// Positions of the query's words in one field, then the smallest window holding all found.
    func closeness(of field: String) -> Double {
        var occurrences = [(position: Int, term: Int)]()
        var field = field
        field.withUTF8 { bytes in
            var position = 0, start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
                if index > start, let term = match(bytes, start, index) { occurrences.append((position, term)) }
                position += 1
                start = index + 1
            }
        }
        let found = Set(occurrences.map(\.term)).count
        guard found >= 2 else { return 0 }
        let window = Self.smallestWindow(occurrences, distinct: found)
        return Double(found - 1) / Double(max(1, window - 1)) * Double(found) / Double(terms.count)
    }

    /// The query word that the bytes `start..<end` spell, if any.
    private func match(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let length = end - start
        for (index, term) in terms.enumerated() where term.count == length {
            var equal = true
            for offset in 0..<length where term[offset] != bytes[start + offset] {
                equal = false
                break
            }
            if equal { return index }
        }
        return nil
    }

    /// The fewest consecutive positions that hold each of `distinct` terms at least once, over
    /// occurrences in position order.
    static func smallestWindow(_ occurrences: [(position: Int, term: Int)], distinct: Int) -> Int {
        var counts = [Int: Int](), covered = 0, left = 0, best = Int.max
        for occurrence in occurrences {
            counts[occurrence.term, default: 0] += 1
            if counts[occurrence.term] == 1 { covered += 1 }
            while covered == distinct {
                best = min(best, occurrence.position - occurrences[left].position + 1)
                let term = occurrences[left].term
                counts[term]! -= 1
                if counts[term] == 0 { covered -= 1 }
                left += 1
            }
        }
        return best
    }
}

extension SearchQuery {
    /// The required words that are one index term each, spelled as the articles' term strings
    /// spell them: what ``ProximityRanker`` looks for. A phrase already asks for adjacency, a prefix
    /// names no one word, and a term with ASCII punctuation is several tokens to the index.
    public var proximityTerms: [String] {
        required.flatMap { $0 }.compactMap { atom -> String? in
            guard case .term(let term) = atom, !term.isEmpty,
                  term.unicodeScalars.allSatisfy({ $0.value >= 0x80 || (0x30...0x39).contains($0.value) || (0x61...0x7A).contains($0.value) })
            else { return nil }
            return term
        }
    }
}
