/// Words the marsad stemmer must not cut: proper nouns whose ends look like suffixes (بوتين, ماكرون)
/// and words whose first letter looks like a clitic but belongs to the root (وزير, بيان).
///
/// Entries are `.search`-normalized. A word is protected when it, or it less one suffix, is listed,
/// so that one entry covers its inflected forms (وزاره, وزارات → وزار).
struct StemmerGuards: Sendable {
    private var hashes = Set<UInt64>()

    static let shared = StemmerGuards(words: properNouns + rootInitialWords)

    init(words: [String]) {
        for word in words {
            let scalars = word.unicodeScalars.map(\.value)
            _ = scalars.withUnsafeBufferPointer { hashes.insert(Self.hash($0, 0..<$0.count)) }
        }
    }

    @inline(__always)
    static func hash(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in r { h = (h ^ UInt64(s[k])) &* 0x100_0000_01b3 }
        return h
    }

    func protects(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Bool {
        if hashes.contains(Self.hash(s, r)) { return true }
        for suffix in Self.suffixes where r.count > suffix.count + 1 && s.has(suffix: suffix, in: r) {
            if hashes.contains(Self.hash(s, r.lowerBound..<(r.upperBound - suffix.count))) { return true }
        }
        return false
    }

    static let suffixes: [[Letter]] = MarsadStem.pronouns + MarsadStem.endings

    static let properNouns: [String] = [
        // Leaders and names that recur in the news, whose endings look like ين ون ان ي ه.
        "بوتين", "لوكاشينكو", "ماكرون", "نتنياهو", "اردوغان", "زيلينسكي", "ترمب", "ترامب", "بايدن",
        "لافروف", "بلينكن", "روبيو", "شولتس", "ميرتس", "ستارمر", "سوناك", "جونسون", "هاريس", "اوباما",
        "غوتيريش", "شي", "جينبينغ", "مودي", "خامنئي", "روحاني", "بزشكيان", "عراقجي", "حسين", "عثمان",
        "سلمان", "عمران", "رمضان", "عدنان", "حمدان", "سفيان", "مروان", "شعبان", "غسان", "حسان", "عنان",
        "ياسين", "امين", "حسنين", "زين", "نبيه", "وليد", "وائل", "وسام", "وفاء", "فيصل", "فهد", "فواد",
        "فاطمه", "فراس", "فادي", "فريد", "فتحي", "بشار", "باسل", "بسام", "كمال", "كريم", "لطفي", "ليلي",
        "هيلي", "جبر", "رائد",
        // Places.
        "واشنطن", "فرنسا", "فلسطين", "فنزويلا", "فيتنام", "فنلندا", "فيينا", "فلوريدا", "بريطانيا", "بلجيكا",
        "بولندا", "بغداد", "بيروت", "برلين", "باريس", "بكين", "بروكسل", "بيلاروسيا", "بوكروفسك", "كندا",
        "كوريا", "كييف", "كوبا", "كولومبيا", "كوبنهاغن", "لبنان", "ليبيا", "لندن", "لاهاي", "لوكسمبورغ",
        "ايران", "عمان", "اليمن", "يمن", "البحرين", "بحرين", "الصين", "صين", "اليابان", "يابان", "الفلبين",
        "فلبين", "الارجنتين", "ارجنتين", "اذربيجان", "باكستان", "افغانستان", "كازاخستان", "اوزبكستان",
        "السودان", "سودان", "الاردن", "اردن", "عمان", "طهران", "تيران", "اسوان", "حلوان", "جازان",
        "نجران", "تطوان", "وهران", "اوكرانيا", "روسيا", "سوريا", "تركيا", "المانيا", "ايطاليا", "اسبانيا",
        "موسكو", "مينسك", "كورونا", "غرينلاند", "جرينلاند", "الاسكا", "واتساب", "فيسبوك", "تلغرام",
        "ناتو", "الناتو", "يونيو", "يوليو", "فبراير", "بليون",
    ]

    static let rootInitialWords: [String] = [
        // و/ف at the start of these is part of the root, not a conjunction.
        "وزير", "وزراء", "وزار", "وطن", "وطني", "وكال", "ولاي", "واقع", "وثيق", "ولد", "وحد", "وصول",
        "وعد", "وفاه", "ورق", "وسيل", "وظيف", "وقف", "وفق", "وضع", "وقت", "وفد", "وسط", "وجه", "وجود",
        "وصف", "ورش", "وزن", "واضح", "وارد", "واسع", "والد", "وادي", "ودي", "وباء", "وريث",
        "فريق", "فكر", "فصل", "فتر", "فيلم", "فوز", "فرص", "فرع", "فندق", "فقط", "فوق", "فعل", "فني",
        "فيروس", "فقر", "فضاء", "فئ", "فرد", "فهم", "فارق", "فائد", "فاعل", "فصائل", "فساد", "فتح", "فرض",
        "فلسف", "فلاح", "فضل", "فيضان", "فرق",
        // ب/ك/ل at the start of these is part of the root, not a preposition.
        "بلد", "بلاد", "بيان", "بيت", "بنك", "بحر", "برنامج", "بحث", "بعض", "بين", "بعد", "بدء", "بداي",
        "برلمان", "بطول", "بطل", "بناء", "بيئ", "بيع", "بورص", "بريد", "بضائع", "بنيه", "باحث", "بلدي",
        "كبير", "كتاب", "كلم", "كاس", "كرا", "كهرباء", "كامل", "كميه", "كلف", "كوادر", "كشف", "كارث",
        "لجن", "لقاء", "لعب", "لاعب", "لحظ", "لغ", "ليل", "لائح", "لبنان", "لجوء", "لاجئ", "لاجئين",
    ]
}
