import Archive
import Foundation
import NewsModel
import Testing

@Suite struct ArticleExportTests {
    static func stored(_ article: Article, outlet: String? = "example-news.com", story: Int64? = 7) -> StoredArticle {
        StoredArticle(article: article, outlet: outlet, pageSource: "https://example-news.com/p", duplicateOf: nil, storyID: story, ingested: "2026-03-02T09:00:00Z")
    }

    @Test func csvQuotesOnlyFieldsThatNeedIt() {
        #expect(ArticleExport.csvLine(["بسيط", "a,b", "قال «نعم»", "he said \"no\"", "سطر\nثان", ""]) == "بسيط,\"a,b\",قال «نعم»,\"he said \"\"no\"\"\",\"سطر\nثان\",\r\n")
    }

    @Test func csvStartsWithTheByteOrderMarkAndTheHeader() throws {
        let export = try ArticleExport(format: .csv)
        #expect(export.header == "\u{FEFF}id,published,source,section,title,url,story,persons,places,organizations,body\r\n")
        #expect(try ArticleExport(format: .jsonl).header == "")
    }

    @Test func csvRowHasTheArticleAndItsTopEntities() throws {
        var article = ArchiveFixtures.rates
        article.entities = [
            Entity(name: "سامر الخطيب", type: .person, mentions: [], count: 2),
            Entity(name: "ليلى حسن", type: .person, mentions: [], count: 5),
            Entity(name: "عمّان", type: .location, mentions: [], count: 1),
        ]
        let row = try ArticleExport(format: .csv).row(Self.stored(article))
        let expected = ArticleExport.csvLine([
            "a1", "2026-03-02T08:00:00Z", "example-news.com", "اقتصاد", article.title, "https://www.example-news.com/economy/1", "7",
            "ليلى حسن؛ سامر الخطيب", "عمّان", "", article.paragraphs.joined(separator: "\n"),
        ])
        #expect(row == expected)
    }

    @Test func fieldsChooseCSVColumnsAndAnUnknownOneIsNamed() throws {
        let export = try ArticleExport(format: .csv, fields: ["title", "id"])
        #expect(export.header == "\u{FEFF}title,id\r\n")
        #expect(export.row(Self.stored(ArchiveFixtures.football)) == ArticleExport.csvLine([ArchiveFixtures.football.title, "c1"]))
        do {
            _ = try ArticleExport(format: .csv, fields: ["title", "headline"])
            Issue.record("an unknown column was accepted")
        } catch let ArchiveError.invalidRequest(field, reason) {
            #expect(field == "fields")
            #expect(reason.contains("headline"))
        }
    }

    @Test func jsonLinesAreTheDocumentModelWithArchiveFields() throws {
        let line = try ArticleExport(format: .jsonl).row(Self.stored(ArchiveFixtures.rates))
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "a1")
        #expect((object["quotes"] as? [Any])?.count == 1)
        #expect(object["source"] as? String == "example-news.com")
        #expect(object["story"] as? Int == 7)
        let kept = try ArticleExport(format: .jsonl, fields: ["id", "story"]).row(Self.stored(ArchiveFixtures.rates))
        #expect(kept == "{\"id\":\"a1\",\"story\":7}\n")
    }

    @Test(arguments: StoreKind.available) func jsonLinesFromStoredRowsEqualTheDecodedArticles(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            var article = ArchiveFixtures.rates
            article.id = "z1"
            article.title = "عنوان فيه \"paragraphs\":[] و,\"duplicateOf\":null}"
            article.paragraphs = ["فقرة أولى", "", "فقرة فيها \"paragraphs\":[] أيضاً\n"]
            _ = try await store.archive.ingest(ArchiveFixtures.prepared("https://tricky.example/1", [article]))
            let rows = try await store.archive.matchingRows(SearchQuery(""), filters: SearchFilters(includeCopies: true))
            let stored = try await store.archive.storedRows(rows: rows)
            #expect(stored.count == 5)
            for row in stored {
                let line = try #require(row.exportLine(), "\(row.id)")
                let decoded = try row.decoded()
                #expect(line == DocumentJSON.bytes(decoded.exportValue, pretty: false) + [0x0A], "\(row.id)")
            }
            // A copy carries its row's link, set by the linking stage after its document was stored.
            #expect(stored.contains { $0.duplicateOf != nil })
        }
    }

    @Test func aDocumentOfAnotherShapeIsDecodedInstead() throws {
        let row = StoredRow(
            id: "x", document: "{\"id\":\"x\",\"role\":\"main\",\"title\":\"t\",\"paragraphs\":[],\"images\":[],\"bylines\":[],\"media\":[],\"quotes\":[],\"entities\":[],\"quantities\":[],\"dates\":[]}",
            body: "نص", outlet: nil, duplicateOf: nil, storyID: nil, pageSource: "p", ingested: "2026-03-02T00:00:00Z")
        #expect(row.exportLine() == nil)
        var out = [UInt8]()
        try ArticleExport(format: .jsonl).append(row, to: &out)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        #expect(object["paragraphs"] as? [String] == ["نص"])
        let broken = StoredRow(id: "y", document: "{", body: "", outlet: nil, duplicateOf: nil, storyID: nil, pageSource: "p", ingested: "i")
        #expect(throws: ArchiveError.self) { try ArticleExport(format: .jsonl).append(broken, to: &out) }
    }

    @Test func quoteTableRows() {
        let quote = QuoteRecord(
            text: "التضخم، ما زال مرتفعاً", speaker: "سامر الخطيب", kind: .direct, cue: "قال", articleID: "a1", title: "t", source: "example-news.com",
            published: "2026-03-02T08:00:00Z", url: "https://example-news.com/1")
        #expect(QuoteExport.header == "\u{FEFF}date,speaker,quote,cue,outlet,url\r\n")
        // The Arabic comma separates nothing in CSV, so it needs no quotes.
        #expect(QuoteExport.row(quote) == "2026-03-02,سامر الخطيب,التضخم، ما زال مرتفعاً,قال,example-news.com,https://example-news.com/1\r\n")
    }
}

@Suite struct SectionLabelTests {
    @Test func corpusKeysHaveArabicNames() {
        #expect(SectionLabels.label("middleEast") == "الشرق الأوسط")
        #expect(SectionLabels.label("internationalNews") == "أخبار دولية")
        #expect(SectionLabels.label("economy") == "اقتصاد")
        #expect(SectionLabels.label("sport") == "رياضة")
        #expect(SectionLabels.label("localNews") == "أخبار محلية")
    }

    @Test func spellingsOfOneKeyAgree() {
        for key in ["middle-east", "Middle East", "middle_east", "MIDDLEEAST"] { #expect(SectionLabels.label(key) == "الشرق الأوسط") }
    }

    @Test func arabicAndUnknownSectionsStayAsTheyAre() {
        #expect(SectionLabels.label("اقتصاد") == "اقتصاد")
        #expect(SectionLabels.label("quantum-gardening") == "quantum-gardening")
    }
}

@Suite struct SignificantTermsTests {
    @Test func jlhRewardsTermsMoreCommonThanUsual() {
        // Half the matches against a hundredth of the archive.
        let score = SignificantTerms.jlh(foreground: 50, sampled: 100, background: 100, documents: 10_000)
        #expect(abs(score - (0.5 - 0.01) * 50) < 1e-9)
        // As common as everywhere, or less: nothing to report.
        #expect(SignificantTerms.jlh(foreground: 1, sampled: 100, background: 100, documents: 10_000) == 0)
        #expect(SignificantTerms.jlh(foreground: 0, sampled: 100, background: 0, documents: 10_000) == 0)
        // A term the statistics have not seen yet counts as held once, not as a division by zero.
        #expect(SignificantTerms.jlh(foreground: 5, sampled: 10, background: 0, documents: 1_000) > 0)
    }

    @Test func theSampleSpansTheWholeResultSet() {
        let rows = (0..<1_000).map(Int64.init)
        let sample = SignificantTerms.sample(rows, size: 10)
        #expect(sample == [0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
        #expect(SignificantTerms.sample([3, 1], size: 10) == [3, 1])
    }

    @Test func rankingLeavesOutRareAndQueryTerms() {
        let foreground = (documents: ["سيول": 9, "امطار": 6, "نادر": 2, "قال": 10], labels: ["سيول": "السيول", "امطار": "الأمطار", "نادر": "نادر", "قال": "قال"])
        let background = ArchiveTermFrequencies(documents: 10_000, frequencies: ["سيول": 50, "امطار": 100, "نادر": 1, "قال": 9_000])
        let ranked = SignificantTerms.rank(foreground: foreground, sampled: 10, background: background, excluding: ["امطار"])
        // «نادر» is in too few matches; «امطار» is the query's own word; «قال», nearly everywhere,
        // scores a hundredth of «سيول».
        #expect(ranked.map(\.term) == ["سيول", "قال"])
        #expect(ranked[1].score * 100 < ranked[0].score)
        #expect(ranked.first?.label == "السيول")
    }

    @Test func foregroundCountsArticlesAndKeepsTheCommonestForm() {
        let a = ArchiveFixtures.article("x1", title: "السيول تجتاح المدينة", paragraphs: ["السيول والسيول مرة أخرى."])
        let b = ArchiveFixtures.article("x2", title: "سيول", paragraphs: ["بعد السيول."])
        let (documents, labels) = SignificantTerms.foreground([a, b])
        let term = SearchQuery("السيول").proximityTerms[0]
        #expect(documents[term] == 2)
        #expect(labels[term] == "السيول")
    }

    @Test(arguments: StoreKind.available) func aProfileNamesTheResultSetsEntities(_ kind: StoreKind) async throws {
        try await TestStore.with(kind, filled: true) { store in
            let profile = try await store.archive.resultProfile(SearchQuery("الفائدة"), filters: SearchFilters())
            #expect(profile.matches == 2)
            #expect(profile.sampled == 2)
            #expect(profile.entities[.person]?.first == FacetCount(value: "سامر الخطيب", count: 2))
            let none = try await store.archive.resultProfile(SearchQuery("غيرموجودةابدا"), filters: SearchFilters())
            #expect(none.matches == 0 && none.terms.isEmpty && none.entities.isEmpty)
        }
    }
}
