public import ArabicText

/// A passage of an article's display text with the query's matches marked.
///
/// Matches are found by running the display text through the same ``AnalysisChain`` as the index and
/// comparing terms, so the highlights fall on the words as written (with their harakat, clitics and
/// suffixes), never on normalized text.
public struct Snippet: Sendable, Hashable, Codable {
    /// The passage as written, with `…` where it was cut.
    public var text: String
    /// Highlighted spans, as offsets in Unicode scalars (code points) into ``text``.
    public var highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    enum CodingKeys: String, CodingKey { case text, highlights }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        highlights = try c.decode([[Int]].self, forKey: .highlights).compactMap { $0.count == 2 && $0[0] <= $0[1] ? $0[0]..<$0[1] : nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(highlights.map { [$0.lowerBound, $0.upperBound] }, forKey: .highlights)
    }

    /// The snippet with each highlight wrapped, for terminals and tests: `open` before, `close` after.
    public func marked(open: String = "[", close: String = "]") -> String {
        let opens = Set(highlights.filter { !$0.isEmpty }.map(\.lowerBound))
        let closes = Set(highlights.filter { !$0.isEmpty }.map(\.upperBound))
        var out = ""
        var index = 0
        for scalar in text.unicodeScalars {
            if closes.contains(index) { out += close }
            if opens.contains(index) { out += open }
            out.unicodeScalars.append(scalar)
            index += 1
        }
        if closes.contains(index) { out += close }
        return out
    }
}

/// Picks and marks snippets for a query.
///
/// ```swift
/// let snippeter = Snippeter(query: SearchQuery("مفاوضات"))
/// snippeter.snippet(of: article.paragraphs).marked()  // "… استؤنفت [المفاوضاتُ] أمس …"
/// ```
public struct Snippeter: Sendable {
    public var chain: AnalysisChain
    /// Longest snippet, in Unicode scalars.
    public var length: Int
    let terms: [[UInt8]]
    let prefixes: [[UInt8]]

    public init(query: SearchQuery, chain: AnalysisChain = .index, length: Int = 220) {
        self.chain = chain
        self.length = length
        terms = query.highlightTerms.sorted().map { Array($0.utf8) }
        prefixes = query.highlightPrefixes.map { Array($0.utf8) }
    }

    func matches(_ term: UnsafeBufferPointer<UInt8>) -> Bool {
        for t in terms where t.count == term.count && t.elementsEqual(term) { return true }
        for p in prefixes where p.count <= term.count && p.elementsEqual(term.prefix(p.count)) { return true }
        return false
    }

    /// Byte ranges of the matching words in `text`, and which query term each matched (for variety).
    func matchRanges(in text: String) -> [(range: Range<Int>, key: Int)] {
        var found = [(range: Range<Int>, key: Int)]()
        var text = text
        text.withUTF8 { bytes in
            chain.forEachTerm(in: bytes) { term, _, _, range in
                if matches(term) { found.append((range, term.reduce(5381) { ($0 &* 33) &+ Int($1) })) }
            }
        }
        return found
    }

    /// Highlights of the query's matches over a whole text (a title, say), in scalar offsets.
    public func highlights(in text: String) -> [Range<Int>] {
        let ranges = matchRanges(in: text).map(\.range)
        return Self.scalarRanges(ranges, in: Array(text.utf8), from: 0)
    }

    /// The best passage of the paragraphs: the paragraph with the most distinct matched terms, cut to
    /// ``length`` around its densest run of matches. With no match, the opening of the text.
    public func snippet(of paragraphs: [String]) -> Snippet {
        var best: (paragraph: Int, matches: [(range: Range<Int>, key: Int)], distinct: Int)?
        for (index, paragraph) in paragraphs.enumerated() {
            let found = matchRanges(in: paragraph)
            guard !found.isEmpty else { continue }
            let distinct = Set(found.map(\.key)).count
            if best == nil || distinct > best!.distinct || (distinct == best!.distinct && found.count > best!.matches.count) {
                best = (index, found, distinct)
            }
        }
        guard let best else {
            let first = paragraphs.first { !$0.isEmpty } ?? ""
            return cut(Array(first.utf8), around: [])
        }
        return cut(Array(paragraphs[best.paragraph].utf8), around: best.matches.map(\.range))
    }

    /// Cuts a window of about ``length`` scalars that holds as many matches as fit, on word boundaries.
    func cut(_ bytes: [UInt8], around matches: [Range<Int>]) -> Snippet {
        // Arabic letters take two bytes each: the window is measured in bytes, then checked in scalars.
        let window = length * 2
        var start = 0
        if let first = matches.first, bytes.count > window {
            var bestStart = first.lowerBound, bestCount = 0
            var j = 0
            for i in matches.indices {
                while j < matches.count, matches[j].upperBound - matches[i].lowerBound <= window { j += 1 }
                if j - i > bestCount { bestCount = j - i; bestStart = matches[i].lowerBound }
            }
            // A little context before the first match.
            start = max(0, min(bestStart - window / 6, bytes.count - window))
        }
        var end = min(bytes.count, start + window)
        // Move to word boundaries, and never into the middle of a UTF-8 sequence.
        if start > 0 {
            while start < end, bytes[start] != 0x20 { start += 1 }
            while start < end, bytes[start] == 0x20 { start += 1 }
        }
        if end < bytes.count {
            var e = end
            while e > start, bytes[e - 1] != 0x20 { e -= 1 }
            if e > start { end = e } else { while end > start, (bytes[end] & 0xC0) == 0x80 { end -= 1 } }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        }
        let prefix = start > 0 ? "… " : ""
        let suffix = end < bytes.count ? " …" : ""
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        let inside = matches.filter { $0.lowerBound >= start && $0.upperBound <= end }
        let offset = prefix.unicodeScalars.count
        let spans = Self.scalarRanges(inside, in: bytes, from: start).map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        return Snippet(text: prefix + body + suffix, highlights: spans)
    }

    /// Converts sorted byte ranges into scalar offsets counted from `base`.
    static func scalarRanges(_ ranges: [Range<Int>], in bytes: [UInt8], from base: Int) -> [Range<Int>] {
        var result = [Range<Int>]()
        var scalars = 0
        var position = base
        func advance(to target: Int) {
            while position < target, position < bytes.count {
                if (bytes[position] & 0xC0) != 0x80 { scalars += 1 }
                position += 1
            }
        }
        for range in ranges where range.lowerBound >= base {
            advance(to: range.lowerBound)
            let lower = scalars
            advance(to: range.upperBound)
            if let last = result.last, last.upperBound > lower { continue }
            result.append(lower..<scalars)
        }
        return result
    }
}
