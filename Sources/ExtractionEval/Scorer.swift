import ArabicText
public import NewsModel
public import NewsExtraction

/// Token precision, recall and F1 (multiset overlap), micro-averaged when added together.
public struct TokenScore: Sendable, Equatable, Codable {
    public var overlap: Int
    public var extracted: Int
    public var gold: Int

    public init(overlap: Int = 0, extracted: Int = 0, gold: Int = 0) {
        self.overlap = overlap
        self.extracted = extracted
        self.gold = gold
    }

    public var precision: Double { extracted == 0 ? (gold == 0 ? 1 : 0) : Double(overlap) / Double(extracted) }
    public var recall: Double { gold == 0 ? 1 : Double(overlap) / Double(gold) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public static func + (a: TokenScore, b: TokenScore) -> TokenScore {
        TokenScore(overlap: a.overlap + b.overlap, extracted: a.extracted + b.extracted, gold: a.gold + b.gold)
    }

    /// Compares the word tokens of two texts (display text, no normalization beyond presentation forms).
    public static func compare(extracted: String, gold: String) -> TokenScore {
        let e = tokens(extracted), g = tokens(gold)
        var counts = [String: Int]()
        for token in g { counts[token, default: 0] += 1 }
        var overlap = 0
        for token in e {
            if let n = counts[token], n > 0 {
                counts[token] = n - 1
                overlap += 1
            }
        }
        return TokenScore(overlap: overlap, extracted: e.count, gold: g.count)
    }

    static func tokens(_ text: String) -> [String] {
        let cleaned = Normalizer.display.normalize(text)
        return Tokenizer().tokens(in: cleaned).filter(\.kind.isWordLike).map(\.text)
    }
}

/// Precision and recall of a set of predictions against a complete gold list.
public struct Retrieval: Sendable, Equatable, Codable {
    public var correct = 0
    public var predicted = 0
    public var gold = 0
    public init() {}
    public var precision: Double { predicted == 0 ? (gold == 0 ? 1 : 0) : Double(correct) / Double(predicted) }
    public var recall: Double { gold == 0 ? 1 : Double(correct) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public static func + (a: Retrieval, b: Retrieval) -> Retrieval {
        var sum = Retrieval()
        sum.correct = a.correct + b.correct
        sum.predicted = a.predicted + b.predicted
        sum.gold = a.gold + b.gold
        return sum
    }
}

/// Counts of checks passed, for one kind of check.
public struct Tally: Sendable, Equatable, Codable {
    public var passed = 0
    public var total = 0
    public init(passed: Int = 0, total: Int = 0) {
        self.passed = passed
        self.total = total
    }
    public mutating func record(_ ok: Bool) {
        total += 1
        if ok { passed += 1 }
    }
    public var ratio: Double { total == 0 ? 1 : Double(passed) / Double(total) }
    public static func + (a: Tally, b: Tally) -> Tally { Tally(passed: a.passed + b.passed, total: a.total + b.total) }
}

/// Everything `marsad eval` measures for one page.
public struct PageScore: Sendable, Codable {
    public var name: String
    public var body = TokenScore()
    public var titles = Tally()
    public var articlesFound = Tally()
    public var extraArticles = 0
    public var roles = Tally()
    public var images = Tally()
    public var fields = Tally()
    public var mustContain = Tally()
    public var mustNotContain = Tally()
    /// Text fields holding a UI leftover (`TT`, `p-circle`, share labels …): each one is a failure.
    public var leftovers = [String]()
    /// Analysis: direct quotes (a quote is right only with the right speaker), entities, quantities, dates.
    public var quotes = Retrieval()
    public var quoteNames = Tally()
    public var indirectSpeakers = Tally()
    public var entities = Retrieval()
    public var quantities = Retrieval()
    public var dates = Retrieval()
    public var encodingCorrect: Bool?
    public var formatCorrect: Bool?
    public var failures = [String]()

    public init(name: String) { self.name = name }
}

/// Scores extracted articles against gold.
public struct Scorer: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    public func score(page: Page, gold: GoldPage, name: String) -> PageScore {
        var score = PageScore(name: name)
        if let format = gold.format { score.formatCorrect = format == page.format.rawValue }
        if let encoding = gold.encoding { score.encodingCorrect = encoding == page.encoding }
        let pairs = match(gold.articles, page.articles)
        var used = Set<Int>()
        for (goldIndex, goldArticle) in gold.articles.enumerated() {
            let label = "article \(goldIndex + 1) «\(goldArticle.title?.prefix(40) ?? "")»"
            guard let index = pairs[goldIndex] else {
                score.articlesFound.record(false)
                score.failures.append("\(label): not found")
                if goldArticle.role != .related, let paragraphs = goldArticle.paragraphs {
                    score.body = score.body + TokenScore.compare(extracted: "", gold: paragraphs.joined(separator: "\n"))
                }
                continue
            }
            used.insert(index)
            score.articlesFound.record(true)
            let article = page.articles[index]
            if let title = goldArticle.title {
                let ok = title.trimmingCharacters() == article.title.trimmingCharacters()
                score.titles.record(ok)
                if !ok { score.failures.append("\(label): title «\(article.title)»") }
            }
            if let role = goldArticle.role {
                score.roles.record(role == article.role)
                if role != article.role { score.failures.append("\(label): role \(article.role.rawValue), want \(role.rawValue)") }
            }
            if let paragraphs = goldArticle.paragraphs, goldArticle.role != .related {
                score.body = score.body + TokenScore.compare(extracted: article.paragraphs.joined(separator: "\n"),
                                                             gold: paragraphs.joined(separator: "\n"))
            }
            if let images = goldArticle.images {
                for image in images {
                    let ok = article.images.contains(image)
                    score.images.record(ok)
                    if !ok { score.failures.append("\(label): image «\(image.caption.prefix(30))» (\(image.credit ?? "-")) missing") }
                }
                for image in article.images where !images.contains(image) {
                    score.images.record(false)
                    score.failures.append("\(label): extra image «\(image.caption.prefix(30))» (\(image.credit ?? "-"))")
                }
            }
            check(goldArticle.subtitle, article.subtitle, "subtitle", label, &score)
            check(goldArticle.section, article.section, "section", label, &score)
            check(goldArticle.summary, article.summary, "summary", label, &score)
            check(goldArticle.published, article.published, "published", label, &score)
            check(goldArticle.url, article.url, "url", label, &score)
            if let bylines = goldArticle.bylines {
                let ok = Set(bylines) == Set(article.bylines)
                score.fields.record(ok)
                if !ok { score.failures.append("\(label): bylines \(describe(article.bylines)), want \(describe(bylines))") }
            }
            scoreAnalysis(goldArticle, article, label, &score)
            if let media = goldArticle.media {
                let ok = Set(media) == Set(article.media)
                score.fields.record(ok)
                if !ok { score.failures.append("\(label): media \(article.media), want \(media)") }
            }
        }
        score.extraArticles = page.articles.indices.filter { !used.contains($0) }.count
        for index in page.articles.indices where !used.contains(index) {
            score.failures.append("extra article [\(page.articles[index].role.rawValue)] «\(page.articles[index].title.prefix(50))»")
        }
        let bodies = page.articles.filter { $0.role != .related }.map { $0.paragraphs.joined(separator: "\n") }.joined(separator: "\n")
        for snippet in gold.mustContain {
            let ok = Normalizer.display.normalize(bodies).contains(Normalizer.display.normalize(snippet))
            score.mustContain.record(ok)
            if !ok { score.failures.append("must contain «\(snippet)»") }
        }
        let everything = page.articles.flatMap(textFields).joined(separator: "\n")
        for snippet in gold.mustNotContain {
            let ok = !everything.contains(Normalizer.display.normalize(snippet))
            score.mustNotContain.record(ok)
            if !ok { score.failures.append("must not contain «\(snippet)»") }
        }
        score.leftovers = leftovers(in: page.articles)
        for leftover in score.leftovers { score.failures.append("UI leftover «\(leftover)»") }
        return score
    }

    func scoreAnalysis(_ gold: GoldArticle, _ article: Article, _ label: String, _ score: inout PageScore) {
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            return MatchKey(a) == MatchKey(b)
        }
        if let goldQuotes = gold.quotes {
            let predicted = article.quotes.filter { $0.kind == .direct }
            var unmatched = goldQuotes
            var result = Retrieval()
            result.predicted = predicted.count
            result.gold = goldQuotes.count
            for quote in predicted {
                if let at = unmatched.firstIndex(where: { same($0.text, quote.text) && same($0.speaker, quote.speaker) }) {
                    unmatched.remove(at: at)
                    result.correct += 1
                } else {
                    let speakerOnly = goldQuotes.first { same($0.text, quote.text) }
                    score.failures.append("\(label): quote «\(quote.text.prefix(40))» by \(quote.speaker ?? "?")"
                        + (speakerOnly.map { ", want \($0.speaker ?? "?")" } ?? " is not a gold quote"))
                }
            }
            for missing in unmatched where !predicted.contains(where: { same($0.text, missing.text) }) {
                score.failures.append("\(label): missed quote «\(missing.text.prefix(40))» by \(missing.speaker ?? "?")")
            }
            score.quotes = score.quotes + result
        }
        for name in gold.notQuotes ?? [] {
            let ok = !article.quotes.contains { $0.kind == .direct && same($0.text, name) }
            score.quoteNames.record(ok)
            if !ok { score.failures.append("\(label): «\(name)» is a name, not a quote") }
        }
        for speaker in gold.indirectSpeakers ?? [] {
            let ok = article.quotes.contains { $0.kind == .indirect && same($0.speaker, speaker) }
            score.indirectSpeakers.record(ok)
            if !ok { score.failures.append("\(label): no indirect speech by \(speaker)") }
        }
        if let goldEntities = gold.entities {
            // The gold lists what the title and the paragraphs name; captions and bylines are not annotated.
            let named = article.entities.filter { Self.isNamedInText($0, of: article) }
            var result = Retrieval()
            result.predicted = named.count
            result.gold = goldEntities.count
            for entity in goldEntities {
                if named.contains(where: { same($0.name, entity.name) && $0.type == entity.type }) {
                    result.correct += 1
                } else {
                    score.failures.append("\(label): missed entity \(entity.name) (\(entity.type.rawValue))")
                }
            }
            score.entities = score.entities + result
        }
        if let goldQuantities = gold.quantities {
            var unmatched = goldQuantities
            var result = Retrieval()
            let quantities = article.quantities.filter { Self.isInText($0.text, of: article) }
            result.predicted = quantities.count
            result.gold = goldQuantities.count
            for quantity in quantities {
                if let at = unmatched.firstIndex(where: { abs($0.value - quantity.value) <= 1e-9 * max(1, abs($0.value)) && $0.unit == quantity.unit && $0.kind == quantity.kind }) {
                    unmatched.remove(at: at)
                    result.correct += 1
                } else {
                    score.failures.append("\(label): quantity «\(quantity.text)» = \(quantity.value) \(quantity.unit ?? "") \(quantity.kind.rawValue) not in gold")
                }
            }
            for missing in unmatched { score.failures.append("\(label): missed quantity «\(missing.text)»") }
            score.quantities = score.quantities + result
        }
        if let goldDates = gold.dates {
            var unmatched = goldDates
            var result = Retrieval()
            let dates = article.dates.filter { Self.isInText($0.text, of: article) }
            result.predicted = dates.count
            result.gold = goldDates.count
            for date in dates {
                if let at = unmatched.firstIndex(where: { $0.value.map { $0 == date.value } ?? same($0.text, date.text) }) {
                    unmatched.remove(at: at)
                    result.correct += 1
                } else {
                    score.failures.append("\(label): date «\(date.text)» = \(date.value) not in gold")
                }
            }
            for missing in unmatched { score.failures.append("\(label): missed date «\(missing.text)»") }
            score.dates = score.dates + result
        }
    }

    func check(_ gold: GoldArticle.Field<String>, _ value: String?, _ name: String, _ label: String, _ score: inout PageScore) {
        guard case .present(let expected) = gold else { return }
        let ok = expected?.trimmingCharacters() == value?.trimmingCharacters()
        score.fields.record(ok)
        if !ok { score.failures.append("\(label): \(name) «\(value ?? "null")», want «\(expected ?? "null")»") }
    }

    func describe(_ bylines: [Byline]) -> String {
        "[" + bylines.map { "\($0.name)/\($0.kind.rawValue)/\($0.place ?? "-")" }.joined(separator: ", ") + "]"
    }

    /// Pairs gold articles with extracted ones: same title first, then the next unused one of the same role.
    func match(_ gold: [GoldArticle], _ extracted: [Article]) -> [Int: Int] {
        var pairs = [Int: Int]()
        var used = Set<Int>()
        for (g, article) in gold.enumerated() {
            guard let title = article.title.map(MatchKey.init) else { continue }
            if let e = extracted.indices.first(where: { !used.contains($0) && MatchKey(extracted[$0].title) == title }) {
                pairs[g] = e
                used.insert(e)
            }
        }
        for (g, article) in gold.enumerated() where pairs[g] == nil {
            let sameRole = extracted.indices.filter { !used.contains($0) && (article.role == nil || extracted[$0].role == article.role) }
            guard let goldText = article.paragraphs?.joined(separator: " ") ?? article.title else { continue }
            // The unused article of the same role whose text overlaps most (at least half).
            let best = sameRole.max { a, b in
                overlap(goldText, extracted[a]) < overlap(goldText, extracted[b])
            }
            if let best, overlap(goldText, extracted[best]) >= 0.5 {
                pairs[g] = best
                used.insert(best)
            }
        }
        return pairs
    }

    func overlap(_ gold: String, _ article: Article) -> Double {
        TokenScore.compare(extracted: ([article.title] + article.paragraphs + [article.summary ?? ""]).joined(separator: " "), gold: gold).recall
    }

    func textFields(_ article: Article) -> [String] {
        var fields = [article.title] + article.paragraphs
        fields += [article.subtitle, article.section, article.summary].compactMap { $0 }
        fields += article.images.flatMap { [$0.caption, $0.credit].compactMap { $0 } }
        fields += article.bylines.flatMap { [$0.name, $0.place].compactMap { $0 } }
        return fields
    }

    /// Any text field that is a leftover, or holds a leftover icon name or text-size control as a word.
    public func leftovers(in articles: [Article]) -> [String] {
        var found = [String]()
        for article in articles {
            for field in textFields(article) {
                let key = MatchKey(field)
                if rules.leftovers.contains(key) {
                    found.append(field)
                    continue
                }
                for word in key.description.split(separator: " ") where Self.iconWords.contains(String(word)) {
                    found.append(field)
                    break
                }
            }
        }
        return found
    }

    /// Leftovers that never occur as words of Arabic text.
    static let iconWords: Set<String> = ["tt", "p-circle", "play-circle", "icon-play", "icon-video", "fa-play"]
}

extension String {
    func trimmingCharacters() -> String {
        Normalizer.display.normalize(self).trimmingASCIISpacesForEval()
    }

    func trimmingASCIISpacesForEval() -> String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\n" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\n" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

extension Scorer {
    /// True when an amount or a date is written in the title or the paragraphs (the summary, for an
    /// article with no paragraphs): the part of the article the gold annotates. Those found only in
    /// the subtitle, summary or captions are outside it.
    static func isInText(_ text: String, of article: Article) -> Bool {
        let annotated = [article.title] + (article.paragraphs.isEmpty ? [article.summary ?? ""] : article.paragraphs)
        return annotated.contains { $0.contains(text) }
    }

    /// True when the entity was seen in the title or the body (the summary, for an article with no
    /// paragraphs), or when the document does not say where.
    static func isNamedInText(_ entity: Entity, of article: Article) -> Bool {
        entity.fields.isEmpty || entity.fields.contains { $0 == .title || $0 == .body || ($0 == .summary && article.paragraphs.isEmpty) }
    }
}
