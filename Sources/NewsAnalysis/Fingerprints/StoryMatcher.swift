public import Foundation

/// Decides whether a new article continues a story the archive already has, or starts one.
///
/// Pure policy: the archive finds the candidates (recent articles sharing band keys or terms) and
/// stores the result. Rules, in order:
/// 1. A candidate that is a near duplicate (``NearDuplicatePolicy``) is the same article: join its
///    story whatever the dates, since a copy republished weeks later is still that story.
/// 2. Otherwise candidates published within `window` of the article (either side: archives are
///    filled out of order) whose term-vector cosine reaches `cosine` — or the lower
///    `cosineWithSharedEntities` when they name at least `sharedEntities` same entities — are
///    the same story; the most similar one wins.
/// 3. Otherwise a new story.
///
/// Thresholds, for the default term-frequency weighting: 0.4 keeps two reports of one event by
/// different outlets together (cosine 0.44 in the tests' composed pair) while two events of one
/// topic — the same club's next match — share their topic words and stay below it (0.30);
/// unrelated articles sit near 0.07. Two or more shared named entities lower the bar to 0.3.
/// These come from composed examples, not from labeled stories, and IDF weighting
/// (``DocumentFrequencies``) lowers every cosine: set them again when the archive supplies IDF.
/// Three days covers a story's follow-ups without chaining a running topic for weeks. An article
/// without a date matches on text alone.
public struct StoryMatcher: Sendable {
    public var cosine: Float
    public var cosineWithSharedEntities: Float
    public var sharedEntities: Int
    public var window: TimeInterval
    public var duplicates: NearDuplicatePolicy
    /// The least cosine to a story's centroid that joins it (``decide(_:published:candidates:stories:)``).
    public var centroidCosine: Float
    /// The same when the article names `sharedEntities` entities that a member of the story names.
    public var centroidCosineWithSharedEntities: Float
    /// The largest gap between an article and its story's mean day.
    public var centroidWindow: TimeInterval

    public init(
        cosine: Float = 0.4, cosineWithSharedEntities: Float = 0.3, sharedEntities: Int = 2,
        window: TimeInterval = 3 * 86_400, duplicates: NearDuplicatePolicy = .standard,
        centroidCosine: Float = 0.45, centroidCosineWithSharedEntities: Float = 0.4, centroidWindow: TimeInterval = 2 * 86_400
    ) {
        self.cosine = cosine
        self.cosineWithSharedEntities = cosineWithSharedEntities
        self.sharedEntities = sharedEntities
        self.window = window
        self.duplicates = duplicates
        self.centroidCosine = centroidCosine
        self.centroidCosineWithSharedEntities = centroidCosineWithSharedEntities
        self.centroidWindow = centroidWindow
    }

    /// An article already in the archive.
    public struct Candidate: Sendable {
        public var id: String
        public var story: String
        public var published: Date?
        public var terms: TermVector
        /// Sorted entity keys (``ContentFingerprint/entities``).
        public var entities: [UInt64]
        /// The candidate's full fingerprint, when stored, for rule 1.
        public var fingerprint: ContentFingerprint?

        public init(
            id: String, story: String, published: Date?, terms: TermVector, entities: [UInt64] = [],
            fingerprint: ContentFingerprint? = nil
        ) {
            self.id = id
            self.story = story
            self.published = published
            self.terms = terms
            self.entities = entities
            self.fingerprint = fingerprint
        }

        public init(id: String, story: String, published: Date?, fingerprint: ContentFingerprint) {
            self.init(id: id, story: story, published: published, terms: fingerprint.terms, entities: fingerprint.entities, fingerprint: fingerprint)
        }
    }

    public enum Decision: Sendable, Equatable {
        /// Same article as `candidate`.
        case duplicate(story: String, candidate: String)
        /// Same story as `candidate`, at this cosine.
        case sameStory(story: String, candidate: String, cosine: Float)
        case newStory

        /// The story joined, nil for a new one.
        public var story: String? {
            switch self {
            case .duplicate(let story, _), .sameStory(let story, _, _): return story
            case .newStory: return nil
            }
        }
    }

    public func decide(_ fingerprint: ContentFingerprint, published: Date?, candidates: [Candidate]) -> Decision {
        for candidate in candidates {
            if let other = candidate.fingerprint, duplicates.isNearDuplicate(fingerprint, other) {
                return .duplicate(story: candidate.story, candidate: candidate.id)
            }
        }
        var best: (candidate: Candidate, cosine: Float)?
        for candidate in candidates {
            if let published, let when = candidate.published, abs(published.timeIntervalSince(when)) > window { continue }
            let similarity = fingerprint.terms.cosine(candidate.terms)
            let shared = Self.sharedCount(fingerprint.entities, candidate.entities)
            let threshold = shared >= sharedEntities ? min(cosine, cosineWithSharedEntities) : cosine
            guard similarity >= threshold else { continue }
            if best == nil || similarity > best!.cosine { best = (candidate, similarity) }
        }
        if let best { return .sameStory(story: best.candidate.story, candidate: best.candidate.id, cosine: best.cosine) }
        return .newStory
    }

    /// Common elements of two sorted arrays.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return common
    }
}
