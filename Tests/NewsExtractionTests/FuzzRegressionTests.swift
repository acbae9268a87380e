import ArabicText
import Foundation
@testable import NewsExtraction
import NewsModel
import Testing

/// Inputs found by fuzzing the readers (Fuzz/README.md lists the findings); each test feeds the
/// minimized input, composed here, and checks that the reader now finishes and keeps its output.
@Suite struct FuzzRegressionTests {
    let extractor = NewsExtractor()

    // MARK: 2026-11-30: text dump of many consecutive short lines took quadratic time

    /// Minimized by libFuzzer to about 9,500 copies of one three-word line with no blank line between
    /// them (selector 0x01, text dump): every line asked whether it was in a navigation run and the
    /// answer rescanned the whole run, so 20,000 lines took about 12 s in release and minutes under ASan.
    @Test func consecutiveShortLinesAreReadInLinearTime() {
        let line = ["كلمة", "اولى", "ثانية"].joined(separator: " ")
        let text = String(repeating: line + "\n", count: 20_000)
        let clock = ContinuousClock()
        var page: Page?
        let elapsed = clock.measure { page = extractor.extract(Array(text.utf8), source: "fuzz", format: .textDump) }
        // One long menu and nothing else: no article, and an error that says so.
        #expect(page?.articles.isEmpty == true)
        #expect(page?.errors.map(\.message) == ["no article found in the page"])
        // Linear work is well under a second in release and a few seconds in debug; the quadratic scan
        // took minutes in debug.
        #expect(elapsed < .seconds(30))
    }

    /// The precomputed navigation-run table says exactly what the per-line scan it replaced said.
    @Test func navigationRunTableMatchesThePerLineScan() {
        var generator = SplitMix(seed: 2026_11_30)
        let lines = ["قائمة", "أخبار اليوم", "رياضة محلية عربية", "عنوان طويل نسبيا من أربع كلمات", "TT", "p-circle", "شارك",
                     "مقالات ذات صلة", "جنود في الميدان (رويترز)", "نشر في: 11 فبراير 2026"]
        let classifier = LineClassifier(rules: .standard)
        for _ in 0..<300 {
            let count = Int.random(in: 0...40, using: &generator)
            let items: [Item] = (0..<count).map { index in
                let text = lines.randomElement(using: &generator)!
                var item = classifier.classify(text, key: MatchKey(text), line: index + 1)
                item.blankBefore = Int.random(in: 0..<4, using: &generator) == 0
                return item
            }
            let table = Segmenter.navigationRuns(items)
            for index in items.indices {
                #expect(table[index] == Self.scanNavigationRun(items, index), "item \(index) of \(items.map(\.text))")
            }
        }
    }

    /// The scan that `Segmenter.inNavigationRun` did before the table (O(run length) per call).
    static func scanNavigationRun(_ items: [Item], _ index: Int) -> Bool {
        func short(_ k: Int) -> Bool {
            switch items[k].kind {
            case .text, .leftover, .media: return items[k].wordCount <= 3
            default: return false
            }
        }
        guard short(index) else { return false }
        var first = index
        while first > 0, !items[first].blankBefore, short(first - 1) { first -= 1 }
        var last = index
        while last + 1 < items.count, !items[last + 1].blankBefore, short(last + 1) { last += 1 }
        return last - first + 1 >= 3
    }

    // MARK: 2026-11-30: an HTML block with 32,768 paragraphs split by <br> trapped (Int16 overflow)

    /// One block owning 32,768 runs of 60+ letters (here: one sentence repeated, split by `<br>`)
    /// overflowed `PageAnalysis.Element.ownGoodRuns`, an Int16, and the process trapped with
    /// "arithmetic overflow" in `PageAnalysis.score`. Reduced by hand from the fuzz harness input
    /// (selector 0x02, HTML): libFuzzer's minimizer cannot shorten a 2.6 MB repetition.
    @Test func blockWithMoreThanInt16RunsDoesNotTrap() {
        let sentence = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وتعزيز الاستثمار في الطاقة."
        #expect(TextScan.letters(sentence) >= 60)
        let html = "<html><body><div>" + String(repeating: sentence + "<br>", count: 32_768) + "</div></body></html>"
        let page = extractor.extract(Array(html.utf8), source: "fuzz", format: .html)
        #expect(page.articles.count == 1)
        #expect(page.articles.first?.role == .main)
        // The copies are one paragraph once doubled lines are dropped.
        #expect(page.articles.first?.paragraphs == [sentence])
    }

    // MARK: 2026-11-30: pathological but valid pages that took quadratic time

    /// Thousands of distinct names, each also given a second time with a hamza variant that the match
    /// key folds: kept once each, in order, in linear time (each new name used to re-normalize every
    /// name before it).
    static func authorNames(_ count: Int) -> [(String, String)] {
        (0..<count).map { n in ("أحمد رقم \(n)", "احمد رقم \(n)") }
    }

    @Test func feedItemWithThousandsOfAuthors() throws {
        let names = Self.authorNames(20_000)
        let authors = names.map { "<author>\($0.0)</author><dc:creator>\($0.1)</dc:creator>" }.joined()
        let feed = "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item><title>خبر</title>" + authors
            + "<description>نص الخبر.</description></item></channel></rss>"
        let clock = ContinuousClock()
        var page: Page?
        let elapsed = clock.measure { page = extractor.extract(Array(feed.utf8), source: "fuzz", format: .rss) }
        let article = try #require(page?.articles.first)
        #expect(article.bylines.map(\.name) == names.map(\.0))
        #expect(elapsed < .seconds(30))
    }

    @Test func jsonLDWithThousandsOfAuthors() throws {
        let names = Self.authorNames(20_000)
        let authors = names.flatMap { [$0.0, $0.1] }.map { "{\"@type\":\"Person\",\"name\":\"\($0)\"}" }.joined(separator: ",")
        let html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"عنوان الخبر\",\"author\":["
            + authors + "]}</script></head><body><p>أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وتعزيز الاستثمار.</p></body></html>"
        let clock = ContinuousClock()
        var page: Page?
        let elapsed = clock.measure { page = extractor.extract(Array(html.utf8), source: "fuzz", format: .html) }
        let article = try #require(page?.articles.first)
        #expect(article.bylines.map(\.name) == names.map(\.0))
        #expect(elapsed < .seconds(30))
    }

    /// An article with thousands of figures: each caption is kept once (a repeated figure is dropped),
    /// in linear time (each caption used to be compared with every caption before it).
    @Test func articleWithThousandsOfFigures() throws {
        let count = 20_000
        let figure = { (n: Int) in "<figure><img src=\"p\(n).jpg\"><figcaption>صورة رقم \(n) من موقع الحدث (رويترز)</figcaption></figure>" }
        let body = (0..<count).map { n in
            figure(n) + (n % 100 == 0 ? figure(n) : "") + "<p>أعلنت الحكومة اليوم عن خطة جديدة رقم \(n) لدعم الاقتصاد الوطني وتعزيز الاستثمار.</p>"
        }.joined()
        let html = "<html><body><article><h1>عنوان الخبر الرئيسي</h1>" + body + "</article></body></html>"
        let clock = ContinuousClock()
        var page: Page?
        let elapsed = clock.measure { page = extractor.extract(Array(html.utf8), source: "fuzz", format: .html) }
        let article = try #require(page?.articles.first)
        #expect(article.images.count == count)
        #expect(article.images.first == Image(caption: "صورة رقم 0 من موقع الحدث", credit: "رويترز"))
        #expect(elapsed < .seconds(30))
    }
}
