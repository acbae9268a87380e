import Archive
import Foundation
import Ingestion
import NewsModel
import Testing

/// Exact copies fold into their original in search and lists: one text, one hit, counted once.
@Suite struct CopyFoldingTests {
    static func article(_ id: String, url: String, published: String, title: String = "انطلاق مهرجان المسرح العربي في دورته العاشرة") -> Article {
        Article(
            id: id, role: .main, title: title,
            paragraphs: ["انطلق مهرجان المسرح العربي في دورته العاشرة بمشاركة عشرين فرقة من اثنتي عشرة دولة.",
                         "وتستمر العروض أسبوعاً كاملاً على ثلاثة مسارح في المدينة القديمة."],
            published: published, url: url)
    }

    @Test(arguments: StoreKind.available) func exactCopiesFoldIntoTheirOriginal(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let pages = [
                Self.article("c1", url: "https://first.example/a", published: "2026-03-01T08:00:00Z"),
                Self.article("c2", url: "https://second.example/b", published: "2026-03-01T09:00:00Z"),
                Self.article("c3", url: "https://third.example/c", published: "2026-03-01T10:00:00Z"),
                Self.article("c4", url: "https://third.example/d", published: "2026-03-02T10:00:00Z", title: "ختام مهرجان المسرح العربي وتوزيع الجوائز"),
            ].enumerated().map { ArchivePreparer().prepare(Page(source: "p\($0)", format: .html, encoding: "utf-8", articles: [$1]))[0] }
            _ = try await archive.ingest(batch: pages)
            #expect(try await archive.article(id: "c2")?.duplicateOf == "c1")

            let folded = try await archive.search(SearchRequest(query: SearchQuery("مهرجان المسرح")))
            #expect(folded.total == 2)
            #expect(Set(folded.hits.map(\.id)) == ["c1", "c4"])
            #expect(folded.hits.first { $0.id == "c1" }?.alsoIn == ["second.example", "third.example"])
            #expect(folded.hits.first { $0.id == "c4" }?.alsoIn == [])
            // Each text counts once in the facets.
            #expect(folded.facets["source"]?.reduce(0) { $0 + $1.count } == 2)

            let all = try await archive.search(SearchRequest(query: SearchQuery("مهرجان المسرح"), filters: SearchFilters(includeCopies: true)))
            #expect(all.total == 4)
            #expect(all.hits.allSatisfy { $0.alsoIn.isEmpty })

            #expect(try await archive.latest(ListRequest(limit: 10)).map(\.id).sorted() == ["c1", "c4"])
            #expect(try await archive.latest(ListRequest(filters: SearchFilters(includeCopies: true), limit: 10)).count == 4)
        }
    }
}

extension CopyFoldingTests {
    /// A page whose related teaser (tied by the extractor to the page's own continuation) comes
    /// before that continuation: the continuation must not become a copy of itself through its
    /// teaser, and so must stay findable. The seed page is such a page.
    @Test(arguments: StoreKind.available) func anArticleIsNeverACopyOfItselfThroughItsTeaser(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, policy: FingerprintSimilarity.standard) { store in
            let flood = FingerprintArchiveTests.floodArticles()
            var main = flood[4]
            main.id = "m1"
            var continuation = flood[0]
            continuation.id = "k1"
            continuation.role = .continuation
            // A related item carrying most of the continuation's text, as the seed page's does.
            var teaser = flood[1]
            teaser.id = "t1"
            teaser.role = .related
            teaser.duplicateOf = "k1"
            let page = FingerprintSimilarity.standard.preparer.prepare(Page(source: "seed", format: .html, encoding: "utf-8", articles: [main, teaser, continuation]))[0]
            _ = try await store.archive.ingest(page)
            #expect(try await store.archive.article(id: "k1")?.duplicateOf == nil)
            #expect(try await store.archive.article(id: "t1")?.duplicateOf == "k1")
            #expect(try await store.archive.search(SearchRequest(query: SearchQuery("الساحل الشرقي"))).hits.map(\.id).contains("k1"))
        }
    }
}

extension CopyFoldingTests {
    /// An exact copy of a near copy points at the near copy's original, whose text differs: it still
    /// folds, into the near copy, so one of the identical texts is shown (the one with the smaller id).
    @Test(arguments: StoreKind.available) func anExactCopyOfANearCopyFolds(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            var near = Self.article("n1", url: "https://second.example/near", published: "2026-03-01T09:00:00Z", title: "مهرجان المسرح العربي يفتتح دورته العاشرة")
            near.duplicateOf = "o1"  // tied to the original as a near copy would be
            let pages = [
                Self.article("o1", url: "https://first.example/a", published: "2026-03-01T08:00:00Z"),
                near,
                Self.article("n2", url: "https://third.example/same", published: "2026-03-01T10:00:00Z", title: "مهرجان المسرح العربي يفتتح دورته العاشرة"),
            ].enumerated().map { ArchivePreparer().prepare(Page(source: "q\($0)", format: .html, encoding: "utf-8", articles: [$1]))[0] }
            _ = try await archive(store).ingest(batch: pages)
            #expect(try await archive(store).article(id: "n2")?.duplicateOf == "o1")
            let folded = try await archive(store).search(SearchRequest(query: SearchQuery("مهرجان المسرح")))
            #expect(Set(folded.hits.map(\.id)) == ["o1", "n1"] && folded.total == 2, "\(folded.hits.map(\.id)) \(folded.total)")
            let all = try await archive(store).search(SearchRequest(query: SearchQuery("مهرجان المسرح"), filters: SearchFilters(includeCopies: true)))
            #expect(all.total == 3)
        }
    }

    func archive(_ store: TestStore) -> any ArchiveStore { store.archive }
}
