public import NewsModel

/// A date with where it was found.
public struct DateMatch: Sendable, Hashable {
    public var date: DateMention
    /// Index of the paragraph in the list given to ``DateExtractor/matches(in:published:)``.
    public var paragraph: Int
    /// UTF-8 byte offsets of ``DateMention/text`` in that paragraph.
    public var range: Range<Int>

    public init(date: DateMention, paragraph: Int, range: Range<Int>) {
        self.date = date
        self.paragraph = paragraph
        self.range = range
    }
}

/// Finds the dates that Arabic news text names and resolves them to ISO 8601.
///
/// Rules:
/// - Gregorian dates with month names in all three systems (يناير, كانون الثاني, جانفي …), the other
///   system's name in brackets or after a slash allowed: «11 نوفمبر 2023», «يناير (كانون الثاني) 2026»,
///   «2 يناير/كانون الثاني 2026» → `2023-11-11`, `2026-01`, `2026-01-02`; numeric dates
///   «2026-02-11», «11/2/2026», «11.02.2026» (day first when the year is last);
/// - a month and a year with no day is `YYYY-MM`; a year alone after a year noun or a preposition
///   («عام 2025», «في 2025», «منذ 2014») is `YYYY`, the reduced precision ISO 8601 allows (``analyze(_:)``
///   keeps it only with ``includeYears``);
/// - a day and a month with no year takes the year that puts it nearest the publication date
///   (before it with الماضي, after it with المقبل); with no publication date it is `--MM-DD`;
/// - Hijri dates «22 جمادى الآخرة 1447 هـ» are converted with the tabular Islamic calendar
///   (``HijriCalendar``): right to within a day or so of the official calendars;
/// - weekdays («الأربعاء», «يوم الثلاثاء») and relative words («أمس», «اليوم», «غداً», «الشهر الماضي»,
///   «الأسبوع المقبل», «العام الماضي», from `cues/dates.txt`) resolve against the publication date's
///   calendar day and keep their relative form in `relative` (see ``NewsModel/DateMention``). A bare
///   weekday in news is in the past: the latest such day on or before publication. It is the next such
///   day after publication when المقبل or القادم follows it or the words before it in its sentence
///   speak of the future (سوف, سـ, من المقرر, a verb with the future prefix سيـ/ستـ/سنـ); with الماضي it
///   is the one before publication. Without a publication date `value` is the relative form;
/// - a weekday right before a full date («الأربعاء 11 فبراير 2026») is part of that date's text.
///
/// ```swift
/// DateExtractor().dates(in: ["وصل الوفد أمس"], published: "2026-02-11T08:00:00Z")
/// // [DateMention(text: "أمس", value: "2026-02-10", relative: "-P1D")]
/// ```
///
/// - Complexity: O(n) in the text's UTF-8 length; every rule looks at a bounded number of tokens.
public struct DateExtractor: ArticleAnalyzer {
    public let lexicon: DateLexicon
    /// Whether `analyze` keeps dates known only to the year («عام 2025», «العام الماضي»). Off by
    /// default: DOCUMENT-MODEL.md gives dates as `YYYY-MM-DD` or `YYYY-MM`; `matches(in:)` still finds them.
    public var includeYears: Bool

    public init(lexicon: DateLexicon = .standard, includeYears: Bool = false) {
        self.lexicon = lexicon
        self.includeYears = includeYears
    }

    /// Fills `dates` from the paragraphs (the summary when there are no paragraphs), resolved against
    /// `published`, in text order, each distinct date once.
    public func analyze(_ article: inout Article) {
        var shared = SharedAnalysis()
        analyze(&article, sharing: &shared)
    }

    public func analyze(_ article: inout Article, sharing shared: inout SharedAnalysis) {
        var seen = Set<DateMention>()
        // The body first, then the title, subtitle, summary and captions.
        let texts = shared.tokenizedBody(article) + [shared.tokenizedTitle(article)] + shared.tokenizedAsides(article)
        article.dates = matches(in: texts, published: article.published).map(\.date).filter { date in
            (includeYears || !Self.isYearOnly(date)) && seen.insert(date).inserted
        }
    }

    /// "2025", or a relative year ("-P1Y") that resolved to one.
    static func isYearOnly(_ date: DateMention) -> Bool {
        (date.value.utf8.count == 4 && date.value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
            || date.relative?.hasSuffix("Y") == true
    }

    /// Every date in the paragraphs, in text order.
    ///
    /// - Parameters:
    ///   - paragraphs: the texts to read.
    ///   - published: the publication date or timestamp (ISO 8601, `2026-02-11T09:30:00Z`); nil leaves
    ///     relative dates relative.
    public func dates(in paragraphs: [String], published: String?) -> [DateMention] {
        matches(in: paragraphs, published: published).map(\.date)
    }

    /// Every date in the paragraphs with its paragraph index and byte range, in text order.
    public func matches(in paragraphs: [String], published: String?) -> [DateMatch] {
        matches(in: paragraphs.map(TokenizedText.init), published: published)
    }

    func matches(in paragraphs: [TokenizedText], published: String?) -> [DateMatch] {
        let scanner = DateScanner(lexicon: lexicon, published: published.flatMap(CivilDate.init(iso:)))
        var results = [DateMatch]()
        for (index, paragraph) in paragraphs.enumerated() {
            scanner.scan(paragraph, paragraph: index, into: &results)
        }
        return results
    }
}
