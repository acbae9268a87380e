import NewsModel
import StableHash

/// Homonyms of listed people: a bare surname the gazetteer lists (`بيريز`, `سانشيز`, `جنبلاط`) may
/// name someone else or nothing at all. On its own, without a fuller form of the person in the
/// article, it is read as them only when three rules agree:
/// 1. **the tagger tags it a person** (here, or often elsewhere): `لولا` (were it not),
///    `جيله` (his generation) and `دودا` (friendly) are words here;
/// 2. **the domain agrees**: in a sports article a public figure's bare surname belongs to a player,
///    owner or coach (Florentino Pérez, Alexis Sánchez), unless a title stands before it
///    («الرئيس ماكرون»); a sports figure (`%sport`) is read anywhere;
/// 3. **no namesake is named in full**: `كمال جنبلاط` or `سارة ساندرز` in the article makes the bare
///    `جنبلاط` or `ساندرز` theirs.
///
/// A form that fails stays pending: it is the person again if the article names them by a form
/// that holds (``link(_:)``). Otherwise the tagger's reading stands, and linking joins the surname to
/// the namesake.
extension EntityRecognizer {
    /// What the whole article says about its bare names, read before any text's spans are resolved.
    struct ArticleReading {
        /// The article is about sport (``EntityCues/isSport(_:)``).
        var sport: Bool
        /// For the last word of each person the tagger names in two words or more, one of them a given
        /// name: the key hashes of that name's other words (titles and nisbas left out). The given name
        /// keeps a verb or a neighbour's name the tagger ran into the span from counting.
        var namedInFull: [UInt64: [[UInt64]]]

        init(tables: [TokenTable], annotations: [Annotations], tags: [[UInt8]], cues: EntityCues) {
            sport = cues.isSport(tables)
            namedInFull = [:]
            let notName = Annotations.title | Annotations.afterTitle | Annotations.nisba | Annotations.stopword
            for (k, t) in tables.enumerated() {
                for (start, end, type) in EntityRecognizer.spans(tags[k]) where end - start >= 2 && EntityRecognizer.kind(ofType: type) == .person {
                    let others = (start..<end - 1).filter { t.isWord($0) && annotations[k].flags[$0] & notName == 0 }
                    guard others.contains(where: { annotations[k].flags[$0] & Annotations.givenName != 0 }) else { continue }
                    namedInFull[t.keyHash[end - 1], default: []].append(others.map { t.keyHash[$0] })
                }
                // A given name before a word the tagger left alone names someone in full too.
                for i in 0..<max(0, t.count - 1) where annotations[k].flags[i] & Annotations.givenName != 0 && t.isWord(i + 1) {
                    namedInFull[t.keyHash[i + 1], default: []].append([t.keyHash[i]])
                }
            }
        }
    }

    /// Whether a gazetteer match is read as its person by itself; see the type's documentation.
    /// Only a person's one-word short form is ever in question.
    func bareNameHolds(_ g: Annotations.GazetteerSpan, in field: Field, tags: [UInt8], article: ArticleReading) -> Bool {
        let entry = resources.gazetteer.entries[Int(g.entry)]
        guard isBareSurname(g, of: entry) else { return true }
        guard taggedPerson(g.start, in: field, tags: tags) else { return false }
        if article.sport, !entry.isSport, !field.annotations.chains.contains(where: { $0.end == g.start }) { return false }
        return !hasNamesake(entry, word: field.table.keyHash[g.start], article)
    }

    /// A one-word match of a person listed under a longer name: the only matches these rules judge.
    func isBareSurname(_ g: Annotations.GazetteerSpan, of entry: Gazetteer.Entry) -> Bool {
        entry.kind == .person && entry.hasShortForms && g.end - g.start == 1
    }

    /// Rule 1: the tagger tags the word a person here, or, where it tags nothing, has tagged it a
    /// person elsewhere often enough (``LabelPriors``): `ترمب` in a sentence the tagger misreads is
    /// still Trump, while `لولا` (were it not) is a person almost nowhere.
    func taggedPerson(_ i: Int, in field: Field, tags: [UInt8]) -> Bool {
        let tag = Int(tags[i])
        if tag != 0 { return Self.kind(ofType: NERTags.type(tag)) == .person }
        guard let priors = resources.priors else { return false }
        let t = field.table
        return t.search.withUnsafeBufferPointer { priors.personBucket(UnsafeBufferPointer(rebasing: $0[t.formRange(i)])) } >= Self.sometimesPerson
    }

    /// The prior bucket from which an untagged word may still be a person: labelled one in 5% of its
    /// occurrences or more (``LabelPriors/bucket(_:)``). Higher buckets lost famous surnames the
    /// tagger often misses, for little gain in precision (docs/benchmarks.md).
    static let sometimesPerson: UInt8 = 1

    /// The namesake a listed person's bare surname belongs to right where it stands: a given name
    /// before it that none of the person's forms has (كمال جنبلاط, where the list has وليد جنبلاط).
    func namesakeSpan(_ g: Annotations.GazetteerSpan, in field: Field) -> Span? {
        let entry = resources.gazetteer.entries[Int(g.entry)]
        guard isBareSurname(g, of: entry), g.start > 0,
              field.annotations.flags[g.start - 1] & Annotations.givenName != 0,
              !ownWords(entry).contains(field.table.keyHash[g.start - 1])
        else { return nil }
        return Span(start: g.start - 1, end: g.end, kind: .person, source: .rule, entry: nil, reading: displayReading(g.start - 1, field.table))
    }

    /// A person named in full in the article whose surname is `word` and who shares no other word with
    /// the listed person's forms (كمال جنبلاط beside وليد جنبلاط; not دونالد جيه ترامب).
    func hasNamesake(_ entry: Gazetteer.Entry, word: UInt64, _ article: ArticleReading) -> Bool {
        guard let names = article.namedInFull[word] else { return false }
        let own = ownWords(entry)
        return names.contains { $0.allSatisfy { !own.contains($0) } }
    }

    /// Key hashes of the words of every form of a listed entity.
    func ownWords(_ entry: Gazetteer.Entry) -> Set<UInt64> {
        Set(entry.forms.flatMap { $0.split(separator: " ").map { FNV1a64.hash(NameKey.key(String($0))) } })
    }
}
