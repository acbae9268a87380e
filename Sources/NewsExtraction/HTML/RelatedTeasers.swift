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
        var links = [(title: String, href: String)]()
        for block in blocks {
            for root in block.roots { links += anchors(under: root, after: block.after) }
        }
        links += inline
        var seenURLs = Set<String>()
        var seenTitles: Set<String> = [ExtractionRules.key(mainTitle)]
        if let page { seenURLs.insert(page) }
        var result = [Article]()
        for link in links {
            guard let url = PageMetadata.absolute(link.href, base: base) else { continue }
            let key = ExtractionRules.key(link.title)
            guard TextScan.letters(link.title) >= 10, !rules.isLeftover(link.title), rules.blockKind(ofHeader: link.title) == nil,
                  seenURLs.insert(url).inserted, seenTitles.insert(key).inserted else { continue }
            result.append(Article(role: .related, title: link.title, url: url))
        }
        return result
    }

    /// Links under an element with their text; when one URL has several links (image and title), the
    /// longest text wins.
    private func anchors(under root: Int, after: Int?) -> [(title: String, href: String)] {
        var found = [(title: String, href: String)]()
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
                found.append((title, href))
            }
            return false
        }
        return found
    }
}
