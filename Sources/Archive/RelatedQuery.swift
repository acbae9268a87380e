/// The terms that stand for an article when looking for others like it ("more like this"): its
/// title terms, then its most frequent body terms. Both stores turn them into an OR query and let
/// BM25 weigh them, so rare shared terms count most.
public enum RelatedQuery {
    public static func terms(title: String, body: String, limit: Int = 16) -> [String] {
        var chosen = [String]()
        var seen = Set<Substring>()
        for term in title.split(separator: " ") where term.unicodeScalars.count >= 3 && seen.insert(term).inserted {
            chosen.append(String(term))
        }
        var counts = [Substring: Int]()
        var order = [Substring]()
        // The lead carries the story; the first 400 terms are plenty and keep this cheap.
        for term in body.split(separator: " ", maxSplits: 400).prefix(400) where term.unicodeScalars.count >= 3 && !seen.contains(term) {
            if counts[term] == nil { order.append(term) }
            counts[term, default: 0] += 1
        }
        let ranked = order.enumerated().sorted { a, b in
            let (ca, cb) = (counts[a.element]!, counts[b.element]!)
            return ca != cb ? ca > cb : a.offset < b.offset
        }
        for (_, term) in ranked where chosen.count < limit { chosen.append(String(term)) }
        return Array(chosen.prefix(limit))
    }
}
