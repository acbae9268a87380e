public import ArabicText
public import NewsModel

/// Turns an article into a ``ContentFingerprint`` in one pass of the analysis chain.
///
/// Terms come from `AnalysisChain.index` (tokenize, `.search` normalize, stopwords out, light stem),
/// hashed as bytes. The body's terms, in order, make the word shingles; every term feeds the term
/// vector, title terms and entity names with a boost, since they name what the article is about.
/// Numbers and one-letter terms stay out of the vector: they are everywhere and say little.
public struct Fingerprinter: Sendable {
    /// Words per shingle. 4 is the measured default (`marsad bench dedup` compares 3 and 4).
    public var shingle: Int
    /// Shingles over stemmed terms (one chain pass) or over unstemmed ones (a second pass).
    public var stemmedShingles: Bool
    public let minHasher: MinHasher
    public var banding: LSHBanding
    /// Terms kept in the vector.
    public var termLimit: Int
    /// Extra occurrences counted for each title term and each entity-name term.
    public var titleBoost: Float
    public var entityBoost: Float
    /// Paragraphs whose terms join the lead set (a teaser restates the lead).
    public var leadParagraphs: Int
    public var frequencies: (any DocumentFrequencies)?

    static let unstemmedChain = AnalysisChain(stemmer: nil)

    /// - Parameters:
    ///   - shingle: words per shingle.
    ///   - hashes: MinHash signature length; must be a multiple of `bands`.
    ///   - bands: LSH bands (rows = hashes / bands); see ``LSHBanding`` for the S-curve. 40 × 3 found
    ///     99.0% of synthetic near copies against 97.9% for 32 × 4, at the same precision.
    public init(
        shingle: Int = 4, hashes: Int = 120, bands: Int = 40, stemmedShingles: Bool = true, termLimit: Int = 40,
        titleBoost: Float = 2, entityBoost: Float = 2, leadParagraphs: Int = 2,
        frequencies: (any DocumentFrequencies)? = nil, seed: UInt64 = MinHasher.defaultSeed
    ) {
        precondition(shingle > 0 && bands > 0 && hashes % bands == 0, "hashes must be a multiple of bands")
        self.shingle = shingle
        self.stemmedShingles = stemmedShingles
        self.minHasher = MinHasher(count: hashes, seed: seed)
        self.banding = LSHBanding(bands: bands, rows: hashes / bands)
        self.termLimit = termLimit
        self.titleBoost = titleBoost
        self.entityBoost = entityBoost
        self.leadParagraphs = leadParagraphs
        self.frequencies = frequencies
    }

    public func fingerprint(_ article: Article) -> ContentFingerprint {
        var terms = IndexTerms()
        return fingerprint(article, terms: &terms)
    }

    /// The fingerprint, with the chain's terms read from (and recorded in) `terms`.
    public func fingerprint(_ article: Article, terms: inout IndexTerms) -> ContentFingerprint {
        let isTeaser = article.paragraphs.isEmpty
        var counts = TermCounts(capacity: 512)
        var lead = [UInt64]()
        var body = [UInt64]()
        body.reserveCapacity(512)

        func eachTerm(_ text: String, _ body: (UInt64, Bool) -> Void) {
            terms.forEachTerm(in: text) { term, kind in
                // Numbers shingle (they tell copies apart) but do not describe a topic.
                let weighted = kind != .number && term.count > 2
                body(FingerprintHash.term(term), weighted)
            }
        }

        eachTerm(article.title) { term, weighted in
            lead.append(term)
            if weighted { counts.add(term, 1 + titleBoost) }
        }
        if let summary = article.summary {
            eachTerm(summary) { term, weighted in
                lead.append(term)
                // A full article's summary restates its lead: counting it again would double the lead.
                if isTeaser {
                    body.append(term)
                    if weighted { counts.add(term, 1) }
                }
            }
        }
        for (index, paragraph) in article.paragraphs.enumerated() {
            let inLead = index < leadParagraphs
            eachTerm(paragraph) { term, weighted in
                body.append(term)
                if inLead { lead.append(term) }
                if weighted { counts.add(term, 1) }
            }
        }
        let entityKeys = Self.entityKeys(article)
        for entity in article.entities {
            eachTerm(entity.name) { term, weighted in
                if weighted { counts.add(term, entityBoost) }
            }
        }
        if !stemmedShingles {
            body.removeAll(keepingCapacity: true)
            for var text in isTeaser ? [article.summary ?? ""] : article.paragraphs {
                text.withUTF8 { bytes in
                    Self.unstemmedChain.forEachTerm(in: bytes) { term, _, _, _ in body.append(FingerprintHash.term(term)) }
                }
            }
        }
        // A text without body (a bare title) still gets a signature, from its title.
        if body.isEmpty { body = lead }

        let shingles = Self.shingles(of: body, size: shingle)
        let minHash = minHasher.signature(of: shingles)
        let distinct = Self.distinctCount(shingles)

        return ContentFingerprint(
            exact: article.exactCopyHash,
            minHash: minHash,
            bandKeys: minHash.bandKeys(bands: banding.bands),
            shingleCount: distinct,
            terms: counts.vector(limit: termLimit, frequencies: frequencies),
            lead: TermSet(lead),
            entities: entityKeys,
            isTeaser: isTeaser
        )
    }

    /// Hashes of `size` consecutive terms; a text shorter than one shingle gives one shingle of all of it.
    static func shingles(of terms: [UInt64], size: Int) -> [UInt64] {
        guard !terms.isEmpty else { return [] }
        let count = max(terms.count - size + 1, 1)
        var out = [UInt64](repeating: 0, count: count)
        terms.withUnsafeBufferPointer { t in
            for start in 0..<count {
                var h = t[start]
                for k in (start + 1)..<min(start + size, t.count) { h = FingerprintHash.combine(h, t[k]) }
                out[start] = h
            }
        }
        return out
    }

    /// Distinct values, by open addressing in a table of twice the size (sorting cost more).
    static func distinctCount(_ values: [UInt64]) -> Int {
        guard !values.isEmpty else { return 0 }
        var size = 16
        while size < values.count * 2 { size *= 2 }
        let mask = size - 1
        var table = [UInt64](repeating: 0, count: size)
        var distinct = 0
        var sawZero = false
        table.withUnsafeMutableBufferPointer { table in
            for value in values {
                if value == 0 {
                    if !sawZero { sawZero = true; distinct += 1 }
                    continue
                }
                var slot = Int(truncatingIfNeeded: value) & mask
                while table[slot] != 0 && table[slot] != value { slot = (slot + 1) & mask }
                if table[slot] == 0 {
                    table[slot] = value
                    distinct += 1
                }
            }
        }
        return distinct
    }

    /// Sorted, unique hashes of the entities' search-normalized names: stories share their actors.
    public static func entityKeys(_ article: Article) -> [UInt64] {
        var keys = [UInt64]()
        for entity in article.entities {
            let key = MatchKey(entity.name)
            guard !key.isEmpty else { continue }
            keys.append(key.bytes.withUnsafeBufferPointer { FingerprintHash.term($0) })
        }
        keys.sort()
        var unique = [UInt64]()
        for key in keys where unique.last != key { unique.append(key) }
        return unique
    }

    /// The distinct weighted terms of an article: what a ``DocumentFrequencyTable`` counts.
    public func distinctTerms(of article: Article) -> [UInt64] {
        var fingerprinter = self
        fingerprinter.termLimit = .max
        fingerprinter.frequencies = nil
        return fingerprinter.fingerprint(article).terms.entries.map(\.term)
    }
}
