public import Archive

/// How pages become what the archive stores, and how the archive judges copies and stories: the
/// preparer and the similarity policy, kept together because they must agree. The policy reads the
/// fingerprints that the preparer writes; a store opened with one setup's policy and fed by another's
/// preparer would find no near copies and no stories.
public struct IngestSetup: Sendable {
    /// Turns extracted, analyzed pages into archive pages (index terms, outlet, fingerprint).
    public let preparer: ArchivePreparer
    /// What a store opened for this setup links: near copies, teasers and stories, or exact copies.
    public let policy: any SimilarityPolicy

    private init(preparer: ArchivePreparer, policy: any SimilarityPolicy) {
        self.preparer = preparer
        self.policy = policy
    }

    /// Fingerprints, near copies, teasers and stories: what `marsad ingest`, uploads and the
    /// watcher use.
    public static let standard = IngestSetup(similarity: .standard)

    /// Bulk loads: the same fingerprints are stored, but only exact copies are linked.
    public static let exactCopiesOnly = IngestSetup(preparer: FingerprintSimilarity.standard.preparer, policy: ExactOnlyPolicy())

    /// A setup whose preparer writes the fingerprints that `similarity` reads.
    public init(similarity: FingerprintSimilarity) {
        self.init(preparer: similarity.preparer, policy: similarity)
    }
}
