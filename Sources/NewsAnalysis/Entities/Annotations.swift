import ArabicText
import NewsModel

/// What gazetteers and cue rules find in a ``TokenTable``: spans, title chains and per-token flags
/// (the tagger's gazetteer and cue features).
struct Annotations {
    /// Per-token flags; see the static members.
    var flags: [UInt32]
    var gazetteer: [GazetteerSpan] = []
    var chains: [TitleChain] = []
    var organizations: [CueSpan] = []

    static let gazetteerPersonB: UInt32 = 1 << 0, gazetteerPersonI: UInt32 = 1 << 1
    static let gazetteerLocationB: UInt32 = 1 << 2, gazetteerLocationI: UInt32 = 1 << 3
    static let gazetteerOrganizationB: UInt32 = 1 << 4, gazetteerOrganizationI: UInt32 = 1 << 5
    static let gazetteerWeak: UInt32 = 1 << 6
    static let givenName: UInt32 = 1 << 7
    static let title: UInt32 = 1 << 8
    static let afterTitle: UInt32 = 1 << 9
    static let nisba: UInt32 = 1 << 10
    static let orgHead: UInt32 = 1 << 11
    static let orgSlot: UInt32 = 1 << 12
    static let stopword: UInt32 = 1 << 13
    static let definite: UInt32 = 1 << 14
    static let openingQuote: UInt32 = 1 << 15
    static let closingQuote: UInt32 = 1 << 16
    static let bitCount = 17

    struct GazetteerSpan {
        var start: Int
        var end: Int
        var entry: Int32
        var weak: Bool
        var reading: Clitics.Reading
    }

    /// A person title with its complement, nisba and modifiers: «وزير الخارجية الروسي السابق».
    struct TitleChain {
        var start: Int
        /// The token after the chain, where a name would start (may be the end of the text).
        var end: Int
        var title: Int32
        var reading: Clitics.Reading
        /// The complement: a word's key hash (الخارجية) or a gazetteer entry plus one (الكرملين); 0 if none.
        var complement: UInt64
        /// Index into ``EntityCues/nisbaLocations``.
        var nisba: Int32?
        /// Hash of the modifiers (السابق), 0 if none.
        var modifiers: UInt64
    }

    /// An organisation a pattern names (وزارة X, شركة «X»).
    struct CueSpan {
        var start: Int
        var end: Int
        /// The proclitics on the first token (on the head when it is part of the name).
        var reading: Clitics.Reading
    }

    init(_ t: TokenTable, resources: EntityResources) {
        let n = t.count
        flags = [UInt32](repeating: 0, count: n)
        let cues = resources.cues
        t.key.withUnsafeBufferPointer { key in
            t.search.withUnsafeBufferPointer { search in
                markWords(t, key: key, search: search, cues: cues)
                findGazetteerSpans(t, key: key, gazetteer: resources.gazetteer)
                findTitleChains(t, key: key, cues: cues, gazetteer: resources.gazetteer)
                findOrganizations(t, key: key, cues: cues)
            }
        }
    }

    private mutating func markWords(_ t: TokenTable, key: UnsafeBufferPointer<UInt8>, search: UnsafeBufferPointer<UInt8>, cues: EntityCues) {
        for i in 0..<t.count {
            let range = t.formRange(i)
            if t.kinds[i] == .punctuation {
                let mark = UnsafeBufferPointer(rebasing: key[range])
                if mark.elementsEqual(Self.leftGuillemet) || mark.elementsEqual(Self.leftDoubleQuote) { flags[i] |= Self.openingQuote }
                if mark.elementsEqual(Self.rightGuillemet) || mark.elementsEqual(Self.rightDoubleQuote) { flags[i] |= Self.closingQuote }
                if mark.count == 1 && mark[0] == 0x22 { flags[i] |= Self.openingQuote | Self.closingQuote }
                continue
            }
            guard t.isWord(i) else { continue }
            let word = UnsafeBufferPointer(rebasing: key[range])
            if Stopwords.arabic.contains(utf8: UnsafeBufferPointer(rebasing: search[range])) { flags[i] |= Self.stopword }
            if cues.isGivenName(word) { flags[i] |= Self.givenName }
            if cues.nisbaLocation(word) != nil { flags[i] |= Self.nisba }
            if Clitics.strip(word).code & 4 != 0 { flags[i] |= Self.definite }
        }
    }

    private mutating func findGazetteerSpans(_ t: TokenTable, key: UnsafeBufferPointer<UInt8>, gazetteer: Gazetteer) {
        var i = 0
        while i < t.count {
            guard let m = gazetteer.table.longestMatch(in: t, key: key, at: i) else { i += 1; continue }
            let entry = Int32(m.payload >> 1)
            let weak = m.payload & 1 == 1
            let (begin, inside) = gazetteer.entries[Int(entry)].kind.flagPair
            flags[i] |= begin
            for k in i..<m.end {
                if k > i { flags[k] |= inside }
                if weak { flags[k] |= Self.gazetteerWeak }
            }
            self.gazetteer.append(GazetteerSpan(start: i, end: m.end, entry: entry, weak: weak, reading: m.reading))
            i = m.end
        }
    }

    /// The gazetteer span starting at token `i`, if any (spans are sorted and disjoint).
    func gazetteerSpan(startingAt i: Int) -> GazetteerSpan? {
        var lo = 0, hi = gazetteer.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if gazetteer[mid].start < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < gazetteer.count && gazetteer[lo].start == i ? gazetteer[lo] : nil
    }

    private mutating func findTitleChains(_ t: TokenTable, key: UnsafeBufferPointer<UInt8>, cues: EntityCues, gazetteer: Gazetteer) {
        var i = 0
        while i < t.count {
            guard let m = cues.titleTable.longestMatch(in: t, key: key, at: i) else { i += 1; continue }
            for k in i..<m.end { flags[k] |= Self.title }
            let title = cues.titles[Int(m.payload)]
            var j = m.end
            var complement: UInt64 = 0
            if title.takesComplement, j < t.count {
                if let span = gazetteerSpan(startingAt: j), gazetteer.entries[Int(span.entry)].kind != .person {
                    complement = UInt64(span.entry) &+ 1
                    j = span.end
                } else if t.isWord(j), flags[j] & (Self.definite | Self.stopword) == Self.definite {
                    complement = t.keyHash[j]
                    j += 1
                }
            }
            var nisba: Int32?
            var modifiers: UInt64 = 0
            var adjectives = 0
            while j < t.count, adjectives < 3, t.isWord(j) {
                let word = UnsafeBufferPointer(rebasing: key[t.formRange(j)])
                if let location = cues.nisbaLocation(word) {
                    nisba = nisba ?? location
                    j += 1
                } else if let modifier = cues.modifierTable.longestMatch(in: t, key: key, at: j, clitics: false) {
                    for k in j..<modifier.end { modifiers = NameHash.combine(modifiers, t.keyHash[k]) }
                    j = modifier.end
                } else {
                    break
                }
                adjectives += 1
            }
            chains.append(TitleChain(start: i, end: j, title: m.payload, reading: m.reading, complement: complement, nisba: nisba, modifiers: modifiers))
            if j < t.count && t.isWord(j) && flags[j] & Self.stopword == 0 { flags[j] |= Self.afterTitle }
            i = max(m.end, i + 1)
        }
    }

    private mutating func findOrganizations(_ t: TokenTable, key: UnsafeBufferPointer<UInt8>, cues: EntityCues) {
        var i = 0
        while i < t.count {
            guard let m = cues.orgTable.longestMatch(in: t, key: key, at: i) else { i += 1; continue }
            var span: CueSpan?
            for p in cues.orgHeads[Int(m.payload)] where span == nil {
                span = organization(cues.orgPatterns[p], head: m, at: i, t, key: key)
            }
            for k in i..<m.end { flags[k] |= Self.orgHead }
            if let span {
                for k in span.start..<span.end where flags[k] & Self.orgHead == 0 { flags[k] |= Self.orgSlot }
                organizations.append(span)
                i = span.end
            } else {
                i = m.end
            }
        }
    }

    /// The organisation that `pattern` names after its head, if its slot is filled.
    private func organization(_ pattern: EntityCues.OrgPattern, head m: NamePhraseTable.Match, at i: Int, _ t: TokenTable, key: UnsafeBufferPointer<UInt8>) -> CueSpan? {
        switch pattern.slot {
        case .definite:
            var j = m.end
            var nisbas = 0
            while j < t.count, j - m.end < 4, t.isWord(j), flags[j] & (Self.definite | Self.stopword) == Self.definite {
                let bare = Clitics.strip(UnsafeBufferPointer(rebasing: key[t.formRange(j)])).code == 4
                let isNisba = flags[j] & Self.nisba != 0
                let namesAnother = flags[j] & (Self.gazetteerPersonB | Self.gazetteerLocationB | Self.gazetteerOrganizationB) != 0
                guard bare, !namesAnother || (j > m.end && isNisba) else { break }
                if isNisba { nisbas += 1 }
                j += 1
            }
            guard j > m.end, !pattern.headIsDefinite || nisbas > 0 else { return nil }
            return CueSpan(start: i, end: j, reading: m.reading)
        case .quoted:
            guard m.end < t.count, flags[m.end] & Self.openingQuote != 0 else { return nil }
            var j = m.end + 1
            while j < t.count, j - m.end <= 8, t.isWord(j) || t.kinds[j] == .number { j += 1 }
            guard j > m.end + 1, j < t.count, flags[j] & Self.closingQuote != 0 else { return nil }
            return CueSpan(start: m.end + 1, end: j, reading: .whole)
        case .name:
            let j = m.end
            guard j < t.count, t.isWord(j), flags[j] & (Self.stopword | Self.definite | Self.nisba) == 0 else { return nil }
            return CueSpan(start: j, end: j + 1, reading: .whole)
        }
    }

    static let leftGuillemet = Array(String(Unicode.Scalar(ArabicScalar.leftGuillemet)!).utf8)
    static let rightGuillemet = Array(String(Unicode.Scalar(ArabicScalar.rightGuillemet)!).utf8)
    static let leftDoubleQuote = Array("\u{201C}".utf8)
    static let rightDoubleQuote = Array("\u{201D}".utf8)
}

extension Entity.Kind {
    /// The begin and inside flags of a gazetteer match of this kind.
    var flagPair: (UInt32, UInt32) {
        switch self {
        case .person: (Annotations.gazetteerPersonB, Annotations.gazetteerPersonI)
        case .location: (Annotations.gazetteerLocationB, Annotations.gazetteerLocationI)
        case .organization: (Annotations.gazetteerOrganizationB, Annotations.gazetteerOrganizationI)
        }
    }
}
