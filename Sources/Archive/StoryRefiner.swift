/// Splits stories that drifted: once linking is done, an original far from its story's final
/// centroid leaves it for a story of its own (with its copies), and the story's profile is made
/// again from the originals that stay, in the order they joined. An article joins a story by the
/// centroid of the moment; the final centroid tells what the story became.
///
/// Off unless asked for (`marsad link --split-drifted`): on the story gold it raised dev's pairwise
/// F1 but lowered the frozen test split's, by recall (docs/benchmarks.md).
public struct StoryRefiner: Sendable {
    /// An original under this cosine to its story's final centroid leaves it: above the 0.45 that
    /// joins, since a centroid's first members pull it their way.
    public var splitCosine: Float = 0.55
    /// Originals a story needs before it is refined: in two, each is half the centroid.
    public var minimumArticles = 3

    public init() {}

    /// The members of a story (seq, signature) that leave it, by the policy's centrality against
    /// `profile`; none when all would (the centroid then says nothing of any of them).
    public func leaving(_ members: [(seq: Int64, signature: [UInt8])], profile: StoryProfile, policy: any SimilarityPolicy) -> [Int64] {
        guard members.count >= minimumArticles else { return [] }
        let far = members.filter { member in
            policy.centrality(of: ArticleFingerprint(exact: 0, signature: member.signature), in: profile).map { $0 < splitCosine } ?? false
        }.map(\.seq)
        return far.count < members.count ? far : []
    }

    /// A story's profile made again from its originals in the order they joined, with its most
    /// central one; nil without any.
    public func profile(of members: [(seq: Int64, signature: [UInt8], published: String?)], story: Int64, policy: any SimilarityPolicy) -> StoryProfile? {
        var profile: StoryProfile?
        for member in members {
            profile = policy.profile(profile, story: story, adding: ArticleFingerprint(exact: 0, signature: member.signature), published: member.published)
        }
        guard var made = profile else { return nil }
        let scored = members.compactMap { member in
            policy.centrality(of: ArticleFingerprint(exact: 0, signature: member.signature), in: made).map { (member.seq, $0) }
        }
        if let best = scored.max(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }) {
            made.central = best.0
            made.centralScore = best.1
        }
        return made
    }
}
