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

    /// The story `article` joins, given the candidates and the profiles the store keeps of their
    /// stories (``profile(_:story:adding:published:)``); nil for a new story. A story without a kept
    /// profile is absent from `profiles`.
    func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint], profiles: [Int64: StoryProfile]) -> Int64?

    /// The profile of `story` once `article` (an original, not a copy) has joined it, from its
    /// `current` one (nil for a new story, or one made before profiles were kept); nil when the policy
    /// keeps none.
    func profile(_ current: StoryProfile?, story: Int64, adding article: ArticleFingerprint, published: String?) -> StoryProfile?

    /// How central `article` is to the story of `profile` (which it has joined): the store titles a
    /// story with its most central article. Nil when the policy cannot tell.
    func centrality(of article: ArticleFingerprint, in profile: StoryProfile) -> Float?

    /// How close two stories' centroids are, for a story page's neighbours. Nil when the policy
    /// cannot tell.
    func closeness(of story: StoryProfile, to other: StoryProfile) -> Float?
}

extension SimilarityPolicy {
    /// By default a story is its members: the candidate the policy picks.
    public func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint], profiles: [Int64: StoryProfile]) -> Int64? {
        guard let chosen = story(for: article, published: published, among: candidates), candidates.indices.contains(chosen) else { return nil }
        return candidates[chosen].story
    }

    public func profile(_ current: StoryProfile?, story: Int64, adding article: ArticleFingerprint, published: String?) -> StoryProfile? {
        nil
    }

    public func centrality(of article: ArticleFingerprint, in profile: StoryProfile) -> Float? {
        nil
    }

    public func closeness(of story: StoryProfile, to other: StoryProfile) -> Float? {
        nil
    }
}

extension StoryProfile {
    /// The mean day of its dated articles (days since 1970), or nil when none is dated.
    public var meanDay: Double? { dated > 0 ? Double(daySum) / Double(dated) : nil }
}

/// What the store keeps of a story for the policy: where its articles centre, in words and in time.
/// The store writes it after each original joins and reads it for the next decision.
public struct StoryProfile: Sendable, Hashable {
    public var story: Int64
    /// Originals that joined it (copies do not move the centroid).
    public var articles: Int
    /// The policy's serialized centroid of its articles.
    public var centroid: [UInt8]
    /// The sum of its dated articles' day numbers (days since 1970), and how many were dated.
    public var daySum: Int64
    public var dated: Int
    /// The store's seq of its most central article, and how central it was when last compared.
    public var central: Int64?
    public var centralScore: Float

    public init(story: Int64, articles: Int, centroid: [UInt8], daySum: Int64, dated: Int, central: Int64? = nil, centralScore: Float = 0) {
        self.story = story
        self.articles = articles
        self.centroid = centroid
        self.daySum = daySum
        self.dated = dated
        self.central = central
        self.centralScore = centralScore
    }

    /// The profile with `seq` (scoring `score`) as its central article when it beats the current
    /// central one, scored again against the same centroid (`centralScore`; nil when it is gone).
    /// Scores kept from older centroids would not do: each article is the whole centroid of the
    /// story it starts, so the first would stay central for good.
    public func keepingCentral(_ seq: Int64, score: Float?, centralScore current: Float?) -> StoryProfile {
        guard let score else { return self }
        var kept = self
        if let central, let current, current >= score {
            kept.central = central
            kept.centralScore = current
        } else {
            kept.central = seq
            kept.centralScore = score
        }
        return kept
    }

    /// The mean day of its dated articles.
    public var centroidDay: Double? { dated > 0 ? Double(daySum) / Double(dated) : nil }
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
