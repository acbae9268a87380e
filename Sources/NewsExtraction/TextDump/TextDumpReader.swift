import ArabicText
import NewsModel

/// Reads the text that a browser copy or a scraper makes of a news page, and segments it into the
/// articles it holds: the main article, full articles appended below it (infinite scroll), and
/// related-article teasers.
///
/// A page's structure survives in a few signals, which the reader looks for in this order:
/// - a full article opens with its title, repeated after the header block (captions, the `TT`
///   text-size control, the subtitle): `title / subtitle / caption / TT / title / caption / body`;
/// - a block header (`مقالات ذات صلة`, `اقرأ أيضاً`, `الأكثر قراءة` …, in `block-headers.txt`) opens teasers
///   or a box to drop;
/// - teasers are `[section] caption (credit) [p-circle] / title / summary / byline` groups, and a byline
///   line closes one;
/// - a page with none of these is one article: its first short line is the title.
public struct TextDumpReader: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    /// Longest title, in words; a longer line is a paragraph.
    static let maxTitleWords = 35
    /// How far (in items) a title's repetition may come after it.
    static let repeatWindow = 10

    public func read(utf8 bytes: [UInt8]) -> ReaderOutput {
        let items = self.items(DumpLayout.normalize(bytes))
        var segmenter = Segmenter(items: items, rules: rules)
        segmenter.run()
        var issues = [Page.Issue]()
        if segmenter.articles.isEmpty {
            issues.append(Page.Issue(items.isEmpty ? "no text in the page" : "no article found in the page"))
        }
        return ReaderOutput(articles: segmenter.articles, issues: issues)
    }

    /// A string of the bytes without leading and trailing spaces (invalid UTF-8 was already replaced).
    static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Non-blank lines, display-cleaned and classified.
    func items(_ bytes: [UInt8]) -> [Item] {
        let classifier = LineClassifier(rules: rules)
        let scratch = KeyScratch()
        var items = [Item]()
        var lineNumber = 0
        var blank = true
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            let count = buffer.count
            while start <= count {
                var end = start
                while end < count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
                lineNumber += 1
                if end > start {
                    let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    let text = Normalizer.display.withNormalized(line) { Self.trimmedString($0) }
                    if !text.isEmpty {
                        var item = classifier.classify(text, key: scratch.key(utf8: line), line: lineNumber)
                        item.blankBefore = blank
                        // A credit line gives its credit to the caption right after it.
                        if case .caption(var image, let media) = item.kind, image.credit == nil,
                           let previous = items.last, case .creditLine(let credit) = previous.kind {
                            image.credit = credit
                            item.kind = .caption(image, media: media)
                            items.removeLast()
                        }
                        items.append(item)
                        blank = false
                    } else {
                        blank = true
                    }
                } else {
                    blank = true
                }
                if end < count, buffer[end] == 0x0D, end + 1 < count, buffer[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
        }
        return items
    }
}

/// The state machine that walks classified lines and builds articles.
struct Segmenter {
    let items: [Item]
    let rules: ExtractionRules
    let bylineParser: BylineParser
    var articles = [Article]()

    enum Mode { case preamble, article, related, drop }
    var mode = Mode.preamble
    var current: ArticleBuilder?
    var teaser = TeaserBuilder()
    /// Teasers finished since the last block header: an inline "اقرأ أيضاً" holds one.
    var teasersInBlock = 0
    var pendingSection: String?
    var pendingPublished: String?
    var firstPreambleText: Int?
    /// The last title candidate passed over because another stood nearer the body; when the body
    /// starts with no title opened, it is the nearest one seen.
    var passedTitle: Int?
    /// "اقرأ أيضاً: …" lines inside a body, listed after the article they interrupt.
    var inlineTeasers = [Article]()
    /// Teasers of a block, listed after the article the block belongs to.
    var pendingTeasers = [Article]()
    /// The article a block interrupted, until the next article starts or an "end of list" resumes it.
    var suspended: ArticleBuilder?
    /// A main or continuation article is among `articles` (they come only from `closeArticle`), so the
    /// next one opened is a continuation; kept as a flag rather than searching `articles` each time.
    var closedFullArticle = false

    /// For each item: whether it lies in a navigation run (see `inNavigationRun(_:)`), worked out once
    /// for the whole page; asking per line scanned the run every time, quadratic in its length.
    let navigationRuns: [Bool]
    /// For each item: whether it is one of a tag list's lines (``tagRuns(_:)``), worked out once.
    let tagRuns: [Bool]

    init(items: [Item], rules: ExtractionRules) {
        self.items = items
        self.rules = rules
        self.bylineParser = BylineParser(rules: rules)
        self.navigationRuns = Self.navigationRuns(items)
        self.tagRuns = Self.tagRuns(items)
    }

    mutating func run() {
        var index = 0
        while index < items.count {
            let item = items[index]
            if case .block(let kind) = item.kind {
                flushTeaser()
                teasersInBlock = 0
                switch kind {
                case .related, .drop:
                    // The article is kept open: an "end of list" line may return to its body.
                    if let open = current {
                        suspended = open
                        current = nil
                    }
                    mode = kind == .related ? .related : .drop
                case .end:
                    if let open = suspended {
                        current = open
                        suspended = nil
                        mode = .article
                    }
                }
                index += 1
                continue
            }
            if item.isText, let start = articleStart(at: index) {
                flushTeaser()
                closeArticle()
                index = openArticle(at: index, repeatAt: start)
                continue
            }
            switch mode {
            case .preamble:
                if item.isText, !titleAhead(of: index), isTitleCandidate(index), item.wordCount <= Self.headlineWords || passedTitle == nil {
                    if nearerTitleAhead(of: index) {
                        passedTitle = index
                        preamble(item, at: index)
                        index += 1
                        continue
                    }
                    closeArticle()
                    index = openArticle(at: index, repeatAt: nil)
                    continue
                }
                preamble(item, at: index)
            case .article:
                if item.isText, current?.paragraphs.isEmpty == true, let (byline, next) = authorBox(at: index) {
                    current?.addByline(byline)
                    index = next
                    continue
                }
                // A tag list under the article is no part of its body.
                if tagRuns[index] {
                    index += 1
                    continue
                }
                if isHeadlineInBody(index) {
                    if bodyContinues(after: index) {
                        inlineTeasers.append(Article(role: .related, title: item.text))
                        index += 1
                    } else {
                        startHeaderlessBlock()
                    }
                    continue
                }
                current?.add(item, parser: bylineParser)
                if case .inlineRelated(let title) = item.kind {
                    inlineTeasers.append(Article(role: .related, title: title))
                }
            case .related:
                if resumesBody(item) {
                    resumeAfterInlineTeaser(item)
                } else {
                    related(item)
                }
            case .drop:
                // A box above the article (the weather, a poll) ends where the article's title
                // stands over its body.
                if current == nil, suspended == nil, !closedFullArticle, item.isText, isTitleCandidate(index),
                   !nearerTitleAhead(of: index), bodyAhead(of: index) {
                    mode = .preamble
                    continue
                }
            }
            index += 1
        }
        flushTeaser()
        closeArticle()
    }

    /// Lines above the first title: a breadcrumb, a section label or a date belong to the article below;
    /// navigation menus do not.
    mutating func preamble(_ item: Item, at index: Int) {
        switch item.kind {
        case .text:
            if let crumb = breadcrumbSection(item.text) {
                pendingSection = crumb
            } else if pendingSection == nil, rules.sections[item.key] != nil, !inNavigationRun(index) {
                pendingSection = item.text
            } else if firstPreambleText == nil, item.wordCount <= TextDumpReader.maxTitleWords, !inNavigationRun(index) {
                firstPreambleText = index
            }
            // A long paragraph before any title-like line: the page has no title line we can tell.
            if item.wordCount > TextDumpReader.maxTitleWords, Self.isProse(item) {
                let titleIndex = passedTitle ?? firstPreambleText
                current = ArticleBuilder(title: titleIndex.map { items[$0] } ?? Item(kind: .text, text: "", key: MatchKey(bytes: []), line: item.line), role: .main)
                current?.section = pendingSection
                current?.published = pendingPublished
                mode = .article
                current?.add(item, parser: bylineParser)
            }
        case .date(.published, let iso): pendingPublished = iso
        default: break
        }
    }

    /// A title above the body has at least four words, or is a short headline set apart right above
    /// the body (``isShortHeadline(_:)``), and is neither a menu item nor a breadcrumb.
    func isTitleCandidate(_ index: Int) -> Bool {
        let item = items[index]
        guard item.wordCount >= 4 || isShortHeadline(index) else { return false }
        return item.wordCount <= TextDumpReader.maxTitleWords
            && breadcrumbSection(item.text) == nil && !inNavigationRun(index) && !isImageText(index)
    }

    /// Words in a short headline ("بين الأمل والخوف"): one word is a section label or a menu item.
    static let shortHeadlineWords = 2...3
    /// Lines between a short headline and its body, at most: a byline and a date line.
    static let shortHeadlineGap = 2

    /// A headline of two or three words, as columns have: blank lines around it, and the body's
    /// first paragraph next, past at most a byline and a date line. A section label or a menu line
    /// is as short, but no body paragraph follows it.
    func isShortHeadline(_ index: Int) -> Bool {
        let item = items[index]
        guard Self.shortHeadlineWords.contains(item.wordCount), item.blankBefore || index == 0,
              index + 1 < items.count, items[index + 1].blankBefore, !LineClassifier.isMenuLine(item.text) else { return false }
        var next = index + 1
        while next < items.count, next <= index + 1 + Self.shortHeadlineGap {
            switch items[next].kind {
            case .byline, .date: next += 1
            case .text: return isBodyParagraph(items[next])
            default: return false
            }
        }
        return false
    }

    /// An image's alternative text that a text browser prints above its caption: the caption
    /// that follows starts with the same words.
    func isImageText(_ index: Int) -> Bool {
        guard index + 1 < items.count, case .caption(let image, _) = items[index + 1].kind else { return false }
        return MatchKey(image.caption).hasPrefix(items[index].key)
    }

    /// "الرئيسية › اقتصاد" → "اقتصاد".
    ///
    /// `›` and `‹` separate crumbs wherever they stand; `>`, `<`, `/` and `|` only as words of their
    /// own ("الرئيسية > اقتصاد"), so that text about markup ("<script>") or a date ("2024/03/12")
    /// is no breadcrumb.
    func breadcrumbSection(_ text: String) -> String? {
        // Most lines hold no separator at all: one byte scan answers them.
        guard text.utf8.contains(where: { $0 == 0x3E || $0 == 0x3C || $0 == 0x2F || $0 == 0x7C || $0 == 0xBB || $0 == 0x80 || $0 == 0xB9 || $0 == 0xBA })
        else { return nil }
        var parts = [String]()
        var crumb = [Substring]()
        for word in text.split(separator: " ") {
            let pieces = word.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "›" || $0 == "‹" })
            for (offset, piece) in pieces.enumerated() {
                if offset > 0 || Self.crumbSeparators.contains(String(piece)) {
                    parts.append(crumb.joined(separator: " "))
                    crumb = []
                }
                if !piece.isEmpty, !Self.crumbSeparators.contains(String(piece)) { crumb.append(piece) }
            }
        }
        parts.append(crumb.joined(separator: " "))
        parts = parts.map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
        guard parts.count >= 2, parts.allSatisfy({ $0.split(separator: " ").count <= 4 }) else { return nil }
        let last = parts.last!
        return rules.leftovers.contains(MatchKey(last)) ? nil : last
    }

    static let crumbSeparators: Set<String> = [">", "<", "/", "|", "»"]

    /// Three or more short lines with no blank between them: a menu copied from the page header.
    func inNavigationRun(_ index: Int) -> Bool { navigationRuns[index] }

    /// Marks every item of a run of three or more short lines (text, leftovers, media markers of at
    /// most three words) that no blank line interrupts. O(n): each run is found once.
    static func navigationRuns(_ items: [Item]) -> [Bool] {
        func short(_ item: Item) -> Bool {
            switch item.kind {
            case .text, .leftover, .media: return item.wordCount <= 3
            default: return false
            }
        }
        return markRuns(items, of: 3, member: short, blankEnds: true)
    }

    /// Marks the members of every run of at least `minimum` members. `passes` are items a run may hold
    /// besides its members (unmarked); with `blankEnds`, a blank line before an item ends the run.
    /// O(n): each run is found once.
    static func markRuns(_ items: [Item], of minimum: Int, member: (Item) -> Bool, passes: (Item) -> Bool = { _ in false },
                         blankEnds: Bool) -> [Bool] {
        var marks = [Bool](repeating: false, count: items.count)
        var first = 0
        while first < items.count {
            guard member(items[first]) else {
                first += 1
                continue
            }
            var members = [first]
            var next = first + 1
            while next < items.count, !(blankEnds && items[next].blankBefore), member(items[next]) || passes(items[next]) {
                if member(items[next]) { members.append(next) }
                next += 1
            }
            if members.count >= minimum { for k in members { marks[k] = true } }
            first = next
        }
        return marks
    }

    /// Words in a tag (a keyword link under the article), at most.
    static let tagWords = 2
    /// Tags in a row before a run of one- and two-word lines is a tag list, not crossheads.
    static let tagRunLength = 3

    /// Marks every line of a tag list: three or more text lines of at most two words, with no
    /// sentence punctuation, blank lines between them allowed (unlike a menu), and leftovers or
    /// media markers (an image placeholder) among them. O(n).
    static func tagRuns(_ items: [Item]) -> [Bool] {
        func isTag(_ item: Item) -> Bool {
            guard case .text = item.kind else { return false }
            return item.wordCount <= tagWords && !hasSentencePunctuation(item.text)
        }
        func passes(_ item: Item) -> Bool {
            switch item.kind {
            case .leftover, .media: return true
            default: return false
            }
        }
        return markRuns(items, of: tagRunLength, member: isTag, passes: passes, blankEnds: false)
    }

    /// An author box at the top of a column: a name line, then a bio line or the box's links.
    func authorBox(at index: Int) -> (Byline, Int)? {
        let item = items[index]
        if let placed = bylineParser.placeAndName(item.text) { return (placed, index + 1) }
        guard (2...4).contains(item.wordCount), BylineParser.isNameLike(item.text), index + 1 < items.count else { return nil }
        let next = items[index + 1]
        let byline = Byline(name: item.text, kind: rules.outlets.contains(item.key) ? .outlet : .author)
        if next.isText, BylineParser.isBio(next.key) { return (byline, index + 2) }
        if case .leftover = next.kind { return (byline, index + 1) }
        return nil
    }

    /// Whether an article starts at `index`, and where its title repeats (nil when it does not repeat
    /// but the text-size control follows it).
    ///
    /// Returns `.some(nil)` for "starts, no repeat".
    func articleStart(at index: Int) -> Int?? {
        let title = items[index]
        // One- and two-word lines are menu items and labels, and a menu can repeat its items.
        guard title.wordCount >= 3, title.wordCount <= TextDumpReader.maxTitleWords, !inNavigationRun(index) else { return nil }
        // Titles do not end a sentence; a line repeated right below itself is a doubled line, not a title.
        if let last = title.text.unicodeScalars.last, last == "." || last == ":" { return nil }
        if index + 1 < items.count, items[index + 1].key == title.key { return nil }
        var sawMarker = false
        var textsBetween = 0
        var onlyCaptionsSoFar = true
        var next = index + 1
        while next < items.count, next <= index + TextDumpReader.repeatWindow {
            let item = items[next]
            switch item.kind {
            case .text:
                if item.key == title.key {
                    // Inside a related block a teaser repeats its title around its caption; a full
                    // article's header also has the text-size control.
                    if mode == .related && !sawMarker { return nil }
                    return .some(next)
                }
                textsBetween += 1
                onlyCaptionsSoFar = false
                if textsBetween > 2 { return nil }
            case .headerMarker:
                if onlyCaptionsSoFar || mode != .related { sawMarker = true }
                if onlyCaptionsSoFar { /* title directly followed by its header furniture */ }
            case .caption, .leftover, .media:
                break
            case .block:
                return nil
            default:
                onlyCaptionsSoFar = false
            }
            next += 1
        }
        // "title / TT / body" with no repeat.
        if sawMarker && textsBetween <= 1 { return .some(nil) }
        return nil
    }

    /// How far past a title candidate the body is looked for.
    static let bodyWindow = 40
    /// A paragraph of the body: long, or a sentence of some length.
    static let bodyParagraphWords = 20

    /// True when, before the body starts, another title candidate follows this one with page
    /// furniture between them (a menu, a breadcrumb, a ticker): the one nearer the body is the
    /// title, and this one is the site's name or a headline of its ticker. A candidate right
    /// before another (a title and its deck) keeps its place.
    func nearerTitleAhead(of index: Int) -> Bool {
        var furniture = false
        var next = index + 1
        while next < items.count, next <= index + Self.bodyWindow {
            let item = items[next]
            if item.isText {
                if isBodyParagraph(item) { return false }
                if isTitleCandidate(next) {
                    if furniture && item.wordCount <= Self.headlineWords { return true }
                } else {
                    furniture = true
                }
            } else {
                switch item.kind {
                case .leftover, .media, .block: furniture = true
                default: break
                }
            }
            next += 1
        }
        return false
    }

    /// Prose has commas and full stops; a menu that a text browser set on one line has none.
    static func hasSentencePunctuation(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "." || $0 == "،" || $0 == "؛" || $0 == "," || $0 == "؟" }
    }

    /// Longer than any menu a site sets on one line: prose, punctuated or not.
    static let proseWords = 100

    static func isProse(_ item: Item) -> Bool {
        if hasSentencePunctuation(item.text) { return true }
        guard item.wordCount > proseWords else { return false }
        // Unpunctuated and long: prose if it is Arabic text, not a run of share links in Latin.
        let words = item.text.split(separator: " ")
        let arabic = words.filter { word in word.unicodeScalars.first.map { (0x0600...0x06FF).contains($0.value) } ?? false }.count
        return arabic * 2 > words.count
    }

    /// A headline is rarely longer; a longer unpunctuated line after the furniture is a deck or a lead.
    static let headlineWords = 20

    /// True when a body paragraph follows within the window, before any block header.
    func bodyAhead(of index: Int) -> Bool {
        var next = index + 1
        while next < items.count, next <= index + Self.bodyWindow {
            let item = items[next]
            if case .block = item.kind { return false }
            if item.isText, isBodyParagraph(item) { return true }
            next += 1
        }
        return false
    }

    /// A paragraph of the body: long, or a sentence of some length, and no menu.
    func isBodyParagraph(_ item: Item) -> Bool {
        !LineClassifier.isMenuLine(item.text) && Self.isProse(item)
            && (item.wordCount > Self.bodyParagraphWords || (item.wordCount >= 12 && looksLikeSentence(item)))
    }

    /// True when a repeated-title article start comes within the next few lines (so the current line
    /// is page furniture above the title, not the title).
    func titleAhead(of index: Int) -> Bool {
        var next = index + 1
        while next < items.count, next <= index + 6 {
            if items[next].isText, articleStart(at: next) != nil { return true }
            next += 1
        }
        return false
    }

    /// Opens a full article at `index`, reads its header up to the repeated title, and returns where the body starts.
    mutating func openArticle(at index: Int, repeatAt: Int?) -> Int {
        var builder = ArticleBuilder(title: items[index], role: closedFullArticle ? .continuation : .main)
        builder.section = pendingSection
        builder.published = pendingPublished
        pendingSection = nil
        pendingPublished = nil
        mode = .article
        var next = index + 1
        if let repeatAt {
            while next < repeatAt {
                builder.addHeader(items[next])
                next += 1
            }
            next = repeatAt + 1
        } else {
            builder.expectSubtitle = true
        }
        current = builder
        return next
    }

    /// Ends the open (or suspended) article; teasers met inside it follow it.
    mutating func closeArticle() {
        if let builder = current ?? suspended {
            articles.append(builder.build(parser: bylineParser))
            closedFullArticle = true
        }
        current = nil
        suspended = nil
        articles += inlineTeasers + pendingTeasers
        inlineTeasers = []
        pendingTeasers = []
    }

    // MARK: Teasers

    mutating func related(_ item: Item) {
        switch item.kind {
        case .caption(let image, let media):
            if teaser.hasBody || teaser.image != nil { flushTeaser() }
            let (section, caption) = splitSection(image.caption)
            teaser.section = section
            teaser.image = Image(caption: caption, credit: image.credit)
            teaser.media.append(contentsOf: media)
        case .text:
            if teaser.title == nil {
                teaser.title = item
            } else if item.key == teaser.title?.key {
                break
            } else if teaser.summary == nil && (teaser.image != nil || looksLikeSentence(item)) {
                teaser.summary = item.text
            } else {
                flushTeaser()
                teaser.title = item
            }
        case .byline(let found):
            teaser.bylines.append(contentsOf: found)
            flushTeaser()
        case .media(let medium):
            teaser.media.append(medium)
        case .inlineRelated(let title):
            flushTeaser()
            pendingTeasers.append(Article(role: .related, title: title))
        case .date(_, let iso):
            if teaser.published == nil { teaser.published = iso }
        default:
            break
        }
    }

    mutating func flushTeaser() {
        defer { teaser = TeaserBuilder() }
        guard let title = teaser.title else { return }
        // A title seen alone just before its own caption is the same teaser: see `related(_:)`.
        var article = Article(role: .related, title: title.text)
        article.section = teaser.section
        article.summary = teaser.summary
        article.images = teaser.image.map { [$0] } ?? []
        article.bylines = teaser.bylines
        article.media = Array(Set(teaser.media)).sorted()
        article.published = teaser.published
        pendingTeasers.append(article)
        teasersInBlock += 1
    }

    /// "أوروبا جنود أوكرانيون …" → ("أوروبا", "جنود أوكرانيون …"); the longest listed label wins.
    func splitSection(_ caption: String) -> (String?, String) {
        let key = MatchKey(caption)
        let keyWords = key.words
        guard keyWords.count > 1 else { return (nil, caption) }
        for length in stride(from: min(rules.longestSectionWords, keyWords.count - 1), through: 1, by: -1) {
            let label = MatchKey(bytes: Array(key.bytes[keyWords[0].startIndex..<keyWords[length - 1].endIndex]))
            guard rules.sections[label] != nil else { continue }
            // Normalization keeps word boundaries, so the display text splits after as many words.
            let words = caption.utf8.split(separator: 0x20, omittingEmptySubsequences: true)
            guard words.count > length else { return (nil, caption) }
            let labelText = String(caption[words[0].startIndex..<words[length - 1].endIndex])
            let rest = String(caption[words[length].startIndex...])
            return (labelText, rest)
        }
        return (nil, caption)
    }

    /// A teaser summary reads as a sentence; a bare title does not.
    /// A block header inside a body ("اقرأ أيضاً", then one teaser title) followed by a paragraph that
    /// goes on with the story: the block was an inline link, and the body is not over.
    func resumesBody(_ item: Item) -> Bool {
        guard suspended != nil, teasersInBlock == 0, let title = teaser.title, teaser.image == nil, teaser.summary == nil,
              item.isText, item.key != title.key, looksLikeSentence(item) else { return false }
        return Self.continuesStory(item.text)
    }

    /// Words a body paragraph opens with and a teaser's summary does not: a conjunction joined to its
    /// word ("وأضاف", "وقال", "فيما") or a quotation.
    static func continuesStory(_ text: String) -> Bool {
        let first = text.unicodeScalars.prefix { $0 != " " }
        guard let scalar = first.first else { return false }
        if scalar == "«" || scalar == "\"" { return true }
        return (scalar == "و" || scalar == "ف") && first.count >= minimumJoinedWord
            && !nounsWithConjunctionLetter.contains(String(String.UnicodeScalarView(first)))
    }

    /// A conjunction and a word of at least two letters.
    static let minimumJoinedWord = 3
    /// Frequent headline nouns that start with و or ف themselves.
    static let nounsWithConjunctionLetter: Set<String> = ["وزير", "وزارة", "وزراء", "وفد", "وفاة", "وكالة", "وسائل", "ولاية", "فريق", "فلسطين", "فرنسا", "فنزويلا", "في"]

    /// Words in another article's title set in a body with no header: fewer is a crosshead
    /// ("تفاصيل الخطة"), more is a sentence that lost its punctuation.
    static let teaserTitleWords = 6...14

    /// A line of a body that reads as another article's title: a headline's length, not one mark of
    /// sentence punctuation, in a body whose paragraphs are punctuated. Sites link such titles inside
    /// and after the article without any "اقرأ أيضاً".
    func isHeadlineInBody(_ index: Int) -> Bool {
        let item = items[index]
        guard item.isText, case .text = item.kind, Self.teaserTitleWords.contains(item.wordCount),
              !Self.hasSentencePunctuation(item.text), let body = current?.paragraphs, !body.isEmpty,
              item.key != current?.title.key else { return false }
        return body.contains(where: Self.hasSentencePunctuation)
    }

    /// True when the article's body goes on after the title-like line at `index`: two body
    /// paragraphs come before the next such line, or one that continues the story ("وأضاف …").
    func bodyContinues(after index: Int) -> Bool {
        var next = index + 1
        var paragraphs = 0
        while next < items.count {
            let item = items[next]
            if case .block = item.kind { break }
            if item.isText {
                guard isBodyParagraph(item) else { break }
                if paragraphs == 0, Self.continuesStory(item.text) { return true }
                paragraphs += 1
                if paragraphs == 2 { return true }
            }
            next += 1
        }
        return false
    }

    /// Title-like lines with no body after them: a related block without its header. The article
    /// is kept, as for a block with a header, in case its body resumes.
    mutating func startHeaderlessBlock() {
        flushTeaser()
        teasersInBlock = 0
        suspended = current
        current = nil
        mode = .related
    }

    /// Hands the inline teaser to the article it interrupted and goes on with that article's body.
    mutating func resumeAfterInlineTeaser(_ item: Item) {
        if let title = teaser.title { inlineTeasers.append(Article(role: .related, title: title.text)) }
        teaser = TeaserBuilder()
        current = suspended
        suspended = nil
        mode = .article
        current?.add(item, parser: bylineParser)
    }

    func looksLikeSentence(_ item: Item) -> Bool {
        if item.wordCount >= 18 { return true }
        guard let last = item.text.unicodeScalars.last else { return false }
        return last == "." || last == "…" || last == "،"
    }
}

/// A teaser being assembled.
struct TeaserBuilder {
    var title: Item?
    var section: String?
    var image: Image?
    var summary: String?
    var bylines = [Byline]()
    var media = [String]()
    var published: String?

    var hasBody: Bool { title != nil && (summary != nil || !bylines.isEmpty) }
}

/// A full article being assembled.
struct ArticleBuilder {
    let title: Item
    let role: Article.Role
    var subtitle: String?
    var section: String?
    var published: String?
    var paragraphs = [String]()
    var paragraphKeys = Set<MatchKey>()
    var images = [Image]()
    var imageKeys = Set<MatchKey>()
    var bylines = [Byline]()
    var media = [String]()
    /// No repeated title marked the header's end, so a short first line may be the subtitle.
    var expectSubtitle = false
    var lastKey = MatchKey(bytes: [])

    init(title: Item, role: Article.Role) {
        self.title = title
        self.role = role
    }

    /// A line between the title and its repetition.
    mutating func addHeader(_ item: Item) {
        switch item.kind {
        case .text:
            if item.key == title.key { return }
            if subtitle == nil { subtitle = item.text } else { addParagraph(item) }
        default:
            addCommon(item)
        }
    }

    mutating func add(_ item: Item, parser: BylineParser) {
        switch item.kind {
        case .text:
            if item.key == title.key || item.key == lastKey { return }
            if expectSubtitle {
                expectSubtitle = false
                if subtitle == nil, paragraphs.isEmpty, item.wordCount <= 30, !endsSentence(item.text) {
                    subtitle = item.text
                    lastKey = item.key
                    return
                }
            }
            if paragraphs.isEmpty, let dateline = parser.dateline(opening: item.text), !bylines.contains(dateline) {
                bylines.append(dateline)
            }
            addParagraph(item)
        default:
            expectSubtitle = false
            addCommon(item)
        }
    }

    mutating func addCommon(_ item: Item) {
        switch item.kind {
        case .caption(let image, let found):
            let key = MatchKey(image.caption)
            if imageKeys.insert(key).inserted { images.append(image) }
            media.append(contentsOf: found)
        case .byline(let found):
            for byline in found where !bylines.contains(byline) { bylines.append(byline) }
        case .date(.published, let iso):
            if published == nil { published = iso }
        case .media(let medium):
            media.append(medium)
        default:
            break
        }
        lastKey = item.key
    }

    mutating func addByline(_ byline: Byline) {
        if !bylines.contains(byline) { bylines.append(byline) }
    }

    mutating func addParagraph(_ item: Item) {
        lastKey = item.key
        // A line doubled anywhere in the body (a pull quote, a copy artefact) is kept once.
        guard paragraphKeys.insert(item.key).inserted else { return }
        paragraphs.append(item.text)
    }

    func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return last == "." || last == "…" || last == ":" || last == "؟" || last == "!" || last == "»"
    }

    func build(parser: BylineParser) -> Article {
        var article = Article(role: role, title: title.text)
        article.subtitle = subtitle
        article.section = section
        article.paragraphs = paragraphs
        article.images = images
        article.bylines = bylines
        article.media = Array(Set(media)).sorted()
        article.published = published
        return article
    }
}
