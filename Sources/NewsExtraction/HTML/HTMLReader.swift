import CLibXML2
import NewsModel

/// Reads one HTML page (already decoded to UTF-8) into its main article and related teasers.
///
/// ```swift
/// let output = HTMLReader().read(html: Array(page.utf8), url: "https://example.com/news/1")
/// output.articles.first?.paragraphs
/// ```
///
/// The page is parsed with libxml2's HTML parser (tag soup tolerated, network off, the page's own
/// charset declaration ignored), walked once to score text blocks and collect metadata, and the best
/// block is read into paragraphs. See `PageAnalysis` for the scoring, `ContentExtractor` for paragraph
/// rules and `HTMLReader+Metadata` for titles, dates, sections and bylines.
///
/// Problems (no article text, invalid JSON-LD, an empty document) go into `issues`; whatever could
/// be read is still returned. Safe to call from many threads at once.
///
/// - Complexity: O(n) in the page size; about two walks over the tree.
public struct HTMLReader: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    public func read(html: [UInt8], url: String?) -> ReaderOutput {
        let bytes = Self.sanitized(html)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return ReaderOutput(issues: [Page.Issue("document is empty")])
        }
        return bytes.withUnsafeBufferPointer { buffer in
            LibXML.withHTML(buffer) { doc, report in
                read(document: doc, report: report, url: url)
            }
        }
    }

    /// Valid UTF-8 without NULs and without a byte-order mark, repaired when needed: libxml2 would
    /// otherwise fall back to Latin-1 for the rest of the page at the first bad byte.
    static func sanitized(_ html: [UInt8]) -> [UInt8] {
        var bytes = html
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let valid = bytes.withUnsafeBufferPointer { LibXML.isValidUTF8($0) }
        if valid && !bytes.contains(0) { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8.filter { $0 != 0 })
    }

    private func read(document: xmlDocPtr?, report: LibXML.ParseReport, url: String?) -> ReaderOutput {
        var issues = [Page.Issue]()
        guard let document, let root = xmlDocGetRootElement(document) else {
            return ReaderOutput(issues: [Page.Issue("document is empty")])
        }
        var analysis = PageAnalysis(root: root)
        if report.depthExceeded || analysis.depthExceeded {
            issues.append(Page.Issue("document is nested deeper than \(LibXML.maxDepth) levels; the rest was not read"))
        }
        let related = analysis.resolve(rules: rules)
        let linkedData = LinkedData(blocks: analysis.findings.jsonLD)
        issues += linkedData.issues.map { Page.Issue($0) }

        let selection = analysis.selectContent()
        var metadata = PageMetadata(analysis: analysis, linkedData: linkedData, rules: rules, url: url, top: selection?.top)

        var extractor = ContentExtractor(rules: rules, analysis: analysis)
        if let subtitle = metadata.subtitleIndex { extractor.skip.insert(subtitle) }
        if !metadata.title.isEmpty { extractor.titleKey = ExtractionRules.key(metadata.title) }
        var content = extractor.extract(roots: selection?.roots ?? [])
        metadata.adoptHeadline(from: &content.paragraphs)
        metadata.takeBylineLine(from: &content.paragraphs)
        metadata.takeDateLine(from: &content.paragraphs)
        if content.paragraphs.isEmpty { issues.append(Page.Issue("no article text found")) }
        metadata.complete(with: content, roots: selection?.roots ?? [])

        var articles = [Article]()
        if !metadata.title.isEmpty || !content.paragraphs.isEmpty {
            if metadata.title.isEmpty { issues.append(Page.Issue("no title found")) }
            articles.append(Article(
                role: .main, title: metadata.title, subtitle: metadata.subtitle, section: metadata.section,
                summary: metadata.summary, paragraphs: content.paragraphs, images: metadata.images,
                bylines: metadata.bylines, media: metadata.media, published: metadata.published,
                url: metadata.url))
        }
        // Relative links resolve against <base href>, else the page's own address.
        let linkBase = analysis.findings.base.flatMap { PageMetadata.absolute($0, base: url ?? metadata.url) } ?? url ?? metadata.url
        articles += RelatedTeasers(analysis: analysis, rules: rules, base: linkBase, page: metadata.url ?? url)
            .articles(blocks: related, inline: content.related, excluding: metadata.title)
        return ReaderOutput(articles: articles, issues: issues)
    }
}

extension HTMLReader {
    /// Paragraphs and captions of an HTML fragment (a feed's `content:encoded`), read whole.
    static func fragment(_ html: [UInt8], rules: ExtractionRules) -> ContentExtractor.Output {
        let bytes = sanitized(html)
        guard !bytes.isEmpty else { return ContentExtractor.Output() }
        return bytes.withUnsafeBufferPointer { buffer in
            LibXML.withHTML(buffer) { doc, _ in
                guard let doc, let root = xmlDocGetRootElement(doc) else { return ContentExtractor.Output() }
                return content(under: root, rules: rules)
            }
        }
    }

    /// Paragraphs of everything under `root`, with the usual exclusions but no content selection.
    static func content(under root: XMLNode, rules: ExtractionRules) -> ContentExtractor.Output {
        var analysis = PageAnalysis(root: root)
        _ = analysis.resolve(rules: rules)
        guard !analysis.elements.isEmpty else { return ContentExtractor.Output() }
        var extractor = ContentExtractor(rules: rules, analysis: analysis)
        extractor.cleanLinkLists = false
        return extractor.extract(roots: [analysis.bodyIndex ?? 0])
    }

    /// The plain text of an HTML fragment: tags stripped, entities decoded, whitespace collapsed.
    static func plainText(_ html: [UInt8]) -> String {
        let bytes = sanitized(html)
        guard !bytes.isEmpty else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            LibXML.withHTML(buffer) { doc, _ in
                guard let doc, let root = xmlDocGetRootElement(doc) else { return "" }
                return TextScan.text(of: root)
            }
        }
    }
}
