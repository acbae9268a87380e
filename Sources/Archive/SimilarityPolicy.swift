/// How the archive decides that two articles are copies, or tell one story.
///
/// The stores find candidates (articles sharing an LSH band; articles near in time that share
/// terms) and ask the policy. The fingerprint maths lives with the analysis code, which builds the
/// signatures; the archive only keeps the bytes.
public protocol SimilarityPolicy: Sendable {
    /// True when a stored article (its serialized MinHash) nearly copies `article`.
    func isNearDuplicate(_ article: ArticleFingerprint, storedMinHash: [UInt8]) -> Bool
    /// Similarity in 0...1 of `article` to a stored article (its serialized term vector).
    func storySimilarity(_ article: ArticleFingerprint, storedTerms: [UInt8]) -> Double
    /// Least ``storySimilarity(_:storedTerms:)`` for two articles to share a story.
    var storyThreshold: Double { get }
    /// Largest gap in days between two articles of one story.
    var storyWindowDays: Int { get }
}

/// Exact copies only, and no stories beyond them: for stores fed without fingerprints.
public struct ExactOnlyPolicy: SimilarityPolicy {
    public init() {}
    public func isNearDuplicate(_ article: ArticleFingerprint, storedMinHash: [UInt8]) -> Bool { false }
    public func storySimilarity(_ article: ArticleFingerprint, storedTerms: [UInt8]) -> Double { 0 }
    public var storyThreshold: Double { 2 }
    public var storyWindowDays: Int { 0 }
}
