import NewsModel
import StableHash

/// Groups the archive's names into entities, deterministically for the same names, corrections and
/// previous ids. Phases, each a named rule:
///
/// 1. **strong key** (``EntityNames/strongKey(_:type:)``): names that fold alike are one entity; an
///    organisation of dash-joined parts (`دبي ـ العربية.نت`) is read as its best-known part.
/// 2. **spelling**: names with one spelling key (``EntityNames/spellingKey(strongWords:type:)``)
///    whose contexts agree (``spellingCosine``), and
///    people with one surname whose given names are one short for the other (`جيم`/`جيمس ماتيس`).
/// 3. **short form**: a name that begins or ends the names of one dominant entity
///    (``containerDominance``) at least half as frequent as itself (``shortFormMass``) joins it
///    when their contexts agree (``shortFormCosine``): `ظريف` and `جواد ظريف` join
///    `محمد جواد ظريف`; `الأسد` joins `بشار الأسد` only in contexts like his; `اليابان` does not
///    join `بحر اليابان`. Two names run together (`فينيسيوس جونيور ألفارو أودريوزولا`) contain
///    nothing. Places have no short forms: `الصحراء` is not `الصحراء الغربية`, and the gazetteers
///    already join a place's names.
/// 4. **corrections**, in the order the user made them.
///
/// Homonyms written alike (two `محمد بن سلمان`s) are one name here; a correction tells them apart
/// only by splitting the name out as a whole.
public struct EntityResolver: Sendable {
    /// Spelling variants need some agreement of context: two spellings of one foreign name share
    /// most of what surrounds it, while `محمود`/`محمد` names of different people share little.
    public var spellingCosine = 0.4
    /// A short form must look like its full name's context: it carries none of its own evidence.
    public var shortFormCosine = 0.4
    /// The share of the articles of all names a short form begins or ends that one entity must hold:
    /// `يونايتد` ends both Manchester United and Newcastle United, and joins neither when they split.
    public var containerDominance = 0.6
    /// The articles of the entity a short form joins, at least, as a share of the short form's own:
    /// a name far more frequent than its container is an entity of its own (`اليابان`).
    public var shortFormMass = 0.5
    /// A short form's letters at least: a two-letter word ends too many names.
    public var shortestShortForm = 3
    /// The longest name, in words, indexed as a container of short forms.
    public var longestContainer = 8

    public init() {}

    /// Reads the context of the names at the given indexes (only the ones the rules need).
    public typealias ContextReader = ([Int]) async throws -> [Int: EntityContext]

    /// The entities of `names`, each with the id it held in `previous` where it can keep one.
    public func resolve(
        _ names: [EntityName], corrections: [EntityCorrection] = [], previous: [EntityRef: Int64] = [:], context: ContextReader
    ) async throws -> [EntityGroup] {
        var sets = DisjointSets(names.count)
        let words = strongWords(names)
        joinStrongKeys(names, words, &sets)
        let spelling = spellingPairs(names, words, &sets) + givenNamePairs(names, words, &sets)
        let needed = Set(spelling.flatMap { [$0.0, $0.1] })
        var contexts = try await context(needed.sorted())
        for (a, b) in spelling where agree(a, b, contexts, spellingCosine) { sets.union(a, b) }
        let shortForms = shortFormPairs(names, words, &sets)
        let more = Set(shortForms.flatMap { [$0.0, $0.1] }).subtracting(contexts.keys)
        contexts.merge(try await context(more.sorted())) { a, _ in a }
        for (short, full) in shortForms where agree(short, full, contexts, shortFormCosine) { sets.union(short, full) }
        var label = (0..<names.count).map { sets.find($0) }
        apply(corrections, names, &label)
        return groups(names, label: label, words: words, previous: previous)
    }

    func agree(_ a: Int, _ b: Int, _ contexts: [Int: EntityContext], _ threshold: Double) -> Bool {
        guard let x = contexts[a], let y = contexts[b] else { return false }
        return x.cosine(y) >= threshold
    }

    /// Rule 1's words: the strong words of each name, or of its best-known part.
    func strongWords(_ names: [EntityName]) -> [[String]] {
        var articlesOf = [EntityRef: Int]()
        for name in names { articlesOf[name.ref, default: 0] += name.articles }
        return names.map { name in
            // Datelines and credits come with outlets: a person's dash is part of the name.
            let parts = name.ref.type == .organization ? EntityNames.parts(name.name) : [name.name]
            var chosen = name.name
            if parts.count > 1 {
                let known = parts.map { (part: $0, articles: articlesOf[EntityRef(type: name.ref.type, key: ArchiveKey.of($0))] ?? 0) }
                if let best = known.max(by: { $0.articles < $1.articles }), best.articles > 0 { chosen = best.part }
            }
            let words = EntityNames.strongWords(chosen, type: name.ref.type)
            return words.isEmpty ? [name.ref.key] : words
        }
    }

    /// Rule 1: one strong key, one entity.
    func joinStrongKeys(_ names: [EntityName], _ words: [[String]], _ sets: inout DisjointSets) {
        var first = [String: Int]()
        for index in names.indices {
            let key = names[index].ref.type.rawValue + "\u{1F}" + words[index].joined(separator: " ")
            if let other = first[key] { sets.union(other, index) } else { first[key] = index }
        }
    }

    /// Rule 2's candidates: for each spelling key, the largest name of each strong entity under it,
    /// paired with the largest overall.
    func spellingPairs(_ names: [EntityName], _ words: [[String]], _ sets: inout DisjointSets) -> [(Int, Int)] {
        var byKey = [String: [Int]]()
        for index in names.indices {
            let key = names[index].ref.type.rawValue + "\u{1F}" + EntityNames.spellingKey(strongWords: words[index], type: names[index].ref.type)
            byKey[key, default: []].append(index)
        }
        var pairs = [(Int, Int)]()
        for key in byKey.keys.sorted() {
            let heads = representatives(byKey[key]!, names, &sets)
            guard heads.count > 1 else { continue }
            for other in heads.dropFirst() { pairs.append((other, heads[0])) }
        }
        return pairs
    }

    /// Rule 2's other candidates: people of two words or more with the same last words whose first
    /// words are one the beginning of the other, of ``shortestShortForm`` letters at least.
    func givenNamePairs(_ names: [EntityName], _ words: [[String]], _ sets: inout DisjointSets) -> [(Int, Int)] {
        var bySurname = [String: [Int]]()
        for index in names.indices where names[index].ref.type == .person && words[index].count > 1 {
            bySurname[words[index].dropFirst().joined(separator: " "), default: []].append(index)
        }
        var pairs = [(Int, Int)]()
        for key in bySurname.keys.sorted() {
            let heads = representatives(bySurname[key]!, names, &sets)
            for (i, a) in heads.enumerated() {
                for b in heads[(i + 1)...] {
                    let (x, y) = (words[a][0], words[b][0])
                    let (short, long) = x.count <= y.count ? (x, y) : (y, x)
                    if short.count >= shortestShortForm, short != long, long.hasPrefix(short) { pairs.append((b, a)) }
                }
            }
        }
        return pairs
    }

    /// The largest name of each entity among `indexes`, the largest first.
    func representatives(_ indexes: [Int], _ names: [EntityName], _ sets: inout DisjointSets) -> [Int] {
        var best = [Int: Int]()
        for index in indexes {
            let root = sets.find(index)
            if let current = best[root], !Self.larger(names[index], than: names[current]) { continue }
            best[root] = index
        }
        return best.values.sorted { Self.larger(names[$0], than: names[$1]) }
    }

    static func larger(_ a: EntityName, than b: EntityName) -> Bool {
        a.articles != b.articles ? a.articles > b.articles : a.ref < b.ref
    }
}
