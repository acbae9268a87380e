import ArabicText
import NewsModel
import StableHash

/// Cue words as data: person titles, organisation patterns, nisba adjectives and given names.
///
/// File formats (one item a line, `#` comments):
/// - `person-titles.txt`: a title phrase, then markers: `+` takes a complement (وزير الخارجية,
///   المتحدث باسم الكرملين), `!` names a leader (الرئيس, الزعيم: interchangeable when resolving
///   «الزعيم الروسي»), `*` is a modifier that may follow a title (السابق).
/// - `org-patterns.txt`: a head phrase and a slot: `X` definite words that, with the head, name the
///   body (وزارة الخارجية الروسية); `«X»` a quoted name, the head left out (شركة «روس زاروبيج نفت»);
///   `N` one bare name, the head left out (حركة حماس).
/// - `nisbas.txt`: `location: adjective | adjective`, adjectives in the masculine singular without
///   the article (روسيا: روسي). Feminine, dual and plural endings are read off.
/// - `given-names.txt`: given names, variants after `|`.
/// - `sport-words.txt`: words that mark a sports article, as written, `|` between them.
public struct EntityCues: Sendable {
    public struct Title: Sendable, Hashable {
        public var text: String
        public var isLeader: Bool
        public var takesComplement: Bool
    }

    public enum Slot: String, Sendable, Hashable {
        case definite = "X", quoted = "«X»", name = "N"
    }

    public struct OrgPattern: Sendable, Hashable {
        public var head: String
        public var slot: Slot
        /// A definite head (الجيش، الحكومة) names a body only with a nisba in its slot (الجيش السوري).
        public var headIsDefinite: Bool
    }

    public private(set) var titles: [Title] = []
    public private(set) var orgPatterns: [OrgPattern] = []
    /// Locations that nisbas point to, by index.
    public private(set) var nisbaLocations: [String] = []
    var titleTable = NamePhraseTable()
    var modifierTable = NamePhraseTable()
    var orgTable = NamePhraseTable()
    /// Patterns of each head in `orgTable`, in file order.
    var orgHeads: [[Int]] = []
    var nisbas = HashIndex()
    var givenNames = HashIndex()
    /// Key hashes of the words of `sport-words.txt`.
    var sportWords = HashIndex()

    public init() {}

    public mutating func add(titles text: String, file: String) throws(EntityResourceError) {
        for (number, fields) in ListFile.lines(text) {
            for field in fields {
                var words = field.split(separator: " ").map(String.init)
                var leader = false, complement = false, modifier = false
                while let last = words.last, ["+", "!", "*"].contains(last) {
                    if last == "+" { complement = true } else if last == "!" { leader = true } else { modifier = true }
                    words.removeLast()
                }
                let phrase = words.joined(separator: " ")
                let hashes = NamePhraseTable.tokenHashes(phrase)
                guard !hashes.isEmpty else { throw EntityResourceError(file: file, line: number, message: "empty title") }
                if modifier {
                    modifierTable.insert(hashes, payload: 0)
                } else {
                    titleTable.insert(hashes, payload: Int32(titles.count))
                    titles.append(Title(text: phrase, isLeader: leader, takesComplement: complement))
                }
            }
        }
    }

    public mutating func add(orgPatterns text: String, file: String) throws(EntityResourceError) {
        for (number, fields) in ListFile.lines(text) {
            for field in fields {
                var words = field.split(separator: " ").map(String.init)
                guard let last = words.popLast(), let slot = Slot(rawValue: last), !words.isEmpty else {
                    throw EntityResourceError(file: file, line: number, message: "'\(field)' should be a head then X, «X» or N")
                }
                let head = words.joined(separator: " ")
                let payload = Int(orgTable.insert(NamePhraseTable.tokenHashes(head), payload: Int32(orgHeads.count)))
                if payload == orgHeads.count { orgHeads.append([]) }
                orgHeads[payload].append(orgPatterns.count)
                let definite = NameKey.key(head).starts(with: NameKey.key("ال"))
                orgPatterns.append(OrgPattern(head: head, slot: slot, headIsDefinite: definite))
            }
        }
    }

    public mutating func add(nisbas text: String, file: String) throws(EntityResourceError) {
        for (number, fields) in ListFile.lines(text) {
            let parts = fields[0].split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                throw EntityResourceError(file: file, line: number, message: "expected 'location: adjective | adjective'")
            }
            let location = Int32(nisbaLocations.count)
            nisbaLocations.append(parts[0].trimmingWhitespace())
            for adjective in [parts[1].trimmingWhitespace()] + fields.dropFirst() where !adjective.isEmpty {
                nisbas.insertIfAbsent(FNV1a64.hash(NameKey.key(adjective)), location)
            }
        }
    }

    public mutating func add(givenNames text: String, file: String) throws(EntityResourceError) {
        for (_, fields) in ListFile.lines(text) {
            for name in fields { givenNames.insertIfAbsent(FNV1a64.hash(NameKey.key(name)), 0) }
        }
    }

    public mutating func add(sportWords text: String, file: String) throws(EntityResourceError) {
        for (_, fields) in ListFile.lines(text) {
            for word in fields { sportWords.insertIfAbsent(FNV1a64.hash(NameKey.key(word)), 0) }
        }
    }

    /// An article needs this many sport words at least: one stray «هدف» (a goal, or an aim) is not sport.
    static let sportWordMinimum = 2
    /// …and this share of its words: a long political article mentioning a match is not sport. With
    /// the minimum, the pair that best matched the corpora's own sport sections (docs/benchmarks.md).
    static let sportWordShare = 0.02

    /// Whether texts whose tokens these are read as a sports article.
    ///
    /// - Complexity: O(tokens).
    func isSport(_ tables: [TokenTable]) -> Bool {
        guard sportWords.count > 0 else { return false }
        var words = 0, sport = 0
        for t in tables {
            for i in 0..<t.count where t.isWord(i) {
                words += 1
                if sportWords.find(t.keyHash[i]) != nil { sport += 1 }
            }
        }
        return sport >= Self.sportWordMinimum && Double(sport) >= Self.sportWordShare * Double(words)
    }

    /// Endings read off a nisba, as key bytes: feminine (ة is ه after folding), dual, plural.
    static let nisbaEndings: [[UInt8]] = ["", "ه", "ين", "ون", "ان", "تان", "تين", "ات"].map { Array($0.utf8) }

    /// The location a nisba adjective points to (الروسية, وللروس يين…), by index into ``nisbaLocations``.
    func nisbaLocation(_ w: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard nisbas.count > 0, w.count >= 6 else { return nil }
        let greedy = Clitics.strip(w).cut
        let conj = Clitics.isConjunction(Clitics.letter(w, 0)) ? 2 : 0
        for (k, cut) in [0, conj, greedy].enumerated() where k == 0 || (cut != 0 && (k == 1 || cut != conj)) {
            let body = UnsafeBufferPointer(rebasing: w[cut...])
            for ending in Self.nisbaEndings where body.count >= ending.count + 6 {
                let stemEnd = body.count - ending.count
                guard ending.elementsEqual(body[stemEnd...]), Clitics.letter(body, stemEnd - 2) == ArabicScalar.yeh else { continue }
                if let location = nisbas.find(FNV1a64.hash(UnsafeBufferPointer(rebasing: body[..<stemEnd]))) { return location }
            }
        }
        return nil
    }

    /// True when `w`, or `w` less its proclitics, is a listed given name.
    func isGivenName(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard givenNames.count > 0 else { return false }
        let readings = Clitics.readings(w)
        for r in 0..<readings.count where givenNames.find(Clitics.hash(w, readings[r])) != nil { return true }
        return false
    }
}
