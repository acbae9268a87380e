import ArabicText
public import NewsModel
import StableHash

/// Finds the people, places and organisations of an article and links their mentions.
///
/// Three sources are combined over the title and each paragraph:
/// 1. gazetteers (``Gazetteer``): a listed name wins where it matches; a weak form counts only when
///    the entity is named by a strong form in the same article (عون after جوزيف عون), or, for a place
///    or body (صور، الجزيرة), when the tagger also tags it;
/// 2. cue rules (``EntityCues``): organisation patterns (وزارة الخارجية الروسية، شركة «X»), and a
///    person title with its nisba before a given name (الرئيس الروسي فلاديمير …);
/// 3. the statistical tagger (``NERTagger``), for everything the lists do not know. A tagged span that
///    overlaps a listed name is trimmed to what the list leaves.
///
/// Mentions are then linked within the article: forms of one gazetteer entry (الناتو، ناتو، حلف
/// شمال الأطلسي), the same form (folded: ترمب/ترامب through the gazetteer, غرينلاند/جرينلاند by
/// ``NameKey``), a short form contained in a fuller one (بوتين in فلاديمير بوتين), and foreign names
/// that differ only in long vowels (زيلينسكي/زيلنسكي). The canonical name is the gazetteer's, or else
/// the fullest form found.
///
/// ```swift
/// let recognizer = try EntityRecognizer.bundled()
/// var article = Article(role: .main, title: "بوتين يستقبل لوكاشينكو",
///                       paragraphs: ["استقبل الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي في موسكو."])
/// recognizer.analyze(&article)
/// article.entities.first?.name  // "فلاديمير بوتين", mentions ["بوتين", "فلاديمير بوتين"], count 2
/// ```
///
/// - Complexity: O(tokens) per text, plus linking in O(mentions × forms sharing a word).
public struct EntityRecognizer: ArticleAnalyzer {
    public let tagger: NERTagger
    public var resources: EntityResources { tagger.resources }

    public init(tagger: NERTagger) {
        self.tagger = tagger
    }

    /// The bundled model, gazetteers and cues. Load once and keep the instance: it holds a few
    /// megabytes of tables.
    public static func bundled() throws -> EntityRecognizer {
        EntityRecognizer(tagger: try NERTagger.bundled())
    }

    /// Fills `article.entities`: sorted by count, most first, then by first appearance.
    public func analyze(_ article: inout Article) {
        article.entities = link(fields(of: article)).entities
    }

    /// Analyses an article once, for callers that then ask about many mentions and roles in it (the
    /// quote speakers of an article): see ``EntityAnalysis``.
    public func analysis(of article: Article) -> EntityAnalysis {
        let fields = fields(of: article)
        return EntityAnalysis(recognizer: self, fields: fields, linked: link(fields))
    }

    /// The mentions in one text, linked within it, in text order.
    ///
    /// ```swift
    /// recognizer.mentions(in: "قال فلاديمير بوتين إن … وأضاف بوتين")
    /// // [person "فلاديمير بوتين" at 7..<38, person "فلاديمير بوتين" (text "بوتين") at …]
    /// ```
    ///
    /// - Returns: kind, canonical name, display form and UTF-8 byte range in `text` of each mention.
    public func mentions(in text: String) -> [EntityMention] {
        var fields = [field(text, paragraph: nil)]
        propagate(&fields)
        return link(fields).mentions.map(\.mention)
    }

    /// The mentions in an article's title (`paragraph` nil) and paragraphs, linked across the
    /// article, in reading order. Byte ranges are into the field the mention is in.
    public func mentions(in article: Article) -> [ArticleMention] {
        link(fields(of: article)).mentions
    }

    /// Every text field of the article (``Article/texts``), tagged as one document: the tagger's
    /// second pass reads what its first made of the same words anywhere in the article.
    func fields(of article: Article) -> [Field] {
        let texts = article.texts
        let read = texts.map { text -> (bytes: [UInt8], part: NERTagger.Part) in
            let bytes = Array(text.text.utf8)
            let table = bytes.withUnsafeBufferPointer { TokenTable(text: $0) }
            return (bytes, NERTagger.Part(table: table, annotations: Annotations(table, resources: resources), sentences: table.sentences()))
        }
        let tags = tagger.tag(read.map(\.part), window: nil)
        let reading = ArticleReading(tables: read.map(\.part.table), annotations: read.map(\.part.annotations), tags: tags, cues: resources.cues)
        var fields = zip(texts, zip(read, tags)).map { text, r in
            var field = Field(paragraph: text.paragraph, kind: text.field, text: r.0.bytes, table: r.0.part.table,
                              annotations: r.0.part.annotations, spans: [], pending: [])
            resolveSpans(&field, tags: r.1, article: reading)
            if let role = text.bylineRole { Self.nameWhole(&field, as: role) }
            return field
        }
        propagate(&fields)
        return fields
    }

    /// Words a byline's name or place may have to be named whole: longer texts are not one name.
    static let bylineNameWords = 5

    /// A byline's place is a location, and its name a person or an outlet, whatever the tagger made
    /// of it: the byline says what it is. A text with a span of that kind already is left alone.
    static func nameWhole(_ field: inout Field, as role: ArticleText.BylineRole) {
        let kind: Entity.Kind
        switch role {
        case .place: kind = .location
        case .name(.author): kind = .person
        case .name(.outlet): kind = .organization
        }
        let words = (0..<field.table.count).filter { field.table.isWord($0) }
        guard let first = words.first, let last = words.last, words.count <= bylineNameWords,
              !field.spans.contains(where: { $0.kind == kind }) else { return }
        field.spans = [Span(start: first, end: last + 1, kind: kind, source: .rule, entry: nil, reading: .whole)]
        field.pending = []
    }
}

extension EntityRecognizer {
    /// One text of an article, analysed.
    struct Field {
        var paragraph: Int?
        /// Which text of the article this is.
        var kind: TextField = .body
        var text: [UInt8]
        var table: TokenTable
        var annotations: Annotations
        /// Accepted spans, by start.
        var spans: [Span]
        /// Weak gazetteer spans the tagger did not confirm: kept if the article names the entity
        /// by a strong form.
        var pending: [Span]
    }

    /// A span of tokens that names something.
    struct Span {
        var start: Int
        var end: Int
        var kind: Entity.Kind
        var source: EntityMention.Source
        var entry: Int32?
        /// Proclitics to leave out of the first token.
        var reading: Clitics.Reading
    }

    func field(_ text: String, paragraph: Int?) -> Field {
        let bytes = Array(text.utf8)
        let table = bytes.withUnsafeBufferPointer { TokenTable(text: $0) }
        let annotations = Annotations(table, resources: resources)
        let tags = tagger.tag(table, annotations: annotations, sentences: table.sentences())
        var field = Field(paragraph: paragraph, kind: paragraph == nil ? .title : .body, text: bytes, table: table, annotations: annotations, spans: [], pending: [])
        resolveSpans(&field, tags: tags, article: ArticleReading(tables: [table], annotations: [annotations], tags: [tags], cues: resources.cues))
        return field
    }

    /// Combines gazetteer, cue and tagger spans: see the type's documentation for the order.
    func resolveSpans(_ field: inout Field, tags: [UInt8], article: ArticleReading) {
        let t = field.table, a = field.annotations
        let gazetteer = resources.gazetteer
        var accepted = [Span]()
        func overlapping(_ s: Span) -> [Int] { accepted.indices.filter { accepted[$0].start < s.end && s.start < accepted[$0].end } }

        // 1. Gazetteer matches. A weak place or body needs the tagger's agreement: a tag of its kind
        //    (a place tagged as part of a person, "دان" in a name, is not one); a weak person needs
        //    the full name in the article, since the tagger cannot tell one سعيد from another; and a
        //    person's bare surname must hold by itself (``bareNameHolds``), or it waits like a weak form.
        for g in a.gazetteer {
            let kind = gazetteer.entries[Int(g.entry)].kind
            if !g.weak, let namesake = namesakeSpan(g, in: field), !accepted.contains(where: { $0.end > namesake.start && $0.start < namesake.end }) {
                accepted.append(namesake)
                continue
            }
            let span = Span(start: g.start, end: g.end, kind: kind, source: .gazetteer, entry: g.entry, reading: g.reading)
            let strong = !g.weak && bareNameHolds(g, in: field, tags: tags, article: article)
            if strong || (g.weak && kind != .person && tags[g.start..<g.end].contains(where: { $0 != 0 && Self.kind(ofType: NERTags.type(Int($0))) == kind })) {
                accepted.append(span)
            } else {
                field.pending.append(span)
            }
        }
        // 2. Organisation patterns: they may swallow listed names (وزارة الخارجية السعودية), not cut them.
        for o in a.organizations where !a.chains.contains(where: { $0.start <= o.start && o.start < $0.end }) {
            let span = Span(start: o.start, end: o.end, kind: .organization, source: .rule, entry: nil, reading: o.reading)
            let hits = overlapping(span)
            if hits.allSatisfy({ Self.strictlyInside(accepted[$0], span) }) {
                accepted.remove(atOffsets: hits)
                accepted.append(span)
            }
        }
        // 3. A title, then a given name: the name runs over the words that can be part of it.
        for chain in a.chains where chain.end < t.count && a.flags[chain.end] & Annotations.givenName != 0 {
            let j = chain.end
            guard !accepted.contains(where: { $0.start <= j && j < $0.end }), tags[j] != NERTagger.person else { continue }
            var end = j + 1
            while end < t.count, end - j < 4, isNamePart(end, t, a), !accepted.contains(where: { $0.start == end }) { end += 1 }
            accepted.append(Span(start: j, end: end, kind: .person, source: .rule, entry: nil, reading: displayReading(j, t)))
        }
        // 4. The tagger's spans (MISC is not an entity of the document model).
        for (start, end, type) in Self.spans(tags) {
            guard let kind = Self.kind(ofType: type) else { continue }
            var span = Span(start: start, end: end, kind: kind, source: .model, entry: nil, reading: .whole)
            guard namesSomething(span, t, a) else { continue }
            let hits = overlapping(span)
            if !hits.isEmpty {
                let covered = hits.map { accepted[$0] }
                if covered.allSatisfy({ $0.kind == kind && $0.source != .gazetteer && Self.strictlyInside($0, span) }) {
                    accepted.remove(atOffsets: hits)
                } else {
                    // A person's name glued to a listed body or place (الكرملين دميتري بيسكوف): keep
                    // what the accepted spans leave at one end. Other kinds give way.
                    guard kind == .person else { continue }
                    let lo = covered.map(\.start).min()!, hi = covered.map(\.end).max()!
                    if lo > start { span.end = lo } else if hi < end { span.start = hi } else { continue }
                    guard span.start < span.end, overlapping(span).isEmpty, namesSomething(span, t, a) else { continue }
                }
            }
            span.reading = displayReading(span.start, t)
            accepted.append(span)
        }
        field.spans = Self.adjusting(accepted.sorted { $0.start < $1.start }, t, a)
    }

    /// Name hashes of the day words that end a name (``TimeWords/day``).
    static let dayWordHashes: Set<UInt64> = Set(TimeWords.day.map { FNV1a64.hash(NameKey.key($0)) })
    /// Transliterated place-name heads that follow the name they belong to: تامبلر ريدج، نياغرا فولز.
    static let placeSuffixHashes: Set<UInt64> = Set(["ريدج", "فولز", "سيتي", "تاون", "فيل", "بورغ", "هيلز", "فيلد", "بيتش", "سبرينغز", "هاربر"]
        .map { FNV1a64.hash(NameKey.key($0)) })

    /// Last touches on accepted spans, in order:
    /// - a title is not part of a person's name: "الأمير محمد بن سلمان" is محمد بن سلمان;
    /// - day words end a name: "الشرطة الكندية اليوم الأربعاء" is الشرطة الكندية;
    /// - a place runs on over a transliterated place head after it: "تامبلر ريدج";
    /// - a Latin-script span right after an Arabic one (a gloss: «أركتيك سنتري» Arctic Sentry)
    ///   takes that span's kind.
    static func adjusting(_ spans: [Span], _ t: TokenTable, _ a: Annotations) -> [Span] {
        var result = spans
        for k in result.indices {
            while result[k].kind == .person, result[k].end - result[k].start > 1, a.flags[result[k].start] & Annotations.title != 0 {
                result[k].start += 1
                result[k].reading = .whole
            }
            while result[k].end - result[k].start > 1, dayWordHashes.contains(t.keyHash[result[k].end - 1]) { result[k].end -= 1 }
            let next = result[k].end
            if result[k].kind == .location, next < t.count, t.isWord(next), placeSuffixHashes.contains(t.keyHash[next]),
               k + 1 == result.count || result[k + 1].start > next {
                result[k].end = next + 1
            }
        }
        for k in result.indices.dropFirst() where isLatin(result[k], t) && !isLatin(result[k - 1], t) {
            let gap = result[k - 1].end..<result[k].start
            if gap.count <= 2, gap.allSatisfy({ t.kinds[$0] == .punctuation }) { result[k].kind = result[k - 1].kind }
        }
        return result
    }

    static func isLatin(_ span: Span, _ t: TokenTable) -> Bool {
        (span.start..<span.end).allSatisfy { t.kinds[$0] == .latinWord }
    }

    /// Names the tagger or a rule found once are found again where the tagger missed them: the same
    /// words anywhere in the texts, and a person's last name alone (سمير الخطيب … وأكد الخطيب) unless
    /// it is a given name.
    func propagate(_ fields: inout [Field]) {
        var table = NamePhraseTable()
        var kinds = [Entity.Kind]()
        var sources = [EntityMention.Source]()
        for field in fields {
            let t = field.table
            t.key.withUnsafeBufferPointer { key in
                for span in field.spans where span.source != .gazetteer {
                    var hashes = [UInt64]()
                    for i in span.start..<span.end {
                        let word = UnsafeBufferPointer(rebasing: key[t.formRange(i)])
                        hashes.append(Clitics.hash(word, i == span.start ? span.reading : .whole))
                    }
                    func add(_ h: [UInt64]) {
                        if table.insert(h, payload: Int32(kinds.count)) == Int32(kinds.count) {
                            kinds.append(span.kind)
                            sources.append(span.source)
                        }
                    }
                    add(hashes)
                    let last = span.end - 1
                    if span.kind == .person, span.end - span.start >= 2, t.isWord(last),
                       Clitics.letters(UnsafeBufferPointer(rebasing: key[t.formRange(last)])) >= 3,
                       field.annotations.flags[last] & (Annotations.givenName | Annotations.stopword) == 0 {
                        add([hashes[hashes.count - 1]])
                    }
                }
            }
        }
        guard table.count > 0 else { return }
        for f in fields.indices {
            let t = fields[f].table
            var found = [Span]()
            var next = 0  // index into the accepted spans, which are sorted
            t.key.withUnsafeBufferPointer { key in
                var i = 0
                while i < t.count {
                    let spans = fields[f].spans
                    while next < spans.count && spans[next].end <= i { next += 1 }
                    if next < spans.count && spans[next].start <= i { i = spans[next].end; continue }
                    guard let m = table.longestMatch(in: t, key: key, at: i),
                          next >= spans.count || m.end <= spans[next].start else { i += 1; continue }
                    found.append(Span(start: i, end: m.end, kind: kinds[Int(m.payload)], source: sources[Int(m.payload)],
                                      entry: nil, reading: m.reading))
                    i = m.end
                }
            }
            if !found.isEmpty { fields[f].spans = (fields[f].spans + found).sorted { $0.start < $1.start } }
        }
    }

    /// False for a span of titles, function words and punctuation only (a tagged «الرئيس»).
    func namesSomething(_ span: Span, _ t: TokenTable, _ a: Annotations) -> Bool {
        (span.start..<span.end).contains { i in
            (t.isWord(i) || t.kinds[i] == .number) && a.flags[i] & (Annotations.title | Annotations.stopword) == 0
        }
    }

    /// True when `inner` lies within `outer` and is shorter.
    static func strictlyInside(_ inner: Span, _ outer: Span) -> Bool {
        inner.start >= outer.start && inner.end <= outer.end && inner.end - inner.start < outer.end - outer.start
    }

    /// A word that may continue a person's name: not a function word, title, nisba, listed place or
    /// body, nor a definite word other than آل and the name joiners.
    func isNamePart(_ i: Int, _ t: TokenTable, _ a: Annotations) -> Bool {
        guard t.isWord(i) else { return false }
        let blocked = Annotations.stopword | Annotations.title | Annotations.nisba | Annotations.orgHead
            | Annotations.gazetteerLocationB | Annotations.gazetteerOrganizationB | Annotations.definite
        return a.flags[i] & blocked == 0
    }

    /// Spans of a tag sequence: (start, end, type index).
    static func spans(_ tags: [UInt8]) -> [(Int, Int, Int)] {
        var result = [(Int, Int, Int)]()
        var i = 0
        while i < tags.count {
            let tag = Int(tags[i])
            guard tag != 0 else { i += 1; continue }
            let type = NERTags.type(tag)
            var end = i + 1
            while end < tags.count, NERTags.isInside(Int(tags[end])), NERTags.type(Int(tags[end])) == type { end += 1 }
            result.append((i, end, type))
            i = end
        }
        return result
    }

    static func kind(ofType type: Int) -> Entity.Kind? {
        switch NERTags.types[type] {
        case "PERS": .person
        case "LOC": .location
        case "ORG": .organization
        default: nil
        }
    }

    /// The proclitics to leave out of a word that starts a rule or tagger span: none when the word
    /// itself is listed (وليد، فرنسا); else the first reading that a list knows (وبوتين → بوتين); else
    /// و or ف only before the article, and a preposition only before the article (بالقاهرة →
    /// القاهرة). A bare preposition stays: لبنان is not ل + بنان; so does the ف of فيديريكا.
    func displayReading(_ i: Int, _ t: TokenTable) -> Clitics.Reading {
        guard t.isWord(i) else { return .whole }
        return t.key.withUnsafeBufferPointer { key in
            let word = UnsafeBufferPointer(rebasing: key[t.formRange(i)])
            let readings = Clitics.readings(word)
            for r in 0..<readings.count {
                let h = Clitics.hash(word, readings[r])
                if resources.gazetteer.table.find(word: h) != nil || resources.cues.givenNames.find(h) != nil { return readings[r] }
            }
            var cut = 0
            let letters = Clitics.letters(word)
            // و or ف comes off an unlisted word only before the article (والشرطة، وبالقاهرة، وللصين):
            // "فيديريكا" and "وليد" begin with those letters.
            if Clitics.isConjunction(Clitics.letter(word, 0)) && letters >= 4 {
                let x = Clitics.letter(word, 2), y = Clitics.letter(word, 4), z = Clitics.letter(word, 6)
                let article = x == ArabicScalar.alef && y == ArabicScalar.lam
                let prepositionAndArticle = (x == ArabicScalar.beh || x == ArabicScalar.kaf) && y == ArabicScalar.alef && z == ArabicScalar.lam
                    || x == ArabicScalar.lam && y == ArabicScalar.lam
                if article || prepositionAndArticle { cut = 2 }
            }
            let a = Clitics.letter(word, cut), b = Clitics.letter(word, cut + 2), c = Clitics.letter(word, cut + 4)
            if (a == ArabicScalar.beh || a == ArabicScalar.kaf) && b == ArabicScalar.alef && c == ArabicScalar.lam && letters - cut / 2 >= 5 {
                return Clitics.Reading(cut: cut + 2, restoresAlef: false)
            }
            if a == ArabicScalar.lam && b == ArabicScalar.lam && letters - cut / 2 >= 4 {
                return Clitics.Reading(cut: cut + 2, restoresAlef: true)
            }
            return Clitics.Reading(cut: cut, restoresAlef: false)
        }
    }
}

extension Array {
    mutating func remove(atOffsets offsets: [Int]) {
        for k in offsets.sorted(by: >) { remove(at: k) }
    }
}
