/// What the archive keeps of an article to find its copies, its story and its related articles
/// without reading its text again. Every part is a value with a blob form (`bytes`).
public struct ContentFingerprint: Sendable, Hashable {
    /// FNV-1a 64 of the search-normalized title and body (the summary for a teaser): equal for
    /// exact copies, whatever their diacritics, alef forms, digits or spacing. The same bytes
    /// `NewsExtraction` hashes for article ids, so the two agree on what a copy is.
    public var exact: UInt64
    /// MinHash of the body's word shingles: near copies (edited, cut, re-captioned).
    public var minHash: MinHashSignature
    /// LSH band keys of `minHash`: the lookup keys for near-copy candidates.
    public var bandKeys: [UInt64]
    /// Distinct shingles behind `minHash`: with the Jaccard it gives containment, for cut copies.
    public var shingleCount: Int
    /// Top weighted terms: stories and related articles.
    public var terms: TermVector
    /// Terms of the title, summary and lead paragraphs: teasers against full articles.
    public var lead: TermSet
    /// Sorted hashes of the search-normalized entity names (``FingerprintHash/term(_:)`` of the `MatchKey` bytes).
    public var entities: [UInt64]
    /// The article has no paragraphs (a related-articles teaser): its body is its summary.
    public var isTeaser: Bool

    public init(
        exact: UInt64, minHash: MinHashSignature, bandKeys: [UInt64], shingleCount: Int, terms: TermVector,
        lead: TermSet, entities: [UInt64], isTeaser: Bool
    ) {
        self.exact = exact
        self.minHash = minHash
        self.bandKeys = bandKeys
        self.shingleCount = shingleCount
        self.terms = terms
        self.lead = lead
        self.entities = entities
        self.isTeaser = isTeaser
    }
}
