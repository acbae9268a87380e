import CLibXML2

/// One walk over a parsed tree, without recursion: every element gets an index (kept in the node's
/// `_private`), its tag and class hints, the letters it holds, and the scores of the text runs it owns.
/// The metadata that extraction needs later (meta tags, JSON-LD, h1, time, bylines, breadcrumbs,
/// related blocks) is collected on the way, so the tree is walked once before extraction.
///
/// A *run* is text between two block boundaries (`<p>`, `<div>`, `<br>`, …) inside the nearest block
/// element, its *owner*. A run of 20 letters or more scores like a Readability paragraph:
/// `1 + punctuation + min(letters / 80, 3)`, scaled down by the share of its letters inside links;
/// a run that is mostly link scores nothing.
///
/// - Complexity: O(nodes + text bytes).
struct PageAnalysis {
    struct Flags: OptionSet {
        let rawValue: UInt16
        /// Inside (or being) a dropped element: script, nav, footer, hidden, ….
        static let dropped = Flags(rawValue: 1 << 0)
        /// `itemprop=articleBody` or a strong class hint such as `article-body`.
        static let articleBody = Flags(rawValue: 1 << 1)
        /// Marked out by a block header ("الأكثر قراءة") or as a related block.
        static let blockOut = Flags(rawValue: 1 << 2)
        /// Holds an `articleBody` element somewhere below.
        static let holdsArticleBody = Flags(rawValue: 1 << 3)
        /// Not article text, for any reason: the union of the above decisions, inherited.
        static let excluded = Flags(rawValue: 1 << 4)
        /// Received a paragraph score.
        static let candidate = Flags(rawValue: 1 << 5)
        static let inLink = Flags(rawValue: 1 << 6)
        /// Inside an `articleBody` element: only strong negatives exclude there.
        static let inArticleBody = Flags(rawValue: 1 << 7)
    }

    struct Element {
        var node: XMLNode
        var parent: Int32
        var tag: HTMLTag
        var hints: ClassHints
        var flags: Flags
        /// Substantial runs this element owns. Int32 like the other counters: a page with 32,768 such runs
        /// in one block (paragraphs split by `<br>`) overflowed an Int16 and trapped.
        var ownGoodRuns: Int32 = 0
        var ownLetters: Int32 = 0
        var ownLinkLetters: Int32 = 0
        var runScore: Float = 0
        /// Letters in the subtree outside dropped elements, before class-hint exclusion.
        var rawLetters: Int32 = 0
        /// Substantial paragraphs (60+ letters, few links) in the subtree, before exclusion.
        var goodRuns: Int32 = 0
        /// Letters in the subtree that extraction keeps (set by `resolve`).
        var letters: Int32 = 0
        var linkLetters: Int32 = 0
        /// Paragraph score received from runs below (Readability's content score).
        var score: Float = 0
    }

    /// Things the walk noticed for metadata, by element index.
    struct Findings {
        var title: String?
        var metas: [(key: String, value: String)] = []
        var canonical: String?
        var base: String?
        var jsonLD: [[UInt8]] = []
        var h1: [Int32] = []
        var times: [(index: Int32, value: String)] = []
        var itempropDate: String?
        var itempropSection: [Int32] = []
        /// Elements with a section class ("article__section", "category", "kicker").
        var sectionLabels: [Int32] = []
        var itempropHeadline: Int32?
        var authors: [Int32] = []
        var subtitles: [Int32] = []
        var breadcrumbs: [Int32] = []
        var headings: [Int32] = []
        var related: [Int32] = []
        /// Figures, and captions outside figures, in document order.
        var captions: [Int32] = []
        var hasVideoMeta = false
        /// Elements whose class says they print a date as text.
        var dateTexts: [Int32] = []
    }

    var elements: [Element] = []
    var findings = Findings()
    /// Letters of text outside dropped elements, before class-hint exclusion.
    var totalLetters: Int32 = 0
    var depthExceeded = false

    private var matcher = ClassHintMatcher()

    private struct Frame {
        var index: Int32
        var owner: Int32
        var flags: Flags
        var inRelated: Bool
        var inBreadcrumb: Bool
        var inCaption: Bool
        var runLetters: Int32 = 0
        var runLink: Int32 = 0
        var runPunctuation: Int32 = 0
    }

    init() {}

    /// Walks the tree under `root` (inclusive).
    init(root: XMLNode) {
        elements.reserveCapacity(2048)
        walk(root)
        aggregate()
    }

    static func index(of node: XMLNode) -> Int? {
        guard let raw = node.pointee._private else { return nil }
        return Int(bitPattern: raw) - 1
    }

    // MARK: - The walk

    private mutating func walk(_ root: XMLNode) {
        guard Node.isElement(root) else { return }
        var stack = [Frame]()
        stack.reserveCapacity(64)
        guard let first = enter(root, &stack) else { return }
        stack.append(first)
        var current = root.pointee.children
        while !stack.isEmpty {
            guard let node = current else {
                let frame = stack.removeLast()
                exit(frame, &stack)
                if stack.isEmpty { break }
                current = elements[Int(frame.index)].node.pointee.next
                continue
            }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                if let frame = enter(node, &stack) {
                    stack.append(frame)
                    current = node.pointee.children
                } else {
                    current = node.pointee.next
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text(node, &stack)
                current = node.pointee.next
            default:
                // Comments, processing instructions, entity references (never expanded).
                current = node.pointee.next
            }
        }
    }

    /// Registers an element; returns its frame when its children should be walked.
    private mutating func enter(_ node: XMLNode, _ stack: inout [Frame]) -> Frame? {
        let index = Int32(elements.count)
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: Int(index) + 1)
        let tag = HTMLTag(name: node.pointee.name)
        let parentFrame = stack.last
        var flags: Flags = parentFrame.map { $0.flags.intersection([.dropped, .inLink]) } ?? []

        var classValue: UnsafePointer<xmlChar>? = nil, idValue: UnsafePointer<xmlChar>? = nil
        var itemprop: UnsafePointer<xmlChar>? = nil, itemtype: UnsafePointer<xmlChar>? = nil
        var style: UnsafePointer<xmlChar>? = nil, rel: UnsafePointer<xmlChar>? = nil
        var href: UnsafePointer<xmlChar>? = nil, type: UnsafePointer<xmlChar>? = nil
        var name: UnsafePointer<xmlChar>? = nil, property: UnsafePointer<xmlChar>? = nil
        var content: UnsafePointer<xmlChar>? = nil, datetime: UnsafePointer<xmlChar>? = nil
        var ariaLabel: UnsafePointer<xmlChar>? = nil, role: UnsafePointer<xmlChar>? = nil
        var hidden = false
        var attr = node.pointee.properties
        while let a = attr {
            let n = a.pointee.name
            switch n?.pointee {
            case UInt8(ascii: "c"):
                if Node.equals(n, "class") { classValue = Node.value(of: a) } else if Node.equals(n, "content") { content = Node.value(of: a) }
            case UInt8(ascii: "i"):
                if Node.equals(n, "id") { idValue = Node.value(of: a) } else if Node.equals(n, "itemprop") { itemprop = Node.value(of: a) } else if Node.equals(n, "itemtype") { itemtype = Node.value(of: a) }
            case UInt8(ascii: "s"):
                if Node.equals(n, "style") { style = Node.value(of: a) }
            case UInt8(ascii: "r"):
                if Node.equals(n, "rel") { rel = Node.value(of: a) } else if Node.equals(n, "role") { role = Node.value(of: a) }
            case UInt8(ascii: "h"):
                if Node.equals(n, "href") { href = Node.value(of: a) } else if Node.equals(n, "hidden") { hidden = true }
            case UInt8(ascii: "t"):
                if Node.equals(n, "type") { type = Node.value(of: a) }
            case UInt8(ascii: "n"):
                if Node.equals(n, "name") { name = Node.value(of: a) }
            case UInt8(ascii: "p"):
                if Node.equals(n, "property") { property = Node.value(of: a) }
            case UInt8(ascii: "d"):
                if Node.equals(n, "datetime") { datetime = Node.value(of: a) }
            case UInt8(ascii: "a"):
                if Node.equals(n, "aria-label") { ariaLabel = Node.value(of: a) }
            default:
                break
            }
            attr = a.pointee.next
        }

        var hints = matcher.hints(classValue)
        if idValue != nil { hints.formUnion(matcher.hints(idValue)) }
        if hints.contains(.hidden) || hidden
            || (style != nil && (Node.contains(style, "display:none") || Node.contains(style, "display: none")
                || Node.contains(style, "visibility:hidden") || Node.contains(style, "visibility: hidden"))) {
            flags.insert(.dropped)
        }
        if let role {
            if Node.equals(role, "navigation") || Node.equals(role, "banner") || Node.equals(role, "contentinfo")
                || Node.equals(role, "complementary") || Node.equals(role, "search") || Node.equals(role, "menu") {
                hints.insert(.negative)
            } else if Node.equals(role, "main") || Node.equals(role, "article") {
                hints.insert(.positive)
            }
        }
        if tag.isDropped { flags.insert(.dropped) }
        if tag == .a { flags.insert(.inLink) }
        if hints.contains(.strongPositive) || Node.equalsIgnoringCase(itemprop, "articlebody") {
            flags.insert(.articleBody)
        }
        let parentIndex = parentFrame?.index ?? -1
        elements.append(Element(node: node, parent: parentIndex, tag: tag, hints: hints, flags: flags))

        // Metadata along the way.
        var inRelated = parentFrame?.inRelated ?? false
        var inBreadcrumb = parentFrame?.inBreadcrumb ?? false
        var inCaption = parentFrame?.inCaption ?? false
        if !inCaption && (tag == .figure || tag == .figcaption || hints.contains(.caption)) && !flags.contains(.dropped) {
            findings.captions.append(index)
            inCaption = true
        }
        switch tag {
        case .title:
            if findings.title == nil { findings.title = TextScan.text(of: node, limit: 2000) }
        case .meta:
            if let content, let key = property ?? name ?? itemprop {
                let value = TextScan.clean(content)
                if !value.isEmpty { findings.metas.append((String(cString: key).lowercased(), value)) }
                if Node.hasPrefix(property, "og:video") { findings.hasVideoMeta = true }
            } else if Node.equalsIgnoringCase(itemprop, "datepublished"), let content {
                findings.itempropDate = findings.itempropDate ?? String(cString: content)
            }
        case .link:
            if let rel, let href {
                if Node.equalsIgnoringCase(rel, "canonical") { findings.canonical = findings.canonical ?? String(cString: href) }
            }
        case .base:
            if let href { findings.base = findings.base ?? String(cString: href) }
        case .script:
            if let type, Node.contains(type, "ld+json") { findings.jsonLD.append(TextScan.rawText(of: node, blockSeparator: false)) }
        case .h1:
            findings.h1.append(index)
        case .h2, .h3, .h4, .h5, .h6:
            findings.headings.append(index)
        case .time:
            if let value = datetime ?? Node.attribute(node, "pubdate") ?? content {
                findings.times.append((index, String(cString: value)))
            }
        default:
            if hints.contains(.title) && !tag.isDropped { findings.headings.append(index) }
        }
        if tag != .meta, let content, let key = property {
            // RDFa on any element: <span property="dc:date" content="2019-02-08T00:00:00+01:00">.
            let value = TextScan.clean(content)
            if !value.isEmpty { findings.metas.append((String(cString: key).lowercased(), value)) }
        }
        if let itemprop {
            if Node.equalsIgnoringCase(itemprop, "datepublished"), tag != .meta {
                if let value = content ?? datetime { findings.itempropDate = findings.itempropDate ?? String(cString: value) }
            } else if Node.equalsIgnoringCase(itemprop, "articlesection"), tag != .meta {
                findings.itempropSection.append(index)
            } else if Node.equalsIgnoringCase(itemprop, "author") || Node.equalsIgnoringCase(itemprop, "creator") {
                if tag != .meta { findings.authors.append(index) }
            } else if Node.equalsIgnoringCase(itemprop, "headline"), tag != .meta, findings.itempropHeadline == nil {
                findings.itempropHeadline = index
            }
        }
        if tag == .a, let rel, Node.contains(rel, "author") { findings.authors.append(index) }
        if hints.contains(.byline), findings.authors.count < 40 { findings.authors.append(index) }
        if hints.contains(.dateText), findings.dateTexts.count < 20 { findings.dateTexts.append(index) }
        if hints.contains(.sectionLabel), findings.sectionLabels.count < 40 { findings.sectionLabels.append(index) }
        if hints.contains(.subtitle), findings.subtitles.count < 40, !tag.isDropped || tag == .header { findings.subtitles.append(index) }
        if !inBreadcrumb && (hints.contains(.breadcrumb) || Node.contains(ariaLabel, "breadcrumb") || Node.contains(itemtype, "breadcrumblist")) {
            findings.breadcrumbs.append(index)
            inBreadcrumb = true
        }
        if !inRelated && hints.contains(.related) {
            findings.related.append(index)
            inRelated = true
        }

        if tag.isOpaque || tag == .br || tag == .hr || tag == .img {
            if tag == .br || tag == .hr, let owner = parentFrame?.owner, owner >= 0 { closeRun(Int(owner), &stack) }
            return nil
        }
        if stack.count >= LibXML.maxDepth * 4 {
            // libxml2 caps depth at 256; a tree built some other way is still walked safely, but
            // nothing deeper than this is read.
            depthExceeded = true
            return nil
        }
        var owner = parentFrame?.owner ?? -1
        if tag.isBlock {
            if owner >= 0 { closeRun(Int(owner), &stack) }
            owner = Int32(stack.count)
        }
        return Frame(index: index, owner: owner, flags: flags, inRelated: inRelated, inBreadcrumb: inBreadcrumb, inCaption: inCaption)
    }

    private mutating func exit(_ frame: Frame, _ stack: inout [Frame]) {
        if elements[Int(frame.index)].tag.isBlock {
            // The frame has just been popped: score its last run from the frame itself.
            var copy = frame
            score(&copy)
        }
    }

    private mutating func text(_ node: XMLNode, _ stack: inout [Frame]) {
        guard let frame = stack.last, !frame.flags.contains(.dropped), let content = node.pointee.content else { return }
        let counts = TextScan.count(content)
        guard counts.letters > 0 || counts.punctuation > 0 else { return }
        let index = Int(frame.index)
        elements[index].ownLetters += counts.letters
        let inLink = frame.flags.contains(.inLink)
        if inLink { elements[index].ownLinkLetters += counts.letters }
        totalLetters += counts.letters
        let owner = Int(frame.owner)
        guard owner >= 0 else { return }
        stack[owner].runLetters += counts.letters
        stack[owner].runPunctuation += counts.punctuation
        if inLink { stack[owner].runLink += counts.letters }
    }

    private mutating func closeRun(_ position: Int, _ stack: inout [Frame]) {
        score(&stack[position])
    }

    /// Scores the owner's current run and starts a new one.
    private mutating func score(_ frame: inout Frame) {
        defer { frame.runLetters = 0; frame.runLink = 0; frame.runPunctuation = 0 }
        let letters = frame.runLetters
        guard letters >= 20 else { return }
        let density = Float(frame.runLink) / Float(letters)
        guard density < 0.5 else { return }
        let punctuation = Float(min(frame.runPunctuation, letters / 15 + 1))
        let score = (1 + punctuation + min(Float(letters) / 80, 3)) * (1 - density)
        let index = Int(frame.index)
        elements[index].runScore += score
        if letters >= 60 && density < 0.3 { elements[index].ownGoodRuns += 1 }
    }

    /// Raw subtree totals, children before parents (indices are in document order).
    private mutating func aggregate() {
        for i in elements.indices {
            elements[i].rawLetters = elements[i].ownLetters
            elements[i].goodRuns = elements[i].ownGoodRuns
            if elements[i].flags.contains(.articleBody) { elements[i].flags.insert(.holdsArticleBody) }
        }
        for i in elements.indices.reversed() {
            let e = elements[i]
            let p = Int(e.parent)
            guard p >= 0 else { continue }
            elements[p].rawLetters += e.rawLetters
            elements[p].goodRuns += e.goodRuns
            if e.flags.contains(.holdsArticleBody) { elements[p].flags.insert(.holdsArticleBody) }
        }
    }
}
