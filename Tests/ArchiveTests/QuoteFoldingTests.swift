import Archive
import Foundation
import Ingestion
import NewsModel
import Testing

/// A quote carried by several articles (copies, or one wire run by several outlets) is listed once,
/// with the first article that carried it and every outlet.
@Suite struct QuoteFoldingTests {
    static func article(_ id: String, url: String, published: String, quote: String, speaker: String) -> Article {
        Article(
            id: id, role: .main, title: "الوزير يعلن خطة جديدة للنقل العام \(id)",
            paragraphs: ["أعلن وزير النقل خطة جديدة للنقل العام في العاصمة. وقال إن «\(quote)»."],
            published: published, url: url,
            quotes: [Quote(text: quote, speaker: speaker, mention: speaker, cue: "قال", kind: .direct, paragraph: 0)])
    }

    @Test(arguments: StoreKind.available) func aQuoteCarriedTwiceIsListedOnce(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let words = "الحافلات الجديدة تبدأ العمل الشهر المقبل"
            let pages = [
                Self.article("q1", url: "https://first.example/a", published: "2026-02-01T08:00:00Z", quote: words, speaker: "سامي الحداد"),
                Self.article("q2", url: "https://second.example/b", published: "2026-02-01T10:00:00Z", quote: words, speaker: "سامي الحداد"),
                Self.article("q3", url: "https://third.example/c", published: "2026-02-02T10:00:00Z", quote: "المحطات تفتح تباعاً", speaker: "سامي الحداد"),
                // The same words from someone else are another quote.
                Self.article("q4", url: "https://third.example/d", published: "2026-02-03T10:00:00Z", quote: words, speaker: "ليلى منصور"),
            ].enumerated().map { ArchivePreparer().prepare(Page(source: "p\($0)", format: .html, encoding: "utf-8", articles: [$1]))[0] }
            _ = try await store.archive.ingest(batch: pages)

            let quotes = try await store.archive.quotes(QuoteRequest(speaker: "سامي الحداد", limit: 10))
            #expect(quotes.count == 2)
            let carried = try #require(quotes.first { $0.text == words })
            #expect(carried.articleID == "q1")
            #expect(carried.articles == 2)
            #expect(carried.outlets == ["first.example", "second.example"])
            #expect(quotes.first { $0.text != words }?.articles == 1)
            // Newest first, by the first article that carried each.
            #expect(quotes.map(\.articleID) == ["q3", "q1"])

            let all = try await store.archive.quotes(QuoteRequest(limit: 10))
            #expect(all.count == 3)
            #expect(try await store.archive.quotes(QuoteRequest(limit: 1, offset: 1)).map(\.articleID) == [all[1].articleID])
        }
    }
}
