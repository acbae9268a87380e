import ArabicText

/// A paragraph as tokens with their match keys, and the questions quote attribution asks of it.
struct QuoteText {
    struct Word {
        var kind: TokenKind
        var range: Range<Int>
        var key: MatchKey
        /// Written with the article ال (after an optional و ف ب ل ك), in the original spelling:
        /// "الكرملين", "للقوات", "والبيلاروسي"; not "ألكسندر", whose أ search normalization folds to ا.
        var isDefinite = false
        /// ب + ال ("بالقرار"): a prepositional phrase, never part of a name.
        var isPrepositional = false

        var isSentenceEnd: Bool { kind == .punctuation && (key.bytes == [0x2E] || key.bytes == [0x21] || key.bytes == [0x3F] || key.bytes == [0xD8, 0x9F]) }
        var isOpeningMark: Bool { kind == .punctuation && (key.bytes == Self.guillemetOpen || key.bytes == Self.curlyOpen || key.bytes == [0x22]) }
        var isClosingMark: Bool { kind == .punctuation && (key.bytes == Self.guillemetClose || key.bytes == Self.curlyClose || key.bytes == [0x22]) }

        static let guillemetOpen: [UInt8] = [0xC2, 0xAB]   // «
        static let guillemetClose: [UInt8] = [0xC2, 0xBB]  // »
        static let curlyOpen: [UInt8] = [0xE2, 0x80, 0x9C]  // “
        static let curlyClose: [UInt8] = [0xE2, 0x80, 0x9D] // ”
    }

    let text: String
    let utf8: [UInt8]
    let tokens: [Word]

    init(_ text: String) {
        self.text = text
        utf8 = Array(text.utf8)
        var words = [Word]()
        let bytes = utf8
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer().forEachToken(in: buffer) { kind, range in
                let raw = UnsafeBufferPointer(rebasing: buffer[range])
                let key = MatchKey(bytes: MatchKey.normalizeTrimmed(raw))
                let prepositional = raw.count >= 8 && raw[0] == 0xD8 && raw[1] == 0xA8 && raw[2] == 0xD8 && raw[3] == 0xA7 && raw[4] == 0xD9 && raw[5] == 0x84
                words.append(Word(kind: kind, range: range, key: key, isDefinite: Self.isDefinite(raw), isPrepositional: prepositional))
            }
        }
        tokens = words
    }

    static func isDefinite(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        // ا ل = D8 A7 D9 84; one-letter proclitics و ف ب ل ك = D9 88, D9 81, D8 A8, D9 84, D9 83.
        func al(at offset: Int) -> Bool {
            raw.count >= offset + 6 && raw[offset] == 0xD8 && raw[offset + 1] == 0xA7 && raw[offset + 2] == 0xD9 && raw[offset + 3] == 0x84
        }
        if al(at: 0) { return true }
        guard raw.count >= 6 else { return false }
        let proclitic = (raw[0] == 0xD9 && [0x88, 0x81, 0x84, 0x83].contains(raw[1])) || (raw[0] == 0xD8 && raw[1] == 0xA8)
        guard proclitic else { return false }
        if al(at: 2) { return true }
        // لل: ل + (ا)ل, the alef dropped in writing.
        if raw[0] == 0xD9 && raw[1] == 0x84 && raw.count >= 6 && raw[2] == 0xD9 && raw[3] == 0x84 { return true }
        // وال/فال after a proclitic: وبال، وللـ …
        return raw.count >= 8 && (raw[2] == 0xD8 && raw[3] == 0xA8 || raw[2] == 0xD9 && raw[3] == 0x84) && al(at: 4)
    }

    func display(_ word: Word) -> String { String(decoding: utf8[word.range], as: UTF8.self) }

    func display(_ range: Range<Int>) -> String {
        guard let first = range.first, range.upperBound <= tokens.count, !range.isEmpty else { return "" }
        return String(decoding: utf8[tokens[first].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound], as: UTF8.self)
    }

    func wordCount(in range: Range<Int>) -> Int {
        tokens[range.clamped(to: 0..<tokens.count)].filter { $0.kind.isWordLike }.count
    }

    /// Words a name in quote marks may have inside a speaker's phrase: رئيس مجلس «الوادي»، شركة
    /// "كامبردج أناليتيكا"، الرئيس السابق لـ"CIA".
    static let quotedNameWords = 4

    /// The index after the closing mark when the mark at `index` opens a short quoted name
    /// (at most ``quotedNameWords`` words, closed before the sentence ends); nil otherwise.
    func afterQuotedName(at index: Int) -> Int? {
        guard tokens[index].isOpeningMark else { return nil }
        var close = index + 1
        while close < tokens.count, close - index <= Self.quotedNameWords + 1, !tokens[close].isSentenceEnd {
            if tokens[close].isClosingMark { return close > index + 1 ? close + 1 : nil }
            if tokens[close].isOpeningMark { return nil }
            close += 1
        }
        return nil
    }

    /// A straight quote mark opens a quote only when a word follows it without a space ("كلمة); «
    /// and “ always open.
    func canOpen(at index: Int) -> Bool {
        guard tokens[index].key.bytes == [0x22] else { return true }
        let end = tokens[index].range.upperBound
        return end < utf8.count && utf8[end] != 0x20 && utf8[end] != 0x0A
    }

    /// A straight quote mark closes a quote only when it follows a word without a space (كلمة").
    func canClose(at index: Int) -> Bool {
        guard tokens[index].key.bytes == [0x22] else { return true }
        let start = tokens[index].range.lowerBound
        return start > 0 && utf8[start - 1] != 0x20
    }

    /// Where the quote opened at `open` closes (nil when it runs to the end of the paragraph), and its text.
    func quoteBody(from open: Int) -> (String, Int?) {
        let opener = tokens[open].key.bytes
        let closer: [UInt8]
        switch opener {
        case Word.guillemetOpen: closer = Word.guillemetClose
        case Word.curlyOpen: closer = Word.curlyClose
        default: closer = [0x22]
        }
        var depth = 0
        var index = open + 1
        let limit = min(tokens.count, open + 1 + QuoteExtractor.maxQuoteTokens)
        while index < limit {
            let bytes = tokens[index].key.bytes
            if tokens[index].kind == .punctuation {
                if bytes == closer, canClose(at: index) {
                    if depth == 0 { return (inner(open + 1, index), index) }
                    depth -= 1
                } else if bytes == opener && opener != [0x22] {
                    // Nested marks of the same kind (bounded: depth only counts).
                    depth += 1
                }
            }
            index += 1
        }
        return (inner(open + 1, limit), nil)
    }

    private func inner(_ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        let bytes = utf8[tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The subject of the cue at `cue`: the words up to a boundary, where a reported clause starts
    /// (after أن/إن), and where reading should resume.
    struct Subject {
        var words: Range<Int>?
        var clauseStart: Int?
        var end: Int
        /// A phrase between commas after the subject: a role ("، وزير الخارجية،") or the name of
        /// the person a role subject describes ("الناطق باسم الكرملين، ديمتري بيسكوف،").
        var appositive: Range<Int>? = nil
    }

    func subject(after cue: Int) -> Subject {
        var index = cue + 1
        var start: Int?
        var count = 0
        while index < tokens.count, count < 12 {
            let token = tokens[index]
            if token.kind == .punctuation {
                // "قال الكرملين، الأربعاء، إن …": the subject ends at the comma; time words between
                // commas are skipped to find the clause.
                if token.key.bytes == [0xD8, 0x8C] || token.key.bytes == [0x2C] {
                    var next = index + 1
                    while next < tokens.count, SpeakerResolver.timeWords.contains(tokens[next].key) || tokens[next].key == MatchKey("يوم") { next += 1 }
                    if next > index + 1, next < tokens.count, tokens[next].key.bytes == [0xD8, 0x8C] || tokens[next].key.bytes == [0x2C] { next += 1 }
                    if next < tokens.count, SpeakerResolver.complementizers.contains(tokens[next].key) {
                        return Subject(words: start.map { $0..<index }, clauseStart: next + 1, end: next + 1)
                    }
                    // "قال أنور قرقاش، وزير الدولة للشؤون الخارجية، إن …": a role between commas.
                    if start != nil, let (clause, appositiveEnd) = clauseAfterAppositive(from: index + 1) {
                        return Subject(words: start.map { $0..<index }, clauseStart: clause, end: clause, appositive: (index + 1)..<appositiveEnd)
                    }
                    return Subject(words: start.map { $0..<index }, clauseStart: nil, end: next > index + 1 ? next : index)
                }
                if start != nil, let after = afterQuotedName(at: index) {
                    count += after - index
                    index = after
                    continue
                }
                break
            }
            if token.kind == .proclitic { break }
            if SpeakerResolver.complementizers.contains(token.key) {
                return Subject(words: start.map { $0..<index }, clauseStart: index + 1, end: index + 1)
            }
            if SpeakerResolver.subjectBoundaries.contains(token.key) || SpeakerResolver.timeWords.contains(token.key) { break }
            if start == nil { start = index }
            count += 1
            index += 1
        }
        // "كشف في بيان صحافي اليوم أن …", "قال في خطاب أمام أنصاره إنه …": the clause comes after
        // a phrase that ended the subject.
        let clause = complementizerAhead(from: index)
        return Subject(words: start.map { $0..<index }, clauseStart: clause, end: clause ?? index)
    }

    /// Tokens between a passing-on cue and its عن, at most ("نقلت صحيفة وول ستريت جورنال عن").
    static let viaTokens = 8

    /// The index of عن after a cue that passes on another's words, when it comes within
    /// ``viaTokens`` and before a colon, a quote mark, a complementizer or the sentence's end.
    func quotedSource(after cue: Int) -> Int? {
        // "وجاء في البيان إن": what the words came in speaks.
        if cue + 1 < tokens.count, tokens[cue + 1].key == MatchKey("في") { return cue + 1 }
        var index = cue + 1
        while index < tokens.count, index - cue <= Self.viaTokens {
            let token = tokens[index]
            if token.isSentenceEnd || token.isOpeningMark || token.key.bytes == [UInt8(ascii: ":")]
                || SpeakerResolver.complementizers.contains(token.key) { return nil }
            if token.key == MatchKey("عن") { return index }
            index += 1
        }
        return nil
    }

    /// The prepositions that introduce a cue's content as their object.
    static let contentPrepositions: Set<MatchKey> = [MatchKey("على"), MatchKey("إلى")]

    /// Where the content starts when على or إلى follows the cue and a word, not a complementizer,
    /// follows it ("على أهمية"); nil otherwise ("إلى أن" is a clause, found as one).
    func prepositionalObject(after cue: Int, among prepositions: Set<MatchKey> = contentPrepositions) -> Int? {
        let preposition = cue + 1, object = cue + 2
        guard object < tokens.count, prepositions.contains(tokens[preposition].key),
              tokens[object].kind == .arabicWord, !SpeakerResolver.complementizers.contains(tokens[object].key) else { return nil }
        return object
    }

    /// Words before a cue that can be its subject, at most ("وكانت صحيفة وول ستريت جورنال قد أوردت").
    static let subjectBeforeWords = 6
    /// Words that end a look back for a subject: what precedes them is another clause.
    static let subjectBeforeStops: Set<MatchKey> = Set(["كان", "كانت", "وكان", "وكانت", "الذي", "التي", "الذين", "كما", "وكما",
                                                       "يذكر", "ويذكر", "قد", "لقد", "وقد", "ما", "بأنهم", "لأن", "لأنه", "لأنها"].map(MatchKey.init))

    /// The subject written before a cue that has none after it (subject–verb order: "الولايات المتحدة
    /// اعتبرت أن", "وكانت صحيفة … قد أوردت أن"): the words back to the sentence's start, a punctuation
    /// mark, a complementizer or a clause word, after an optional "قد"; nil when there are none.
    func subject(before cue: Int) -> Range<Int>? {
        var end = cue
        if end > 0, tokens[end - 1].key == MatchKey("قد") { end -= 1 }
        var start = end
        while start > 0, end - start < Self.subjectBeforeWords {
            let token = tokens[start - 1]
            guard token.kind == .arabicWord || token.kind == .latinWord, !SpeakerResolver.complementizers.contains(token.key),
                  !Self.subjectBeforeStops.contains(token.key) else { break }
            start -= 1
        }
        return start < end ? start..<end : nil
    }

    /// Where a reported clause starts, when a complementizer follows within ``appositiveTokens`` in
    /// the same sentence, with no quote mark or colon before it.
    func complementizerAhead(from start: Int) -> Int? {
        var index = start
        while index < tokens.count, index - start <= Self.appositiveTokens {
            let token = tokens[index]
            if let after = afterQuotedName(at: index) { index = after; continue }
            if token.isSentenceEnd || token.isOpeningMark || token.key.bytes == [UInt8(ascii: ":")] { return nil }
            if SpeakerResolver.complementizers.contains(token.key) { return index + 1 }
            index += 1
        }
        return nil
    }

    /// Tokens in an appositive between commas (a role: "المندوب الدائم لقطر لدى مكتب الأمم المتحدة
    /// بجنيف"), at most.
    static let appositiveTokens = 14

    /// Where the reported clause starts when the words from `start` are an appositive closed by a
    /// comma and a complementizer ("…، وزير الخارجية، إن", "…، مالدين مارينوف، الأربعاء، أن"), and
    /// where the appositive ends: nil when the sentence ends, a quote mark opens or another
    /// complementizer comes first, or the comma is not found within ``appositiveTokens``.
    func clauseAfterAppositive(from start: Int) -> (clause: Int, appositiveEnd: Int)? {
        var index = start
        while index < tokens.count, index - start <= Self.appositiveTokens {
            let token = tokens[index]
            if let after = afterQuotedName(at: index) { index = after; continue }
            if token.isSentenceEnd || token.isOpeningMark { return nil }
            if token.kind == .punctuation, Self.isComma(token) {
                guard index > start else { return nil }
                if let clause = clauseAfterTimeWords(from: index + 1) { return (clause, index) }
                // "، زوجة الرئيس الأمريكي، دونالد ترامب، أنها": an appositive of two parts goes on.
            } else if SpeakerResolver.complementizers.contains(token.key), index > start {
                // "، المحلل السياسي ومقدم برنامج على شبكة CNN إن": no comma closes the appositive.
                return (index + 1, index)
            }
            index += 1
        }
        return nil
    }

    /// The token after a complementizer at `start`, or after time words set off by commas before
    /// one ("الأربعاء، أن"); nil when something else comes first.
    func clauseAfterTimeWords(from start: Int) -> Int? {
        var next = start
        while next < tokens.count, SpeakerResolver.timeWords.contains(tokens[next].key) || Self.isComma(tokens[next]) { next += 1 }
        // "، السبت، إلى أن": إلى may lead to the complementizer.
        if next + 1 < tokens.count, tokens[next].key == MatchKey("إلى") { next += 1 }
        guard next < tokens.count, SpeakerResolver.complementizers.contains(tokens[next].key) else { return nil }
        return next + 1
    }

    /// The Arabic and the Latin comma.
    static let commas: Set<MatchKey> = [MatchKey("،"), MatchKey(",")]

    static func isComma(_ word: Word) -> Bool { commas.contains(word.key) }

    /// Skips what stands between a subject and its clause: "(ناتو)، الأربعاء، …", "اليوم الأربعاء عن …".
    func skippingAsides(from start: Int) -> Int {
        var index = start
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .punctuation && token.key.bytes == [0x28] {
                while index < tokens.count, tokens[index].key.bytes != [0x29] { index += 1 }
                index += 1
                continue
            }
            if token.kind == .punctuation && !token.isSentenceEnd && !token.isOpeningMark { index += 1; continue }
            if SpeakerResolver.timeWords.contains(token.key) || token.key == MatchKey("يوم") { index += 1; continue }
            if token.key == MatchKey("عن") { index += 1; continue }
            break
        }
        return index
    }

    /// Words a reported clause may have before a quote mark and still be that quote's lead-in,
    /// when the quote runs to the clause's end: "أن «…»" and "أن موسكو ومينسك «…»." are direct
    /// speech; "أن الحكومة «ستندم» إن انسحبت …" is indirect.
    static let leadInWords = 2

    /// True when the clause from `start` is direct speech: a quote mark opens it, or opens after at
    /// most ``leadInWords`` words and closes at the end of the sentence or at a comma.
    func opensWithQuote(from start: Int) -> Bool {
        var index = start
        var words = 0
        while index < tokens.count, !tokens[index].isSentenceEnd, words <= Self.leadInWords {
            if tokens[index].isOpeningMark {
                guard words > 0 else { return true }
                guard let close = quoteBody(from: index).1 else { return false }
                return close + 1 >= tokens.count || tokens[close + 1].isSentenceEnd || Self.isComma(tokens[close + 1])
            }
            if tokens[index].kind != .punctuation { words += 1 }
            index += 1
        }
        return false
    }

    /// The index of the token that ends the sentence holding `start` (or the paragraph's end).
    func sentenceEnd(from start: Int) -> Int {
        var end = start
        while end < tokens.count, !tokens[end].isSentenceEnd { end += 1 }
        return end
    }

    /// The reported clause from `start` to the end of the sentence (nil when empty or too short).
    func clause(from start: Int) -> String? {
        var end = start
        while end < tokens.count, !tokens[end].isSentenceEnd { end += 1 }
        guard wordCount(in: start..<end) >= 3 else { return nil }
        return display(start..<end)
    }

    /// «…»، قال X / «…»، وفق X: a cue right after the closing mark.
    func cueAfterQuote(close: Int?, cues: ReportingCues) -> (cue: ReportingCues.Cue, display: String, subject: Range<Int>?)? {
        guard let close else { return nil }
        var index = close + 1
        if index < tokens.count, tokens[index].kind == .punctuation, !tokens[index].isSentenceEnd { index += 1 }
        guard index < tokens.count, tokens[index].kind == .arabicWord, let cue = cues.cue(tokens[index].key) else { return nil }
        let subject = self.subject(after: index)
        return (cue, display(tokens[index]), subject.words)
    }
}
