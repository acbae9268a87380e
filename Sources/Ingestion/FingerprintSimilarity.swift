public import Archive
import Foundation
public import NewsAnalysis
public import NewsModel

/// The archive's duplicate and story policy, built on NewsAnalysis's fingerprints: MinHash with LSH
/// bands for copies (``NearDuplicatePolicy``), term vectors, dates and shared entities for stories
/// (``StoryMatcher``).
///
/// It lives apart from both `Archive` (which knows no analysis) and `NewsAnalysis` (which knows no
/// store); the CLI and the server take it from here so that every writer judges alike.
public struct FingerprintSimilarity: SimilarityPolicy {
    public var fingerprinter: Fingerprinter
    public var duplicates: NearDuplicatePolicy
    public var stories: StoryMatcher

    public init(fingerprinter: Fingerprinter = Fingerprinter(), duplicates: NearDuplicatePolicy = .standard, stories: StoryMatcher = StoryMatcher()) {
        self.fingerprinter = fingerprinter
        self.duplicates = duplicates
        self.stories = stories
    }

    public static let standard = FingerprintSimilarity()

    /// A preparer whose fingerprints this policy reads.
    public var preparer: ArchivePreparer {
        let fingerprinter = fingerprinter
        return ArchivePreparer(fingerprint: { article, terms in
            let fingerprint = fingerprinter.fingerprint(article, terms: &terms)
            return ArticleFingerprint(
                exact: fingerprint.exact,
                signature: fingerprint.minHash.isEmpty && fingerprint.lead.count == 0 ? [] : fingerprint.bytes,
                bands: fingerprint.minHash.isEmpty ? [] : fingerprint.bandKeys.map { Int64(bitPattern: $0) },
                terms: fingerprint.terms.bytes)
        })
    }

    public func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool {
        guard let a = ContentFingerprint(bytes: article.signature), let b = ContentFingerprint(bytes: stored.signature) else { return false }
        return duplicates.isNearDuplicate(a, b)
    }

    public func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int? {
        guard let fingerprint = ContentFingerprint(bytes: article.signature) else { return nil }
        var indexOf = [String: Int]()
        let decoded = candidates.enumerated().compactMap { index, stored -> StoryMatcher.Candidate? in
            guard let story = stored.story, let other = ContentFingerprint(bytes: stored.signature) else { return nil }
            indexOf[stored.id] = index
            return StoryMatcher.Candidate(id: stored.id, story: String(story), published: Self.date(stored.published), fingerprint: other)
        }
        switch stories.decide(fingerprint, published: Self.date(published), candidates: decoded) {
        case .duplicate(_, let candidate), .sameStory(_, let candidate, _): return indexOf[candidate]
        case .newStory: return nil
        }
    }

    public var storyWindowDays: Int { max(1, Int((stories.window / 86_400).rounded(.up))) }

    /// Stories as events: each candidate story is judged by its centroid (``StoryMatcher/decide(_:published:candidates:stories:)``).
    public func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint], profiles: [Int64: StoryProfile]) -> Int64? {
        guard let fingerprint = ContentFingerprint(bytes: article.signature) else { return nil }
        let decoded = candidates.compactMap { stored -> StoryMatcher.Candidate? in
            guard let story = stored.story, let other = ContentFingerprint(bytes: stored.signature) else { return nil }
            return StoryMatcher.Candidate(id: stored.id, story: String(story), published: Self.date(stored.published), fingerprint: other)
        }
        var centroids = [String: StoryMatcher.StoryCentroid]()
        for (story, profile) in profiles {
            guard let terms = TermVector(bytes: profile.centroid) else { continue }
            centroids[String(story)] = StoryMatcher.StoryCentroid(terms: terms, day: profile.centroidDay, articles: profile.articles)
        }
        return stories.decide(fingerprint, published: Self.date(published), candidates: decoded, stories: centroids).story.flatMap { Int64($0) }
    }

    /// The story's centroid with `article` added; a story made before profiles were kept starts
    /// from this article.
    public func profile(_ current: StoryProfile?, story: Int64, adding article: ArticleFingerprint, published: String?) -> StoryProfile? {
        guard let fingerprint = ContentFingerprint(bytes: article.signature) else { return current }
        let day = published.flatMap(ArchiveDates.dayNumber).map(Int64.init)
        let previous = current.flatMap { profile in
            TermVector(bytes: profile.centroid).map { StoryMatcher.StoryCentroid(terms: $0, day: profile.centroidDay, articles: profile.articles) }
        }
        let terms = previous?.addingTerms(fingerprint.terms) ?? fingerprint.terms
        return StoryProfile(
            story: story, articles: (current?.articles ?? 0) + 1, centroid: terms.bytes,
            daySum: (current?.daySum ?? 0) + (day ?? 0), dated: (current?.dated ?? 0) + (day == nil ? 0 : 1),
            central: current?.central, centralScore: current?.centralScore ?? 0)
    }

    /// The article's cosine to the story's centroid.
    public func centrality(of article: ArticleFingerprint, in profile: StoryProfile) -> Float? {
        guard let fingerprint = ContentFingerprint(bytes: article.signature), let centroid = TermVector(bytes: profile.centroid) else { return nil }
        return fingerprint.terms.cosine(centroid)
    }

    public func closeness(of story: StoryProfile, to other: StoryProfile) -> Float? {
        guard let a = TermVector(bytes: story.centroid), let b = TermVector(bytes: other.centroid) else { return nil }
        return a.cosine(b)
    }

    static func date(_ iso: String?) -> Date? {
        guard let iso, let day = ArchiveDates.dayNumber(iso) else { return nil }
        return Date(timeIntervalSince1970: Double(day) * 86_400)
    }
}
