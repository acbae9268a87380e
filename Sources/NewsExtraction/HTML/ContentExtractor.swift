import CLibXML2
import NewsModel
import StableHash

/// Turns the chosen elements into display paragraphs and inline related links.
///
/// Paragraphs: each `<p>`, `<li>`, `<h2>`–`<h6>`, `<blockquote>`, table cell and any other block
/// element ends the paragraph before it and starts a new one. Every `<br>` ends a paragraph too:
/// old sites put a whole article in one `<div>` with `<br><br>` between paragraphs, and some with a
/// single `<br>`; a line break inside a real paragraph (an address, a verse) then becomes two short
/// paragraphs, which is the lesser harm. Whitespace is collapsed, presentation forms folded, diacritics
/// kept. Dropped: the `<h1>` (it is the title), the subtitle, paragraphs that are mostly link text,
/// UI leftovers (`ui-leftovers.txt`), block headers, repeats of the title and of earlier paragraphs.
///
/// A paragraph that opens with a "related" header ("اقرأ أيضاً: <a>…</a>") gives its links as related
/// teasers instead; so do link-only paragraphs right after a standalone related header.
///
/// Captions (`<figure>`, `<figcaption>`, elements with a caption class) are never paragraphs;
/// `caption(of:figure:)` reads them into images for `PageMetadata`: a child with a credit class
/// (`credit`, `photographer`, `source`) is the credit, otherwise `CaptionParser` splits a trailing
/// "(رويترز)".
struct ContentExtractor {
    struct Output {
        var paragraphs: [String] = []
        var related: [(title: String, href: String)] = []
        var hasVideo = false
    }

    let rules: ExtractionRules
    let analysis: PageAnalysis
    /// Elements never read as paragraphs (the subtitle).
    var skip: Set<Int> = []
    /// Text that is never a paragraph (the title), as a match key.
    var titleKey: String? = nil
    /// Conditional cleaning of link lists inside the content.
    var cleanLinkLists = true

    private var output = Output()
    private var buffer: [UInt8] = []
    private var letters: Int32 = 0
    private var linkLetters: Int32 = 0
    private var anchorDepth = 0
    private var anchors: [(start: Int, end: Int, href: String)] = []
    private var openAnchors: [(start: Int, href: String?)] = []
    private var pendingRelated = false
    /// FNV-1a hashes of the match keys of paragraphs kept so far (hashing `String`s normalizes them).
    private var seen: Set<UInt64> = []

    init(rules: ExtractionRules, analysis: PageAnalysis) {
        self.rules = rules
        self.analysis = analysis
        buffer.reserveCapacity(4096)
    }

    mutating func extract(roots: [Int]) -> Output {
        for root in roots { walk(root) }
        flush()
        return output
    }

    private mutating func walk(_ rootIndex: Int) {
        let root = analysis.elements[rootIndex].node
        guard enter(root, isRoot: true) else { return }
        var stack: [XMLNode] = [root]
        var current = root.pointee.children
        while !stack.isEmpty {
            guard let node = current else {
                let done = stack.removeLast()
                exit(done)
                current = stack.isEmpty ? nil : done.pointee.next
                continue
            }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                if enter(node, isRoot: false) {
                    stack.append(node)
                    current = node.pointee.children
                } else {
                    current = node.pointee.next
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { append(content) }
                current = node.pointee.next
            default:
                current = node.pointee.next
            }
        }
    }

    private mutating func enter(_ node: XMLNode, isRoot: Bool) -> Bool {
        guard let i = PageAnalysis.index(of: node) else { return false }
        let e = analysis.elements[i]
        if e.flags.contains(.excluded) {
            if (e.tag == .video || (e.tag == .iframe && isVideoEmbed(node))),
               !(e.parent >= 0 && analysis.elements[Int(e.parent)].flags.contains(.excluded)) {
                output.hasVideo = true
            }
            if e.tag == .br { flush() }
            return false
        }
        switch e.tag {
        case .br, .hr:
            flush()
            return false
        case .h1, .img, .picture:
            if e.tag == .h1 { flush() }
            return false
        case .figure, .figcaption:
            // Captions are read by PageMetadata; never paragraphs.
            flush()
            return false
        default:
            break
        }
        if skip.contains(i) { flush(); return false }
        if e.hints.contains(.caption) && !isRoot && e.letters < 400 {
            flush()
            return false
        }
        if cleanLinkLists && !isRoot && isLinkList(i) { flush(); return false }
        if e.tag.isBlock { flush() }
        if e.tag == .a {
            anchorDepth += 1
            openAnchors.append((buffer.count, Node.attribute(node, "href").map { String(cString: $0) }))
        }
        return true
    }

    private mutating func exit(_ node: XMLNode) {
        guard let i = PageAnalysis.index(of: node) else { return }
        let tag = analysis.elements[i].tag
        if tag == .a, let open = openAnchors.popLast() {
            anchorDepth -= 1
            if let href = open.href, buffer.count > open.start { anchors.append((open.start, buffer.count, href)) }
        }
        if tag.isBlock { flush() }
    }

    /// A container (not a paragraph) that is mostly links and holds no real paragraph: a menu, a tag
    /// list, a list of teasers.
    private func isLinkList(_ i: Int) -> Bool {
        let e = analysis.elements[i]
        switch e.tag {
        case .div, .section, .ul, .ol, .dl, .table, .tbody, .tr, .td, .center, .form, .article, .main:
            guard e.letters > 0, e.goodRuns == 0 else { return false }
            return analysis.linkDensity(i) > 0.5
        default:
            return false
        }
    }

    private func isVideoEmbed(_ node: XMLNode) -> Bool {
        guard let src = Node.attribute(node, "src") ?? Node.attribute(node, "data-src") else { return false }
        return Node.contains(src, "youtube") || Node.contains(src, "youtu.be") || Node.contains(src, "vimeo")
            || Node.contains(src, "dailymotion") || Node.contains(src, "jwplayer") || Node.contains(src, "/video")
    }

    @inline(__always)
    private mutating func append(_ content: UnsafePointer<UInt8>) {
        let counts = TextScan.count(content)
        letters += counts.letters
        if anchorDepth > 0 { linkLetters += counts.letters }
        TextScan.appendCollapsing(content, to: &buffer)
    }

    private mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        letters = 0
        linkLetters = 0
        anchors.removeAll(keepingCapacity: true)
        // Anchors still open continue into the next paragraph from its start.
        for k in openAnchors.indices { openAnchors[k].start = 0 }
    }

    private mutating func flush() {
        defer { reset() }
        guard letters > 0 else { return }
        let text = TextScan.display(buffer)
        guard !text.isEmpty else { return }

        // "اقرأ أيضاً: <a>…</a>": teasers, not text.
        if let first = anchors.first, first.start > 0 {
            var lead = TextScan.display(Array(buffer[0..<first.start]))
            while let last = lead.unicodeScalars.last, last == ":" || last == "-" || last == "–" || last == " " || last == "|" {
                lead.unicodeScalars.removeLast()
            }
            if !lead.isEmpty, lead.utf8.count < 80, rules.blockKind(ofHeader: lead) == .related {
                harvestAnchors()
                return
            }
        }
        let density = Float(linkLetters) / Float(letters)
        if density > 0.5 {
            if pendingRelated { harvestAnchors() }
            return
        }
        pendingRelated = false
        if text.utf8.count < 80 {
            var header = text
            while let last = header.unicodeScalars.last, last == ":" || last == " " { header.unicodeScalars.removeLast() }
            if let kind = rules.blockKind(ofHeader: header) {
                pendingRelated = kind == .related
                return
            }
            if rules.isLeftover(text) { return }
        }
        let key = ExtractionRules.key(text)
        if let titleKey, key == titleKey { return }
        guard seen.insert(Self.hash(key)).inserted else { return }
        output.paragraphs.append(text)
    }

    static func hash(_ text: String) -> UInt64 {
        FNV1a64.hash(utf8: text)
    }

    private mutating func harvestAnchors() {
        for anchor in anchors {
            let title = TextScan.display(Array(buffer[anchor.start..<anchor.end]))
            if TextScan.letters(title) >= 10 { output.related.append((title, anchor.href)) }
        }
    }

    /// The image described by a figure, a figcaption or a caption element.
    func caption(of node: XMLNode, figure: Bool) -> Image? {
        var captionNode: XMLNode? = figure ? nil : node
        if figure {
            Node.walk(node) { child in
                guard captionNode == nil, Node.isElement(child) else { return false }
                let tag = HTMLTag(name: child.pointee.name)
                if tag == .figcaption { captionNode = child; return false }
                if let i = PageAnalysis.index(of: child), analysis.elements[i].hints.contains(.caption) {
                    captionNode = child
                    return false
                }
                return true
            }
        }
        guard let captionNode else { return nil }
        var captionBytes = [UInt8]()
        var creditBytes = [UInt8]()
        Node.walk(captionNode) { child in
            if Node.isText(child) {
                if let content = child.pointee.content { TextScan.appendCollapsing(content, to: &captionBytes) }
                return false
            }
            guard Node.isElement(child) else { return false }
            let tag = HTMLTag(name: child.pointee.name)
            if tag.isOpaque { return false }
            if isCreditElement(child, tag: tag) {
                creditBytes += TextScan.rawText(of: child)
                creditBytes.append(0x20)
                return false
            }
            if tag.isBlock || tag == .br { captionBytes.append(0x20) }
            return true
        }
        // A credit beside the caption in the figure ("<figcaption>…</figcaption><span class=credit>").
        if figure, creditBytes.isEmpty { creditBytes = creditOutside(captionNode, in: node) }
        let captionText = TextScan.display(captionBytes)
        var credit = TextScan.display(creditBytes)
        if credit.hasPrefix("("), credit.hasSuffix(")") { credit = String(credit.dropFirst().dropLast()).trimmingASCIISpaces() }
        if credit.hasPrefix("©") { credit = String(credit.dropFirst()).trimmingASCIISpaces() }
        if !credit.isEmpty {
            guard !captionText.isEmpty else { return nil }
            return Image(caption: captionText, credit: credit)
        }
        guard !captionText.isEmpty, !rules.isLeftover(captionText) else { return nil }
        return CaptionParser(rules: rules).image(from: captionText)
    }

    /// Tags that sites put a credit in without a class: `<small>` and `<cite>`.
    static let creditTags: Set<String> = ["small", "cite"]

    /// An element of a caption that holds its credit: a credit class, `<small>` or `<cite>`, or any
    /// inline element whose whole text is a credit ("<span>أ.ف.ب</span>").
    func isCreditElement(_ element: XMLNode, tag: HTMLTag) -> Bool {
        if let i = PageAnalysis.index(of: element), analysis.elements[i].hints.contains(.credit) { return true }
        let name = element.pointee.name.map { String(cString: $0) } ?? ""
        guard Self.creditTags.contains(name) || (!tag.isBlock && tag != .br) else { return false }
        let text = TextScan.text(of: element, limit: 200)
        guard !text.isEmpty else { return false }
        return Self.creditTags.contains(name) ? text.split(separator: " ").count <= 6 : CaptionParser(rules: rules).isCredit(text)
    }

    /// The text of credit-classed elements in `figure` outside its caption.
    func creditOutside(_ caption: XMLNode, in figure: XMLNode) -> [UInt8] {
        var bytes = [UInt8]()
        Node.walk(figure) { child in
            guard child != caption, Node.isElement(child) else { return false }
            if let i = PageAnalysis.index(of: child), analysis.elements[i].hints.contains(.credit) {
                bytes += TextScan.rawText(of: child)
                bytes.append(0x20)
                return false
            }
            return true
        }
        return bytes
    }
}
