import CLibXML2
import NewsModel

/// Teasers of related articles: the links of a block the page marks as related (a "مقالات ذات صلة"
/// header, a `related` class) and of inline "اقرأ أيضاً:" paragraphs. Each link becomes an article with
/// role `related`, its text as title and its absolute href as URL. Most-read boxes and navigation are
/// never read here.
struct RelatedTeasers {
    let analysis: PageAnalysis
    let rules: ExtractionRules
    /// What relative links resolve against.
    let base: String?
    /// The page's own URL: a link back to it is no teaser.
    let page: String?

    func articles(blocks: [PageAnalysis.RelatedBlock], inline: [(title: String, href: String)], excluding mainTitle: String) -> [Article] {
        var links = [(title: String, href: String, summary: String?)]()
        for block in blocks {
            for root in block.roots { links += anchors(under: root, after: block.after) }
        }
        links += inline.map { ($0.title, $0.href, nil) }
        var seenURLs = Set<String>()
        var seenTitles: Set<String> = [ExtractionRules.key(mainTitle)]
        if let page { seenURLs.insert(page) }
        var result = [Article]()
        for link in links {
            guard let url = PageMetadata.absolute(link.href, base: base) else { continue }
            let key = ExtractionRules.key(link.title)
            guard TextScan.letters(link.title) >= 10, !rules.isLeftover(link.title), rules.blockKind(ofHeader: link.title) == nil,
                  seenURLs.insert(url).inserted, seenTitles.insert(key).inserted else { continue }
            var article = Article(role: .related, title: link.title, url: url)
            article.summary = link.summary
            result.append(article)
        }
        return result
    }

    /// Links under an element with their text; when one URL has several links (image and title), the
    /// longest text wins.
    private func anchors(under root: Int, after: Int?) -> [(title: String, href: String, summary: String?)] {
        var found = [(title: String, href: String, summary: String?)]()
        var indexByHref = [String: Int]()
        let node = analysis.elements[root].node
        Node.walk(node) { child in
            guard Node.isElement(child) else { return false }
            guard HTMLTag(name: child.pointee.name) == .a else { return true }
            if let after, let i = PageAnalysis.index(of: child), i <= after { return false }
            guard let raw = Node.attribute(child, "href") else { return false }
            let href = String(cString: raw)
            let title = TextScan.text(of: child, limit: 1000)
            guard !title.isEmpty else { return false }
            if let existing = indexByHref[href] {
                if title.utf8.count > found[existing].title.utf8.count { found[existing].title = title }
            } else {
                indexByHref[href] = found.count
                found.append((title, href, summary(near: child, root: node, title: title)))
            }
            return false
        }
        return found
    }

    /// A teaser card's excerpt: the text of a `<p>` (or an excerpt/summary element) in the card that
    /// holds the link, other than the link's own text. The card is the nearest `li`, `article` or
    /// element below the block root, at most four levels up.
    private func summary(near anchor: XMLNode, root: XMLNode, title: String) -> String? {
        var card = anchor
        for _ in 0..<4 {
            guard let parent = card.pointee.parent, parent != root, parent.pointee.type == XML_ELEMENT_NODE else { break }
            card = UnsafeMutablePointer(parent)
            let tag = HTMLTag(name: card.pointee.name)
            if tag == .li || tag == .article { break }
        }
        guard card != anchor else { return nil }
        let titleKey = ExtractionRules.key(title)
        var summary: String?
        Node.walk(card) { child in
            guard summary == nil, Node.isElement(child) else { return false }
            let tag = HTMLTag(name: child.pointee.name)
            if tag == .a { return false }
            let hinted = Node.attribute(child, "class").map { Node.contains($0, "excerpt") || Node.contains($0, "summary") || Node.contains($0, "desc") || Node.contains($0, "teaser-text") } ?? false
            guard tag == .p || hinted else { return true }
            let text = TextScan.text(of: child, limit: 2000)
            if TextScan.letters(text) >= 20, ExtractionRules.key(text) != titleKey, !rules.isLeftover(text) { summary = text }
            return false
        }
        return summary
    }
}
