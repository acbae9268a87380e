/// Deciding what is not the article, and where the article is.
///
/// 1. Block headers: a heading whose text is a known block header (`block-headers.txt`: "الأكثر
///    قراءة", "التعليقات", "اقرأ أيضاً") marks its box out: the box is the heading's container, or,
///    when that container also holds the article, the heading and its following siblings up to the
///    next heading. Related boxes are remembered for their teasers.
/// 2. Class hints: an element with a negative hint and no positive one is out; a strong negative
///    (comments, related, most-read, share, breadcrumb) is out even with a positive hint. Nothing that
///    holds the `articleBody` is ever out, nor a wrapper holding most (80%) of the page's text; inside
///    the `articleBody`, nor an element holding half its text.
/// 3. Scores: each run's score goes to its container (the owner itself when it holds several
///    paragraphs as `<br>`-separated text, else the owner's parent), half to the next ancestor and a
///    third of its level to the three above, as Readability does. A candidate's final score adds the
///    tag's base weight and ±25 for class hints (+50 for `articleBody`), times (1 − link density).
/// 4. Selection: the best candidate, moved up to an ancestor shared by three near-equal candidates
///    or to a parent that scores higher, plus siblings that score at least a fifth as well (or are
///    plain paragraphs with few links).
extension PageAnalysis {
    /// Element indices whose links are teasers of related articles.
    struct RelatedBlock {
        var roots: [Int]
        /// Links before this element (the heading) are not teasers.
        var after: Int?
    }

    /// Marks out boxes and scores candidates. Returns the related blocks in document order.
    mutating func resolve(rules: ExtractionRules) -> [RelatedBlock] {
        guard !elements.isEmpty else { return [] }
        var related = markHeaderBlocks(rules: rules)
        for index in findings.related where !elements[index32: index].flags.contains(.blockOut) {
            related.append(RelatedBlock(roots: [Int(index)], after: nil))
            elements[Int(index)].flags.insert(.blockOut)
        }
        related.sort { ($0.roots.first ?? 0) < ($1.roots.first ?? 0) }
        exclude()
        score()
        return related
    }

    private mutating func markHeaderBlocks(rules: ExtractionRules) -> [RelatedBlock] {
        var related = [RelatedBlock]()
        for heading in findings.headings {
            let h = Int(heading)
            let raw = TextScan.rawText(of: elements[h].node, limit: 200)
            guard raw.count < 120, !raw.isEmpty else { continue }
            var text = TextScan.display(raw)
            while let last = text.unicodeScalars.last, last == ":" || last == "-" || last == " " { text.unicodeScalars.removeLast() }
            guard !text.isEmpty, let kind = rules.blockKind(ofHeader: text) else { continue }
            // Climb out of wrappers that hold nothing but the heading.
            var anchor = h
            while let p = parentIndex(anchor), elements[p].tag != .body, elements[p].tag != .html,
                  Node.firstElement(elements[p].node) == elements[anchor].node,
                  Node.nextElement(elements[anchor].node) == nil {
                anchor = p
            }
            guard let container = parentIndex(anchor) else { continue }
            let c = elements[container]
            var roots: [Int]
            if c.tag == .body || c.tag == .html || c.flags.contains(.holdsArticleBody) || c.goodRuns >= 2 {
                // The container holds more than this box: take the siblings up to the next heading.
                roots = [anchor]
                var next = Node.nextElement(elements[anchor].node)
                while let n = next, roots.count < 8, let i = PageAnalysis.index(of: n) {
                    if elements[i].tag.isHeading || elements[i].hints.contains(.title) { break }
                    // Article text after a misplaced header ("تعليقات" in a meta line) is not the box.
                    if elements[i].goodRuns >= 2 && !elements[i].hints.contains(.negative) { break }
                    roots.append(i)
                    next = Node.nextElement(n)
                }
            } else {
                roots = [container]
            }
            for root in roots { elements[root].flags.insert(.blockOut) }
            if kind == .related { related.append(RelatedBlock(roots: roots, after: h)) }
        }
        return related
    }

    private mutating func exclude() {
        let page = Float(elements[0].rawLetters)
        for i in elements.indices {
            let e = elements[i]
            var out = e.flags.contains(.dropped) || e.flags.contains(.blockOut)
            var inBody = false
            if e.parent >= 0 {
                let parent = elements[Int(e.parent)].flags
                if parent.contains(.excluded) { out = true }
                inBody = parent.contains(.articleBody) || parent.contains(.inArticleBody)
            }
            if inBody { elements[i].flags.insert(.inArticleBody) }
            if !out && e.hints.contains(.negative) && e.tag != .body && e.tag != .html {
                // Inside a named article body, a "furniture" class on what holds most of the body is
                // layout ("elementor-widget-container"), not furniture.
                out = inBody ? e.hints.contains(.strongNegative) || !holdsMostOfItsBody(i) : excludedByHints(e, pageLetters: page)
            }
            if out { elements[i].flags.insert(.excluded) }
        }
    }

    private func holdsMostOfItsBody(_ i: Int) -> Bool {
        var current = parentIndex(i)
        while let c = current {
            if elements[c].flags.contains(.articleBody) {
                return Float(elements[i].rawLetters) >= 0.5 * Float(elements[c].rawLetters)
            }
            current = parentIndex(c)
        }
        return false
    }

    private func excludedByHints(_ e: Element, pageLetters: Float) -> Bool {
        if e.flags.contains(.holdsArticleBody) { return false }
        let wrapper = pageLetters > 0 && Float(e.rawLetters) > 0.8 * pageLetters
        if e.hints.contains(.strongNegative) { return !(wrapper && e.hints.contains(.positive)) }
        if e.hints.contains(.positive) || e.tag == .main || e.tag == .article { return false }
        return !wrapper
    }

    private mutating func score() {
        for i in elements.indices {
            elements[i].letters = 0
            elements[i].linkLetters = 0
            elements[i].score = 0
        }
        for i in elements.indices.reversed() {
            let e = elements[i]
            guard !e.flags.contains(.excluded) else { continue }
            elements[i].letters += e.ownLetters
            elements[i].linkLetters += e.ownLinkLetters
            let letters = elements[i].letters, links = elements[i].linkLetters
            if e.parent >= 0 {
                elements[Int(e.parent)].letters += letters
                elements[Int(e.parent)].linkLetters += links
            }
            guard e.runScore > 0 else { continue }
            var target: Int? = (e.tag.isParagraph || e.ownGoodRuns <= 1) ? parentIndex(i) : i
            var level = 0
            while let t = target, level < 5 {
                let divider: Float = level == 0 ? 1 : level == 1 ? 2 : Float(level * 3)
                elements[t].score += e.runScore / divider
                elements[t].flags.insert(.candidate)
                target = parentIndex(t)
                level += 1
            }
        }
    }

    /// Readability's final score of a candidate.
    func finalScore(_ i: Int) -> Float {
        let e = elements[i]
        var weight = e.tag.baseWeight
        if e.hints.contains(.positive) { weight += 25 }
        if e.flags.contains(.articleBody) { weight += 25 }
        if e.hints.contains(.negative) { weight -= 25 }
        if e.tag == .article { weight += 10 }
        return (e.score + weight) * (1 - linkDensity(i))
    }

    func linkDensity(_ i: Int) -> Float {
        let letters = elements[i].letters
        return letters > 0 ? Float(elements[i].linkLetters) / Float(letters) : 0
    }

    func parentIndex(_ i: Int) -> Int? {
        let p = elements[i].parent
        return p >= 0 ? Int(p) : nil
    }

    func isExcluded(_ i: Int) -> Bool { elements[i].flags.contains(.excluded) }

    /// The body element, or the root when there is none.
    var bodyIndex: Int? {
        guard !elements.isEmpty else { return nil }
        for i in elements.indices.prefix(64) where elements[i].tag == .body { return i }
        return 0
    }

    /// The elements that hold the article, in document order; nil when nothing scored.
    func selectContent() -> (roots: [Int], top: Int)? {
        var ranked = [(index: Int, score: Float)]()
        for i in elements.indices where elements[i].flags.contains(.candidate) && !isExcluded(i) {
            ranked.append((i, finalScore(i)))
        }
        guard !ranked.isEmpty else { return nil }
        ranked.sort { $0.score > $1.score }
        let body = bodyIndex ?? 0
        var top = ranked[0].index
        if top == body || elements[top].tag == .html { return ([body], body) }
        let topScore = ranked[0].score

        // An ancestor shared by three near-equal candidates holds the article.
        // Near-equal in text, not only in class weight.
        let topContent = elements[top].score
        let alternatives = ranked.dropFirst().prefix(4).filter {
            $0.score / max(topScore, 0.0001) >= 0.75 && elements[$0.index].score >= 0.75 * topContent
        }
        if alternatives.count >= 3 {
            var ancestor = parentIndex(top)
            while let a = ancestor, a != body {
                let sharing = alternatives.filter { isAncestor(a, of: $0.index) }.count
                if sharing >= 3 { top = a; break }
                ancestor = parentIndex(a)
            }
        }
        // Climb while a parent scores better (a lower-scoring parent ends the climb below a third).
        var lastScore = finalScore(top)
        let threshold = lastScore / 3
        var parent = parentIndex(top)
        while let p = parent, p != body {
            guard elements[p].flags.contains(.candidate) else { parent = parentIndex(p); continue }
            let s = finalScore(p)
            if s < threshold { break }
            if s > lastScore { top = p; break }
            lastScore = s
            parent = parentIndex(p)
        }
        // An only child says nothing its parent doesn't.
        while let p = parentIndex(top), p != body, elementChildCount(p) == 1 { top = p }

        // Siblings that belong with it, unless the page named its article body outright.
        guard let p = parentIndex(top), !elements[top].flags.contains(.articleBody) else { return ([top], top) }
        let best = finalScore(top)
        let siblingThreshold = max(10, best * 0.2)
        let topClass = Node.attribute(elements[top].node, "class").map { String(cString: $0) }
        var roots = [Int]()
        var child = Node.firstElement(elements[p].node)
        while let c = child {
            defer { child = Node.nextElement(c) }
            guard let i = PageAnalysis.index(of: c) else { continue }
            if i == top { roots.append(i); continue }
            guard !isExcluded(i) else { continue }
            var bonus: Float = 0
            if let topClass, !topClass.isEmpty, Node.attribute(c, "class").map({ String(cString: $0) }) == topClass { bonus = best * 0.2 }
            if elements[i].flags.contains(.candidate) && finalScore(i) + bonus >= siblingThreshold {
                roots.append(i)
            } else if elements[i].tag == .p {
                let letters = elements[i].letters, density = linkDensity(i)
                if letters >= 60 && density < 0.25 { roots.append(i) }
            }
        }
        return (roots, top)
    }

    func isAncestor(_ a: Int, of i: Int) -> Bool {
        var current = parentIndex(i)
        while let c = current {
            if c == a { return true }
            if c < a { return false }
            current = parentIndex(c)
        }
        return false
    }

    func elementChildCount(_ i: Int) -> Int {
        var count = 0
        var child = Node.firstElement(elements[i].node)
        while let c = child, count < 2 { count += 1; child = Node.nextElement(c) }
        return count
    }
}

extension Array where Element == PageAnalysis.Element {
    subscript(index32 index: Int32) -> PageAnalysis.Element { self[Int(index)] }
}
