import ArabicText
import Archive
import Ingestion
import NewsModel
import Testing

@Suite struct ArchiveSupportTests {
    @Test func outletIsTheHostOrTheBylinesOutlet() {
        #expect(Outlet.name(articleURL: "https://www.Example-News.com/a/1?x=1", pageSource: "p") == "example-news.com")
        #expect(Outlet.name(articleURL: "http://user@site.org:8080/x", pageSource: "p") == "site.org")
        #expect(Outlet.name(articleURL: nil, pageSource: "dumps/page.txt", bylineOutlet: "الشرق الأوسط") == "الشرق الأوسط")
        #expect(Outlet.name(articleURL: nil, pageSource: "https://feeds.example.net/rss") == "feeds.example.net")
        #expect(Outlet.name(articleURL: "javascript:alert(1)", pageSource: "page.txt") == nil)
    }

    @Test func datesAreCheckedAndBounded() {
        for good in ["2026", "2026-02", "2026-02-11", "2026-02-11T09:30:00Z"] { #expect(ArchiveDates.isDatePrefix(good), "\(good)") }
        for bad in ["", "March", "26-02-11", "2026-2-1", "2026/02/11", "2026-02-1x"] { #expect(!ArchiveDates.isDatePrefix(bad), "\(bad)") }
        #expect("2026-02-28T23:59:59Z" < ArchiveDates.inclusiveUpperBound("2026-02"))
        #expect("2026-03-01" > ArchiveDates.inclusiveUpperBound("2026-02"))
        #expect(ArchiveDates.dayNumber("1970-01-02T00:00:00Z") == 1)
        #expect(ArchiveDates.isoDay(ArchiveDates.dayNumber("2024-02-29")!) == "2024-02-29")
        #expect(ArchiveDates.dayNumber("2024-13-01") == nil)
    }

    @Test func indexDocumentHoldsTheChainsTermsPerField() {
        let article = Article(
            role: .main, title: "المفاوضاتُ تُستأنف", subtitle: "جولة جديدة", summary: "ملخص الخبر", paragraphs: ["قال الوزير إن الجولة حاسمة."],
            images: [Image(caption: "الوفدان في القاعة", credit: "رويترز")])
        let index = IndexDocument(article)
        #expect(!index.title.isEmpty && !index.title.contains("ُ"))
        #expect(index.title.split(separator: " ").count == 2)
        #expect(index.subtitle.split(separator: " ").count >= 3)
        #expect(!index.captions.isEmpty)
        #expect(!index.body.contains("إن"))
        #expect(IndexDocument(Article(role: .main, title: "المفاوضات تستأنف")).title == index.title)
    }

    /// Fields made from recorded terms are the chain's own, whichever reader recorded a text first.
    @Test func recordedTermsMakeTheSameIndexFields() {
        let article = Article(
            role: .main, title: "المفاوضاتُ تُستأنف في 2026", subtitle: "جولة جديدة", summary: "ملخص الخبر #عاجل",
            paragraphs: ["قال الوزير إن الجولة حاسمة.", "ملخص الخبر #عاجل", "", "Reuters: 4.5%"],
            images: [Image(caption: "الوفدان في القاعة", credit: "رويترز")])
        var terms = IndexTerms()
        terms.forEachTerm(in: article.paragraphs[0]) { _, _ in }
        #expect(IndexDocument(article, terms: &terms) == IndexDocument(article))
        var again = IndexTerms()
        #expect(IndexDocument(article, terms: &again) == IndexDocument(article, terms: &again))
        var kinds = [TokenKind](), expected = [TokenKind]()
        again.forEachTerm(in: article.title) { _, kind in kinds.append(kind) }
        var title = article.title
        title.withUTF8 { AnalysisChain.index.forEachTerm(in: $0) { _, kind, _, _ in expected.append(kind) } }
        #expect(kinds == expected && kinds.contains(.number))
    }

    /// The document JSON and characteristic terms made with an article follow any change to it.
    @Test func derivedFieldsFollowTheArticle() {
        var item = ArchivePreparer().prepare(ArchiveFixtures.page("https://www.example-news.com/economy/2", [ArchiveFixtures.inflation]))[0].articles[0]
        var bare = item.article
        bare.paragraphs = []
        #expect(item.documentJSON == DocumentJSON.string(DocumentJSON.value(bare), pretty: false))
        #expect(!item.documentJSON.contains("تراجع معدل التضخم"))
        #expect(item.characteristicTerms == RelatedQuery.terms(title: item.index.title, body: item.index.body, limit: 16))
        #expect(!item.characteristicTerms.isEmpty)
        item.article.duplicateOf = "x9"
        #expect(item.documentJSON == ArchiveArticle.documentJSON(item.article))
        #expect(item.documentJSON.contains("x9"))
        item.index = IndexDocument(Article(role: .main, title: "الزعفران في الأسواق", paragraphs: ["ارتفع سعر الزعفران"]))
        #expect(item.characteristicTerms == RelatedQuery.terms(title: item.index.title, body: item.index.body, limit: 16))
    }

    @Test func relatedTermsPreferTitleThenFrequentBodyTerms() {
        let terms = RelatedQuery.terms(title: "نفط اسعار", body: "انتاج انتاج انتاج سوق سوق خام خام خام خام", limit: 4)
        #expect(terms == ["نفط", "اسعار", "خام", "انتاج"])
    }

    /// The straightforward definition that `RelatedQuery.terms` computes on bytes.
    static func referenceRelatedTerms(title: String, body: String, limit: Int) -> [String] {
        var chosen = [String]()
        var seen = Set<[UInt8]>()
        for term in title.split(separator: " ") where term.unicodeScalars.count >= 3 && seen.insert(Array(term.utf8)).inserted {
            chosen.append(String(term))
        }
        var counts = [[UInt8]: Int]()
        var order = [[UInt8]]()
        for term in body.split(separator: " ").prefix(400) where term.unicodeScalars.count >= 3 && !seen.contains(Array(term.utf8)) {
            let key = Array(term.utf8)
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        let ranked = order.enumerated().sorted { a, b in
            counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
        }
        for (_, term) in ranked where chosen.count < limit { chosen.append(String(decoding: term, as: UTF8.self)) }
        return Array(chosen.prefix(limit))
    }

    @Test func relatedTermsMatchTheirDefinition() {
        // Short words, repeats in title and body, ties, double spaces, Latin, digits and a term past
        // the first 400 that must not count.
        let words = ["سوق", "نفط", "خام", "في", "انتاج", "covid", "2026", "اوبك", "برميل", "سعر", "ab", "مصافي", "é", "تصدير"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let titleCount = Int.random(in: 0...8, using: &generator)
            let bodyCount = round == 0 ? 420 : Int.random(in: 0...60, using: &generator)
            let title = (0..<titleCount).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            var body = (0..<bodyCount).map { _ in words.randomElement(using: &generator)! }.joined(separator: round % 5 == 0 ? "  " : " ")
            if round == 0 { body += " فريد فريد فريد فريد" }
            for limit in [0, 1, 4, 16] {
                #expect(RelatedQuery.terms(title: title, body: body, limit: limit) == Self.referenceRelatedTerms(title: title, body: body, limit: limit))
            }
        }
        // Past the first 400 terms nothing counts, however frequent.
        let late = Array(repeating: "قديم", count: 400).joined(separator: " ") + " " + Array(repeating: "متاخر", count: 50).joined(separator: " ")
        #expect(RelatedQuery.terms(title: "", body: late, limit: 4) == ["قديم"])
    }

    @Test func preparerSplitsJSONLIntoRecordPages() {
        let articles = (1...3).map { Article(id: "r\($0)", role: .main, title: "عنوان \($0)", paragraphs: ["نص \($0)"], duplicateOf: $0 == 3 ? "r1" : nil) }
        let pages = ArchivePreparer().prepare(Page(source: "export.jsonl", format: .jsonl, encoding: "utf-8", articles: articles), recordOffset: 10)
        #expect(pages.map(\.source) == ["export.jsonl#11", "export.jsonl#12", "export.jsonl#13"])
        #expect(pages.allSatisfy { $0.articles.count == 1 && $0.articles[0].article.duplicateOf == nil })
        let html = ArchivePreparer().prepare(Page(source: "page.html", format: .html, encoding: "utf-8", articles: articles))
        #expect(html.count == 1 && html[0].articles.count == 3)
        // The digest tells a changed page from an unchanged one.
        var changed = articles
        changed[1].section = "رياضة"
        #expect(ArchivePreparer().prepare(Page(source: "page.html", format: .html, encoding: "utf-8", articles: changed))[0].digest != html[0].digest)
        #expect(ArchivePreparer().prepare(Page(source: "page.html", format: .html, encoding: "utf-8", articles: articles))[0].digest == html[0].digest)
    }

    @Test func exactHashIgnoresHarakatAndEdgeSpaces() {
        let a = Article(role: .main, title: "الخبر", paragraphs: ["قالَ الوزيرُ"])
        let b = Article(role: .main, title: " الخبر ", paragraphs: ["قال الوزير"])
        let c = Article(role: .main, title: "الخبر", paragraphs: ["قال المدير"])
        #expect(a.exactCopyHash == b.exactCopyHash)
        #expect(a.exactCopyHash != c.exactCopyHash)
    }

    /// Article ids, in-page copy links, the archive's exact-copy links and the fingerprints all read
    /// one hash: with or without fingerprints, a copy stored by one writer is an exact copy to another.
    @Test func everyWriterComputesOneExactCopyHash() {
        let article = Article(role: .main, title: "الخبر", paragraphs: ["قال الوزير", "وأضاف"])
        let page = Page(source: "page.html", format: .html, encoding: "utf-8", articles: [article])
        let plain = ArchivePreparer().prepare(page)[0].articles[0].fingerprint.exact
        let fingerprinted = FingerprintSimilarity.standard.preparer.prepare(page)[0].articles[0].fingerprint.exact
        #expect(plain == article.exactCopyHash)
        #expect(fingerprinted == article.exactCopyHash)
    }
}
