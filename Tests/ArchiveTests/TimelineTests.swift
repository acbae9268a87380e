import Archive
import Foundation
import NewsModel
import Testing

/// Periods, roll-ups and shares of ``Timeline``, without a store.
@Suite struct TimelineBuildTests {
    static func day(_ iso: String) -> Int { ArchiveDates.dayNumber(iso)! }

    @Test func weeksStartOnMonday() {
        // 2026-03-05 is a Thursday; its ISO week starts on Monday 2026-03-02.
        #expect(ArchiveDates.isoDay(TimelineInterval.week.start(of: Self.day("2026-03-05"))) == "2026-03-02")
        #expect(ArchiveDates.isoDay(TimelineInterval.week.start(of: Self.day("2026-03-02"))) == "2026-03-02")
        #expect(ArchiveDates.isoDay(TimelineInterval.week.start(of: Self.day("2026-03-01"))) == "2026-02-23")
        // Before 1970 too: 1969-12-31 was a Wednesday.
        #expect(ArchiveDates.isoDay(TimelineInterval.week.start(of: Self.day("1969-12-31"))) == "1969-12-29")
    }

    @Test func monthsRollOverTheYear() {
        let december = TimelineInterval.month.start(of: Self.day("2025-12-17"))
        #expect(ArchiveDates.isoDay(december) == "2025-12-01")
        #expect(ArchiveDates.isoDay(TimelineInterval.month.next(after: december)) == "2026-01-01")
        #expect(ArchiveDates.isoDay(TimelineInterval.month.last(of: Self.day("2024-02-01"))) == "2024-02-29")
    }

    @Test func theIntervalFitsTheSpan() {
        #expect(TimelineInterval.fitting(spanDays: 1) == .day)
        #expect(TimelineInterval.fitting(spanDays: 92) == .day)
        #expect(TimelineInterval.fitting(spanDays: 93) == .week)
        #expect(TimelineInterval.fitting(spanDays: 731) == .week)
        #expect(TimelineInterval.fitting(spanDays: 732) == .month)
    }

    @Test func filterDatesCoverTheirWholePeriod() {
        #expect(ArchiveDates.firstDay(of: "2026") == "2026-01-01")
        #expect(ArchiveDates.firstDay(of: "2026-02") == "2026-02-01")
        #expect(ArchiveDates.lastDay(of: "2026") == "2026-12-31")
        #expect(ArchiveDates.lastDay(of: "2024-02") == "2024-02-29")
        #expect(ArchiveDates.lastDay(of: "2026-02-14") == "2026-02-14")
    }

    @Test func dayCountsKeepUndatedApart() {
        var counts = DayCounts()
        counts.add(published: "2026-03-02T08:00:00Z")
        counts.add(published: "2026-03-02T23:00:00Z", count: 2)
        counts.add(published: nil)
        counts.add(published: "soon")
        #expect(counts.days == [Self.day("2026-03-02"): 3])
        #expect(counts.undated == 2)
        #expect(counts.total == 5)
    }

    @Test func seriesShareTheirPeriodsAndFillGapsWithZero() throws {
        let a = DayCounts(days: [Self.day("2026-03-02"): 2, Self.day("2026-03-04"): 1], undated: 1)
        let b = DayCounts(days: [Self.day("2026-03-05"): 4])
        let timeline = try Timeline.build(queries: [("أ", a), ("ب", b)], filters: SearchFilters(), interval: .day, baseline: nil)
        #expect(timeline.series.map(\.points.count) == [4, 4])
        #expect(timeline.series[0].points.map(\.date) == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"])
        #expect(timeline.series[0].points.map(\.count) == [2, 0, 1, 0])
        #expect(timeline.series[1].points.map(\.count) == [0, 0, 0, 4])
        // The points and the undated make the total.
        #expect(timeline.series[0].total == 4 && timeline.series[0].undated == 1)
        #expect(timeline.series[0].points.allSatisfy { $0.share == nil })
    }

    @Test func theFiltersDatesBoundThePeriods() throws {
        let counts = DayCounts(days: [Self.day("2026-03-10"): 1])
        let timeline = try Timeline.build(
            queries: [("أ", counts)], filters: SearchFilters(from: "2026-03", to: "2026-03"), interval: .week, baseline: nil)
        #expect(timeline.series[0].points.first?.date == "2026-02-23")  // the week holding 1 March
        #expect(timeline.series[0].points.last?.last == "2026-04-05")  // the week holding 31 March
        #expect(timeline.series[0].points.map(\.count).reduce(0, +) == 1)
    }

    @Test func sharesDivideByTheBaselineAndStayWithinOne() throws {
        let matches = DayCounts(days: [Self.day("2026-03-02"): 2, Self.day("2026-03-09"): 1])
        let all = DayCounts(days: [Self.day("2026-03-02"): 8, Self.day("2026-03-03"): 2, Self.day("2026-03-09"): 1])
        let timeline = try Timeline.build(queries: [("أ", matches)], filters: SearchFilters(), interval: .week, baseline: all)
        #expect(timeline.series[0].points.map(\.share) == [0.2, 1.0])
        // A period the baseline lacks (statistics behind the matches) is 0, never a division by zero.
        let behind = try Timeline.build(queries: [("أ", matches)], filters: SearchFilters(), interval: .week, baseline: DayCounts())
        #expect(behind.series[0].points.map(\.share) == [0, 0])
    }

    @Test func aSpanTooLongForItsIntervalIsDrawnCoarser() throws {
        let counts = DayCounts(days: [Self.day("1200-01-01"): 1, Self.day("2026-01-01"): 1])
        // 826 years: too many days and weeks, so months.
        let coarse = try Timeline.build(queries: [("أ", counts)], filters: SearchFilters(), interval: .day, baseline: nil)
        #expect(coarse.interval == .month)
        #expect(coarse.series[0].points.map(\.count).reduce(0, +) == 2)
        // Filters far wider than the matches: the matches' own span.
        let wide = try Timeline.build(
            queries: [("أ", DayCounts(days: [Self.day("2026-03-02"): 1]))], filters: SearchFilters(from: "0001", to: "9999"), interval: .day, baseline: nil)
        #expect(wide.interval == .day && wide.series[0].points.map(\.date) == ["2026-03-02"])
        // No match inside them: no points, and no error.
        let none = try Timeline.build(queries: [("أ", DayCounts())], filters: SearchFilters(from: "0000", to: "2000-01-01"), interval: .day, baseline: nil)
        #expect(none.series[0].points.isEmpty)
        // Matches over more than three thousand years are too many even by month.
        let ancient = DayCounts(days: [Self.day("0001-01-01"): 1, Self.day("9999-01-01"): 1])
        #expect(throws: ArchiveError.self) { try Timeline.build(queries: [("أ", ancient)], filters: SearchFilters(), interval: nil, baseline: nil) }
    }

    @Test func noDatedMatchGivesNoPoints() throws {
        let timeline = try Timeline.build(queries: [("أ", DayCounts(undated: 3))], filters: SearchFilters(), interval: nil, baseline: nil)
        #expect(timeline.series[0].points.isEmpty)
        #expect(timeline.series[0].total == 3)
    }
}

/// Day counts, export order and document frequencies agree with search on every store.
@Suite struct TimelineStoreTests {
    /// The fixtures, plus an undated teaser and articles spread over weeks and outlets.
    static func fill(_ archive: any ArchiveStore) async throws {
        try await ArchiveFixtures.fill(archive)
        let extra = [
            ArchiveFixtures.article(
                "e1", title: "أسعار الفائدة في الأسواق الناشئة", paragraphs: ["تراجعت أسعار الفائدة في الأسواق الناشئة مع هدوء التضخم."],
                published: "2026-01-12T08:00:00Z", url: "https://markets.example/1"),
            ArchiveFixtures.article(
                "e2", title: "موجز: الفائدة", paragraphs: ["موجز عن أسعار الفائدة والبنك المركزي."], published: nil, url: "https://markets.example/2"),
            ArchiveFixtures.article(
                "e3", title: "المنتخب يستعد للنهائي", paragraphs: ["يستعد المنتخب الوطني للنهائي، وقال المدرب إن الفائدة من المعسكر كبيرة."],
                section: "رياضة", published: "2026-03-06T12:00:00+03:00", url: "https://sports-site.org/m/6"),
        ]
        for article in extra { _ = try await archive.ingest(ArchiveFixtures.prepared(article.url!, [article])) }
    }

    static let cases: [(String, SearchFilters)] = [
        ("الفائدة", SearchFilters()),
        ("الفائدة", SearchFilters(includeCopies: true)),
        ("الفائدة", SearchFilters(section: "اقتصاد")),
        ("الفائدة", SearchFilters(from: "2026-03")),
        ("الفائدة -المنتخب", SearchFilters()),
        ("المنتخب OR التضخم", SearchFilters()),
        ("\"أسعار الفائدة\"", SearchFilters()),
        ("", SearchFilters(section: "رياضة")),
        ("", SearchFilters(entity: "سامر الخطيب")),
        ("", SearchFilters()),
        ("؟؟", SearchFilters()),
        ("الفائدة", SearchFilters(source: "nowhere.example")),
    ]

    @Test(arguments: StoreKind.available) func dayCountsSumToTheSearchTotal(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await Self.fill(store.archive)
            for (text, filters) in Self.cases {
                let total = try await store.archive.search(SearchRequest(query: SearchQuery(text), filters: filters, limit: 0, facets: false)).total
                let counts = try await store.archive.dayCounts(SearchQuery(text), filters: filters)
                #expect(counts.total == total, "\(text) \(filters)")
            }
            // By the UTC day: 12:00 at +03:00 on 6 March is 09:00 UTC on the same day.
            let football = try await store.archive.dayCounts(SearchQuery("المنتخب"), filters: SearchFilters())
            #expect(football.days == [ArchiveDates.dayNumber("2026-03-05")!: 1, ArchiveDates.dayNumber("2026-03-06")!: 1])
            let teaser = try await store.archive.dayCounts(SearchQuery("موجز"), filters: SearchFilters())
            #expect(teaser.undated == 1 && teaser.days.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func matchingRowsAreTheHitsNewestFirst(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await Self.fill(store.archive)
            for (text, filters) in Self.cases {
                let results = try await store.archive.search(SearchRequest(query: SearchQuery(text), filters: filters, limit: 100, facets: false))
                let rows = try await store.archive.matchingRows(SearchQuery(text), filters: filters)
                let articles = try await store.archive.storedArticles(rows: rows)
                #expect(rows.count == results.total, "\(text) \(filters)")
                #expect(Set(articles.map(\.article.id)) == Set(results.hits.map(\.id)), "\(text) \(filters)")
                let dates = articles.map { ArchiveDates.sortKey($0.article.published) ?? "" }
                let dated = dates.filter { !$0.isEmpty }
                #expect(dated == dated.sorted(by: >), "\(text): newest first")
                let afterDated = dates.drop { !$0.isEmpty }
                #expect(afterDated.allSatisfy { $0.isEmpty }, "\(text): undated last")
            }
            // Rows no longer stored are skipped, and the order asked for is kept.
            let rows = try await store.archive.matchingRows(SearchQuery("الفائدة"), filters: SearchFilters())
            let reversed = try await store.archive.storedArticles(rows: rows.reversed() + [Int64.max])
            #expect(reversed.count == rows.count)
            let forward = try await store.archive.storedArticles(rows: rows)
            #expect(reversed.map(\.article.id) == forward.map(\.article.id).reversed())
        }
    }

    @Test(arguments: StoreKind.available) func anExportHoldsEveryMatchOnce(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await Self.fill(store.archive)
            let query = SearchQuery("الفائدة")
            let total = try await store.archive.search(SearchRequest(query: query, limit: 0, facets: false)).total
            var jsonl = ""
            let written = try await store.archive.export(query, filters: SearchFilters(), as: try ArticleExport(format: .jsonl), batch: 2) { jsonl += String(decoding: $0, as: UTF8.self) }
            #expect(written == total)
            let lines = jsonl.split(separator: "\n")
            #expect(lines.count == total)
            let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            #expect(Set(objects.compactMap { $0["id"] as? String }).count == total)
            for object in objects {
                #expect(object["paragraphs"] is [String])
                #expect(object.keys.contains("source") && object.keys.contains("story") && object.keys.contains("quotes"))
            }
            var csv = ""
            let limited = try await store.archive.export(query, filters: SearchFilters(), as: try ArticleExport(format: .csv, fields: ["id", "title"]), limit: 2) {
                csv += String(decoding: $0, as: UTF8.self)
            }
            #expect(limited == 2)
            #expect(csv.hasPrefix(ArticleExport.byteOrderMark + "id,title\r\n"))
            #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)
        }
    }

    @Test(arguments: StoreKind.available) func documentFrequenciesCountArticles(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await Self.fill(store.archive)
            _ = try await store.archive.linkPending()
            let terms = SearchQuery("الفائدة المنتخب").proximityTerms
            guard let frequencies = try await store.archive.documentFrequencies(of: terms + ["غيرموجودةابدا"]) else {
                // PostgreSQL keeps none until the linking stage first refreshes them.
                #expect(kind == .postgres)
                return
            }
            #expect(frequencies.documents >= 7)
            #expect(frequencies.frequencies[terms[0]] ?? 0 >= 5)
            #expect(frequencies.frequencies[terms[1]] ?? 0 >= 2)
            #expect(frequencies.frequencies["غيرموجودةابدا"] == nil)
        }
    }
}
