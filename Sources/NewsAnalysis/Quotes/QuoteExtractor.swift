import ArabicText
public import NewsModel

/// Direct and indirect speech, with speakers: fills `article.quotes`.
///
/// A paragraph is read as tokens. A reporting cue (`ReportingCues`) opens an attribution: the words
/// after it, up to `:`, `أن/إن`, a preposition or a quote mark, are its subject, resolved to the fullest
/// name the article gives (`SpeakerResolver`). A cue with no subject (وأضاف: …, مؤكداً أن …) continues
/// the sentence's or the article's last speaker. Text in «…», "…" or “…” is a quote when a cue governs
/// it (before it in the sentence, or just after it: «…»، قال X); otherwise short text, text after a
/// naming word (شركة، وكالة، اسم، عملية …) or after a preposition is a name, not a quote. A quote left
/// open at the end of a paragraph continues into the next one when that paragraph opens with «.
public struct QuoteExtractor: ArticleAnalyzer {
    public let cues: ReportingCues

    public init(cues: ReportingCues = .standard) { self.cues = cues }

    /// Longest span a quote may have, in tokens: bounds the work on unbalanced marks.
    static let maxQuoteTokens = 4000

    public func analyze(_ article: inout Article) {
        let linked = Self.linkingSpeakers(quotes(in: article), to: article.entities, in: article)
        article.quotes = Self.linkingEntities(Self.linkingBodies(linked, to: article.entities), to: article.entities)
    }

    /// Each speaker that is one of the article's entities (by its name or one of its forms) names
    /// it in `speakerEntity`, and takes its kind: a person, or an organisation for a body or a place
    /// (a country or a city speaks through its government).
    public static func linkingEntities(_ quotes: [Quote], to entities: [Entity]) -> [Quote] {
        var byKey = [MatchKey: Entity]()
        for entity in entities {
            for form in [entity.name] + entity.mentions where byKey[MatchKey(form)] == nil { byKey[MatchKey(form)] = entity }
        }
        return quotes.map { quote in
            guard let speaker = quote.speaker, let entity = byKey[MatchKey(speaker)] else { return quote }
            var linked = quote
            linked.speakerEntity = entity.name
            linked.speakerKind = entity.type == .person ? .person : .organization
            return linked
        }
    }

    /// Cues whose content may be the object of على or إلى rather than a clause after أن: "أكد على
    /// ضرورة …", "مشيراً إلى توفر …", "داعياً إلى وقف …". Not قال: "قال على هامش المؤتمر" is where.
    static let prepositionalCues: Set<MatchKey> = Set(["أكد", "أكدت", "شدد", "شددت", "أشار", "أشارت", "لفت", "لفتت", "دعا", "دعت",
                                                       "حث", "حثت", "نوه", "نوهت", "مؤكدا", "مؤكدة", "مشددا", "مشددة", "مشيرا",
                                                       "مشيرة", "لافتا", "لافتة", "داعيا", "داعية", "منوها", "خلص", "خلصت"].map(MatchKey.init))

    /// Where a clause cue's content starts when no أن follows ("أعلن نادي ليغانيس، يوم السبت، تعيين",
    /// "نفت وزارة الصحة استخدامها"): after what stands between the subject and it, or, when the
    /// subject ran on to the sentence's end, after the speaker's words.
    static func nounContent(after subject: QuoteText.Subject, speaker: Speaker?, in paragraph: QuoteText) -> Int {
        if let words = subject.words, let mention = speaker?.mention, paragraph.sentenceEnd(from: words.lowerBound) <= subject.end {
            let named = mention.split(separator: " ").count
            if named < words.count { return words.lowerBound + named }
        }
        return paragraph.skippingAsides(from: subject.end)
    }

    /// Cues of warning, whose content is the object of من: "حذرت السعودية من التعامل …".
    static let warningCues: Set<MatchKey> = Set(["حذر", "حذرت", "يحذر", "تحذر", "محذرا", "محذرة"].map(MatchKey.init))

    /// The prepositions whose object can be what the cue reports, or nil when none can.
    static func contentPrepositions(of cue: ReportingCues.Cue) -> Set<MatchKey>? {
        let key = MatchKey(cue.form)
        if prepositionalCues.contains(key) { return QuoteText.contentPrepositions }
        if warningCues.contains(key) { return [MatchKey("من")] }
        return nil
    }

    /// Documents that speak for the body that issued them: "وقال البيان إن …".
    static let documentNouns: Set<MatchKey> = Set(["البيان", "بيان", "التقرير", "تقرير", "البلاغ", "بلاغ", "الرسالة", "المذكرة"].map(MatchKey.init))

    /// A body named by its kind alone ("الحركة", "السفارة") takes the one organisation the article
    /// names with that kind ("حركة النهضة"); a body or place cut to its first word ("الجيش",
    /// "كوريا") the one organisation or place whose name opens with it ("الجيش السوري"); a document
    /// ("البيان") takes the body that spoke last, when that was an organisation the article names.
    public static func linkingBodies(_ quotes: [Quote], to entities: [Entity]) -> [Quote] {
        let bodies = entities.filter { $0.type == .organization }.map(\.name)
        let bodiesAndPlaces = entities.filter { $0.type != .person }.map(\.name)
        guard !bodiesAndPlaces.isEmpty else { return quotes }
        var lastBody: String?
        return quotes.map { quote in
            var linked = quote
            if let speaker = quote.speaker {
                let key = MatchKey(speaker)
                if documentNouns.contains(key) {
                    linked.speaker = lastBody ?? speaker
                } else if let body = onlyBody(ofKind: key, among: bodies) ?? onlyName(openedBy: key, among: bodiesAndPlaces) {
                    linked.speaker = body
                }
            }
            if let speaker = linked.speaker, bodies.contains(speaker) { lastBody = speaker }
            return linked
        }
    }

    /// "الجيش" → the one name that opens with that word and goes on ("الجيش السوري"); a speaker of
    /// one word only, so that a full name is never cut or swapped.
    static func onlyName(openedBy key: MatchKey, among names: [String]) -> String? {
        guard key.words.count == 1 else { return nil }
        let prefix = key.bytes + [0x20]
        let matches = Set(names.filter { MatchKey($0).bytes.starts(with: prefix) })
        return matches.count == 1 ? matches.first : nil
    }

    /// "الحركة" → the one body whose name starts with "حركة": the kind word without its article.
    static func onlyBody(ofKind key: MatchKey, among bodies: [String]) -> String? {
        let words = key.words
        guard words.count == 1, let word = words.first, word.starts(with: Array("ال".utf8)), word.count > 4 else { return nil }
        let kind = Array(word.dropFirst(4)) + [0x20]
        let matches = Set(bodies.filter { MatchKey($0).bytes.starts(with: kind) })
        return matches.count == 1 ? matches.first : nil
    }

    /// A speaker cut short at a family name that looks like a nisba ("حسان" of "حسان العلي", where
    /// «العلي» could be an adjective) takes the person name the tagger found at the same place: the
    /// name must start with the speaker and be written out in the quote's paragraph.
    ///
    /// A speaker that is a shorter form of one person the article names (a mention the tagger linked
    /// to them, or the last words of their name: "البرصاوي" of "مهدي البرصاوي") takes that person's
    /// full name. Two people sharing the form leave it as it is.
    public static func linkingSpeakers(_ quotes: [Quote], to entities: [Entity], in article: Article) -> [Quote] {
        let people = entities.filter { $0.type == .person }
        guard !people.isEmpty else { return quotes }
        let names = people.map(\.name)
        return quotes.map { quote in
            // A one-word name the tagger kept apart ("أبوزيد" beside "أحمد أبو زيد") is completed too.
            guard let speaker = quote.speaker, !names.contains(speaker) || !speaker.contains(" ") else { return quote }
            let paragraph = article.paragraphs.indices.contains(quote.paragraph) ? article.paragraphs[quote.paragraph] : ""
            var linked = quote
            if let longer = names.filter({ $0.hasPrefix(speaker + " ") && paragraph.contains($0) }).max(by: { $0.count < $1.count }) {
                linked.speaker = longer
            } else if let person = onlyPerson(shortenedTo: speaker, among: people) ?? onlyPerson(opening: speaker, among: people)
                        ?? onlyPerson(openedBy: speaker, among: people) {
                linked.speaker = person
            }
            return linked
        }
    }

    /// Words after a person's name before a speaker counts as having run on past it: one more word
    /// may be the family name the tagger left out ("فاطمة الزهراء" + "عمور").
    static let runOnWords = 2

    /// The one person whose name or a mention opens `span` and is followed by at least
    /// ``runOnWords`` more words: a speaker that ran on past the name ("ترامب لطلاب مدرسة …") is
    /// that person.
    static func onlyPerson(opening span: String, among people: [Entity]) -> String? {
        let key = MatchKey(span)
        var best: (name: String, length: Int)?
        var tie = false
        for person in people {
            for form in [person.name] + person.mentions {
                let prefix = MatchKey(form).bytes + [0x20]
                guard prefix.count > 1, key.bytes.count > prefix.count, key.bytes.starts(with: prefix),
                      key.bytes[prefix.count...].split(separator: 0x20).count >= runOnWords else { continue }
                if prefix.count > best?.length ?? 0 {
                    (best, tie) = ((person.name, prefix.count), false)
                } else if prefix.count == best?.length, best?.name != person.name {
                    tie = true
                }
            }
        }
        return tie ? nil : best?.name
    }

    /// The one person whose name starts with the words of `form` and goes on: a first name alone
    /// ("روني" of "روني الطرابلسي").
    static func onlyPerson(openedBy form: String, among people: [Entity]) -> String? {
        let prefix = MatchKey(form).bytes + [0x20]
        guard prefix.count > 1 else { return nil }
        let matches = Set(people.filter { MatchKey($0.name).bytes.starts(with: prefix) }.map(\.name))
        return matches.count == 1 ? matches.first : nil
    }

    /// Bytes a family name written joined must have to match one written apart: short forms are too
    /// easily another name's tail.
    static let joinedFormBytes = 10

    /// "أبوزيد" at the end of "أحمد أبو زيد": the same family name, written joined.
    static func endsJoined(_ name: MatchKey, with form: MatchKey) -> Bool {
        let joined = form.bytes.filter { $0 != 0x20 }
        let full = name.bytes.filter { $0 != 0x20 }
        guard joined.count >= joinedFormBytes, full.count > joined.count, !form.bytes.contains(0x20) else { return false }
        let words = name.words
        guard let last = words.last, words.count >= 3 else { return false }
        // The joined form must take in more than the last word: "أبو زيد", not "زيد".
        return full.suffix(joined.count).elementsEqual(joined) && joined.count > last.count
    }

    /// The one person whose mentions include `form`, or whose name ends with its words.
    static func onlyPerson(shortenedTo form: String, among people: [Entity]) -> String? {
        let key = MatchKey(form)
        guard !key.bytes.isEmpty else { return nil }
        let suffix: [UInt8] = [0x20] + key.bytes
        let matches = Set(people.filter { person in
            let name = MatchKey(person.name)
            guard name != key else { return false }
            return person.mentions.contains { MatchKey($0) == key }
                || (name.bytes.count > suffix.count && name.bytes.suffix(suffix.count).elementsEqual(suffix))
                || Self.endsJoined(name, with: key)
        }.map(\.name))
        return matches.count == 1 ? matches.first : nil
    }

    public func quotes(in article: Article) -> [Quote] {
        let paragraphs = article.paragraphs.map(QuoteText.init)
        var reading = Reading(resolver: SpeakerResolver(article: article, paragraphs: paragraphs, cues: cues))
        for (p, paragraph) in paragraphs.enumerated() {
            var sentence = SentenceState()
            var index = reading.resumeOpenQuote(in: paragraph)
            let words = paragraph.tokens
            while index < words.count {
                let token = words[index]
                if token.isSentenceEnd {
                    sentence = SentenceState()
                    index += 1
                } else if token.kind == .arabicWord, let cue = cues.cue(token.key) {
                    index = readCue(cue, at: index, in: paragraph, p, sentence: &sentence, reading: &reading)
                } else if token.isOpeningMark, paragraph.canOpen(at: index) {
                    index = readQuoteMarks(at: index, in: paragraph, p, sentence: sentence, reading: &reading)
                } else {
                    index += 1
                }
            }
            if let open = reading.continuing, open.closed { reading.continuing = nil }
        }
        return reading.result
    }

    /// What reading an article's paragraphs in order carries from one to the next.
    struct Reading {
        let resolver: SpeakerResolver
        var state = State()
        var result = [Quote]()
        /// The last direct quote, and whether its closing mark was found.
        var continuing: (quote: Quote, closed: Bool)?

        /// A quote left open in the previous paragraph goes on when this one opens with a quote mark;
        /// returns where reading the paragraph starts.
        mutating func resumeOpenQuote(in paragraph: QuoteText) -> Int {
            guard let open = continuing, !open.closed else { return 0 }
            guard let first = paragraph.tokens.first, first.isOpeningMark else {
                continuing = nil
                return 0
            }
            let (inside, close) = paragraph.quoteBody(from: 0)
            var quote = open.quote
            quote.text += "\n" + inside
            result[result.count - 1] = quote
            continuing = (quote, close != nil)
            return (close ?? paragraph.tokens.count - 1) + 1
        }
    }

    /// The subject of the cue at `index`, with its content found where the cue puts it: after a
    /// preposition (مشدداً على …), after عن for words passed on, or none for a participle.
    func subject(of cue: ReportingCues.Cue, at index: Int, in paragraph: QuoteText) -> QuoteText.Subject {
        var subject = paragraph.subject(after: index)
        // "مشدداً على أهمية …", "وأشار إلى تفاقم …": the reported content is the preposition's object.
        if let prepositions = Self.contentPrepositions(of: cue) {
            if let object = paragraph.prepositionalObject(after: index, among: prepositions) {
                subject = QuoteText.Subject(words: nil, clauseStart: object, end: object)
            } else if subject.clauseStart == nil, subject.words != nil,
                      let object = paragraph.prepositionalObject(after: subject.end - 1, among: prepositions) {
                // "وشدد الوزير على ضرورة …": the preposition after the subject.
                subject.clauseStart = object
                subject.end = object
            }
        }
        if cue.isParticiple { subject.words = nil }
        // "نقلت الصحيفة عن الوزير قوله": the one quoted follows عن.
        if cue.isVia, let from = paragraph.quotedSource(after: index) {
            subject = paragraph.subject(after: from)
        }
        return subject
    }

    /// Who the subject names: a described source, a person, a body or a role, or the name beside a
    /// role; else the subject written before the cue.
    func speaker(of subject: QuoteText.Subject, cue: ReportingCues.Cue, at index: Int, in paragraph: QuoteText, resolver: SpeakerResolver) -> Speaker? {
        var speaker: Speaker?
        if let words = subject.words {
            let clauseEnd = subject.clauseStart.map { $0 - 1 } ?? words.upperBound
            speaker = resolver.describedSource(from: words.lowerBound, to: max(words.upperBound, clauseEnd), in: paragraph)
                ?? resolver.speaker(for: words, in: paragraph)
            // "قال الناطق باسم الكرملين، ديمتري بيسكوف، إن": the name beside a role is the speaker.
            if speaker == nil || speaker?.form == .role, let appositive = subject.appositive,
               let named = resolver.person(inAppositive: appositive, in: paragraph) {
                speaker = named
            }
        }
        // No subject after the cue, or words that name no one ("تغريدة قال فيها إن"): the
        // subject may be written before it.
        if speaker == nil, !cue.isParticiple, let before = paragraph.subject(before: index) {
            speaker = resolver.speaker(for: before, in: paragraph)
        }
        return speaker
    }

    /// Reads the cue at `index`: its speaker, the sentence's cue for quotes that follow, and the
    /// indirect quote it introduces. Returns where reading goes on.
    func readCue(_ cue: ReportingCues.Cue, at index: Int, in paragraph: QuoteText, _ p: Int,
                 sentence: inout SentenceState, reading: inout Reading) -> Int {
        let token = paragraph.tokens[index]
        let subject = subject(of: cue, at: index, in: paragraph)
        let speaker = speaker(of: subject, cue: cue, at: index, in: paragraph, resolver: reading.resolver)
        // A source (وفق بيانات …) is not someone who goes on speaking.
        if let speaker, !cue.isSource {
            reading.state.spoke(speaker, in: p)
            sentence.speaker = speaker
        }
        let attributed = speaker ?? sentence.speaker.flatMap { $0.agrees(with: cue.agreement) ? $0 : nil }
            ?? reading.state.lastSpeaker(agreeing: cue.agreement).map { Speaker(name: $0.name, mention: nil, form: $0.form) }
        // A source that leads to a clause ("وبحسب X فإن «…»") governs what follows it.
        if !cue.isSource || subject.clauseStart != nil { sentence.cue = (cue, paragraph.display(token), attributed) }
        // Indirect speech: a complementizer (أن/إن) or a clause cue, and no quote mark opening the clause.
        if let attributed,
           let clauseStart = subject.clauseStart ?? (cue.takesClause && speaker != nil ? Self.nounContent(after: subject, speaker: speaker, in: paragraph) : nil),
           !paragraph.opensWithQuote(from: clauseStart), let text = paragraph.clause(from: clauseStart) {
            reading.result.append(Quote(text: text, speaker: attributed.name, mention: attributed.mention,
                                        cue: paragraph.display(token), kind: .indirect, paragraph: p, speakerKind: attributed.kind))
            sentence.reportedUntil = paragraph.sentenceEnd(from: clauseStart)
        }
        return max(index + 1, subject.end)
    }

    /// Reads the text between the quote marks that open at `index`: a direct quote when a cue
    /// governs it or it is long enough, with the governing speaker or the voice of the paragraph
    /// before. Returns where reading goes on.
    func readQuoteMarks(at index: Int, in paragraph: QuoteText, _ p: Int, sentence: SentenceState, reading: inout Reading) -> Int {
        let words = paragraph.tokens
        let (inside, close) = paragraph.quoteBody(from: index)
        let insideWords = paragraph.wordCount(in: (index + 1)..<(close ?? words.count))
        var governing = sentence.cue
        if governing == nil, let after = paragraph.cueAfterQuote(close: close, cues: cues) {
            let speaker = after.subject.flatMap { reading.resolver.speaker(for: $0, in: paragraph) }
            if let speaker { reading.state.spoke(speaker, in: p) }
            governing = (after.cue, after.display, speaker)
        }
        // Words quoted inside reported speech ("إن الحكومة «ستندم» إن انسحبت …") are
        // part of that indirect quote; a passage of its own stands as a direct quote too.
        let inReported = sentence.reportedUntil.map { index < $0 && insideWords < Self.quotedPassageWords } ?? false
        if !inside.isEmpty, !inReported, isQuote(insideWords: insideWords, governed: governing != nil, paragraph: paragraph, open: index, text: inside) {
            // A paragraph that opens with a quote and names no one goes on with the voice
            // quoted just before it: an expert named once, then quoted paragraph after paragraph.
            let voice = governing == nil && index == 0 && reading.state.spokeRecently(before: p) ? reading.state.recent.last : nil
            let speaker = governing?.speaker ?? voice
            if voice != nil { reading.state.lastParagraph = p }
            let quote = Quote(text: inside, speaker: speaker?.name, mention: speaker?.mention,
                              cue: governing?.display, kind: .direct, paragraph: p, speakerKind: speaker?.kind)
            reading.result.append(quote)
            reading.continuing = (quote, close != nil)
        }
        return (close ?? words.count - 1) + 1
    }

    /// Names, not quotes: «الناتو», لـ«وكالة الصحافة الفرنسية», شركة «روس زاروبيج نفت», اسم «أركتيك سنتري».
    func isQuote(insideWords: Int, governed: Bool, paragraph: QuoteText, open: Int, text: String) -> Bool {
        let before = open > 0 ? paragraph.tokens[open - 1] : nil
        if let before {
            if before.kind == .proclitic && insideWords < 8 { return false }
            if before.kind == .arabicWord, SpeakerResolver.namingWords.contains(before.key), insideWords < 8 { return false }
            // After a preposition: «…» of one or two words is a name; of up to four, unless a cue governs it.
            if before.kind == .arabicWord, SpeakerResolver.prepositions.contains(before.key), insideWords <= 2 || (insideWords <= 4 && !governed) {
                return false
            }
        }
        let key = MatchKey(text)
        if SpeakerResolver.knownNames.contains(key) { return false }
        // «الشركة القابضة لمياه الشرب», «وزارة الخزانة»: a body's name.
        if insideWords <= 8, let first = key.words.first, SpeakerResolver.bodyStarters.contains(MatchKey(bytes: Array(first)))
            || SpeakerResolver.bodyStarters.contains(SpeakerResolver.strippingAl(MatchKey(bytes: Array(first)))),
           !text.contains("،"), !text.contains(".") { return false }
        // One or two quoted words are a term or a name ("العربية"، "بيكادور"), unless they follow a
        // complementizer or a colon: ما وصفه بأنه «حادث مروع».
        if governed {
            if insideWords >= 3 { return true }
            guard insideWords == 2 else { return false }
            // A complementizer or colon within three tokens before the mark: أن بلادها «مستعدة للوساطة».
            for back in 1...3 where open - back >= 0 {
                let token = paragraph.tokens[open - back]
                if SpeakerResolver.complementizers.contains(token.key) || token.key.bytes == [0x3A] { return true }
            }
            return false
        }
        return insideWords >= 6
    }

    /// Speakers a cue with no subject may continue, at most: the last few who spoke.
    static let recentSpeakers = 4

    struct State {
        /// The last speakers, each once, the latest last.
        var recent: [Speaker] = []
        /// The paragraph the latest speaker spoke in.
        var lastParagraph = -1

        mutating func spoke(_ speaker: Speaker, in paragraph: Int) {
            recent.removeAll { $0.name == speaker.name }
            recent.append(speaker)
            if recent.count > QuoteExtractor.recentSpeakers { recent.removeFirst() }
            lastParagraph = paragraph
        }

        /// True when someone spoke in the paragraph before `paragraph`, or in it.
        func spokeRecently(before paragraph: Int) -> Bool {
            !recent.isEmpty && paragraph - lastParagraph <= 1
        }

        /// The latest speaker the cue agrees with ("مؤكدة" after a statement of منظمة الصحة العالمية
        /// and a quote of its spokesman is the organisation), or the latest speaker when none does.
        func lastSpeaker(agreeing agreement: ReportingCues.Cue.Agreement) -> Speaker? {
            recent.last { $0.agrees(with: agreement) } ?? recent.last
        }
    }

    /// Words a quotation inside reported speech needs to stand as a direct quote of its own: a
    /// word or a phrase is the reporter's borrowing, a passage is the speaker's own words.
    static let quotedPassageWords = 6

    struct SentenceState {
        var speaker: Speaker?
        /// The end of the reported clause the sentence holds, when it holds one.
        var reportedUntil: Int?
        var cue: (cue: ReportingCues.Cue, display: String, speaker: Speaker?)?
    }
}

/// A speaker: the fullest name, and the form found at the cue.
struct Speaker: Equatable {
    var name: String
    var mention: String?
    /// How the subject named the speaker.
    var form: Form = .body

    /// The document model's kind of speaker.
    var kind: Quote.SpeakerKind {
        switch form {
        case .name, .introducedName, .role: .person
        case .body: .organization
        case .anonymous: .anonymous
        case .group: .group
        }
    }

    /// What a cue's form says of its speaker, as far as the speaker's words tell.
    enum Gender { case masculine, feminine, plural, unknown }

    /// A body's head word ("وزارة", "الحكومة", "السلطات") or a role's ("المتحدثة", "الوزير") tells the
    /// grammatical gender; a group is plural; a name alone tells nothing.
    var gender: Gender {
        switch form {
        case .group: return .plural
        case .name, .introducedName: return .unknown
        case .body, .role, .anonymous:
            guard let head = (mention ?? name).split(separator: " ").first.map(String.init) else { return .unknown }
            if head.hasSuffix("ة") || head.hasSuffix("ات") { return .feminine }
            if form == .anonymous, head.hasSuffix("ون") || head.hasSuffix("ين") || head == "مصادر" || head == "شهود" { return .plural }
            return .masculine
        }
    }

    /// True when a cue of that agreement can have this speaker.
    func agrees(with agreement: ReportingCues.Cue.Agreement) -> Bool {
        switch (agreement, gender) {
        case (_, .unknown): true
        case (.feminine, .feminine), (.plural, .plural): true
        case (.unmarked, .masculine): true
        // A plural of things or bodies takes a feminine verb: "قالت السلطات".
        case (.feminine, .plural): true
        default: false
        }
    }

    enum Form {
        /// A name that opens the subject: "قال سامر النجار".
        case name
        /// A name after a title or another word that introduces it: "قال الوزير سامر النجار".
        case introducedName
        /// A title or role with no name: "قال المتحدث باسم الوزارة".
        case role
        /// A body or a document: "قالت وزارة الخارجية", "قال البيان".
        case body
        /// An unnamed source, described: "قال مصدر دبلوماسي رفيع".
        case anonymous
        /// People speaking together: "قال ناشطون", "قال بعض المشرعين في المجلس".
        case group
    }
}
