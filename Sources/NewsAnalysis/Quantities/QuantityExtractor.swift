public import NewsModel

/// Finds amounts in Arabic news text: money with its ISO 4217 code, percentages, measures, ages,
/// counts and durations.
///
/// Rules:
/// - a number is digits in any digit set (`205`, `٢٠٥`, `۲۰۵`, `4.5`, `٤٫٥`, `1,250`), words (ثلاثة,
///   عشرون, مائة, ثلاثة آلاف وخمسمائة) or both (`205 ملايين`), read by ``ArabicText/NumberWords``;
///   a scale in any form multiplies it (ألف, ألفان, آلاف, مليون, مليونان, ملايين, مليار, مليارات,
///   تريليون), and a proclitic glued to it is left out of the text (بـ205, ب205, ﺑ205, لـ150, بثلاثة);
/// - a currency after it makes money: the names and codes are data (`cues/currencies.txt`); the longest
///   name wins (جنيه إسترليني over جنيه). A bare جنيه, ريال, درهم, دينار, ليرة, روبية or فرنك takes the
///   currency of the place named nearest to it in its paragraph, else of the place the article names
///   most, else the one ``Options/preferredCurrencies`` names, else the file's default (the commonest
///   reading in pan-Arab news: EGP, SAR, AED, JOD, TRY, INR, CHF). An amount in another currency in brackets after it is a second quantity;
/// - في المائة, في المئة, بالمائة, بالمئة, % and ٪ after it make a percentage (value 10 for 10 %);
/// - a unit from `cues/units.txt` makes a measure, with the unit's symbol (`m3`, `km`, `barrel`, `MW`);
/// - years, months, weeks, days, hours or minutes make a duration (`unit` year … minute), or an age
///   (`unit` year) after البالغ, يبلغ (من العمر), عمره … or inside brackets: «(45 عاماً)». A dual with
///   no number is two: عامين, يومين;
/// - an indefinite noun after it makes a count, with the noun as the unit (تسعة قتلى → قتلى,
///   15 قتيلاً → قتيل): not a function word, a month, a time of day or a word starting with the
///   conjunction و (unless it is listed, like وزراء);
/// - two numbers joined by و share the unit after the second: «12 و13 عاماً» gives two ages;
/// - a year is not an amount: a four-digit number after عام, منذ, في … or a month, or before م or هـ,
///   is skipped, and a bare year (1900–2100) never makes a count.
///
/// Amounts with no unit, such as «بقيمة 40 ملياراً», are left out: DOCUMENT-MODEL.md asks money to
/// carry its currency code.
///
/// ```swift
/// QuantityExtractor().matches(in: "خصصت 150 مليون جنيه إسترليني (205 ملايين دولار)").map(\.quantity.unit)
/// // ["GBP", "USD"]
/// ```
///
/// - Complexity: O(n) in the text's UTF-8 length: one pass over tokens, and every rule looks at a
///   bounded number of tokens around a number.
public struct QuantityExtractor: ArticleAnalyzer {
    /// Choices that depend on where the text comes from.
    public struct Options: Sendable, Hashable {
        /// ISO 4217 codes that a bare currency name takes when neither its paragraph nor its article
        /// names a place: a site's own currency (`["TND"]` for a Tunisian site makes a bare دينار Tunisian).
        public var preferredCurrencies: [String]

        public init(preferredCurrencies: [String] = []) {
            self.preferredCurrencies = preferredCurrencies
        }

        /// No preference: a bare name with no place takes the commonest reading (`cues/currencies.txt`).
        public static let `default` = Options()
    }

    public let lexicon: QuantityLexicon
    public let options: Options

    public init(lexicon: QuantityLexicon = .standard, options: Options = .default) {
        self.lexicon = lexicon
        self.options = options
    }

    /// Fills `quantities` from the title and the paragraphs (the summary when there are no
    /// paragraphs), in text order, each distinct amount once.
    public func analyze(_ article: inout Article) {
        var shared = SharedAnalysis()
        analyze(&article, sharing: &shared)
    }

    public func analyze(_ article: inout Article, sharing shared: inout SharedAnalysis) {
        let texts = [shared.tokenizedTitle(article)] + shared.tokenizedBody(article) + shared.tokenizedAsides(article)
        var scanner = QuantityScanner(lexicon: lexicon, options: options, paragraphs: texts)
        var seen = Set<Quantity>()
        article.quantities = scanner.run().map(\.quantity).filter { seen.insert($0).inserted }
    }

    /// The quantities of one text (paragraph 0).
    public func matches(in text: String) -> [QuantityMatch] {
        matches(in: [text])
    }

    /// Every quantity in the paragraphs, with its paragraph index and byte range, in text order.
    /// The paragraphs are one article: a bare currency name looks for its country in all of them.
    public func matches(in paragraphs: [String]) -> [QuantityMatch] {
        var scanner = QuantityScanner(lexicon: lexicon, options: options, paragraphs: paragraphs.map(TokenizedText.init))
        return scanner.run()
    }
}
