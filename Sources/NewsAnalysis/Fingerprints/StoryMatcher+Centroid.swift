public import Foundation

/// Stories as events: an article joins the story whose centroid it is close to, in words and in
/// time, rather than any one member it resembles. Single-link joining (``StoryMatcher/decide(_:published:candidates:)``)
/// let a story drift one resemblance at a time, from a transfer to a whole World Cup; a centroid moves
/// only as far as most of its articles do.
extension StoryMatcher {
    /// What a story is, for the decision: the normalized sum of its originals' term vectors, and the
    /// mean day of the dated ones.
    public struct StoryCentroid: Sendable, Hashable {
        public var terms: TermVector
        /// Days since 1970, the mean of its dated articles; nil when none had a date.
        public var day: Double?
        public var articles: Int

        public init(terms: TermVector, day: Double?, articles: Int) {
            self.terms = terms
            self.day = day
            self.articles = articles
        }

        /// Terms a centroid keeps: more than an article's 40, since it sums several.
        public static let termLimit = 60

        /// The centroid's terms once `article` has joined: each article weighs the same. The day is
        /// the caller's to keep (a mean over the dated articles only).
        public func addingTerms(_ article: TermVector) -> TermVector {
            let weight = Float(articles)
            let sum = terms.entries.map { (term: $0.term, weight: $0.weight * weight) } + article.entries.map { (term: $0.term, weight: $0.weight) }
            return TermVector(weights: sum, limit: Self.termLimit)
        }
    }

    /// The story to join among the candidates' stories, each judged by its centroid where `stories`
    /// has one, else by its most similar member (stories made before centroids were kept).
    ///
    /// Rules, in order:
    /// 1. A near-duplicate candidate: its story, whatever the dates.
    /// 2. Each candidate story whose centroid day lies within ``centroidWindow`` of the article, at a
    ///    centroid cosine of at least ``centroidCosine`` (``centroidCosineWithSharedEntities`` when the
    ///    article names ``sharedEntities`` entities that one of the story's candidates names): the
    ///    closest wins.
    ///
    /// The defaults (0.45, 0.4 with two shared entities, two days) are the best pairwise F1 on the
    /// story gold's dev split (Eval/stories) among the settings tried (docs/benchmarks.md).
    /// 3. Otherwise a new story.
    public func decide(_ fingerprint: ContentFingerprint, published: Date?, candidates: [Candidate], stories: [String: StoryCentroid]) -> Decision {
        for candidate in candidates {
            if let other = candidate.fingerprint, duplicates.isNearDuplicate(fingerprint, other) {
                return .duplicate(story: candidate.story, candidate: candidate.id)
            }
        }
        let day = published.map { $0.timeIntervalSince1970 / 86_400 }
        var best: (story: String, candidate: String, cosine: Float)?
        var judged = Set<String>()
        for candidate in candidates where !judged.contains(candidate.story) {
            let members = candidates.filter { $0.story == candidate.story }
            judged.insert(candidate.story)
            let shared = members.map { Self.sharedCount(fingerprint.entities, $0.entities) }.max() ?? 0
            let threshold = shared >= sharedEntities ? min(centroidCosine, centroidCosineWithSharedEntities) : centroidCosine
            let similarity: Float
            if let centroid = stories[candidate.story] {
                if let day, let centre = centroid.day, abs(day - centre) * 86_400 > centroidWindow { continue }
                similarity = fingerprint.terms.cosine(centroid.terms)
            } else {
                similarity = members
                    .filter { member in !(published.flatMap { p in member.published.map { abs(p.timeIntervalSince($0)) > window } } ?? false) }
                    .map { fingerprint.terms.cosine($0.terms) }.max() ?? 0
            }
            guard similarity >= threshold else { continue }
            if best == nil || similarity > best!.cosine { best = (candidate.story, candidate.id, similarity) }
        }
        if let best { return .sameStory(story: best.story, candidate: best.candidate, cosine: best.cosine) }
        return .newStory
    }
}
