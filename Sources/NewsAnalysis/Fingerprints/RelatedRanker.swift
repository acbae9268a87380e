/// Picks an article's related articles: the most similar by term-vector cosine, leaving out the
/// article itself and its copies (exact or near), which a reader would see as the same text twice.
public struct RelatedRanker: Sendable {
    /// Below this cosine a candidate shares too little to be worth showing, even when nothing else is.
    public var minimumCosine: Float
    public var duplicates: NearDuplicatePolicy

    public init(minimumCosine: Float = 0.1, duplicates: NearDuplicatePolicy = .standard) {
        self.minimumCosine = minimumCosine
        self.duplicates = duplicates
    }

    public struct Candidate: Sendable {
        public var id: String
        public var fingerprint: ContentFingerprint

        public init(id: String, fingerprint: ContentFingerprint) {
            self.id = id
            self.fingerprint = fingerprint
        }
    }

    public struct Related: Sendable, Equatable {
        public var id: String
        public var cosine: Float
    }

    /// The `k` best candidates, most similar first (ties by id, so the order is stable).
    public func related(to id: String, _ fingerprint: ContentFingerprint, candidates: [Candidate], k: Int) -> [Related] {
        var scored = [Related]()
        for candidate in candidates where candidate.id != id {
            let similarity = fingerprint.terms.cosine(candidate.fingerprint.terms)
            guard similarity >= minimumCosine else { continue }
            if duplicates.isNearDuplicate(fingerprint, candidate.fingerprint) { continue }
            scored.append(Related(id: candidate.id, cosine: similarity))
        }
        scored.sort { $0.cosine != $1.cosine ? $0.cosine > $1.cosine : $0.id < $1.id }
        return Array(scored.prefix(k))
    }
}
