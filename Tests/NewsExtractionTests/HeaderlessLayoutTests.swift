import Foundation
@testable import NewsExtraction
import ArabicText
import NewsModel
import Testing

/// Text dumps with no repeated title, no `TT` and no block header before the related titles: the
/// page is still split into the main article, the teaser set inside its body and the related block
/// after it. Four composed layouts, modelled on how real sites come out of `w3m -dump`; all text is
/// invented.
@Suite struct HeaderlessLayoutTests {
    let extractor = NewsExtractor()

    func split(_ lines: [String]) -> (main: Article?, related: [Article]) {
        let page = extractor.extract(Array(lines.joined(separator: "\n").utf8), source: "dump.txt")
        return (page.articles.first { $0.role == .main }, page.articles.filter { $0.role == .related })
    }

    static let title = "بدء تشغيل خط القطار الجديد بين العاصمة والساحل"
    static let body = [
        "أعلنت وزارة النقل اليوم عن بدء تشغيل خط القطار الجديد بين العاصمة والمدن الساحلية، بعد سنوات من أعمال الإنشاء المتواصلة.",
        "وقال وزير النقل في مؤتمر صحافي إن الخط سيخدم أكثر من خمسين ألف راكب يومياً، وإن أسعار التذاكر ستكون في متناول الجميع.",
        "ومن المتوقع أن يخفف الخط الجديد الازدحام على الطرق السريعة، خاصة في مواسم الصيف التي تشهد حركة كثيفة نحو الشواطئ.",
        "وأضاف الوزير أن المرحلة الثانية من المشروع ستبدأ العام المقبل، وتشمل ربط المطار الدولي بشبكة القطارات الوطنية.",
    ]
    static let inline = "الحكومة تقر موازنة النقل للعام المقبل"
    static let others = [
        "ارتفاع أسعار الوقود للمرة الثالثة هذا العام", "افتتاح مطار جديد في الجنوب بتكلفة مليار دولار",
        "الحكومة تعلن خطة لتطوير الموانئ البحرية", "إضراب عمال النقل العام يشل حركة العاصمة",
    ]

    static func paragraphs(_ lines: [String]) -> [String] { lines.flatMap { [$0, ""] } }

    /// A portal: the date under the title, a teaser's title alone between two paragraphs, and the
    /// related titles after the body, one per paragraph, with no header.
    @Test func aPortalsInlineTeaserAndTrailingTitles() {
        let lines = [Self.title, "", "الأحد 12 مايو 2024", ""] + Self.paragraphs(Array(Self.body[0...1])) + [Self.inline, ""]
            + Self.paragraphs(Array(Self.body[2...])) + Self.paragraphs(Self.others)
        let (main, related) = split(lines)
        #expect(main?.title == Self.title)
        #expect(main?.paragraphs == Self.body)
        #expect(main?.published == "2024-05-12T00:00:00Z")
        #expect(related.map(\.title) == [Self.inline] + Self.others)
    }

    /// A regional daily: each related title with its date under it.
    @Test func aDailysTitlesWithTheirDates() {
        let lines = [Self.title, ""] + Self.paragraphs(Self.body) + Self.others.flatMap { [$0, "11 مايو 2024", ""] }
        let (main, related) = split(lines)
        #expect(main?.paragraphs == Self.body)
        #expect(related.map(\.title) == Self.others)
        #expect(related.allSatisfy { $0.published == "2024-05-11T00:00:00Z" })
    }

    /// A broadcaster: image placeholders, the tag links one word per line, the next and previous
    /// articles under "SITE التالي" / "SITE السابق" labels, and class names leaked from the markup.
    @Test func aBroadcastersTagsAndNextPreviousLinks() {
        let lines = [Self.title, ""] + Self.paragraphs(Self.body)
            + ["[ExtImage-6]", "", "منوعات", "", "القطار", "", "النقل", "", "الساحل", "", "LBX التالي", Self.others[0], "",
               Self.others[1], "LBX السابق", "", "d-none hideMe", ""]
        let (main, related) = split(lines)
        #expect(main?.paragraphs == Self.body)
        #expect(related.map(\.title) == Array(Self.others[0...1]))
    }

    /// A Maghrebi site: a publication line with a comma before the time, an update line, and the
    /// related titles on consecutive lines.
    @Test func aMaghrebiSitesDateLinesAndTitleList() {
        let lines = [Self.title, "", "نشر في: 12 مارس 2024 ,14:35 م", "آخر تحديث: 12 مارس 2024 ,16:00 م", ""]
            + Self.paragraphs(Self.body) + Self.others
        let (main, related) = split(lines)
        #expect(main?.published == "2024-03-12T14:35:00Z")
        #expect(main?.subtitle == nil)
        #expect(main?.paragraphs == Self.body)
        #expect(related.map(\.title) == Self.others)
    }

    /// A crosshead (a short heading inside the body) is body structure, not another article's title.
    @Test func aCrossheadStaysInTheBody() {
        let lines = [Self.title, ""] + Self.paragraphs(Array(Self.body[0...1])) + ["تفاصيل المرحلة الثانية", ""]
            + Self.paragraphs(Array(Self.body[2...]))
        let (main, related) = split(lines)
        #expect(main?.paragraphs == Array(Self.body[0...1]) + ["تفاصيل المرحلة الثانية"] + Array(Self.body[2...]))
        #expect(related.isEmpty)
    }

    /// A body whose paragraphs carry no punctuation (some exports drop it) keeps its short lines:
    /// a title-like line is only told apart from a punctuated body.
    @Test func anUnpunctuatedBodyKeepsItsLines() {
        let bare = Self.body.map { $0.replacingOccurrences(of: "،", with: "").replacingOccurrences(of: ".", with: "") }
        let lines = [Self.title, ""] + Self.paragraphs(Array(bare[0...1])) + [Self.inline, ""] + Self.paragraphs(Array(bare[2...]))
        let (main, _) = split(lines)
        #expect(main?.paragraphs.contains(Self.inline) == true)
    }
}

/// The rules behind the layouts above, one by one.
@Suite struct HeaderlessRuleTests {
    @Test func classNamesAreMarkupNotText() {
        #expect(LineClassifier.isClassNames("d-none hideMe"))
        #expect(LineClassifier.isClassNames("article__meta"))
        #expect(!LineClassifier.isClassNames("BBC News"))
        #expect(!LineClassifier.isClassNames("iPhone 15"))
        #expect(!LineClassifier.isClassNames("القطار"))
    }

    @Test func aNextOrPreviousLabelOpensARelatedBlock() {
        let rules = ExtractionRules.standard
        #expect(rules.blockKind(ofHeader: "LBX التالي") == .related)
        #expect(rules.blockKind(ofHeader: "المقال السابق") == .related)
        // The word alone is a pager's button, and a longer line is text.
        #expect(rules.blockKind(ofHeader: "التالي") == nil)
        #expect(rules.blockKind(ofHeader: "ننتقل الآن إلى الملف التالي") == nil)
    }

    @Test func tagRunsNeedThreeShortUnpunctuatedLines() {
        func items(_ lines: [String]) -> [Item] {
            let classifier = LineClassifier(rules: .standard)
            return lines.enumerated().map { classifier.classify($1, key: MatchKey($1), line: $0 + 1) }
        }
        #expect(Segmenter.tagRuns(items(["منوعات", "القطار", "النقل"])) == [true, true, true])
        #expect(Segmenter.tagRuns(items(["منوعات", "القطار"])) == [false, false])
        #expect(Segmenter.tagRuns(items(["منوعات", "نعم، لا", "النقل"])) == [false, false, false])
    }
}
