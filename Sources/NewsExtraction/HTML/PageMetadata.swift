import ArabicText
import CLibXML2
import Foundation
import NewsModel

/// Title, subtitle, section, date, URL, bylines and images of a page, each from the most trusted
/// source that has it.
///
/// | field | sources, most trusted first |
/// |---|---|
/// | title | JSON-LD `headline`, `og:title`, `twitter:title`, the `<h1>` near the content, `<title>` (site name stripped) |
/// | subtitle | JSON-LD `alternativeHeadline`, an element near the article with a subtitle class (`subtitle`, `standfirst`, `excerpt`, `lead`, …) |
/// | summary | the page description, unless it only repeats the start of the body or the subtitle |
/// | section | `article:section`, JSON-LD `articleSection`, the last breadcrumb before the title, `itemprop=articleSection` |
/// | published | JSON-LD `datePublished`, `article:published_time`, `itemprop=datePublished`, other date metas, `<time datetime>` |
/// | url | `<link rel=canonical>`, `og:url`, the URL given |
/// | bylines | JSON-LD `author` (an Organization is an outlet), `meta name=author`, `rel=author`, byline/author classes |
/// | images | figures in the content; else `og:image:alt` |
struct PageMetadata {
    var title = ""
    /// The title came from `<title>` alone, the least trusted source.
    private(set) var titleFromDocumentTitle = false
    var subtitle: String?
    var subtitleIndex: Int?
    var summary: String?
    var section: String?
    var published: String?
    var url: String?
    var bylines: [Byline] = []
    var images: [Image] = []
    var media: [String] = []

    private let analysis: PageAnalysis
    private let linkedData: LinkedData
    private let rules: ExtractionRules
    private let metas: [String: String]
    private let scope: Int?
    private var description: String?
    /// A byline line taken out of the body; the description may still start with it.
    private var openingLine: String?

    init(analysis: PageAnalysis, linkedData: LinkedData, rules: ExtractionRules, url pageURL: String?, top: Int?) {
        self.analysis = analysis
        self.linkedData = linkedData
        self.rules = rules
        var metas = [String: String]()
        for (key, value) in analysis.findings.metas where metas[key] == nil { metas[key] = value }
        self.metas = metas
        let h1 = Self.bestH1(analysis, top: top)
        scope = Self.articleScope(analysis, top: top, h1: h1)

        title = ""
        title = resolveTitle(h1: h1)
        (subtitle, subtitleIndex) = resolveSubtitle()
        section = resolveSection()
        published = resolvePublished() ?? visibleDate(after: h1 ?? top)
        url = resolveURL(pageURL)
        bylines = resolveBylines()
        description = linkedData.description ?? metas["og:description"] ?? metas["description"] ?? metas["twitter:description"]
        if metas["og:type"].map({ $0.hasPrefix("video") }) ?? false || analysis.findings.hasVideoMeta || linkedData.isVideo {
            media = ["video"]
        }
    }

    /// Fills what depends on the extracted content: images, media, summary.
    mutating func complete(with content: ContentExtractor.Output, roots: [Int]) {
        images = figures(roots: roots)
        if images.isEmpty, let alt = metas["og:image:alt"], TextScan.letters(alt) >= 5,
           Self.looseKey(alt) != Self.looseKey(title), !rules.isLeftover(alt) {
            images = [CaptionParser(rules: rules).image(from: alt)]
        }
        if content.hasVideo, !media.contains("video") { media.append("video") }
        if let description, !description.isEmpty, !Self.isCut(description) {
            var key = ExtractionRules.key(description)
            while let last = key.unicodeScalars.last, last == "." || last == "…" || last == " " { key.unicodeScalars.removeLast() }
            let opening = ([openingLine].compactMap { $0 } + content.paragraphs.prefix(3)).joined(separator: " ")
            let body = ExtractionRules.key(opening)
            // A dateline may come first ("دمشق، سوريا (CNN) -- أكدت …"): look near the start, not at it.
            let repeatsBody = !key.isEmpty && body.prefix(400).contains(String(key.prefix(80)))
            let repeatsSubtitle = subtitle.map { ExtractionRules.key($0) == key } ?? false
            let repeatsTitle = ExtractionRules.key(title) == key
            if !repeatsBody && !repeatsSubtitle && !repeatsTitle && TextScan.letters(description) >= 20 { summary = description }
        }
    }

    /// Captioned figures inside the content or near it (in the article scope), in page order.
    private func figures(roots: [Int]) -> [Image] {
        let extractor = ContentExtractor(rules: rules, analysis: analysis)
        let broadScope = scope.map { analysis.elements[$0].tag == .body || analysis.elements[$0].tag == .html } ?? true
        var images = [Image]()
        // Sets, not array searches: a page with thousands of figures (or of content roots) was quadratic.
        var seen = Set<Image>()
        let rootSet = Set(roots)
        for index in analysis.findings.captions {
            let i = Int(index)
            let e = analysis.elements[i]
            guard !e.flags.contains(.excluded), e.tag == .figure || e.tag == .figcaption || e.rawLetters <= 400 else { continue }
            // In a root: the element or one of its ancestors is one.
            var inRoots = false
            var current: Int? = i
            while let c = current, !inRoots {
                inRoots = rootSet.contains(c)
                current = analysis.parentIndex(c)
            }
            guard inRoots || (!broadScope && inScope(i)) else { continue }
            if let image = extractor.caption(of: e.node, figure: e.tag == .figure), seen.insert(image).inserted {
                images.append(image)
            }
        }
        return images
    }

    /// A description that a site cut to length ("…", "..."): the start of some text, not a summary.
    static func isCut(_ text: String) -> Bool {
        let trimmed = text.trimmingASCIISpaces()
        return trimmed.hasSuffix("…") || trimmed.hasSuffix("...")
    }

    /// Letters and digits of the match key only: "«شعر وردي»… لغز" and "شعر وردي… لغز" meet.
    static func looseKey(_ text: String) -> String {
        String(String.UnicodeScalarView(ExtractionRules.key(text).unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " "
        })).split(separator: " ").joined(separator: " ")
    }

    // MARK: - Title

    private mutating func resolveTitle(h1: Int?) -> String {
        let sites = [metas["og:site_name"], linkedData.publisher, metas["application-name"], metas["twitter:site"]]
            .compactMap { $0 }.filter { !$0.isEmpty }
        let h1Text = h1.map { TextScan.text(of: analysis.elements[$0].node, limit: 1000) } ?? ""
        let sources = [linkedData.headline, metas["og:title"], metas["twitter:title"], h1Text, analysis.findings.title]
            .compactMap { $0 }.filter { !$0.isEmpty }
        // Each source read against the others: whichever one is chosen, the site part goes.
        func cleaned(_ title: String) -> String {
            TitleParts.clean(Self.stripSite(title, sites: sites, guess: false), others: sources, sites: sites)
        }
        if let headline = linkedData.headline { return cleaned(headline) }
        for key in ["og:title", "twitter:title"] {
            if let value = metas[key], !value.isEmpty { return cleaned(value) }
        }
        if !h1Text.isEmpty { return cleaned(h1Text) }
        if let raw = analysis.findings.title, !raw.isEmpty {
            titleFromDocumentTitle = true
            return TitleParts.clean(Self.stripSite(raw, sites: sites, guess: true), others: sources, sites: sites)
        }
        if let index = analysis.findings.itempropHeadline {
            let text = TextScan.text(of: analysis.elements[Int(index)].node, limit: 1000)
            if !text.isEmpty { return text }
        }
        return ""
    }

    static let separators = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " ‹ ", " › ", " / ", " ـ "]

    /// Removes a site name that ends or starts the title; with `guess`, also a short last part after a
    /// separator (" | الموقع", " - اسم الجريدة").
    static func stripSite(_ title: String, sites: [String], guess: Bool) -> String {
        let bytes = Array(title.utf8)
        let titleKey = ExtractionRules.key(title)
        let siteKeys = sites.map { ExtractionRules.key($0) }.filter { !$0.isEmpty && $0 != titleKey }
        if !siteKeys.isEmpty {
            for separator in separators {
                let sep = Array(separator.utf8)
                if let at = lastIndex(of: sep, in: bytes), siteKeys.contains(ExtractionRules.key(string(bytes[(at + sep.count)...]))) {
                    return string(bytes[..<at]).trimmingASCIISpaces()
                }
                if let at = firstIndex(of: sep, in: bytes), siteKeys.contains(ExtractionRules.key(string(bytes[..<at]))) {
                    return string(bytes[(at + sep.count)...]).trimmingASCIISpaces()
                }
            }
        }
        guard guess else { return title }
        let bar = Array(" | ".utf8)
        if firstIndex(of: bar, in: bytes) != nil {
            var parts = [String]()
            var start = 0
            while let at = firstIndex(of: bar, in: bytes, from: start) {
                parts.append(string(bytes[start..<at]).trimmingASCIISpaces())
                start = at + bar.count
            }
            parts.append(string(bytes[start...]).trimmingASCIISpaces())
            return parts.max { TextScan.letters($0) < TextScan.letters($1) } ?? title
        }
        for separator in separators {
            let sep = Array(separator.utf8)
            guard let at = lastIndex(of: sep, in: bytes) else { continue }
            let head = string(bytes[..<at]).trimmingASCIISpaces()
            let tail = string(bytes[(at + sep.count)...])
            if tail.split(separator: " ").count <= 3 && TextScan.letters(head) > 2 * TextScan.letters(tail) { return head }
        }
        return title
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        for i in from...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in stride(from: haystack.count - needle.count, through: 0, by: -1) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// The h1 inside the content, else the first h1 outside excluded boxes, else the first.
    private static func bestH1(_ analysis: PageAnalysis, top: Int?) -> Int? {
        let h1s = analysis.findings.h1.map(Int.init)
        guard !h1s.isEmpty else { return nil }
        func hasText(_ i: Int) -> Bool { TextScan.letters(TextScan.text(of: analysis.elements[i].node, limit: 400)) >= 3 }
        if let top {
            if let inside = h1s.first(where: { analysis.isAncestor(top, of: $0) && hasText($0) }) { return inside }
            // Nearest h1 by ancestry: the one sharing the deepest ancestor with the content.
            var best: (index: Int, depth: Int)? = nil
            for h in h1s where hasText(h) {
                let depth = commonDepth(analysis, h, top)
                if best == nil || depth > best!.depth { best = (h, depth) }
            }
            if let best { return best.index }
        }
        return h1s.first(where: { !isBoxedOut(analysis, $0) && hasText($0) }) ?? h1s.first(where: hasText)
    }

    private static func isBoxedOut(_ analysis: PageAnalysis, _ i: Int) -> Bool {
        var current: Int? = i
        while let c = current {
            let e = analysis.elements[c]
            if e.flags.contains(.blockOut) || e.hints.contains(.strongNegative) || e.tag == .nav || e.tag == .aside || e.tag == .footer { return true }
            current = analysis.parentIndex(c)
        }
        return false
    }

    private static func ancestors(_ analysis: PageAnalysis, _ i: Int) -> [Int] {
        var chain = [i]
        var current = analysis.parentIndex(i)
        while let c = current { chain.append(c); current = analysis.parentIndex(c) }
        return chain.reversed()
    }

    private static func commonDepth(_ analysis: PageAnalysis, _ a: Int, _ b: Int) -> Int {
        let x = ancestors(analysis, a), y = ancestors(analysis, b)
        var depth = 0
        while depth < x.count, depth < y.count, x[depth] == y[depth] { depth += 1 }
        return depth
    }

    /// The element that holds the article with its header: the lowest common ancestor of the content
    /// and its h1, or the content's parent.
    private static func articleScope(_ analysis: PageAnalysis, top: Int?, h1: Int?) -> Int? {
        guard let top else { return h1.flatMap { analysis.parentIndex($0) } }
        guard let h1 else { return analysis.parentIndex(top) ?? top }
        let x = ancestors(analysis, top), y = ancestors(analysis, h1)
        var depth = 0
        while depth < x.count, depth < y.count, x[depth] == y[depth] { depth += 1 }
        return depth > 0 ? x[depth - 1] : nil
    }

    private func inScope(_ i: Int) -> Bool {
        guard let scope else { return true }
        return i == scope || analysis.isAncestor(scope, of: i)
    }

    // MARK: - Subtitle

    private func resolveSubtitle() -> (String?, Int?) {
        let titleKey = ExtractionRules.key(title)
        if let alternative = linkedData.alternativeHeadline, ExtractionRules.key(alternative) != titleKey {
            // Still skip the element that repeats it in the page.
            return (alternative, subtitleElement(matching: ExtractionRules.key(alternative))?.1)
        }
        if let (text, index) = subtitleElement(matching: nil) { return (text, index) }
        return (nil, nil)
    }

    private func subtitleElement(matching key: String?) -> (String, Int)? {
        let titleKey = ExtractionRules.key(title)
        for candidate in analysis.findings.subtitles {
            let i = Int(candidate)
            let e = analysis.elements[i]
            guard e.tag != .meta, inScope(i), !Self.isBoxedOut(analysis, i), !Self.sitsAmongParagraphs(e.node) else { continue }
            let text = Self.trimmingBullets(TextScan.text(of: e.node, limit: 3000))
            let letters = TextScan.letters(text)
            guard letters >= 15, letters <= 600 else { continue }
            let textKey = ExtractionRules.key(text)
            guard textKey != titleKey else { continue }
            if let key, textKey != key { continue }
            return (text, i)
        }
        return nil
    }

    /// Body paragraphs beside an element that make it a lead, the body's first paragraph, rather
    /// than a deck set apart from the body (which sits beside the headline, a date, a byline).
    static let leadSiblingParagraphs = 2
    /// Letters that make a sibling a body paragraph rather than a date or a caption.
    static let bodyParagraphLetters = 40

    /// True for an element whose parent holds body paragraphs besides it: a lead marked `lead`,
    /// `intro` or `summary` inside the body.
    static func sitsAmongParagraphs(_ node: XMLNode) -> Bool {
        guard let parent = node.pointee.parent else { return false }
        var paragraphs = 0
        var child = parent.pointee.children
        while let current = child, paragraphs < leadSiblingParagraphs {
            if current != node, Node.isElement(current), HTMLTag(name: current.pointee.name) == .p,
               TextScan.letters(TextScan.text(of: current, limit: 400)) >= bodyParagraphLetters {
                paragraphs += 1
            }
            child = current.pointee.next
        }
        return paragraphs >= leadSiblingParagraphs
    }

    /// Drops dashes, bullets and asterisks that open a line ("- الجيل الذي…", "* سؤال").
    static func trimmingBullets(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, "-–—*•·".unicodeScalars.contains(first) || first == " " { scalars.removeFirst() }
        return String(scalars)
    }

    // MARK: - Section

    private func resolveSection() -> String? {
        if let value = metas["article:section"], !value.isEmpty { return value }
        if let value = linkedData.section { return value }
        if let crumb = lastCrumb(linkedData.breadcrumbs) { return crumb }
        for index in analysis.findings.breadcrumbs {
            var items = [String]()
            Node.walk(analysis.elements[Int(index)].node) { node in
                guard Node.isElement(node) else { return false }
                if HTMLTag(name: node.pointee.name) == .a {
                    items.append(TextScan.text(of: node, limit: 300))
                    return false
                }
                return true
            }
            if let crumb = lastCrumb(items) { return crumb }
        }
        for index in analysis.findings.itempropSection {
            let text = TextScan.text(of: analysis.elements[Int(index)].node, limit: 300)
            if !text.isEmpty, TextScan.letters(text) <= 40 { return text }
        }
        // A section label near the headline ("article__section", "kicker"): short, and not a leftover.
        for index in analysis.findings.sectionLabels where inScope(Int(index)) && !Self.isBoxedOut(analysis, Int(index)) {
            let raw = TextScan.rawText(of: analysis.elements[Int(index)].node, limit: 200)
            guard raw.count < 120 else { continue }
            let text = TextScan.display(raw)
            let letters = TextScan.letters(text)
            if letters >= 2, letters <= 25, text.split(separator: " ").count <= 3, !rules.isLeftover(text),
               rules.blockKind(ofHeader: text) == nil {
                return text
            }
        }
        return nil
    }

    /// The last breadcrumb that is a section: not "home", not the title itself, short.
    private func lastCrumb(_ items: [String]) -> String? {
        let titleKey = ExtractionRules.key(title)
        let crumbs = items.filter { item in
            let letters = TextScan.letters(item)
            return letters > 0 && letters <= 40 && item.split(separator: " ").count <= 4 && !rules.isLeftover(item) && ExtractionRules.key(item) != titleKey
                && !["home", "الصفحه الرييسيه", "رييسيه"].contains(ExtractionRules.key(item))
        }
        return crumbs.last
    }

    // MARK: - Date and URL

    private func resolvePublished() -> String? {
        var candidates = [linkedData.datePublished, metas["article:published_time"], analysis.findings.itempropDate]
        for key in ["og:published_time", "article:published", "datepublished", "pubdate", "publishdate", "publish-date",
                    "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
                    "sailthru.date", "parsely-pub-date", "article.published", "release_date", "dc:date", "dc:created",
                    "dcterms:created", "dcterms:issued", "schema:datepublished"] {
            candidates.append(metas[key])
        }
        let times = analysis.findings.times
        if let inScope = times.first(where: { inScope(Int($0.index)) }) { candidates.append(inScope.value) }
        candidates.append(times.first?.value)
        for candidate in candidates {
            if let candidate, let iso = Timestamp.iso(candidate) { return iso }
        }
        // Dates printed as Arabic text in a date element: "الأحد 1 فبراير 2026", "نشر في: …".
        for index in analysis.findings.dateTexts {
            let text = TextScan.text(of: analysis.elements[Int(index)].node, limit: 300)
            if let iso = DateLine.findDate(in: text) { return iso }
        }
        return nil
    }

    /// Elements read after the headline for a printed date: the header's date sits within a few
    /// elements of it, and a sidebar's "today" date before it is never read.
    static let visibleDateWindow = 40
    /// A date element's text, at most: a date line with a weekday, two calendars and a time.
    static let visibleDateCharacters = 120

    /// The date the page prints under its headline when the metadata has none: "نشر في 24 أبريل
    /// 2020", "2020/04/24 10:15", "الجمعة 1 رمضان 1441 هـ - 24 أبريل 2020 م". The element's whole
    /// text must be a date line (``DateLine/parse(line:)``); an update line is not a publication.
    private func visibleDate(after start: Int?) -> String? {
        guard let start else { return nil }
        let end = min(analysis.elements.count, start + 1 + Self.visibleDateWindow)
        for index in (start + 1)..<max(start + 1, end) {
            let element = analysis.elements[index]
            guard !element.flags.contains(.dropped), !element.flags.contains(.inLink) else { continue }
            let text = TextScan.text(of: element.node, limit: Self.visibleDateCharacters + 1)
            guard text.utf8.count >= 8, text.count <= Self.visibleDateCharacters else { continue }
            if let (kind, iso) = DateLine.parse(line: text), kind == .published { return iso }
        }
        return nil
    }

    private func resolveURL(_ pageURL: String?) -> String? {
        for candidate in [analysis.findings.canonical, metas["og:url"], linkedData.url] {
            guard let candidate = candidate?.trimmingASCIISpaces(), !candidate.isEmpty else { continue }
            if let absolute = Self.absolute(candidate, base: pageURL) { return absolute }
        }
        return pageURL
    }

    static func absolute(_ href: String, base: String?) -> String? {
        let href = href.trimmingASCIISpaces()
        guard !href.isEmpty, !href.hasPrefix("javascript:"), !href.hasPrefix("mailto:"), !href.hasPrefix("#") else { return nil }
        if href.hasPrefix("http://") || href.hasPrefix("https://") { return href }
        guard let base, let baseURL = URL(string: base) else { return href }
        return URL(string: href, relativeTo: baseURL)?.absoluteString ?? href
    }

    // MARK: - Bylines

    private func resolveBylines() -> [Byline] {
        var result = [Byline]()
        var resultKeys = Set<String>()
        // A byline naming the site itself is the outlet ("LBCI" on a page whose Twitter site is @LBCI).
        let siteKeys = Set([metas["og:site_name"], metas["twitter:site"], metas["application-name"], linkedData.publisher]
            .compactMap { $0 }.map { ExtractionRules.key($0.hasPrefix("@") ? String($0.dropFirst()) : $0) })
        func add(_ raw: String, organization: Bool) {
            guard let name = Self.cleanByline(raw) else { return }
            let key = ExtractionRules.key(name)
            guard resultKeys.insert(key).inserted else { return }
            let outlet = organization || rules.outlets.contains(MatchKey(bytes: Array(key.utf8))) || siteKeys.contains(key)
                || (name.hasPrefix("«") && name.hasSuffix("»"))
            result.append(Byline(name: name, kind: outlet ? .outlet : .author))
        }
        for author in linkedData.authors { add(author.name, organization: author.isOrganization) }
        if !result.isEmpty { return result }
        for key in ["author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"] {
            if let value = metas[key], !value.hasPrefix("http") { add(value, organization: false) }
        }
        if !result.isEmpty { return result }
        let candidates = analysis.findings.authors.map(Int.init)
        for i in candidates.filter(inScope) + candidates.filter({ !inScope($0) }) where result.count < 3 {
            guard !Self.isBoxedOut(analysis, i) else { continue }
            let node = analysis.elements[i].node
            let raw = TextScan.rawText(of: node, limit: 400)
            // A byline is a line, not a box: an <article class="author-x"> is no byline.
            guard raw.count < 300 else { continue }
            let text = TextScan.display(raw)
            if !text.isEmpty { add(text, organization: false) }
            if !result.isEmpty && !inScope(i) { break }
        }
        return result
    }

    /// On pages without an h1 or metadata (old table layouts), the headline is often the first line of
    /// the body, in bold, and `<title>` holds it with the site's name: "جريدة الأيام - زيارة الوزير".
    /// A short opening line (no final full stop) that contains a part of `<title>` becomes the title.
    mutating func adoptHeadline(from paragraphs: inout [String]) {
        guard titleFromDocumentTitle, let raw = analysis.findings.title else { return }
        var parts = [raw]
        for separator in Self.separators { parts += raw.components(separatedBy: separator) }
        let keys = parts.map { ExtractionRules.key($0) }.filter { $0.split(separator: " ").count >= 3 }
        for (k, line) in paragraphs.prefix(2).enumerated() {
            let words = line.split(separator: " ").count
            guard words >= 3, words <= 25, !line.hasSuffix(".") else { continue }
            let key = ExtractionRules.key(line)
            if keys.contains(where: { key.contains($0) || $0.contains(key) }) {
                title = line
                paragraphs.remove(at: k)
                return
            }
        }
    }

    /// Takes a byline line that opens the body ("حوار: آسيا العتروس", "بقلم: كريم منصور") out of the
    /// paragraphs; it becomes the byline when the page gave none.
    mutating func takeBylineLine(from paragraphs: inout [String]) {
        guard let first = paragraphs.first, first.split(separator: " ").count <= 8,
              let colon = first.firstIndex(of: ":") else { return }
        let prefix = first[..<colon].trimmingCharacters(in: .whitespaces)
        guard Self.bylinePrefixes.contains(prefix), let name = Self.cleanByline(first) else { return }
        openingLine = paragraphs.removeFirst()
        if bylines.isEmpty {
            let key = ExtractionRules.key(name)
            bylines = [Byline(name: name, kind: rules.outlets.contains(MatchKey(bytes: Array(key.utf8))) ? .outlet : .author)]
        }
    }

    /// Words in a date line, at most: "الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)".
    static let dateLineWords = 16

    /// A date line that opens the body (the page's time stamp, read with the article's text) is a
    /// date, not a paragraph; it gives `published` when the metadata had none.
    mutating func takeDateLine(from paragraphs: inout [String]) {
        guard let first = paragraphs.first, first.split(separator: " ").count <= Self.dateLineWords,
              let last = first.unicodeScalars.last, last != "." else { return }
        if let iso = DateLine.findDate(in: first) {
            paragraphs.removeFirst()
            if published == nil { published = iso }
        } else if DateLine.isDateOnly(line: first) {
            paragraphs.removeFirst()
        }
    }

    /// Words that introduce a byline, in display form.
    static let bylinePrefixes = ["بقلم", "كتب", "كتبت", "كتبه", "إعداد", "اعداد", "بواسطة", "تقرير", "حوار", "متابعة", "الكاتب", "By", "by", "Author", "author"]

    /// A name from a byline text, or nil when it does not look like one.
    static func cleanByline(_ raw: String) -> String? {
        var text = TextScan.clean(raw)
        // "محمد علي | 12 يناير 2026": keep the part without digits.
        for separator in [" | ", " - ", " – ", "|"] where text.contains(separator) {
            if let part = text.components(separatedBy: separator).first(where: { part in
                TextScan.letters(part) >= 3 && !part.unicodeScalars.contains { ("0"..."9").contains($0) || ("٠"..."٩").contains($0) }
            }) { text = part.trimmingASCIISpaces() }
        }
        for prefix in bylinePrefixes where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            if let first = rest.unicodeScalars.first, first == " " || first == ":" {
                text = String(rest).trimmingASCIISpaces()
                while text.hasPrefix(":") { text = String(text.dropFirst()).trimmingASCIISpaces() }
                break
            }
        }
        while let last = text.unicodeScalars.last, last == ":" || last == "-" || last == "|" || last == "،" || last == "," {
            text.unicodeScalars.removeLast()
            text = text.trimmingASCIISpaces()
        }
        let letters = TextScan.letters(text)
        guard letters >= 3, letters <= 60, text.split(separator: " ").count <= 7 else { return nil }
        return text
    }
}
