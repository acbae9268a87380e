/// Developing stories: a saga links the events (stories) of one affair over weeks, such as an
/// investigation's successive revelations. Stories stay events; a saga is the level above.
///
/// Two stories are linked when their mean days are close (``maximumGapDays``) and their centroids
/// are closer than neighbours need (``minimumCloseness``). A saga is a set of linked stories, grown
/// from the largest story first: a story joins a saga when it is linked to the saga's core (its
/// largest story), or to ``minimumLinks`` of its stories that are also ``minimumLinkedShare`` of
/// the saga's stories near it in time (all of them when fewer are near). One resemblance, or a few in a dense season of news, does not
/// chain two affairs. The result depends only on the profiles, not on their order.
public struct SagaBuilder: Sendable {
    /// Days between two stories' mean days at most: a developing affair has news every few days.
    public var maximumGapDays = 7.0
    /// Centroid cosine at least: well above the story page's neighbours (0.2), which may be related
    /// coverage of another affair; lower, one country's news of a month chains into one saga.
    public var minimumCloseness: Float = 0.45
    /// Links into a saga that a story needs when it is not linked to the saga's core (fewer when
    /// fewer of the saga's stories are near it in time: an affair's chain of events).
    public var minimumLinks = 2
    /// The share of the saga's stories within ``maximumGapDays`` of a story that it must be linked
    /// to: an affair's events resemble each other, while a season's news resembles only its nearest.
    public var minimumLinkedShare = 0.5
    /// Stories a saga holds at least; fewer are neighbours, not a saga.
    public var minimumStories = 3
    /// Originals a story needs to take part: one article is not yet an event with coverage.
    public var minimumArticles = 2

    public init() {}

    /// One saga: its id (its core story's id, so that it is stable while the core lasts) and its
    /// stories, the core first, then by story id.
    public struct Saga: Sendable, Hashable {
        public var id: Int64
        public var stories: [Int64]
    }

    /// The sagas of `profiles`, the largest first. `closeness` is the policy's
    /// (``SimilarityPolicy/closeness(of:to:)``).
    ///
    /// - Complexity: O(n·k) closeness calls, for n stories and k stories within the gap of each.
    public func sagas(_ profiles: [StoryProfile], closeness: (StoryProfile, StoryProfile) -> Float?) -> [Saga] {
        let stories = profiles.filter { $0.articles >= minimumArticles && $0.meanDay != nil }.sorted { $0.meanDay! < $1.meanDay! || ($0.meanDay! == $1.meanDay! && $0.story < $1.story) }
        let links = self.links(stories, closeness: closeness)
        // The largest stories first become cores; the rest join the first saga that takes them.
        let bySize = stories.indices.sorted { stories[$0].articles != stories[$1].articles ? stories[$0].articles > stories[$1].articles : stories[$0].story < stories[$1].story }
        var sagaOf = [Int: Int]()
        var members = [[Int]]()
        for core in bySize where sagaOf[core] == nil {
            var saga = [core]
            sagaOf[core] = members.count
            var frontier = links[core, default: []].sorted()
            while !frontier.isEmpty {
                var next = [Int]()
                for candidate in frontier where sagaOf[candidate] == nil && joins(candidate, core: core, saga: saga, links: links, stories) {
                    sagaOf[candidate] = members.count
                    saga.append(candidate)
                    next += links[candidate, default: []]
                }
                frontier = Array(Set(next)).sorted()
            }
            members.append(saga)
        }
        return members.filter { $0.count >= minimumStories }.map { saga in
            Saga(id: stories[saga[0]].story, stories: [stories[saga[0]].story] + saga.dropFirst().map { stories[$0].story }.sorted())
        }.sorted { $0.stories.count != $1.stories.count ? $0.stories.count > $1.stories.count : $0.id < $1.id }
    }

    func joins(_ candidate: Int, core: Int, saga: [Int], links: [Int: Set<Int>], _ stories: [StoryProfile]) -> Bool {
        let linked = links[candidate, default: []]
        if linked.contains(core) { return true }
        let day = stories[candidate].meanDay!
        let near = saga.filter { abs(stories[$0].meanDay! - day) <= maximumGapDays }
        let joined = near.filter(linked.contains).count
        return joined >= min(minimumLinks, near.count) && joined > 0 && Double(joined) >= minimumLinkedShare * Double(near.count)
    }

    /// Linked pairs, by index into `stories` (sorted by mean day).
    func links(_ stories: [StoryProfile], closeness: (StoryProfile, StoryProfile) -> Float?) -> [Int: Set<Int>] {
        var links = [Int: Set<Int>]()
        for i in stories.indices {
            var j = i + 1
            while j < stories.count, stories[j].meanDay! - stories[i].meanDay! <= maximumGapDays {
                if let score = closeness(stories[i], stories[j]), score >= minimumCloseness {
                    links[i, default: []].insert(j)
                    links[j, default: []].insert(i)
                }
                j += 1
            }
        }
        return links
    }
}
