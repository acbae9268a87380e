import StableHash
/// Arabic function words, stored in `.search`-normalized form so that the order of filters
/// cannot matter: a word is looked up after normalization, and the list is already normalized.
///
/// The list covers prepositions (with their attached conjunctions), pronouns, demonstratives,
/// relative pronouns, particles, and the auxiliary and reporting verbs that carry no topic.
///
/// ```swift
/// Stopwords.arabic.contains("في")  // true
/// ```
public struct Stopwords: Sendable {
    /// Open addressing over the words' UTF-8, each slot an index into `storage` (-1 when empty):
    /// a lookup hashes once and compares bytes, with no SipHash and no allocation.
    private var slots: [Int32]
    private var storage: [[UInt8]] = []
    private let mask: Int
    public private(set) var words: [String] = []

    public init(_ words: [String]) {
        var size = 64
        while size < words.count * 4 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for word in words where !word.isEmpty {
            let bytes = Array(word.utf8)
            var k = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
            var duplicate = false
            while slots[k] >= 0 {
                if storage[Int(slots[k])] == bytes { duplicate = true; break }
                k = (k + 1) & mask
            }
            if duplicate { continue }
            slots[k] = Int32(storage.count)
            storage.append(bytes)
            self.words.append(word)
        }
    }

    public var count: Int { words.count }

    public func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { contains(utf8: $0) }
    }

    /// Looks up normalized UTF-8 bytes without allocating.
    @inline(__always)
    public func contains(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        return slots.withUnsafeBufferPointer { slots in
            while slots[k] >= 0 {
                if storage[Int(slots[k])].withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return true }
                k = (k + 1) & mask
            }
            return false
        }
    }

    @inline(__always)
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        FNV1a64.hash(bytes)
    }

    /// The default Arabic list (normalized).
    public static let arabic = Stopwords(arabicWords)

    static let arabicWords: [String] = {
        var words = [String]()
        let base = [
            // Prepositions and their common attached forms.
            "في", "من", "الي", "علي", "عن", "مع", "حتي", "منذ", "مذ", "لدي", "عند", "خلال", "بين", "دون",
            "نحو", "حول", "ضد", "عبر", "تحت", "فوق", "امام", "وراء", "بعد", "قبل", "اثناء", "عقب",
            "بحسب", "وفق", "وفقا", "ضمن", "سوي", "غير", "الا", "لكن", "لكنه", "لكنها", "بل",
            "فيه", "فيها", "فيهم", "فيهما", "منه", "منها", "منهم", "منهما", "عليه", "عليها", "عليهم",
            "اليه", "اليها", "اليهم", "عنه", "عنها", "عنهم", "معه", "معها", "معهم", "له", "لها", "لهم",
            "لهما", "به", "بها", "بهم", "لي", "لنا", "لك", "لكم", "بي", "بنا", "بك", "عندما", "بينما",
            "لان", "لانه", "لانها", "كي", "لكي", "لما", "مما", "عما", "فيما", "بما", "كما", "ربما", "انما",
            // Pronouns.
            "انا", "نحن", "انت", "انتم", "انتما", "هو", "هي", "هم", "هما", "هن", "اياه", "اياها", "اياهم",
            // Demonstratives and relatives.
            "هذا", "هذه", "هذان", "هذين", "هاتان", "هاتين", "هؤلاء", "ذلك", "تلك", "ذلكم", "اولئك", "هناك",
            "هنا", "هنالك", "الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان", "اللتين", "اللاتي",
            "اللواتي", "اللائي", "ما", "ماذا", "من", "متي", "اين", "كيف", "كم", "اي", "ايه", "لماذا",
            // Particles.
            "ان", "انه", "انها", "انهم", "اننا", "اني", "لن", "لم", "لا", "لقد", "قد", "ثم", "او", "ام",
            "اما", "اذا", "اذ", "اذن", "لو", "لولا", "لئن", "ليس", "ليست", "سوف", "كل", "كلا", "كلتا",
            "بعض", "جميع", "اي", "نفس", "نفسه", "ذات", "عدم", "مثل", "حيث", "ايضا", "فقط", "كذلك", "هكذا",
            "يا", "اجل", "نعم", "بلي", "كلما", "اينما", "حينما", "حين", "عندئذ", "حينئذ", "الان", "لدينا",
            "وان", "فان", "بان", "كان", "وكان", "وكانت", "كانت", "كانوا", "يكون", "تكون", "يكونوا",
            "ليكون", "اصبح", "اصبحت", "اضحي", "ظل", "ظلت", "مازال", "لازال", "مايزال", "لايزال",
            "صار", "صارت", "بات", "باتت", "عاد",
            // Reporting verbs: carriers of speech, not of topic.
            "قال", "قالت", "يقول", "تقول", "قالوا", "اضاف", "اضافت", "وقال", "وقالت", "واضاف", "واضافت",
        ]
        words += base
        // و and ف attach to almost every particle: وفي، فهو، ومن …
        for word in base where !word.hasPrefix("و") {
            words.append("و" + word)
            words.append("ف" + word)
        }
        return words
    }()
}
