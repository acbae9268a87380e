import ArabicText
public import NewsModel

/// The one entry point: bytes in, a `Page` with its articles out.
///
/// Gzip is inflated, the encoding detected and decoded, the format sniffed (unless given), the right
/// reader run, and then every article gets its stable id and, when the page holds it twice (a teaser
/// and its full article, a copy), a `duplicateOf` link to the fuller one.
public struct NewsExtractor: Sendable {
    public let rules: ExtractionRules
    /// Inputs larger than this (after inflating) are refused with an error rather than read.
    public var maxBytes: Int

    public init(rules: ExtractionRules = .standard, maxBytes: Int = 512 << 20) {
        self.rules = rules
        self.maxBytes = maxBytes
    }

    /// Extracts the articles of one input. `source` is the path or URL as given; `contentType` the
    /// HTTP header when the bytes came over HTTP.
    public func extract(_ input: [UInt8], source: String, format: Page.Format? = nil, contentType: String? = nil) -> Page {
        var bytes = input
        var issues = [Page.Issue]()
        if Gzip.isGzip(bytes) {
            do {
                bytes = try Gzip.decompress(bytes, limit: maxBytes)
            } catch {
                return Page(source: source, format: format ?? .textDump, encoding: "unknown", errors: [Page.Issue("\(error)")])
            }
        }
        if bytes.count > maxBytes {
            return Page(source: source, format: format ?? .textDump, encoding: "unknown",
                        errors: [Page.Issue("input is \(bytes.count) bytes, over the \(maxBytes)-byte limit; not read")])
        }
        if bytes.isEmpty {
            return Page(source: source, format: format ?? .textDump, encoding: "utf-8", errors: [Page.Issue("empty input")])
        }
        if Self.looksBinary(bytes) {
            return Page(source: source, format: format ?? .textDump, encoding: "unknown",
                        errors: [Page.Issue("binary data, not a text, HTML, feed or JSONL page")])
        }
        let decoded = TextDecoder.decode(bytes, contentType: contentType)
        issues += decoded.issues
        let detected = format ?? FormatSniffer.detect(decoded.utf8, name: source)
        var output: ReaderOutput
        var pageFormat = detected
        switch detected {
        case .textDump: output = TextDumpReader(rules: rules).read(utf8: decoded.utf8)
        case .html: output = HTMLReader(rules: rules).read(html: decoded.utf8, url: source.isURL ? source : nil)
        case .rss, .atom:
            let result = FeedReader(rules: rules).read(xml: decoded.utf8)
            pageFormat = result.format
            output = result.output
        case .jsonl: output = JSONLReader(rules: rules).read(utf8: decoded.utf8)
        }
        issues += output.issues
        if detected == .html || detected == .jsonl { addDatelines(&output.articles) }
        dropTrailingBoilerplate(&output.articles)
        takeAuthorNotes(&output.articles)
        var page = Page(source: source, format: pageFormat, encoding: decoded.encoding, articles: output.articles, errors: issues)
        Duplicates.assignIdentities(&page)
        return page
    }

    /// "القاهرة - «الشرق الأوسط»: …" opening a body names the outlet and the place: a byline. The
    /// paragraph keeps its text (the dateline is part of what the outlet printed).
    func addDatelines(_ articles: inout [Article]) {
        let parser = BylineParser(rules: rules)
        for index in articles.indices where articles[index].role != .related {
            guard let first = articles[index].paragraphs.first, let dateline = parser.dateline(opening: first) else { continue }
            let known = articles[index].bylines.contains { $0.name == dateline.name && ($0.place == nil || $0.place == dateline.place) }
            if !known {
                articles[index].bylines.removeAll { $0.name == dateline.name }
                articles[index].bylines.append(dateline)
            }
        }
    }

    /// Comment policies and disclaimers that close a body ("الآراء الواردة أدناه لا تعبر عن رأي …").
    func dropTrailingBoilerplate(_ articles: inout [Article]) {
        for index in articles.indices {
            while articles[index].paragraphs.count > 1, let last = articles[index].paragraphs.last, rules.isTrailingBoilerplate(last) {
                articles[index].paragraphs.removeLast()
            }
        }
    }

    /// An author's note closing a body ("* كاتب سوري") belongs to the byline: to the author it names,
    /// or to the only author. A note that names nobody on a page with no single author stays text.
    func takeAuthorNotes(_ articles: inout [Article]) {
        let parser = BylineParser(rules: rules)
        for index in articles.indices where articles[index].role != .related {
            while articles[index].paragraphs.count > 1, let last = articles[index].paragraphs.last,
                  let (name, note) = parser.authorNote(last), Self.attach(note, of: name, to: &articles[index].bylines) {
                articles[index].paragraphs.removeLast()
            }
        }
    }

    static func attach(_ note: String, of name: String?, to bylines: inout [Byline]) -> Bool {
        let authors = bylines.indices.filter { bylines[$0].kind == .author }
        if let name {
            let key = MatchKey(name)
            if let match = authors.first(where: { MatchKey(bylines[$0].name) == key }) {
                bylines[match].note = note
            } else {
                bylines.append(Byline(name: name, kind: .author, note: note))
            }
            return true
        }
        guard authors.count == 1 else { return false }
        bylines[authors[0]].note = note
        return true
    }

    /// NUL bytes or many control characters: not text in any encoding Marsad reads (UTF-16 has a BOM).
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
        let sample = bytes.prefix(8192)
        var controls = 0
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x09 || (byte > 0x0D && byte < 0x20 && byte != 0x1B) { controls += 1 }
        }
        return controls * 20 > sample.count
    }
}

extension String {
    var isURL: Bool { hasPrefix("http://") || hasPrefix("https://") }
}
