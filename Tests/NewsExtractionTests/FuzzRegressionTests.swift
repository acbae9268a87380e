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
}
