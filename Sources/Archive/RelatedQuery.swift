import StableHash

/// The terms that stand for an article when looking for others like it ("more like this"): its
/// title terms, then its most frequent body terms. Both stores turn them into an OR query and let
/// BM25 weigh them, so rare shared terms count most.
public enum RelatedQuery {
    /// The first 400 body terms are plenty: the lead carries the story.
    static let bodyTerms = 400

    /// Title terms (three scalars or longer, first occurrence order), then body terms by count, most
    /// frequent first, ties in order of first occurrence, up to `limit` in all.
    ///
    /// Terms are compared by their UTF-8 bytes, as FTS5 and PostgreSQL compare them. Ingest asks this
    /// for every article (the story and teaser probes), so it works on bytes throughout: counting
    /// `Substring`s hashed and compared them through Unicode normalization, which made it a visible
    /// part of ingest.
    public static func terms(title: String, body: String, limit: Int = 16) -> [String] {
        guard limit > 0 else { return [] }
        var title = title
        var body = body
        return title.withUTF8 { titleBytes in
            body.withUTF8 { bodyBytes in
                choose(title: titleBytes, body: bodyBytes, limit: limit)
            }
        }
    }

    static func choose(title: UnsafeBufferPointer<UInt8>, body: UnsafeBufferPointer<UInt8>, limit: Int) -> [String] {
        var chosen = [String]()
        var seen = Set<TermKey>()
        forEachTerm(in: title, limit: Int.max) { key in
            if seen.insert(key).inserted { chosen.append(key.string) }
        }
        // Distinct body terms in order of first occurrence, with their counts.
        var slot = [TermKey: Int]()
        var order = [TermKey]()
        var counts = [Int]()
        forEachTerm(in: body, limit: bodyTerms) { key in
            guard !seen.contains(key) else { return }
            if let index = slot[key] {
                counts[index] += 1
            } else {
                slot[key] = order.count
                order.append(key)
                counts.append(1)
            }
        }
        guard chosen.count < limit, !order.isEmpty else { return Array(chosen.prefix(limit)) }
        let ranked = order.indices.sorted { a, b in counts[a] != counts[b] ? counts[a] > counts[b] : a < b }
        for index in ranked.prefix(limit - chosen.count) { chosen.append(order[index].string) }
        return chosen
    }

    /// Calls `body` with every space-separated term of three or more Unicode scalars among the first
    /// `limit` terms (counted before the length test).
    static func forEachTerm(in bytes: UnsafeBufferPointer<UInt8>, limit: Int, _ body: (TermKey) -> Void) {
        var start = 0
        var scalars = 0
        var hash = FNV1a64.offsetBasis
        var seen = 0
        var i = 0
        let count = bytes.count
        while i <= count, seen < limit {
            if i == count || bytes[i] == 0x20 {
                // Empty pieces (double spaces) are not terms, and split(separator:) skips them too.
                if i > start {
                    seen += 1
                    if scalars >= 3 {
                        body(TermKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]), hash: hash))
                    }
                }
                start = i + 1
                scalars = 0
                hash = FNV1a64.offsetBasis
            } else {
                let byte = bytes[i]
                if byte & 0xC0 != 0x80 { scalars += 1 }
                hash = FNV1a64.step(hash, UInt64(byte))
            }
            i += 1
        }
    }

    /// A term as a slice of the caller's UTF-8 bytes, hashed once (FNV-1a) and compared by bytes.
    struct TermKey: Hashable {
        let bytes: UnsafeBufferPointer<UInt8>
        let hash: UInt64

        var string: String { String(decoding: bytes, as: UTF8.self) }

        static func == (a: TermKey, b: TermKey) -> Bool {
            a.hash == b.hash && a.bytes.count == b.bytes.count && a.bytes.elementsEqual(b.bytes)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }
}
