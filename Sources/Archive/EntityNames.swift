import Foundation
public import NewsModel

/// The keys under which the archive compares names of entities across articles, for entity
/// resolution (``EntityResolver``). Both start from the search key (``ArchiveKey``: hamza, alef, ta
/// marbuta and harakat folded) and fold what Arabic news writes differently for one entity:
///
/// - the **strong key** folds only what never changes who is named: punctuation and hashtags
///   (`#الحريري`, `العربية.نت`) and `عبد ال…` written apart or joined. Names with one strong key
///   are one entity without further evidence.
/// - the **spelling key** also drops the article `ال` on each word, an organisation's head noun
///   (`نادي`, `صحيفة`, `وكالة`…) and its status adjectives (`الرسمية`, `المحظور`, `الوطني`…),
///   which name two entities as often as one (`الدرويش`/`درويش`, `صحيفة الصباح`/`صباح`,
///   `مجلس الأمن الوطني`/`مجلس الأمن`), and folds how foreign names are transliterated: long vowels after a
///   word's first letter (`بوتين`/`بوتن`, `ترامب`/`ترمب`, `الأمريكي`/`الأميركي`), a final `ه`
///   (`جيه`/`جي`, and with the vowels the nisba `الإماراتية`/`الإمارات`), and the letters that stand
///   for g, k and kh (`غوارديولا`/`جوارديولا`, `سيرخيو`/`سيرجيو`, `يواخيم`/`يواكيم`). Arabic names
///   can collide under it (`محمود`/`محمد`), so the resolver merges on it only when the two names'
///   contexts agree.
///
/// Invariant: both keys are functions of the name's search key and type alone, so they are the same
/// in every store and every run.
public enum EntityNames {
    /// An organisation's head nouns that its name is written with or without (`نادي تشيلسي`,
    /// `تشيلسي`), in key form without the article.
    static let organizationHeads: Set<String> = ["نادي", "صحيفه", "جريده", "قناه", "مجله", "وكاله", "حركه", "شركه", "ذا"]

    /// Adjectives of status that an organisation's name carries or drops (`حزب العمال الكردستاني
    /// المحظور`, `الحكومة اليمنية الشرعية`), in key form without the article. Nationalities are not
    /// among them: `وزارة الخارجية` of two countries are two entities.
    static let organizationModifiers: Set<String> = [
        "رسمي", "رسميه", "محظور", "محظوره", "شرعي", "شرعيه", "معارض", "معارضه", "وطني", "وطنيه", "عربي", "عربيه", "ملكي", "ملكيه",
    ]

    /// Characters that join or decorate the words of a name without being part of them.
    static let separators: Set<Character> = ["#", "_", ".", "«", "»", "\"", "'", "(", ")", "/", ",", "،", ":", "!", "؟", "?"]

    /// Dashes that put a dateline or a credit before or after an outlet's name (`دبي - العربية.نت`).
    /// A dash counts only beside a space: inside a word tatweel stretches it, and a hyphen joins a name.
    static let dashes: Set<Character> = ["-", "–", "—", "|"]
    static let tatweel: Character = "ـ"

    /// The shortest word, in letters, that keeps its vowels folded when it is the whole name: single
    /// short names (`علي`, `عالي`) are too close to fold.
    static let shortestFoldedAloneWord = 5
    /// The fewest letters a lone word keeps once folded: three consonants match too many words
    /// (`باريسي` and `بروسيا` both fold to `برس`).
    static let shortestSkeletonAlone = 4

    /// The shortest remainder, in letters, once the article is read off a word: `الله` keeps it.
    static let shortestStem = 3

    /// The parts of a name between dashes (`دبي ـ العربية.نت` → `دبي`, `العربية.نت`), trimmed; the
    /// whole name when it has no dash between words.
    public static func parts(_ name: String) -> [String] {
        var parts = [String]()
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            // A dash between words, not inside a hyphenated name (`جان-ماري`).
            let spaced = (index > 0 && characters[index - 1] == " ") || (index + 1 < characters.count && characters[index + 1] == " ")
            if spaced && (dashes.contains(character) || character == tatweel) {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        let trimmed = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return trimmed.count > 1 ? trimmed : [name]
    }

    /// The words of the strong key of `name` (one part, no dashes).
    public static func strongWords(_ name: String, type: Entity.Kind) -> [String] {
        var text = ArchiveKey.of(name)
        text = String(text.map { separators.contains($0) || dashes.contains($0) ? " " : $0 })
        return joiningAbd(text.split(separator: " ").map(String.init))
    }

    /// `عبد الله` and `عبدالله` alike: `عبد` joins the word after it when that word starts with `ال`.
    static func joiningAbd(_ words: [String]) -> [String] {
        var joined = [String]()
        var index = 0
        while index < words.count {
            if words[index] == "عبد", index + 1 < words.count, words[index + 1].hasPrefix("ال") {
                joined.append("عبد" + words[index + 1])
                index += 2
            } else {
                joined.append(words[index])
                index += 1
            }
        }
        return joined
    }

    static func withoutArticle(_ word: String) -> String {
        guard word.hasPrefix("ال"), word.count - 2 >= shortestStem else { return word }
        return String(word.dropFirst(2))
    }

    /// The strong key: its words joined by spaces.
    public static func strongKey(_ name: String, type: Entity.Kind) -> String {
        strongWords(name, type: type).joined(separator: " ")
    }

    /// The spelling key of a name whose strong words are `words`.
    public static func spellingKey(strongWords: [String], type: Entity.Kind) -> String {
        var words = strongWords.map(withoutArticle)
        if type == .organization {
            if words.count > 1, organizationHeads.contains(words[0]) { words.removeFirst() }
            let kept = words.filter { !organizationModifiers.contains($0) }
            if kept.count >= 2 { words = kept }
        }
        guard words.count == 1 else { return words.map(skeleton).joined(separator: " ") }
        let folded = skeleton(words[0])
        return words[0].count >= shortestFoldedAloneWord && folded.count >= shortestSkeletonAlone ? folded : words[0]
    }

    /// Letters that transliterate g, k and kh, folded to one.
    static let velars: Set<Character> = ["غ", "ج", "خ", "ك", "ق"]
    static let longVowels: Set<Character> = ["ا", "و", "ي", "ى"]

    /// A word less its long vowels after the first letter and a final `ه`, with the velars folded.
    static func skeleton(_ word: String) -> String {
        var letters = Array(word)
        if letters.count > 2, letters.last == "ه" { letters.removeLast() }
        var out = ""
        for (index, letter) in letters.enumerated() {
            if index > 0, longVowels.contains(letter) { continue }
            out.append(velars.contains(letter) ? "ك" : letter)
        }
        return out
    }
}
