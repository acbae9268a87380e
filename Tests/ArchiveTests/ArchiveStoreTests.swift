import Archive
import ArchiveSQLite
import Foundation
import NewsModel
import Testing

/// Every test here runs against each available store (``StoreKind/available``): the stores must
/// agree on everything but the order of equally relevant hits.
@Suite struct ArchiveStoreTests {
    /// Every matching article, exact copies included (the query language, not folding, is tested).
    static func ids(_ archive: any ArchiveStore, _ text: String) async throws -> Set<String> {
        Set(try await archive.search(SearchRequest(query: SearchQuery(text), filters: SearchFilters(includeCopies: true), limit: 50)).hits.map(\.id))
    }

    static func search(_ archive: any ArchiveStore, _ filters: SearchFilters, _ text: String) async throws -> SearchResults {
        try await archive.search(SearchRequest(query: SearchQuery(text), filters: filters, limit: 50))
    }

    /// The same filters with exact copies listed.
    static func all(_ filters: SearchFilters) -> SearchFilters {
        var filters = filters
        filters.includeCopies = true
        return filters
    }

    @Test(arguments: StoreKind.available) func ingestIsIdempotentAndUpdatesChangedPages(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let page = ArchiveFixtures.prepared("p1", [ArchiveFixtures.rates])
            #expect(try await archive.ingest(page).status == .inserted)
            #expect(try await archive.ingest(page).status == .unchanged)
            var stats = try await archive.stats()
            #expect(stats.pages == 1 && stats.articles == 1 && stats.quotes == 1)

            var changed = ArchiveFixtures.rates
            changed.paragraphs.append("فقرة أضيفت بعد النشر الأول.")
            changed.id = "a1-v2"
            #expect(try await archive.ingest(ArchiveFixtures.prepared("p1", [changed])).status == .updated)
            stats = try await archive.stats()
            #expect(stats.pages == 1 && stats.articles == 1)
            #expect(try await archive.article(id: "a1") == nil)
            let stored = try #require(try await archive.article(id: "a1-v2"))
            #expect(stored.article.paragraphs.count == 3)
            // The old article's index rows went with it: a search finds the new one once.
            let results = try await archive.search(SearchRequest(query: SearchQuery("الفائدة")))
            #expect(results.total == 1)
            #expect(results.hits.map(\.id) == ["a1-v2"])
        }
    }

    @Test(arguments: StoreKind.available) func storedArticleRoundTripsEveryField(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            var article = ArchiveFixtures.rates
            article.subtitle = "قرار متوقع"
            article.bylines = [Byline(name: "ليلى حسن", kind: .author, place: "عمّان", note: "كاتبة أردنية")]
            article.media = ["video"]
            article.quantities = [Quantity(text: "نصف نقطة مئوية", value: 0.5, unit: "%", kind: .percent)]
            article.dates = [DateMention(text: "أمس", value: "2026-03-01", relative: "-P1D")]
            _ = try await archive.ingest(ArchiveFixtures.prepared("p1", [article]))
            let stored = try #require(try await archive.article(id: "a1"))
            #expect(stored.article == article)
            #expect(stored.outlet == "example-news.com")
            #expect(stored.pageSource == "p1")
        }
    }

    @Test(arguments: StoreKind.available) func searchRanksTitleMatchesFirstAndFoldsCopies(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            let all = try await archive.search(SearchRequest(query: SearchQuery("الفائدة"), filters: SearchFilters(includeCopies: true)))
            #expect(all.total == 3)
            // Both copies carry the word in the title; the inflation article only in its body.
            #expect(Set(all.hits.prefix(2).map(\.id)) == ["a1", "b1"])
            #expect(all.hits.last?.id == "d1")
            #expect(all.hits.allSatisfy { $0.snippet.marked().contains("[") })
            // By default the exact copy is folded into its original, with its outlet.
            let folded = try await archive.search(SearchRequest(query: SearchQuery("الفائدة")))
            #expect(folded.total == 2)
            #expect(folded.hits.map(\.id) == ["a1", "d1"])
            let copyOutlet = try #require(try await archive.article(id: "b1")?.outlet)
            #expect(folded.hits.first?.alsoIn == [copyOutlet])
            let copy = try #require(try await archive.article(id: "b1"))
            #expect(copy.duplicateOf == "a1")
            #expect(try await archive.stats().duplicates == 1)
        }
    }

    @Test(arguments: StoreKind.available) func queryLanguage(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            let articles = try await archive.stats().articles
            #expect(articles == 4)
            #expect(try await Self.ids(archive, "\"أسعار الفائدة\"") == ["a1", "b1", "d1"])
            #expect(try await Self.ids(archive, "\"الفائدة أسعار\"").isEmpty)
            #expect(try await Self.ids(archive, "الفائدة -التضخم") == [])
            #expect(try await Self.ids(archive, "الفائدة -الأخير") == ["d1"])
            #expect(try await Self.ids(archive, "المنتخب OR التضخم") == ["a1", "b1", "c1", "d1"])
            #expect(try await Self.ids(archive, "نهائ*") == ["c1"])
            #expect(try await Self.ids(archive, "الجماهير") == ["c1"])
        }
    }

    @Test(arguments: StoreKind.available) func hostileQueriesNeverRaiseSQLErrors(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            for text in ["\"", "NEAR(البنك المركزي)", "title:البنك", "البنك*\"", "' OR 1=1 --", "\")); DROP TABLE articles; --", "^البنك", "البنك AND", "AND OR NOT", "*", "-", String(repeating: "(", count: 5000), "\u{0}", "\u{FFFF}x"] {
                _ = try await archive.search(SearchRequest(query: SearchQuery(text)))
            }
            #expect(try await archive.stats().articles == 4)
        }
    }

    @Test(arguments: StoreKind.available) func filtersAndFacets(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            #expect(try await Self.search(archive, SearchFilters(section: "رياضة"), "").hits.map(\.id) == ["c1"])
            #expect(try await Self.search(archive, Self.all(SearchFilters(source: "example-news.com")), "").total == 2)
            #expect(try await Self.search(archive, Self.all(SearchFilters(from: "2026-03-01", to: "2026-03-02")), "").total == 2)
            #expect(try await Self.search(archive, SearchFilters(from: "2026-03-01", to: "2026-03-02"), "").total == 1)
            #expect(try await Self.search(archive, SearchFilters(to: "2026-02"), "").hits.map(\.id) == ["d1"])
            #expect(try await Self.search(archive, SearchFilters(entity: "الخطيب"), "").total == 2)
            #expect(try await Self.search(archive, SearchFilters(speaker: "سامر الخطيب"), "التضخم").total == 2)
            await #expect(throws: ArchiveError.self) { _ = try await Self.search(archive, SearchFilters(from: "March"), "") }

            let results = try await Self.search(archive, Self.all(SearchFilters()), "الفائدة")
            #expect(results.facets["section"] == [FacetCount(value: "اقتصاد", count: 3)])
            // Folded, the copy counts once with its original.
            #expect(try await Self.search(archive, SearchFilters(), "الفائدة").facets["section"] == [FacetCount(value: "اقتصاد", count: 2)])
            #expect(results.facets["source"]?.first == FacetCount(value: "example-news.com", count: 2))
            #expect(results.facets["speaker"]?.first == FacetCount(value: "سامر الخطيب", count: 2))
            #expect(results.facets["entity"]?.first?.value == "سامر الخطيب")
        }
    }

    @Test(arguments: StoreKind.available) func recencyOrderPrefersNewerArticles(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            let everyCopy = SearchFilters(includeCopies: true)
            let relevance = try await archive.search(SearchRequest(query: SearchQuery("سامر الخطيب"), filters: everyCopy, order: .relevance))
            let newest = try await archive.search(SearchRequest(query: SearchQuery("سامر الخطيب"), filters: everyCopy, order: .newest))
            #expect(Set(relevance.hits.map(\.id)) == Set(newest.hits.map(\.id)))
            #expect(newest.hits.first?.id == "b1")
            let recent = try await archive.search(SearchRequest(query: SearchQuery("سامر الخطيب"), filters: everyCopy, order: .recency(halfLifeDays: 1)))
            #expect(recent.hits.last?.id == "d1")
        }
    }

    @Test(arguments: StoreKind.available) func relatedLeavesOutCopies(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            let related = try await archive.related(to: "a1", limit: 5)
            #expect(related.map(\.id) == ["d1"])
        }
    }

    /// Two sources, two offsets: the archive orders and filters by the instant, and every view
    /// shows each article in its own site's time.
    @Test(arguments: StoreKind.available) func publishedKeepsItsOffsetAndSortsByTheInstant(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            // 03:01 in Dubai is 23:01 UTC the day before: earlier than 23:30 UTC.
            let dubai = ArchiveFixtures.article(
                "e1", title: "افتتاح معرض الكتاب", paragraphs: ["افتتح المعرض أبوابه صباح اليوم بمشاركة واسعة من دور النشر العربية."],
                published: "2020-06-03T03:01:00+04:00")
            let london = ArchiveFixtures.article(
                "e2", title: "ندوة عن الكتاب العربي", paragraphs: ["عقدت الندوة مساء أمس في لندن بحضور عدد من الكتّاب والناشرين."],
                published: "2020-06-02T23:30:00Z")
            _ = try await archive.ingest(ArchiveFixtures.prepared("p-dubai", [dubai]))
            _ = try await archive.ingest(ArchiveFixtures.prepared("p-london", [london]))

            let latest = try await archive.latest(ListRequest(limit: 5))
            #expect(latest.map(\.id) == ["e2", "e1"])
            #expect(latest.map(\.published) == ["2020-06-02T23:30:00Z", "2020-06-03T03:01:00+04:00"])
            #expect(try await archive.article(id: "e1")?.article.published == "2020-06-03T03:01:00+04:00")
            let hits = try await Self.search(archive, SearchFilters(), "الكتاب").hits
            #expect(Set(hits.map(\.published)) == ["2020-06-02T23:30:00Z", "2020-06-03T03:01:00+04:00"])
            // Filters read the UTC day: both articles fall on 2 June there.
            #expect(try await Self.search(archive, SearchFilters(from: "2020-06-02", to: "2020-06-02"), "").total == 2)
            #expect(try await Self.search(archive, SearchFilters(from: "2020-06-03"), "").total == 0)
        }
    }

    @Test(arguments: StoreKind.available) func quotesEntitiesAndLists(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let archive = store.archive
            let quotes = try await archive.quotes(QuoteRequest(speaker: "سامر الخطيب"))
            #expect(quotes.count == 2)
            #expect(quotes.first?.published == "2026-03-02T08:00:00Z")
            let people = try await archive.entities(EntityRequest(type: .person))
            #expect(people.first?.name == "سامر الخطيب")
            #expect(people.first?.articles == 2)
            let latest = try await archive.latest(ListRequest(filters: SearchFilters(includeCopies: true), limit: 2))
            #expect(latest.map(\.id) == ["c1", "b1"])
            #expect(try await archive.latest(ListRequest(filters: SearchFilters(section: "اقتصاد", includeCopies: true))).count == 3)
            // The copy b1 is folded into a1 in lists too.
            #expect(try await archive.latest(ListRequest(limit: 2)).map(\.id) == ["c1", "a1"])
            #expect(try await archive.latest(ListRequest(filters: SearchFilters(section: "اقتصاد"))).count == 2)
            let lead = try #require(try await archive.latest(ListRequest(filters: SearchFilters(source: "example-news.com"), limit: 5)).first)
            #expect(lead.image?.credit == "رويترز")
        }
    }
}

@Suite struct SQLiteArchiveTests {
    @Test func notAnArchiveIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("junk.sqlite").path
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131) }).write(to: URL(fileURLWithPath: path))
        #expect(throws: ArchiveError.self) { _ = try SQLiteArchive(path: path) }
    }
}

@Suite struct SQLiteArchiveFailureTests {
    /// Many distinct composed articles, so that the archive grows past a small size limit.
    static func pages(_ count: Int, from start: Int = 0) -> [ArchivePage] {
        (start..<start + count).map { n in
            let words = ["اقتصاد", "سياسة", "مفاوضات", "انتخابات", "موازنة", "طاقة", "زراعة", "صحة", "تعليم", "نقل"]
            let paragraph = (0..<60).map { words[($0 * 7 + n) % words.count] + "\(n % 97)" }.joined(separator: " ")
            let article = ArchiveFixtures.article("n\(n)", title: "خبر رقم \(n) عن \(words[n % words.count])", paragraphs: [paragraph, paragraph + " ختام"])
            return ArchiveFixtures.prepared("page-\(n)", [article, { var teaser = article; teaser.id = "t\(n)"; teaser.role = .related; teaser.paragraphs = [] ; teaser.summary = "ملخص \(n)"; return teaser }()])
        }
    }

    @Test func fullDiskFailsCleanlyAndResumes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("marsad.sqlite").path
        // 2 MB: the empty archive's tables and indexes, a page of 16 KB each, fill 61 of the 64
        // pages of 1 MB (since v11), which left room for barely ten pages.
        let limited = try SQLiteArchive(path: path, maxMegabytes: 2)
        var stored = 0
        var failure: (any Error)?
        for page in Self.pages(2_000) {
            do {
                _ = try await limited.ingest(page)
                stored += 1
            } catch {
                failure = error
                break
            }
        }
        try await limited.close()
        let error = try #require(failure as? ArchiveError)
        #expect("\(error)".contains("disk full"))
        #expect("\(error)".contains("page-\(stored)"))
        #expect(stored > 10)

        // Every committed page is whole, and the failed one left nothing.
        let reopened = try SQLiteArchive(path: path)
        let stats = try await reopened.stats()
        #expect(stats.pages == stored)
        #expect(stats.articles == stored * 2)
        #expect(try await reopened.article(id: "n\(stored)") == nil)
        #expect(try await reopened.search(SearchRequest(query: SearchQuery("خبر"), facets: false)).total == stored * 2)
        // With room again, the same run resumes: stored pages are unchanged, the rest go in.
        let outcomes = try await reopened.ingest(batch: Self.pages(stored + 5))
        #expect(outcomes.filter { $0.status == .unchanged }.count == stored)
        #expect(outcomes.filter { $0.status == .inserted }.count == 5)
        try await reopened.close()
    }

    @Test func batchIsAllOrNothing() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("marsad.sqlite").path
        let limited = try SQLiteArchive(path: path, maxMegabytes: 2)
        await #expect(throws: ArchiveError.self) { _ = try await limited.ingest(batch: Self.pages(2_000)) }
        #expect(try await limited.stats().pages == 0)
        try await limited.close()
    }
}
