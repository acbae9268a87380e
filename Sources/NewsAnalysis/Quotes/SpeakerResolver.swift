import ArabicText
import NewsModel

extension String {
    /// "ووزارة الكهرباء" → "وزارة الكهرباء": a conjunction glued to a name found mid-sentence.
    func replacingLeadingWaw() -> String {
        guard hasPrefix("و"), count > 3 else { return self }
        let rest = String(dropFirst())
        // Only when the rest starts a known body word; "وزارة" itself starts with و.
        return SpeakerResolver.bodyStarters.contains(MatchKey(rest.split(separator: " ").first ?? "")) ? rest : self
    }
}

/// Turns the words after a reporting cue into a speaker: a person by the fullest name the article
/// gives, a body (الكرملين، الشرطة الكندية، وزارة الخزانة الأميركية), or the person a role noun names
/// (الزعيم الروسي → the name that follows «الروسي» elsewhere in the article).
struct SpeakerResolver {
    let paragraphs: [QuoteText]
    let cues: ReportingCues

    /// The words of every name and mention of the article's people (search keys, و stripped).
    let personWords: Set<MatchKey>
    /// Every word the article writes (search keys), to tell و the conjunction from و of the word.
    let articleWords: Set<MatchKey>
    /// The words of the article's places and organisations.
    let placeAndBodyWords: Set<MatchKey>

    init(article: Article, paragraphs: [QuoteText], cues: ReportingCues) {
        self.paragraphs = [QuoteText(article.title)] + paragraphs
        self.cues = cues
        func words(_ entities: [Entity]) -> Set<MatchKey> {
            Set(entities.flatMap { [$0.name] + $0.mentions }.flatMap { MatchKey($0).words.map { Self.strippingWaw(MatchKey(bytes: Array($0))) } })
        }
        personWords = words(article.entities.filter { $0.type == .person })
        articleWords = Set(self.paragraphs.flatMap { $0.tokens.map(\.key) })
        placeAndBodyWords = words(article.entities.filter { $0.type != .person })
    }

    /// True when a run of name words can name a person: its first word is not a preposition glued
    /// to a place ("بمصر", "لرويترز"), and one of its words names a person the article's entities
    /// hold. An article with no people found (or not run through entity recognition) trusts the run.
    func canBePerson(_ words: ArraySlice<QuoteText.Word>) -> Bool {
        guard let first = words.first else { return false }
        if Self.isGluedPreposition(first.key, to: placeAndBodyWords) { return false }
        return personWords.isEmpty || words.contains { personWords.contains(Self.strippingWaw($0.key)) }
    }

    /// A run of name words cut to the person in it: words before the first that names one of the
    /// article's people ("صممه النجار" → النجار), and from a word glued to ل that names none
    /// ("حداد لبي بي سي", "النجار لمراسلة") on, are left out.
    func trimmedToPerson(_ run: Range<Int>, in paragraph: QuoteText) -> (Int, Int) {
        let tokens = paragraph.tokens
        // "زميله كورنتان توليسو", "خارجيته فيديريكا موغيريني": a word with a possessive pronoun (ه as
        // written, not the ة of "عطية") before a name of two words is not part of it.
        if run.count >= 3, Self.possessiveEndings.contains(where: paragraph.display(tokens[run.lowerBound]).hasSuffix) {
            return trimmedToPerson((run.lowerBound + 1)..<run.upperBound, in: paragraph)
        }
        guard !personWords.isEmpty else { return (run.lowerBound, run.upperBound) }
        func names(_ i: Int) -> Bool { personWords.contains(Self.strippingWaw(tokens[i].key)) }
        let start = run.first(where: names) ?? run.lowerBound
        var end = start + 1
        while end < run.upperBound, names(end) || !tokens[end].key.bytes.starts(with: Self.lam) { end += 1 }
        return (start, end)
    }

    /// Definite nouns that speak without being a named body: a newspaper, an agency, the authorities.
    static let speakingNouns = keys(["الصحيفة", "الوكالة", "القناة", "الموقع", "المجلة", "السلطات", "المصدر", "المصادر", "الحكومة",
                                     "الرئاسة", "الوزارة", "الشرطة", "الجيش", "النيابة", "الادعاء", "الإدعاء", "الدفاع", "المحكمة",
                                     "الشركة", "النادي", "الفريق", "المنظمة", "الهيئة", "اللجنة", "الحركة", "الحزب", "الجماعة",
                                     "التنظيم", "السفارة", "البعثة", "المرصد", "المعارضة", "الاتحاد", "المجلس", "الإدارة", "البيت",
                                     "الدراسة", "التحقيقات", "الشبكة"])

    /// True when definite words can name a body that speaks: a body's kind word ("وزارة", "الشرطة"),
    /// a statement, a noun that speaks ("الصحيفة"), or a word of a place or body the article names.
    /// "النتائج الرسمية" and "الأخير" are none of these; an article with no places or bodies found
    /// trusts the words.
    func canBeBody(_ words: ArraySlice<QuoteText.Word>) -> Bool {
        guard let head = words.first.map({ Self.strippingWaw($0.key) }) else { return false }
        if placeAndBodyWords.isEmpty || Self.bodyStarters.contains(head) || Self.speakingNouns.contains(head)
            || QuoteExtractor.documentNouns.contains(head) || Self.groupHeads.contains(head) || Self.isDualOrPlural(head) { return true }
        return words.contains { placeAndBodyWords.contains(Self.strippingWaw($0.key)) }
    }

    /// Endings of a dual or a sound masculine plural: "الجانبان", "المحتجون", "الطرفين".
    static let dualAndPluralEndings = ["ان", "ون", "ين"].map { Array($0.utf8) }

    /// "الجانبان", "المسؤولون": people counted as two or more speak together.
    static func isDualOrPlural(_ key: MatchKey) -> Bool {
        startsWithAl(key) && key.bytes.count >= 12 && dualAndPluralEndings.contains { key.bytes.suffix($0.count).elementsEqual($0) }
    }

    /// True when the word starts with the conjunction و: what follows it is a word the article
    /// writes on its own or a person's name ("وأخنوش"), not the rest of a word that starts with و
    /// ("وزراء" is not و + "زراء", "وليد" not و + "ليد").
    func hasConjunction(_ key: MatchKey) -> Bool {
        guard Self.startsWithWaw(key) else { return false }
        let rest = Self.strippingWaw(key)
        return personWords.contains(rest) || articleWords.contains(rest)
    }

    /// Endings of a noun with a possessive pronoun, as written: زميله، خارجيته، محاميه.
    static let possessiveEndings = ["ته", "له", "يه"]

    /// One-letter prepositions written joined to the next word.
    static let joinedPrepositions: [[UInt8]] = ["ب", "ل", "ك"].map { Array($0.utf8) }
    /// ل written joined to the next word: to whom the words were said ("لرويترز").
    static let lam = Array("ل".utf8)

    /// "بمصر" when "مصر" is a place the article names: ب ل ك glued to a name.
    static func isGluedPreposition(_ key: MatchKey, to names: Set<MatchKey>) -> Bool {
        let bytes = key.bytes
        guard let letter = joinedPrepositions.first(where: { bytes.starts(with: $0) }), bytes.count > letter.count + 4 else { return false }
        return names.contains(MatchKey(bytes: Array(bytes[letter.count...])))
    }

    func speaker(for subject: Range<Int>, in paragraph: QuoteText) -> Speaker? {
        let tokens = paragraph.tokens
        // "قال لي مزارع مسن": an object pronoun is not the subject.
        var lower = subject.lowerBound
        while lower < subject.upperBound, Self.objectPronouns.contains(tokens[lower].key) { lower += 1 }
        guard lower < subject.upperBound else { return nil }
        let range = lower..<subject.upperBound
        if let body = namedBody(range, in: paragraph) { return body }
        let (person, sawTitle) = personInSubject(range, in: paragraph)
        if let person { return person }
        return sawTitle ? roleSpeaker(range, in: paragraph) : definiteSpeaker(range, in: paragraph)
    }

    /// A body the subject names by what it is: a statement of a body ("بيان الإليزيه"), a company
    /// or paper by its own name ("شركة فيسبوك"), or a body by its kind word ("وزارة الطاقة العمانية").
    func namedBody(_ range: Range<Int>, in paragraph: QuoteText) -> Speaker? {
        let tokens = paragraph.tokens
        if let body = bodyOfStatement(range, in: paragraph) { return body }
        if let named = namedAfterKind(range, in: paragraph) { return named }
        guard Self.bodyStarters.contains(tokens[range.lowerBound].key) else { return nil }
        let end = bodyEnd(tokens, from: range.lowerBound, limit: range.upperBound)
        let body = paragraph.display(range.lowerBound..<end)
        return Speaker(name: fullBodyName(body, tokens[range.lowerBound..<end].map(\.key)), mention: body)
    }

    /// A person named by a run of name words, at the start of the subject or after a title, a nisba
    /// or a definite word that introduces it (or a place the article names speaking for itself), and
    /// whether a title came first.
    func personInSubject(_ range: Range<Int>, in paragraph: QuoteText) -> (Speaker?, sawTitle: Bool) {
        let tokens = paragraph.tokens
        var index = range.lowerBound
        var sawTitle = false
        while index < range.upperBound {
            let token = tokens[index]
            // A quoted name inside a role ("رئيس مجلس «الوادي» سامر النجار") belongs to the role.
            if sawTitle || index > range.lowerBound, let after = paragraph.afterQuotedName(at: index), after <= range.upperBound {
                index = after
                continue
            }
            guard Self.isNameWord(token) else {
                if Self.isTitle(token.key) { sawTitle = true }
                index += 1
                continue
            }
            let atStart = index == range.lowerBound
            let previous = index > range.lowerBound ? tokens[index - 1].key : nil
            // After a title or nisba ("الجنرال الأميركي أليكسوس …"), or anywhere after a title but not
            // after a preposition ("المتحدث باسم الكرملين دميتري بيسكوف", not "… في أوروبا").
            // A definite word before a name introduces it too: "المدرب سامي الجابر", "للأمم المتحدة أنطونيو …".
            let afterIntroduction = previous.map { Self.isTitle($0) || Self.isNisba($0) || (sawTitle && !Self.prepositions.contains($0)) } ?? false
                || (index > range.lowerBound && tokens[index - 1].isDefinite)
            var start = index
            let end = nameRunEnd(from: index, limit: range.upperBound, tokens)
            // A place or body the article names speaks for itself: "قالت روسيا إن".
            if atStart, tokens[start..<end].allSatisfy({ placeAndBodyWords.contains(Self.strippingWaw($0.key)) }) {
                let mention = paragraph.display(start..<end)
                return (Speaker(name: mention, mention: mention, form: .body), sawTitle)
            }
            // "منسق الأمم المتحدة في اليمن سامر النجار": after a title and a place, the name.
            var introduced = atStart || afterIntroduction
            if !introduced, sawTitle, !personWords.isEmpty,
               let name = (start..<end).first(where: { !placeAndBodyWords.contains(Self.strippingWaw(tokens[$0].key)) }), name > start {
                start = name
                introduced = true
            }
            if introduced, canBePerson(tokens[start..<end]) {
                let (first, last) = trimmedToPerson(start..<end, in: paragraph)
                let mention = paragraph.display(first..<last)
                return (Speaker(name: fullestName(tokens[first..<last].map(\.key), fallback: mention), mention: mention,
                                form: atStart ? .name : .introducedName), sawTitle)
            }
            index = end
        }
        return (nil, sawTitle)
    }

    /// Where a run of name words that starts at `index` ends: over name words, an article-prefixed
    /// word between two of them ("فاطمة الزهراء عمور"), and a family name with the article that ends
    /// the phrase ("سامي الجابر", not "لوكاشينكو الاتحاد الأوروبي").
    func nameRunEnd(from index: Int, limit: Int, _ tokens: [QuoteText.Word]) -> Int {
        var end = index + 1
        while end < limit, !Self.startsWithWaw(tokens[end].key) {
            if Self.isNameWord(tokens[end]) { end += 1; continue }
            if tokens[end].isDefinite, !Self.isNisba(tokens[end].key), !Self.isTitle(tokens[end].key),
               end + 1 < limit, Self.isNameWord(tokens[end + 1]), !Self.startsWithWaw(tokens[end + 1].key) {
                end += 2
                continue
            }
            break
        }
        if end < tokens.count, end <= limit, tokens[end].isDefinite, tokens[end].kind == .arabicWord, !Self.isNisba(tokens[end].key),
           !Self.isTitle(tokens[end].key), !Self.timeWords.contains(tokens[end].key), Self.endsName(tokens, after: end) {
            end += 1
        }
        return end
    }

    /// A subject of definite words with no title: a family name alone ("وقال الحجرف إن") names the
    /// person the article gives; else a body ("الكرملين", "الشرطة الكندية"), or a group
    /// ("الجانبان"), when the words can be one.
    func definiteSpeaker(_ range: Range<Int>, in paragraph: QuoteText) -> Speaker? {
        let tokens = paragraph.tokens
        let first = tokens[range.lowerBound]
        guard first.isDefinite else { return nil }
        if range.count == 1 || !tokens[range.lowerBound + 1].isDefinite, personWords.contains(Self.strippingWaw(first.key)) {
            let mention = paragraph.display(range.lowerBound..<(range.lowerBound + 1))
            return Speaker(name: fullestName([Self.strippingWaw(first.key)], fallback: mention), mention: mention, form: .name)
        }
        let end = bodyEnd(tokens, from: range.lowerBound, limit: range.upperBound)
        guard canBeBody(tokens[range.lowerBound..<end]) else { return nil }
        let body = paragraph.display(range.lowerBound..<end)
        let people = Self.isDualOrPlural(Self.strippingWaw(first.key)) && !Self.bodyStarters.contains(Self.strippingWaw(first.key))
        return Speaker(name: fullBodyName(body, tokens[range.lowerBound..<end].map(\.key)), mention: body, form: people ? .group : .body)
    }

    /// A role noun: "الزعيم الروسي", "المتحدث باسم الكرملين". It ends before a preposition ("وزير
    /// العمل في تصريح صحافي" → "وزير العمل") and resolves to the person the article introduces with
    /// it; a role no name goes with keeps what places it ("متحدث باسم الدفاع المدني في محافظة الساحل").
    func roleSpeaker(_ whole: Range<Int>, in paragraph: QuoteText) -> Speaker {
        let tokens = paragraph.tokens
        var range = whole
        if let cut = tokens[range].firstIndex(where: { Self.prepositions.contains($0.key) }), cut > range.lowerBound {
            range = range.lowerBound..<cut
        }
        let role = paragraph.display(range)
        if let person = personIntroduced(by: tokens[range].map(\.key)) ?? personIntroduced(byTitle: tokens[range].map(\.key)) {
            return Speaker(name: person, mention: role, form: .role)
        }
        let described = descriptionEnd(from: range.lowerBound + 1, limit: whole.upperBound, in: paragraph)
        if described > range.upperBound {
            let full = paragraph.display(range.lowerBound..<described)
            return Speaker(name: full, mention: full, form: .role)
        }
        return Speaker(name: expandingBodyHeads(role, tokens[range]), mention: role, form: .role)
    }

    /// Heads of an unnamed source, kept whole with their description ("مصدر دبلوماسي رفيع").
    static let anonymousHeads = keys(["مصدر", "مصدرا", "مصدران", "مصادر", "مسؤول", "مسؤولا", "مسؤولان", "مسؤولون", "مسؤولين",
                                      "شاهد", "شهود", "دبلوماسي", "دبلوماسيون", "دبلوماسيين", "شخص", "أشخاص", "موظف", "موظفون",
                                      "ضابط", "ضباط", "عضو", "أعضاء", "قيادي", "قياديون", "مقرب", "مقربون", "أحدهم", "إحداهن",
                                      // People described by what they do or are: "مزارع مسن في إحدى القرى".
                                      "مزارع", "مسافر", "مسافرة", "محلل", "محللة", "مواطن", "مواطنة", "معلم", "معلمة", "طبيب", "طبيبة",
                                      "صحافي", "صحفي", "صحافية", "باحث", "باحثة", "خبيرة", "موظفة", "عامل", "عاملة", "تاجر", "سائق",
                                      "جندي", "لاجئ", "لاجئة", "مهاجر", "مستخدم", "مستخدمة", "متزلج", "امرأة", "سيدة", "شاب", "شابة"])
    /// Heads of a group that speaks together ("ناشطون", "الناجون من المذبحة").
    static let groupHeads = keys(["ناشطون", "نشطاء", "ناشطين", "سكان", "أهالي", "أطباء", "محللون", "مراقبون", "خبراء", "متظاهرون",
                                  "محتجون", "المتظاهرون", "المحتجون", "ناجون", "الناجون", "مراسلون", "مسعفون", "معارضون", "مواطنون",
                                  "المشرعين", "مشرعون", "نواب", "لاجئون", "مستخدمون", "طلاب", "الطلاب", "عمال", "مزارعون", "وسائل"])
    /// Words before a head that count out part of a group: "بعض المشرعين", "أحد المسؤولين", "عدد من".
    static let quantifiers = keys(["بعض", "أحد", "إحدى", "عدد"])
    /// Words that end a source's description: what follows says where or to whom it spoke.
    static let descriptionEnds = keys(["لـ", "ل", "لوكالة", "لصحيفة", "لقناة", "لموقع", "لصحافيين", "للصحافيين", "للصحفيين", "لرويترز",
                                       "تصريح", "تصريحات", "بيان", "حديث", "مقابلة", "طلب", "طالبا", "رفض", "شريطة", "مفضلا", "بعيد", "قبيل", "عقب",
                                       "مؤتمر", "لقاء", "اجتماع", "كلمة", "خطاب", "حوار", "تغريدة", "منشور", "رسالة", "برنامج", "ندوة"])
    /// Tokens a source's description may have, at most.
    static let descriptionTokens = 10

    /// A described source or group ("مصادر مطلعة على مجريات القضية", "بعض المشرعين في المجلس"), from
    /// the subject's start to the reported clause (or the subject's end): nil when the subject does
    /// not open with such a head. The description is cut at a comma, a time word, or a word that says
    /// where or to whom the source spoke ("لرويترز", "في تصريح").
    func describedSource(from start: Int, to end: Int, in paragraph: QuoteText) -> Speaker? {
        let tokens = paragraph.tokens
        var start = start
        while start < end, Self.objectPronouns.contains(tokens[start].key) { start += 1 }
        var head = start
        if head < end, Self.quantifiers.contains(tokens[head].key) {
            head += 1
            if head < end, tokens[head].key == MatchKey("من") { head += 1 }
        }
        guard head < end else { return nil }
        let key = tokens[head].key
        let form: Speaker.Form
        if Self.anonymousHeads.contains(key) { form = .anonymous } else if Self.groupHeads.contains(key) || Self.groupHeads.contains(Self.strippingAl(key)) && head > start { form = .group } else { return nil }
        let last = descriptionEnd(from: head + 1, limit: min(end, start + Self.descriptionTokens), in: paragraph)
        // A description with a person's name in it ("رجل الأعمال سيرغي كونسوليان") names that person.
        guard !tokens[head..<last].contains(where: { personWords.contains(Self.strippingWaw($0.key)) }) else { return nil }
        let description = paragraph.display(start..<last)
        return Speaker(name: description, mention: description, form: form)
    }

    /// Where a description that runs from `start` ends, at most at `limit`: at a comma or other
    /// punctuation, a time word, a proclitic, a reporting cue ("قائلاً"), or a word that says where
    /// or to whom the words were said ("لرويترز", "في تصريح").
    func descriptionEnd(from start: Int, limit: Int, in paragraph: QuoteText) -> Int {
        let tokens = paragraph.tokens
        var last = start
        while last < limit {
            let token = tokens[last]
            if token.kind == .punctuation && !token.isOpeningMark && !token.isClosingMark || Self.timeWords.contains(token.key) { break }
            if Self.descriptionEnds.contains(token.key) || token.kind == .proclitic || Self.complementizers.contains(token.key)
                || cues.cue(token.key) != nil { break }
            if token.key == MatchKey("في"), last + 1 < limit, Self.descriptionEnds.contains(tokens[last + 1].key) { break }
            last += 1
        }
        return last
    }

    /// Kind words that a company's, a paper's or a channel's own name follows.
    static let namingKinds = keys(["شركة", "صحيفة", "مجلة", "قناة", "موقع", "منصة", "شبكة"])
    /// Words a name after a kind word may have, at most.
    static let nameAfterKindWords = 4

    /// "شركة فيسبوك", "صحيفة «وول ستريت جورنال»": the name after the kind word, quoted or a run of
    /// indefinite words; nil when what follows is definite ("شركة النفط الوطنية" is a body's name).
    func namedAfterKind(_ range: Range<Int>, in paragraph: QuoteText) -> Speaker? {
        let tokens = paragraph.tokens
        guard range.count >= 2, Self.namingKinds.contains(Self.strippingWaw(tokens[range.lowerBound].key)) else { return nil }
        let first = range.lowerBound + 1
        var name: Range<Int>
        if let after = paragraph.afterQuotedName(at: first), after <= range.upperBound {
            name = (first + 1)..<(after - 1)
        } else {
            var end = first
            while end < range.upperBound, end - first < Self.nameAfterKindWords, tokens[end].kind == .arabicWord || tokens[end].kind == .latinWord,
                  !tokens[end].isDefinite, !tokens[end].isPrepositional, Self.isNameWord(tokens[end]) || tokens[end].kind == .latinWord { end += 1 }
            name = first..<end
        }
        guard !name.isEmpty else { return nil }
        let shown = paragraph.display(name)
        return Speaker(name: shown, mention: paragraph.display(range.lowerBound..<name.upperBound), form: .body)
    }

    /// Statements named with the body that issued them.
    static let statementNouns = keys(["بيان", "تقرير", "بلاغ", "رسالة", "مذكرة"])

    /// "بيان الإليزيه", "تقرير للبيت الأبيض", "بلاغ لوزارة الدفاع": a statement speaks for the body
    /// it names right after it (with ل read off: "للبيت" is "البيت"); nil for any other subject.
    func bodyOfStatement(_ range: Range<Int>, in paragraph: QuoteText) -> Speaker? {
        let tokens = paragraph.tokens
        guard range.count >= 2, Self.statementNouns.contains(Self.strippingWaw(tokens[range.lowerBound].key)) else { return nil }
        let first = range.lowerBound + 1
        let joined = tokens[first].key.bytes.starts(with: Self.lam)
        guard tokens[first].kind == .arabicWord, tokens[first].isDefinite || joined else { return nil }
        let end = bodyEnd(tokens, from: first, limit: range.upperBound)
        var body = paragraph.display(first..<end)
        if body.hasPrefix("لل") {
            body = "ال" + body.dropFirst(2)
        } else if body.hasPrefix("ل"), !tokens[first].isDefinite || body.hasPrefix("لال") {
            body = String(body.dropFirst())
        }
        guard canBeBody(tokens[first..<end]) || Self.bodyStarters.contains(MatchKey(String(body.split(separator: " ").first ?? ""))) else { return nil }
        return Speaker(name: body, mention: paragraph.display(range.lowerBound..<end), form: .body)
    }

    /// The person an appositive names ("، ديمتري بيسكوف،", "، الدكتور طارق شوقي،"): a name written
    /// at its start or after a title; nil for a role or anything else.
    func person(inAppositive range: Range<Int>, in paragraph: QuoteText) -> Speaker? {
        // "، الذي بدا عليه الانزعاج،": a relative clause names no one.
        guard !range.isEmpty, !QuoteText.subjectBeforeStops.contains(paragraph.tokens[range.lowerBound].key),
              let found = speaker(for: range, in: paragraph), found.form == .name || found.form == .introducedName else { return nil }
        return found
    }

    /// Where a body's name ends: its kind word, then definite words, nisbas, and an indefinite word
    /// only when a definite one follows it (the construct in "حلف شمال الأطلسي").
    func bodyEnd(_ tokens: [QuoteText.Word], from start: Int, limit: Int) -> Int {
        var end = start + 1
        while end < limit, end < start + 6, tokens[end].kind == .arabicWord || tokens[end].isOpeningMark {
            let token = tokens[end]
            if token.isOpeningMark {
                // شركة «روس زاروبيج نفت»: the quoted name belongs to the body; after a full name
                // ("وكالة الأنباء السعودية «واس»") it is another name for it.
                guard end == start + 1 else { break }
                var close = end + 1
                while close < tokens.count, close < end + 8, !tokens[close].isClosingMark { close += 1 }
                guard close < tokens.count, tokens[close].isClosingMark else { break }
                end = close + 1
                continue
            }
            if Self.prepositions.contains(token.key) || Self.timeWords.contains(token.key) || Self.complementizers.contains(token.key)
                || token.isPrepositional || QuoteText.subjectBeforeStops.contains(token.key) { break }
            if token.isDefinite || Self.isNisba(token.key) { end += 1; continue }
            // "حركة حماس": a name the article gives as a place or body completes the kind word.
            if end == start + 1, placeAndBodyWords.contains(Self.strippingWaw(token.key)) { end += 1; continue }
            if end + 1 < limit, tokens[end + 1].isDefinite {
                end += 1
                continue
            }
            break
        }
        return end
    }

    /// A body's name as the article gives it in full: "الوزارة" → "وزارة الكهرباء العراقية" when the
    /// article named that ministry before.
    func fullBodyName(_ name: String, _ keys: [MatchKey]) -> String {
        guard keys.count == 1, let head = keys.first, let indefinite = Self.bodyHeads[head] else { return name }
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            for index in tokens.indices where tokens[index].key == indefinite || Self.strippingWaw(tokens[index].key) == indefinite {
                let end = bodyEnd(tokens, from: index, limit: tokens.count)
                if end > index + 1 { return paragraph.display(index..<end).replacingLeadingWaw() }
            }
        }
        return name
    }

    /// "المتحدث باسم الوزارة" → "المتحدث باسم وزارة الكهرباء العراقية".
    func expandingBodyHeads(_ role: String, _ words: ArraySlice<QuoteText.Word>) -> String {
        guard let last = words.last, Self.bodyHeads[last.key] != nil else { return role }
        let full = fullBodyName("", [last.key])
        guard !full.isEmpty, let space = role.lastIndex(of: " ") else { return role }
        return String(role[..<space]) + " " + full
    }

    static let bodyHeads: [MatchKey: MatchKey] = {
        var table = [MatchKey: MatchKey]()
        for (definite, bare) in [("الوزارة", "وزارة"), ("الهيئة", "الهيئة"), ("الشركة", "شركة"), ("المجلس", "مجلس"), ("الوكالة", "وكالة"),
                                 ("المنظمة", "منظمة"), ("اللجنة", "لجنة"), ("الجامعة", "جامعة"), ("المؤسسة", "مؤسسة"), ("البعثة", "بعثة")] {
            table[MatchKey(definite)] = MatchKey(bare)
        }
        return table
    }()

    /// True when the word at `index` closes a phrase: punctuation, a quote mark, a grammar word or the end.
    static func endsName(_ tokens: [QuoteText.Word], after index: Int) -> Bool {
        let next = index + 1
        guard next < tokens.count else { return true }
        let token = tokens[next]
        return token.kind == .punctuation || complementizers.contains(token.key) || prepositions.contains(token.key)
            || subjectBoundaries.contains(token.key) || timeWords.contains(token.key) || isTitle(token.key)
    }

    /// The longest name in the article that ends with `mention` ("بوتين" → "فلاديمير بوتين").
    func fullestName(_ mention: [MatchKey], fallback: String) -> String {
        guard let last = mention.last else { return fallback }
        var best = fallback
        var bestCount = mention.count
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            for index in tokens.indices where tokens[index].key == last || Self.strippingWaw(tokens[index].key) == last {
                let start = index - (mention.count - 1)
                guard start >= 0, zip(tokens[start...index], mention).allSatisfy({ $0.key == $1 || Self.strippingWaw($0.key) == $1 }) else { continue }
                // "وأخنوش": the و joins two people, so nothing before it belongs to this name.
                var first = start
                while first > 0, !hasConjunction(tokens[first].key), Self.isNameWord(tokens[first - 1]), index - first < 5,
                      !Self.possessiveEndings.contains(where: paragraph.display(tokens[first - 1]).hasSuffix) { first -= 1 }
                // A longer form counts only where the article introduces the person: after a title or a
                // nisba ("الروسي فلاديمير بوتين"), not after any verb ("سبقت زيارة بوتين").
                if first < start {
                    let before = first > 0 ? tokens[first - 1].key : nil
                    var introduced = before.map { Self.isTitle($0) || Self.isNisba($0) || cues.cue($0) != nil } ?? false
                    // "النحات، إمانويل سانتوس،": a name set off by a comma after a title or a role.
                    if !introduced, first >= 2, QuoteText.isComma(tokens[first - 1]) {
                        let role = tokens[first - 2].key
                        introduced = Self.isTitle(role) || Self.isNisba(role)
                    }
                    if !introduced { continue }
                }
                let count = index - first + 1
                if count > bestCount {
                    bestCount = count
                    best = paragraph.display(first..<(index + 1))
                    if hasConjunction(tokens[first].key), count > 1 { best = String(best.dropFirst()) }
                }
            }
        }
        return best
    }

    /// The person a role phrase introduces somewhere in the article: the nisba (or the whole phrase)
    /// followed by a run of name words.
    func personIntroduced(by role: [MatchKey]) -> String? {
        let anchors = role.filter { Self.isNisba($0) }
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            for index in tokens.indices {
                let key = Self.strippingWaw(tokens[index].key)
                let matchesNisba = anchors.contains(key)
                let matchesPhrase = anchors.isEmpty && index + role.count <= tokens.count
                    && zip(tokens[index..<(index + role.count)], role).allSatisfy { $0.key == $1 }
                guard matchesNisba || matchesPhrase else { continue }
                var start = index + (matchesNisba ? 1 : role.count)
                // "الجنرال الأميركي أليكسوس …", "الداعية الإسلامي، صالح المغامسي": skip other titles,
                // nisbas and a comma in between.
                while start < tokens.count, Self.isTitle(tokens[start].key) || Self.isNisba(tokens[start].key) || QuoteText.isComma(tokens[start]) { start += 1 }
                // "الاتحاد المصري لكرة القدم": what follows the nisba must be able to name a person.
                if let run = introducedRun(from: start, stoppingAtWaw: true, tokens) {
                    let (first, last) = trimmedToPerson(run, in: paragraph)
                    return fullestName(tokens[first..<last].map(\.key), fallback: paragraph.display(first..<last))
                }
            }
        }
        return nil
    }

    /// Name words a name a role introduces may have, at most (before a family name with the article).
    static let introducedNameWords = 4

    /// The run of name words a role introduces at `start` ("صالح المغامسي"): up to
    /// ``introducedNameWords`` of them (and, when `stoppingAtWaw`, none after the first that starts
    /// with و), then a family name with the article that names one of the article's people; nil
    /// when there is none or it cannot name a person.
    func introducedRun(from start: Int, stoppingAtWaw: Bool, _ tokens: [QuoteText.Word]) -> Range<Int>? {
        var end = start
        while end < tokens.count, Self.isNameWord(tokens[end]), end - start < Self.introducedNameWords,
              !stoppingAtWaw || end == start || !Self.startsWithWaw(tokens[end].key) { end += 1 }
        if end > start, end < tokens.count, tokens[end].isDefinite, personWords.contains(Self.strippingWaw(tokens[end].key)) { end += 1 }
        guard end > start, canBePerson(tokens[start..<end]) else { return nil }
        return start..<end
    }

    /// Words between a title and the name it introduces, at most ("وزير الداخلية الألماني هورست").
    static let titleComplementWords = 4

    /// "الوزير" → the one person the article introduces with that title, written without its article
    /// and with what completes it ("وزير النقل الكندي سامر النجار"); nil when none or several.
    func personIntroduced(byTitle role: [MatchKey]) -> String? {
        guard role.count == 1, let title = role.first, Self.startsWithAl(title), Self.isTitle(title) else { return nil }
        let bare = Self.strippingAl(title)
        var found = Set<String>()
        for paragraph in paragraphs {
            let tokens = paragraph.tokens
            for index in tokens.indices where tokens[index].key == bare || Self.strippingWaw(tokens[index].key) == bare {
                var start = index + 1
                while start < tokens.count, start - index <= Self.titleComplementWords,
                      tokens[start].isDefinite || Self.isTitle(tokens[start].key) || Self.isNisba(tokens[start].key) { start += 1 }
                guard let run = introducedRun(from: start, stoppingAtWaw: false, tokens) else { continue }
                var end = run.upperBound
                // The name ends at its last word that names a person: "سامر النجار نيته" is سامر النجار.
                if let last = (start..<end).last(where: { personWords.contains(Self.strippingWaw(tokens[$0].key)) }) { end = last + 1 }
                found.insert(fullestName(tokens[start..<end].map(\.key), fallback: paragraph.display(start..<end)))
            }
        }
        return found.count == 1 ? found.first : nil
    }

    // MARK: Word classes (grammar words and titles; search-normalized)

    static func keys(_ words: [String]) -> Set<MatchKey> { Set(words.map(MatchKey.init)) }

    static let objectPronouns = keys(["لي", "لنا", "له", "لها", "لهم", "لهن", "لك", "لكم", "لهذا", "لذلك", "بذلك", "بهذا", "كذلك", "أيضا", "بدوره", "بدورها", "بأنهم", "بأنه", "بأنها"])
    static let complementizers = keys(["أن", "إن", "إنه", "إنها", "أنه", "أنها", "بأن", "بأنه", "بأنها", "إنهم", "أنهم", "فإن", "فإنه", "فإنها"])
    static let prepositions = keys(["في", "من", "عن", "مع", "إلى", "على", "ضد", "عبر", "خلال", "بين", "لدى", "حول", "أمام", "بعد", "قبل", "منذ", "نحو", "عند"])
    static let subjectBoundaries = keys(["إلى", "على", "عن", "خلال", "أمام", "لدى", "بعد", "قبل", "عبر", "مع", "لـ", "ل", "الذي", "التي", "الذين", "لصحافيين", "للصحافيين", "لوكالة", "لصحيفة", "لقناة", "أيضا", "كذلك", "ما", "بشأن"])
    static let timeWords = keys(TimeWords.day + TimeWords.period)
    /// Words before «…» that make it a name: «X» is what the word names.
    static let namingWords = keys(["شركة", "وكالة", "صحيفة", "مجلة", "قناة", "موقع", "تطبيق", "منصة", "عملية", "اسم", "حركة", "حزب",
                                   "جماعة", "تنظيم", "مجموعة", "برنامج", "مشروع", "مبادرة", "قمة", "مؤتمر", "منظمة", "هيئة", "جبهة",
                                   "حملة", "تحالف", "مهرجان", "فيلم", "كتاب", "رواية", "مسلسل", "ائتلاف", "مركز", "معهد", "مصرف",
                                   "بنك", "فندق", "مطار", "قاعدة", "مناورات", "خطة", "صندوق", "لقب", "بعنوان", "عنوان", "شعار", "وسم", "باسم", "تسمية", "يسمى", "تسمى", "المسماة", "المسمى", "أصدرها", "أصدره", "نشرها", "نشره", "أعدها", "أعده"])
    /// Names that are never quotes when they stand alone in «…».
    static let knownNames = keys(["الشرق الأوسط", "رويترز", "الناتو", "ناتو", "تلغرام", "تلجرام", "فيسبوك", "إكس", "تويتر", "يوتيوب",
                                  "واتساب", "إنستغرام", "أ.ف.ب", "الأناضول", "سبوتنيك", "تاس", "بلومبرغ", "سي إن إن", "حماس", "حزب الله"])
    static let titles = keys(["الرئيس", "الرئيسان", "رئيس", "رئيسة", "الوزراء", "وزير", "وزيرة", "الوزير", "الوزيرة", "المتحدث", "المتحدثة",
                              "متحدث", "متحدثة", "الناطق", "ناطق", "باسم", "القائد", "قائد", "الجنرال", "الزعيم", "زعيم", "الأمين", "العام",
                              "الملك", "الأمير", "ولي", "العهد", "الشيخ", "السفير", "سفير", "النائب", "نائب", "المدير", "مدير", "المسؤول",
                              "مسؤول", "السيد", "السيدة", "الدكتور", "المستشار", "مستشار", "المبعوث", "مبعوث", "الأعلى", "رئيسا", "الحكومة",
                              "الخارجية", "الدفاع", "الداخلية", "المالية", "الطاقة", "البابا", "المرشد", "الجنرالات", "اللواء", "العميد",
                              "العقيد", "المفوض", "المفوضة", "الممثل", "ممثل", "المندوب", "مندوب", "محافظ", "المحافظ", "عمدة", "رئيسه",
                              "المدرب", "مدرب", "اللاعب", "لاعب", "الكاتب", "الكاتبة", "الفنان", "الفنانة", "الممثلة", "المطرب",
                              "المطربة", "المخرج", "الإعلامي", "الإعلامية", "الخبير", "خبير", "المحلل", "الباحث", "الباحثة",
                              "كبير", "كبيرة", "نجم", "النجم", "النجمة", "النحات", "الرسام", "المصور", "الشاعر", "الروائي",
                              "المغني", "الداعية", "المحامي", "المحامية", "القاضي", "الطبيب", "الطبيبة", "منسق", "المنسق",
                              "منسقة", "حاكم", "الحاكم", "مساعد", "المساعد", "سكرتير", "السكرتير", "عضو", "العضو"])
    static let bodyStarters = keys(["وزارة", "هيئة", "جهاز", "شركة", "حلف", "وكالة", "مجلس", "منظمة", "حكومة", "رئاسة", "قيادة", "شرطة",
                                    "محكمة", "لجنة", "بعثة", "سفارة", "الحكومة", "الجيش", "الشرطة", "البيت", "الكرملين", "الإليزيه",
                                    "مكتب", "مديرية", "دائرة", "مؤسسة", "صندوق", "بنك", "مصرف", "اتحاد", "جامعة", "مركز", "معهد", "حزب",
                                    "حركة", "الجهاز", "الهيئة", "الشركة", "الوزارة", "المجلس", "المنظمة", "المديرية", "الاتحاد", "المركز",
                                    "غرفة", "نقابة", "رابطة", "جمعية", "مصلحة", "سلطة", "إدارة", "بلدية", "محافظة", "وحدة", "مجموعة",
                                    "فريق", "شبكة"])

    static func isTitle(_ key: MatchKey) -> Bool { titles.contains(key) }

    static let article = Array("ال".utf8)
    static let waw = Array("و".utf8)
    /// Nisba endings after search normalization (ة → ه): ي، يه.
    static let nisbaEndings = [Array("ي".utf8), Array("يه".utf8)]

    /// Bytes a nisba has at least: ال, two letters, ي ("الذي" and "التي" are not nisbas).
    static let shortestNisba = 10

    /// الروسي، البيلاروسية، الأميركيون: ال + word + ي/ية/يون/يين (after search normalization ة → ه).
    static func isNisba(_ key: MatchKey) -> Bool {
        let bytes = strippingWaw(key).bytes
        guard bytes.count >= shortestNisba, startsWithAl(MatchKey(bytes: bytes)) else { return false }
        return nisbaEndings.contains { bytes.suffix($0.count).elementsEqual($0) }
    }

    static func startsWithAl(_ key: MatchKey) -> Bool {
        key.bytes.count > article.count && key.bytes.starts(with: article)
    }

    static func strippingAl(_ key: MatchKey) -> MatchKey {
        startsWithAl(key) ? MatchKey(bytes: Array(key.bytes[article.count...])) : key
    }

    static func startsWithWaw(_ key: MatchKey) -> Bool {
        key.bytes.count > 4 && key.bytes.starts(with: waw)
    }

    static func strippingWaw(_ key: MatchKey) -> MatchKey {
        startsWithWaw(key) ? MatchKey(bytes: Array(key.bytes[waw.count...])) : key
    }

    static let stopwords = Stopwords.arabic

    /// A word that can be part of a person's name: not ال-definite, not a title, nisba, grammar word or number.
    static func isNameWord(_ token: QuoteText.Word) -> Bool {
        guard token.kind == .arabicWord || token.kind == .latinWord else { return false }
        let key = token.key
        guard key.bytes.count >= 4 else { return false }
        if token.isDefinite || isTitle(key) || prepositions.contains(key) || complementizers.contains(key)
            || timeWords.contains(key) || subjectBoundaries.contains(key) || bodyStarters.contains(key)
            || ReportingCues.standard.cue(key) != nil { return false }
        if key.bytes.withUnsafeBufferPointer({ stopwords.contains(utf8: $0) }) { return false }
        return true
    }
}
