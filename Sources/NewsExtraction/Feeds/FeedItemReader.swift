import ArabicText
import CLibXML2
import NewsModel

/// Turns one RSS `item` or Atom `entry` into an article (see `FeedReader` for the field map).
struct FeedItemReader {
    let rules: ExtractionRules

    static let contentModule = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let mediaRSS = "http://search.yahoo.com/mrss/"

    func rss(_ item: XMLNode) -> FeedItem {
        var title = "", link: String?, guid: String?, published: String?, description: String?
        var encoded: [UInt8]?, section: String?
        var bylines = Bylines()
        var media = [String]()
        for child in FeedNode.children(item) {
            let name = FeedNode.localName(child)
            let space = FeedNode.space(child)
            switch (name, space) {
            case ("title", .none): title = plain(FeedNode.rawText(child))
            case ("link", .none): link = link ?? nonEmpty(FeedNode.text(child))
            case ("guid", .none):
                if !Node.equalsIgnoringCase(Node.attribute(child, "isPermaLink"), "false") { guid = nonEmpty(FeedNode.text(child)) }
            case ("pubDate", .none): published = published ?? Timestamp.iso(FeedNode.text(child))
            case ("date", .dublinCore): published = published ?? Timestamp.iso(FeedNode.text(child))
            case ("description", .none): description = nonEmpty(plain(FeedNode.rawText(child)))
            case ("encoded", .content): encoded = FeedNode.rawText(child, separators: false)
            case ("category", .none), ("subject", .dublinCore): section = section ?? nonEmpty(plain(FeedNode.rawText(child)))
            case ("author", .none): addByline(Self.nameFromMail(FeedNode.text(child)), to: &bylines)
            case ("creator", .dublinCore): addByline(FeedNode.text(child), to: &bylines)
            case ("enclosure", .none): addMedium(type: Node.attribute(child, "type"), medium: nil, to: &media)
            case ("content", .media): addMedium(type: Node.attribute(child, "type"), medium: Node.attribute(child, "medium"), to: &media)
            case ("group", .media):
                for part in FeedNode.children(child) where FeedNode.localName(part) == "content" {
                    addMedium(type: Node.attribute(part, "type"), medium: Node.attribute(part, "medium"), to: &media)
                }
            default: break
            }
        }
        if link == nil, let guid, guid.hasPrefix("http") { link = guid }
        var paragraphs = encoded.map { HTMLReader.fragment($0, rules: rules).paragraphs } ?? []
        let fullText = !paragraphs.isEmpty
        if paragraphs.isEmpty, let description { paragraphs = [description] }
        let article = Article(role: .main, title: title, section: section, summary: description, paragraphs: paragraphs,
                              bylines: bylines.list, media: media, published: published, url: link)
        return FeedItem(article: article, hasFullText: fullText, updated: published)
    }

    func atom(_ entry: XMLNode) -> FeedItem {
        var title = "", link: String?, published: String?, updated: String?, summary: String?
        var paragraphs = [String](), section: String?
        var bylines = Bylines()
        var media = [String]()
        for child in FeedNode.children(entry) {
            switch FeedNode.localName(child) {
            case "title": title = typedText(child)
            case "link":
                let rel = Node.attribute(child, "rel")
                if rel == nil || Node.equals(rel, "alternate") {
                    if link == nil, let href = Node.attribute(child, "href") { link = nonEmpty(String(cString: href)) }
                } else if Node.equals(rel, "enclosure") {
                    addMedium(type: Node.attribute(child, "type"), medium: nil, to: &media)
                }
            case "published": published = Timestamp.iso(FeedNode.text(child))
            case "updated": updated = Timestamp.iso(FeedNode.text(child))
            case "summary": summary = nonEmpty(typedText(child))
            case "content": paragraphs = content(child)
            case "author":
                for part in FeedNode.children(child) where FeedNode.localName(part) == "name" { addByline(FeedNode.text(part), to: &bylines) }
            case "category":
                if section == nil {
                    let label = Node.attribute(child, "label") ?? Node.attribute(child, "term")
                    section = label.flatMap { nonEmpty(TextScan.clean($0)) }
                }
            default: break
            }
        }
        let fullText = !paragraphs.isEmpty
        if paragraphs.isEmpty, let summary { paragraphs = [summary] }
        let article = Article(role: .main, title: title, section: section, summary: summary, paragraphs: paragraphs,
                              bylines: bylines.list, media: media, published: published ?? updated, url: link)
        return FeedItem(article: article, hasFullText: fullText, updated: updated ?? published)
    }

    /// Atom text constructs: `type="html"` is escaped HTML, `xhtml` is markup, anything else text.
    private func typedText(_ node: XMLNode) -> String {
        let type = Node.attribute(node, "type")
        if Node.equals(type, "html") { return HTMLReader.plainText(FeedNode.rawText(node, separators: false)) }
        return TextScan.display(FeedNode.rawText(node))
    }

    private func content(_ node: XMLNode) -> [String] {
        let type = Node.attribute(node, "type")
        if Node.equals(type, "html") || Node.equals(type, "text/html") {
            return HTMLReader.fragment(FeedNode.rawText(node, separators: false), rules: rules).paragraphs
        }
        if Node.equals(type, "xhtml") {
            guard let div = Node.firstElement(node) else { return [] }
            return HTMLReader.content(under: div, rules: rules).paragraphs
        }
        // Plain text: blank lines (or single lines) separate paragraphs.
        let raw = String(decoding: FeedNode.rawText(node, separators: false, collapse: false), as: UTF8.self)
        return raw.split(whereSeparator: \.isNewline).map { TextScan.clean(String($0)) }.filter { !$0.isEmpty }
    }

    /// Text that may hold HTML or escaped entities ("&amp;quot;") as feeds often do.
    private func plain(_ raw: [UInt8]) -> String {
        if raw.contains(UInt8(ascii: "<")) || raw.contains(UInt8(ascii: "&")) { return HTMLReader.plainText(raw) }
        return TextScan.display(raw)
    }

    private func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingASCIISpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An item's bylines, with the match keys of their names: an item with thousands of authors was
    /// quadratic when each new name re-normalized every name before it.
    private struct Bylines {
        var list = [Byline]()
        var keys = Set<String>()
    }

    private func addByline(_ raw: String, to bylines: inout Bylines) {
        guard let name = PageMetadata.cleanByline(raw) else { return }
        let key = ExtractionRules.key(name)
        guard bylines.keys.insert(key).inserted else { return }
        bylines.list.append(Byline(name: name, kind: rules.outlets.contains(MatchKey(bytes: Array(key.utf8))) ? .outlet : .author))
    }

    private func addMedium(type: UnsafePointer<xmlChar>?, medium: UnsafePointer<xmlChar>?, to media: inout [String]) {
        let kind: String?
        if Node.hasPrefix(type, "video/") || Node.equals(medium, "video") { kind = "video" }
        else if Node.hasPrefix(type, "audio/") || Node.equals(medium, "audio") { kind = "audio" }
        else { kind = nil }
        if let kind, !media.contains(kind) { media.append(kind) }
    }

    /// RSS `author` is "mail@example.com (Name)"; the name is the part in parentheses.
    static func nameFromMail(_ text: String) -> String {
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            return String(text[text.index(after: open)..<close])
        }
        return text.contains("@") && !text.contains(" ") ? "" : text
    }
}

/// Names and text of feed elements, namespace-aware.
enum FeedNode {
    enum Space { case none, content, dublinCore, media, other }

    static func localName(_ node: XMLNode) -> String {
        guard let name = node.pointee.name else { return "" }
        let full = String(cString: name)
        // An undeclared prefix leaves "content:encoded" as the name.
        if let colon = full.lastIndex(of: ":") { return String(full[full.index(after: colon)...]) }
        return full
    }

    /// The vocabulary an element belongs to, by namespace URI or, when undeclared, by its usual prefix.
    static func space(_ node: XMLNode) -> Space {
        if let ns = node.pointee.ns {
            let href = ns.pointee.href.map { String(cString: $0) } ?? ""
            switch href {
            case FeedItemReader.contentModule: return .content
            case FeedItemReader.dublinCore: return .dublinCore
            case FeedItemReader.mediaRSS: return .media
            default:
                // RSS 1.0 puts its own elements in a namespace; Atom elements too.
                if href.hasPrefix("http://purl.org/rss/1.0") || href == "http://www.w3.org/2005/Atom" && ns.pointee.prefix == nil { return .none }
                if ns.pointee.prefix == nil { return .none }
                return prefixSpace(String(cString: ns.pointee.prefix))
            }
        }
        guard let name = node.pointee.name else { return .none }
        let full = String(cString: name)
        guard let colon = full.firstIndex(of: ":") else { return .none }
        return prefixSpace(String(full[..<colon]))
    }

    private static func prefixSpace(_ prefix: String) -> Space {
        switch prefix {
        case "content": return .content
        case "dc": return .dublinCore
        case "media": return .media
        default: return .other
        }
    }

    static func children(_ node: XMLNode) -> [XMLNode] {
        var result = [XMLNode]()
        var child = Node.firstElement(node)
        while let c = child { result.append(c); child = Node.nextElement(c) }
        return result
    }

    static func children(_ node: XMLNode, named name: String) -> [XMLNode] {
        children(node).filter { localName($0) == name }
    }

    /// Text and CDATA below the element; entity references are skipped, never expanded.
    static func rawText(_ node: XMLNode, separators: Bool = true, collapse: Bool = true) -> [UInt8] {
        guard collapse else {
            var bytes = [UInt8]()
            Node.walk(node) { child in
                if Node.isText(child), let content = child.pointee.content {
                    var i = 0
                    while content[i] != 0 { bytes.append(content[i]); i += 1 }
                }
                return Node.isElement(child)
            }
            return bytes
        }
        return TextScan.rawText(of: node, blockSeparator: separators)
    }

    static func text(_ node: XMLNode) -> String { TextScan.display(rawText(node)) }
}
