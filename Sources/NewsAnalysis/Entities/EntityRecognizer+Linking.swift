import ArabicText
import NewsModel
import StableHash

extension EntityRecognizer {
    /// One mention on its way to an entity.
    struct Item {
        var field: Int
        var span: Span
        var text: String
        var range: Range<Int>
        /// Key hashes of the mention's words (proclitics off the first).
        var words: [UInt64]
        var key: UInt64
        /// Hash of the words less their long vowels, for foreign names of five letters or more; 0 if none.
        var skeleton: UInt64
    }

    struct Linked {
        var entities: [Entity]
        var mentions: [ArticleMention]
        /// For each mention, the field and the token its span starts at.
        var origins: [(field: Int, token: Int)]
    }

    /// Links the mentions of all fields into entities.
    func link(_ fields: [Field]) -> Linked {
        // Weak gazetteer forms count when a strong form of the same entry is in the article; they
        // then take the place of what the tagger made of the same words.
        let strongEntries = Set(fields.flatMap { $0.spans.compactMap(\.entry) })
        var items = [Item]()
        for (f, field) in fields.enumerated() {
            var spans = field.spans
            for weak in field.pending where strongEntries.contains(weak.entry!) {
                let overlaps = { (s: Span) in s.start < weak.end && weak.start < s.end }
                guard !spans.contains(where: { overlaps($0) && $0.source == .gazetteer }) else { continue }
                spans.removeAll(where: overlaps)
                spans.append(weak)
            }
            items += spans.map { item($0, in: field, at: f) }
        }
        items.sort { ($0.field, $0.range.lowerBound) < ($1.field, $1.range.lowerBound) }

        var groups = DisjointSets(items.count)
        var byEntry = [Int32: Int](), byKey = [UInt64: Int]()
        for (k, it) in items.enumerated() {
            if let entry = it.span.entry {
                if let other = byEntry[entry] { groups.union(other, k) } else { byEntry[entry] = k }
            }
            if let other = byKey[it.key] { groups.union(other, k) } else { byKey[it.key] = k }
        }
        linkShortForms(items, &groups)
        var bySkeleton = [UInt64: Int]()
        for (k, it) in items.enumerated() where it.skeleton != 0 && it.span.entry == nil {
            let h = NameHash.combine(it.skeleton, FNV1a64.hash(Array(it.span.kind.rawValue.utf8)))
            if let other = bySkeleton[h] { groups.union(other, k) } else { bySkeleton[h] = k }
        }

        // Entities in order of first appearance, then by count.
        var members = [Int: [Int]]()
        var order = [Int]()
        for k in items.indices {
            let root = groups.find(k)
            if members[root] == nil { order.append(root) }
            members[root, default: []].append(k)
        }
        var entities = [Entity]()
        var nameOf = [Int: (String, Entity.Kind)]()
        for root in order {
            let list = members[root]!
            let (name, kind) = canonical(list.map { items[$0] })
            nameOf[root] = (name, kind)
            var forms = [String]()
            for k in list where !forms.contains(items[k].text) { forms.append(items[k].text) }
            let seenIn = Set(list.map { fields[items[$0].field].kind }).sorted()
            entities.append(Entity(name: name, type: kind, mentions: forms, count: list.count, fields: seenIn))
        }
        let firstSeen = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let ranked = zip(order, entities).sorted { a, b in
            a.1.count != b.1.count ? a.1.count > b.1.count : firstSeen[a.0]! < firstSeen[b.0]!
        }.map(\.1)
        let mentions = items.enumerated().map { k, it in
            let (name, kind) = nameOf[groups.find(k)]!
            return ArticleMention(paragraph: fields[it.field].paragraph, field: fields[it.field].kind,
                                  mention: EntityMention(kind: kind, name: name, text: it.text, range: it.range, source: it.span.source))
        }
        return Linked(entities: ranked, mentions: mentions, origins: items.map { ($0.field, $0.span.start) })
    }

    /// The gazetteer's name and kind, or else the fullest form and the most frequent kind.
    func canonical(_ list: [Item]) -> (String, Entity.Kind) {
        if let entry = list.lazy.compactMap(\.span.entry).first {
            let e = resources.gazetteer.entries[Int(entry)]
            return (e.name, e.kind)
        }
        var votes = [Entity.Kind: Int]()
        for it in list { votes[it.span.kind, default: 0] += 1 }
        let kind = list.map(\.span.kind).max { votes[$0]! < votes[$1]! } ?? .person
        let fullest = list.max { a, b in
            a.words.count != b.words.count ? a.words.count < b.words.count : a.text.unicodeScalars.count < b.text.unicodeScalars.count
        }!
        return (fullest.text, kind)
    }

    /// A short form joins the fuller form of the same kind that contains it (بوتين → فلاديمير بوتين),
    /// preferring one whose last words it is; a form that two different names contain stays alone.
    func linkShortForms(_ items: [Item], _ groups: inout DisjointSets) {
        var byWord = [UInt64: [Int]]()
        for (k, it) in items.enumerated() where it.words.count > 1 {
            for w in Set(it.words) where byWord[w, default: []].count < 64 { byWord[w, default: []].append(k) }
        }
        for (k, it) in items.enumerated() {
            guard let first = it.words.first, let candidates = byWord[first] else { continue }
            var tail = Set<Int>(), inside = Set<Int>()
            for c in candidates {
                let full = items[c]
                guard full.words.count > it.words.count, full.span.kind == it.span.kind,
                      it.span.entry == nil || full.span.entry == it.span.entry,
                      let at = Self.position(of: it.words, in: full.words) else { continue }
                let root = groups.find(c)
                if at + it.words.count == full.words.count { tail.insert(root) } else { inside.insert(root) }
            }
            let choice = tail.count == 1 ? tail.first : (tail.isEmpty && inside.count == 1 ? inside.first : nil)
            if let choice { groups.union(choice, k) }
        }
    }

    static func position(of part: [UInt64], in whole: [UInt64]) -> Int? {
        guard part.count <= whole.count else { return nil }
        for start in 0...(whole.count - part.count) where whole[start..<(start + part.count)].elementsEqual(part) { return start }
        return nil
    }

    func item(_ span: Span, in field: Field, at f: Int) -> Item {
        let t = field.table
        var words = [UInt64]()
        var skeleton: UInt64 = FNV1a64.offsetBasis
        var foreign = true
        t.key.withUnsafeBufferPointer { key in
            for i in span.start..<span.end where t.isWord(i) || t.kinds[i] == .number {
                let word = UnsafeBufferPointer(rebasing: key[t.formRange(i)])
                let reading = i == span.start ? span.reading : .whole
                words.append(Clitics.hash(word, reading))
                let body = UnsafeBufferPointer(rebasing: word[reading.cut...])
                if Clitics.letters(body) < 5 { foreign = false }
                skeleton = NameHash.combine(skeleton, Self.skeleton(body))
            }
        }
        if words.isEmpty { words = [t.keyHash[span.start]] }
        var key = NamePhraseTable.start
        for w in words { key = NameHash.combine(key, w) }
        // Display: from after the proclitics of the first token to the end of the last.
        let start = t.ranges[span.start].lowerBound + sourceOffset(letters: span.reading.cut / 2, in: field.text, t.ranges[span.start])
        let end = t.ranges[span.end - 1].upperBound
        var text = String(decoding: field.text[start..<end], as: UTF8.self)
        if span.reading.restoresAlef { text = String(Unicode.Scalar(ArabicScalar.alef)!) + text }
        return Item(field: f, span: span, text: text, range: start..<end, words: words, key: key, skeleton: foreign ? skeleton : 0)
    }

    /// Bytes from a token's start past `letters` letters and the marks and tatweel after them.
    func sourceOffset(letters: Int, in text: [UInt8], _ range: Range<Int>) -> Int {
        guard letters > 0 else { return 0 }
        var seen = 0
        var offset = 0
        let scalars = String(decoding: text[range], as: UTF8.self).unicodeScalars
        for scalar in scalars {
            let s = scalar.value
            if seen == letters && !(ArabicScalar.isMark(s) || s == ArabicScalar.tatweel || s == ArabicScalar.zeroWidthNonJoiner) { break }
            if ArabicScalar.isLetter(s) { seen += 1 }
            offset += String(scalar).utf8.count
        }
        return min(offset, range.count)
    }

    /// The letters of a key less alef, waw and yeh after the first letter.
    static func skeleton(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = FNV1a64.offsetBasis
        var i = 0
        while i < word.count {
            let c = Clitics.letter(word, i)
            let step = c != 0 ? 2 : 1
            if i == 0 || !(c == ArabicScalar.alef || c == ArabicScalar.waw || c == ArabicScalar.yeh) {
                for k in i..<min(i + step, word.count) { h = FNV1a64.step(h, UInt64(word[k])) }
            }
            i += step
        }
        return h
    }
}
