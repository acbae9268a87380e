public import Archive
import Foundation
import NewsModel

/// A policy whose stories keep profiles with predictable answers: the story is the first term byte;
/// the centroid is that byte; an article signed 99 is far from its centroid; stories one topic
/// apart are close.
public struct TopicProfilePolicy: SimilarityPolicy {
    public init() {}

    public func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool { false }

    public func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int? {
        candidates.firstIndex { $0.terms.first == article.terms.first }
    }

    public var storyWindowDays: Int { 3 }

    public func profile(_ current: StoryProfile?, story: Int64, adding article: ArticleFingerprint, published: String?) -> StoryProfile? {
        let day = published.flatMap(ArchiveDates.dayNumber).map(Int64.init)
        var profile = current ?? StoryProfile(story: story, articles: 0, centroid: [article.terms.first ?? 0], daySum: 0, dated: 0)
        profile.articles += 1
        if let day {
            profile.daySum += day
            profile.dated += 1
        }
        return profile
    }

    public func centrality(of article: ArticleFingerprint, in profile: StoryProfile) -> Float? {
        article.signature.first == 99 ? 0.1 : 0.9
    }

    public func closeness(of story: StoryProfile, to other: StoryProfile) -> Float? {
        abs(Int(story.centroid[0]) - Int(other.centroid[0])) == 1 ? 0.5 : 0
    }
}

/// ``TopicProfilePolicy`` with topics within 5 of each other close enough for a saga.
public struct SagaTopicPolicy: SimilarityPolicy {
    public init() {}

    let base = TopicProfilePolicy()
    public func isNearDuplicate(_ article: ArticleFingerprint, of stored: StoredFingerprint) -> Bool { false }
    public func story(for article: ArticleFingerprint, published: String?, among candidates: [StoredFingerprint]) -> Int? {
        base.story(for: article, published: published, among: candidates)
    }
    public var storyWindowDays: Int { 3 }
    public func profile(_ current: StoryProfile?, story: Int64, adding article: ArticleFingerprint, published: String?) -> StoryProfile? {
        base.profile(current, story: story, adding: article, published: published)
    }
    public func closeness(of story: StoryProfile, to other: StoryProfile) -> Float? {
        abs(Int(story.centroid[0]) - Int(other.centroid[0])) <= 5 ? 0.9 : 0
    }
}

/// Pages for the topic policies: one article whose fingerprint carries its topic, and 99 as its
/// signature's first byte when it is far from its story.
public enum TopicPages {
    public static func page(_ id: String, topic: UInt8, day: Int, outlet: String, far: Bool = false) -> ArchivePage {
        let article = Article(
            id: id, role: .main, title: "خبر رقم \(id) عن الموضوع \(topic)", paragraphs: ["نص الخبر \(id) عن الموضوع \(topic) في يومه."],
            published: String(format: "2026-05-%02dT08:00:00Z", day), url: "https://\(outlet)/\(id)")
        let preparer = ArchivePreparer(fingerprint: { article, _ in
            ArticleFingerprint(exact: article.exactCopyHash, signature: [far ? 99 : 1, 2, 3], terms: [topic])
        })
        return preparer.prepare(Page(source: "p-\(id)", format: .html, encoding: "utf-8", articles: [article]))[0]
    }
}
