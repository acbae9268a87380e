/// How the archive decides that two articles are copies, or tell one story.
///
/// The stores find candidates (articles sharing an LSH band; articles near in time that share the
/// new one's strongest terms) and ask the policy. The fingerprint maths lives with the analysis code,
/// which builds the signatures; the archive only keeps their bytes.
public protocol SimilarityPolicy: Sendable {
    /// True when a stored article nearly copies `article` (an edited, cut or re-captioned copy, or a
    /// teaser of it).
    func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool
    /// The index of the candidate whose story `article` joins, or nil for a new story.
    func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int?
    /// Largest gap in days between an article and the candidates the store offers for its story.
    var storyWindowDays: Int { get }
}

/// What the store keeps of an article for the policy.
public struct StoredFingerprint: Sendable, Hashable {
    public var id: String
    public var story: Int64?
    public var published: String?
    public var signature: [UInt8]
    public var terms: [UInt8]

    public init(id: String, story: Int64?, published: String?, signature: [UInt8], terms: [UInt8]) {
        self.id = id
        self.story = story
        self.published = published
        self.signature = signature
        self.terms = terms
    }
}

/// Exact copies only, and a story per article: for stores fed without fingerprints.
public struct ExactOnlyPolicy: SimilarityPolicy {
    public init() {}
    public func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool { false }
    public func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int? { nil }
    public var storyWindowDays: Int { 0 }
}
