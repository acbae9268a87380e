/// When two fingerprints are the same article: a copy, an edited or cut copy, a re-captioned one,
/// or a teaser of it.
///
/// Rules, in order:
/// 1. Same `exact` hash: an exact copy.
/// 2. One is a teaser, the other not: the teaser's lead terms are at least `teaserContainment`
///    contained in the article's lead (the rule of `NewsExtraction`'s page-level duplicates: a
///    teaser restates the lead, reworded, so shingles would miss it).
/// 3. Shingle Jaccard (MinHash estimate) ≥ `jaccard`: an edited or re-captioned copy.
/// 4. The shorter's shingles are ≥ `containment` contained in the longer's, with Jaccard ≥
///    `minimumCutJaccard`: a cut copy (the tail dropped). Containment is derived from the Jaccard
///    and the two shingle counts, C = J(|A| + |B|) / ((1 + J)·min(|A|, |B|)); the Jaccard floor keeps
///    a one-paragraph excerpt of a long article (and the estimator's noise at small J) out.
public struct NearDuplicatePolicy: Sendable, Hashable {
    public var jaccard: Double
    public var containment: Double
    public var minimumCutJaccard: Double
    public var teaserContainment: Double
    /// A teaser with fewer lead terms than this is too short to tell (a two-word title).
    public var minimumTeaserTerms: Int

    public init(
        jaccard: Double = 0.6, containment: Double = 0.85, minimumCutJaccard: Double = 0.3, teaserContainment: Double = 0.6,
        minimumTeaserTerms: Int = 4
    ) {
        self.jaccard = jaccard
        self.containment = containment
        self.minimumCutJaccard = minimumCutJaccard
        self.teaserContainment = teaserContainment
        self.minimumTeaserTerms = minimumTeaserTerms
    }

    public static let standard = NearDuplicatePolicy()

    /// Which rule matched, and its score.
    public enum Relation: Sendable, Hashable {
        case exact
        case teaser(containment: Double)
        case copy(jaccard: Double)
        case cut(containment: Double)
    }

    public func relation(_ a: ContentFingerprint, _ b: ContentFingerprint) -> Relation? {
        if a.exact == b.exact { return .exact }
        if a.isTeaser != b.isTeaser {
            let (teaser, full) = a.isTeaser ? (a, b) : (b, a)
            guard teaser.lead.count >= minimumTeaserTerms else { return nil }
            let share = teaser.lead.containment(in: full.lead)
            return share >= teaserContainment ? .teaser(containment: share) : nil
        }
        let j = a.minHash.jaccard(b.minHash)
        if j >= jaccard { return .copy(jaccard: j) }
        guard j >= minimumCutJaccard else { return nil }
        let c = Self.containment(jaccard: j, a.shingleCount, b.shingleCount)
        return c >= containment ? .cut(containment: c) : nil
    }

    public func isNearDuplicate(_ a: ContentFingerprint, _ b: ContentFingerprint) -> Bool {
        relation(a, b) != nil
    }

    /// |A ∩ B| / min(|A|, |B|) from the Jaccard and the set sizes (capped at 1: J is an estimate).
    public static func containment(jaccard j: Double, _ a: Int, _ b: Int) -> Double {
        let smaller = min(a, b)
        guard smaller > 0 else { return 0 }
        return min(1, j * Double(a + b) / ((1 + j) * Double(smaller)))
    }
}

extension ContentFingerprint {
    /// `policy.isNearDuplicate(self, other)`.
    public func isNearDuplicate(of other: ContentFingerprint, policy: NearDuplicatePolicy = .standard) -> Bool {
        policy.isNearDuplicate(self, other)
    }
}
