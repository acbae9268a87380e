import StableHash

/// What an element's `class` and `id` say about it: "article-body", "most-read", "comments", ….
///
/// Each space-separated class name is lowercased and cut into tokens at `-`, `_`, `:` and `.`
/// ("article_details_tags" → article, details, tags). Long hints match anywhere in the joined tokens
/// (so `articleBody`, `article-body` and `ArticleBody` all give "articlebody"); short ones (`ad`, `nav`,
/// `tag`, `post`) match whole tokens only, so "header" never matches `ad` and "download" never `ad`.
///
/// Within one class name the hint that ends last decides its polarity: in `article_details_tags` the
/// word is about tags (negative), in `article-body` about the article (positive). A strong negative
/// (`comment`, `related`, `most-read`, `share`, `breadcrumb`, …) wins anywhere in the word. A token
/// after `has`, `no`, `with` or `without` is ignored (`has-sidebar` is a layout, not a sidebar).
struct ClassHints: OptionSet, Hashable {
    let rawValue: UInt32

    static let positive = ClassHints(rawValue: 1 << 0)
    static let strongPositive = ClassHints(rawValue: 1 << 1)
    static let negative = ClassHints(rawValue: 1 << 2)
    static let strongNegative = ClassHints(rawValue: 1 << 3)
    static let related = ClassHints(rawValue: 1 << 4)
    static let breadcrumb = ClassHints(rawValue: 1 << 5)
    static let byline = ClassHints(rawValue: 1 << 6)
    static let subtitle = ClassHints(rawValue: 1 << 7)
    static let caption = ClassHints(rawValue: 1 << 8)
    static let credit = ClassHints(rawValue: 1 << 9)
    static let title = ClassHints(rawValue: 1 << 10)
    static let hidden = ClassHints(rawValue: 1 << 11)
    static let sectionLabel = ClassHints(rawValue: 1 << 12)
    /// An element that prints the date as text ("الأحد 1 فبراير 2026").
    static let dateText = ClassHints(rawValue: 1 << 13)

    static let polarity: ClassHints = [.positive, .strongPositive, .negative, .strongNegative]
}

/// Matches class and id values against the hint vocabulary, with a per-page cache.
///
/// - Complexity: O(length of the attribute) per distinct value, thanks to a first-byte index.
struct ClassHintMatcher {
    /// The hint vocabulary. `=` marks a whole-token hint.
    private static let vocabulary: [(String, ClassHints)] = [
        // Where the article is.
        ("article", .positive), ("content", .positive), ("story", .positive), ("entry", .positive),
        ("=post", .positive), ("=posts", .positive), ("=main", .positive), ("maincontent", .positive),
        ("=news", .positive), ("detail", .positive), ("=blog", .positive),
        ("articlebody", .strongPositive), ("articlecontent", .strongPositive), ("articletext", .strongPositive),
("storybody", .strongPositive), ("storycontent", .strongPositive),
        ("storytext", .strongPositive), ("entrycontent", .strongPositive), ("entrybody", .strongPositive),
        ("postcontent", .strongPositive), ("postbody", .strongPositive), ("posttext", .strongPositive),
        ("newscontent", .strongPositive), ("newsbody", .strongPositive), ("newstext", .strongPositive),
        ("newsdetail", .strongPositive), ("fieldnamebody", .strongPositive), ("fieldbody", .strongPositive),
        ("itembody", .strongPositive), ("textbody", .strongPositive), ("bodytext", .strongPositive),
        // Page furniture.
        ("header", .negative), ("footer", .negative), ("=nav", .negative), ("navbar", .negative),
        ("navigation", .negative), ("menu", .negative), ("sidebar", .negative), ("widget", .negative),
        ("=ad", .negative), ("=ads", .negative), ("=adv", .negative), ("advert", .negative),
        ("adsense", .negative), ("adslot", .negative), ("adunit", .negative), ("adsbygoogle", .negative),
        ("=dfp", .negative), ("=gpt", .negative), ("banner", .negative), ("promo", .negative),
        ("sponsor", .negative), ("popup", .negative), ("modal", .negative), ("weather", .negative),
        ("popular", .negative), ("=tag", .negative), ("=tags", .negative), ("keyword", .negative),
        ("tagcloud", .negative), ("=print", .negative), ("toolbar", .negative), ("=tools", .negative),
        ("rating", .negative), ("pagination", .negative), ("=pager", .negative), ("login", .negative),
        ("subscribe", .negative), ("signup", .negative), ("=search", .negative), ("copyright", .negative),
        ("=logo", .negative), ("=skip", .negative), ("=meta", .negative), ("=date", [.negative, .dateText]), ("pubdate", [.negative, .dateText]), ("=published", [.negative, .dateText]),
        ("timestamp", [.negative, .dateText]), ("=datetime", [.negative, .dateText]), ("=tarikh", [.negative, .dateText]),
        ("=time", [.negative, .dateText]), ("=info", .negative), ("=topbar", .negative), ("masthead", .negative),
        ("ticker", .negative), ("=more", .negative), ("=next", .negative), ("=prev", .negative),
        ("=previous", .negative), ("prevnext", .negative), ("nextprev", .negative), ("prayer", .negative), ("horoscope", .negative),
        ("comment", .strongNegative), ("disqus", .strongNegative), ("=respond", .strongNegative),
        ("=replies", .strongNegative), ("related", [.strongNegative, .related]),
        ("alsoread", [.strongNegative, .related]), ("readalso", [.strongNegative, .related]),
        ("mostread", .strongNegative), ("mostviewed", .strongNegative), ("mostpopular", .strongNegative),
        ("mostcommented", .strongNegative), ("mostshared", .strongNegative), ("trending", .strongNegative),
        ("share", .strongNegative), ("sharing", .strongNegative), ("social", .strongNegative),
        ("breadcrumb", [.strongNegative, .breadcrumb]), ("crumb", [.strongNegative, .breadcrumb]),
        ("=path", [.negative, .breadcrumb]), ("=ariane", [.negative, .breadcrumb]), ("newsletter", .strongNegative),
        ("cookie", .strongNegative), ("outbrain", .strongNegative), ("taboola", .strongNegative),
        // Parts of the article that metadata reads.
        ("byline", [.negative, .byline]), ("author", [.negative, .byline]), ("writer", [.negative, .byline]),
        ("auteur", [.negative, .byline]), ("=katib", [.negative, .byline]),
        ("subtitle", .subtitle), ("subtitel", .subtitle), ("subhead", .subtitle), ("standfirst", .subtitle),
        ("excerpt", .subtitle), ("=lead", .subtitle), ("=intro", .subtitle), ("=deck", .subtitle),
        ("=dek", .subtitle), ("strapline", .subtitle), ("=summary", .subtitle),
        ("caption", .caption), ("credit", .credit), ("photographer", .credit), ("=source", .credit),
        ("title", .title), ("heading", .title), ("=head", .title), ("=hd", .title),
        ("=section", .sectionLabel), ("category", .sectionLabel), ("=cat", .sectionLabel), ("kicker", .sectionLabel),
        ("=rubric", .sectionLabel), ("=channel", .sectionLabel),
    ]

    private static let negators: [[UInt8]] = ["has", "no", "with", "without"].map { Array($0.utf8) }

    /// Whole class names that hide an element.
    private static let hiddenClasses: Set<[UInt8]> = Set([
        "hidden", "hide", "u-hide", "hideme", "sr-only", "visually-hidden", "element-invisible",
        "screen-reader-text", "invisible", "is-hidden", "display-none",
    ].map { Array($0.utf8) })

    /// The vocabulary flattened for the matching loop: pattern bytes back to back, and for each first
    /// byte the patterns that start with it (substring and whole-token patterns apart).
    private struct Table {
        var bytes: [UInt8] = []
        var start: [Int] = []
        var length: [Int] = []
        var hints: [ClassHints] = []
        var substringByFirst = [[Int]](repeating: [], count: 256)
        var exactByFirst = [[Int]](repeating: [], count: 256)
    }

    private static let table: Table = {
        var table = Table()
        for (text, hints) in vocabulary {
            let exact = text.hasPrefix("=")
            let bytes = Array(exact ? text.utf8.dropFirst() : text.utf8[...])
            let index = table.start.count
            table.start.append(table.bytes.count)
            table.length.append(bytes.count)
            table.hints.append(hints)
            table.bytes += bytes
            if exact { table.exactByFirst[Int(bytes[0])].append(index) } else { table.substringByFirst[Int(bytes[0])].append(index) }
        }
        return table
    }()

    private static let displayNone = Array("d-none".utf8)

    private var cache: [UInt64: ClassHints] = [:]
    private var word: [UInt8] = []
    private var squashed: [UInt8] = []
    private var tokens: [(start: Int, end: Int)] = []
    private var ignored: [(start: Int, end: Int)] = []

    init() {
        cache.reserveCapacity(512)
        word.reserveCapacity(64)
        squashed.reserveCapacity(64)
        tokens.reserveCapacity(16)
    }

    /// The hints of a `class` or `id` value.
    mutating func hints(_ value: UnsafePointer<UInt8>?) -> ClassHints {
        guard let value, value.pointee != 0 else { return [] }
        // FNV-1a over the bytes; a collision costs one wrong hint on one element, never a crash.
        var hash = FNV1a64.offsetBasis
        var length = 0
        while value[length] != 0 {
            hash = FNV1a64.step(hash, UInt64(value[length]))
            length += 1
        }
        if let cached = cache[hash] { return cached }
        let result = compute(UnsafeBufferPointer(start: value, count: length))
        cache[hash] = result
        return result
    }

    private mutating func compute(_ value: UnsafeBufferPointer<UInt8>) -> ClassHints {
        var result: ClassHints = []
        var i = 0
        let n = value.count
        while i < n {
            while i < n, isSpace(value[i]) { i += 1 }
            let start = i
            while i < n, !isSpace(value[i]) { i += 1 }
            if i > start { result.formUnion(wordHints(UnsafeBufferPointer(rebasing: value[start..<i]))) }
        }
        return result
    }

    private mutating func wordHints(_ raw: UnsafeBufferPointer<UInt8>) -> ClassHints {
        word.removeAll(keepingCapacity: true)
        for byte in raw { word.append(Node.lower(byte)) }
        if word == Self.displayNone || Self.hiddenClasses.contains(word) { return .hidden }
        // Tokens and the joined form.
        squashed.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        var tokenStart = -1
        for byte in word {
            let isAlnum = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isAlnum {
                if tokenStart < 0 { tokenStart = squashed.count }
                squashed.append(byte)
            } else if tokenStart >= 0 {
                tokens.append((tokenStart, squashed.count))
                tokenStart = -1
            }
        }
        if tokenStart >= 0 { tokens.append((tokenStart, squashed.count)) }
        guard !tokens.isEmpty else { return [] }

        // The span of a token that follows a negator is ignored.
        ignored.removeAll(keepingCapacity: true)
        let negators = Self.negators
        for k in 0..<(tokens.count - 1) {
            let token = tokens[k]
            let bytes = squashed[token.start..<token.end]
            if negators.contains(where: { $0.elementsEqual(bytes) }) { ignored.append(tokens[k + 1]) }
        }

        let table = Self.table
        var found: ClassHints = []
        var lastPositive = -1, lastNegative = -1, lastStrongPositive = -1
        func isIgnored(_ start: Int) -> Bool {
            for span in ignored where start >= span.start && start < span.end { return true }
            return false
        }
        func record(_ hints: ClassHints, end: Int) {
            found.formUnion(hints.subtracting(.polarity))
            if hints.contains(.strongNegative) { found.insert(.strongNegative) }
            if hints.contains(.negative) || hints.contains(.strongNegative) { lastNegative = max(lastNegative, end) }
            if hints.contains(.positive) { lastPositive = max(lastPositive, end) }
            if hints.contains(.strongPositive) { lastPositive = max(lastPositive, end); lastStrongPositive = max(lastStrongPositive, end) }
        }
        squashed.withUnsafeBufferPointer { s in
            table.bytes.withUnsafeBufferPointer { b in
                let n = s.count
                for start in 0..<n {
                    for p in table.substringByFirst[Int(s[start])] {
                        let count = table.length[p], from = table.start[p]
                        guard start + count <= n else { continue }
                        var k = 1
                        while k < count, s[start + k] == b[from + k] { k += 1 }
                        if k == count, !isIgnored(start) { record(table.hints[p], end: start + count) }
                    }
                }
                for token in tokens {
                    let length = token.end - token.start
                    for p in table.exactByFirst[Int(s[token.start])] where table.length[p] == length {
                        let from = table.start[p]
                        var k = 1
                        while k < length, s[token.start + k] == b[from + k] { k += 1 }
                        if k == length, !isIgnored(token.start) { record(table.hints[p], end: token.end) }
                    }
                }
            }
        }
        if found.contains(.strongNegative) {
            found.insert(.negative)
        } else if lastNegative >= 0 && lastNegative >= lastPositive {
            found.insert(.negative)
        } else if lastPositive >= 0 {
            found.insert(.positive)
            if lastStrongPositive > lastNegative { found.insert(.strongPositive) }
        }
        return found
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
}
