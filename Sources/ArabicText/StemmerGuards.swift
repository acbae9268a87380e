import StableHash

/// A set of `.search`-normalized words the marsad stemmer treats specially: proper nouns it must not
/// cut at all (بوتين, ماكرون), and words whose first letter looks like a clitic but belongs to the root
/// (وزير, بيان), which keep that letter but still lose their suffixes.
///
/// A word matches when it, or it less one suffix, is listed, so that one entry covers its inflected
/// forms (وزاره, وزارات → وزار).
struct StemmerGuards: Sendable {
    /// Open-addressed table of 64-bit word hashes (0 marks an empty slot): one probe a lookup,
    /// where `Set` would run SipHash on every candidate.
    private var slots: [UInt64]
    private let mask: Int

    static let properNounSet = StemmerGuards(words: properNouns)
    static let rootInitialSet = StemmerGuards(words: rootInitialWords)

    init(words: [String]) {
        var size = 64
        while size < words.count * 4 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for word in words {
            let scalars = word.unicodeScalars.map(\.value)
            let h = scalars.withUnsafeBufferPointer { Self.hash($0, 0..<$0.count) }
            var k = Int(truncatingIfNeeded: h) & mask
            while slots[k] != 0 && slots[k] != h { k = (k + 1) & mask }
            slots[k] = h
        }
    }

    @inline(__always)
    private func contains(_ h: UInt64) -> Bool {
        slots.withUnsafeBufferPointer { table in
            var k = Int(truncatingIfNeeded: h) & mask
            while true {
                let v = table[k]
                if v == h { return true }
                if v == 0 { return false }
                k = (k + 1) & mask
            }
        }
    }

    @inline(__always)
    static func hash(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> UInt64 {
        var h = FNV1a64.offsetBasis
        for k in r { h = FNV1a64.step(h, UInt64(s[k])) }
        return h | 1  // never 0, the empty-slot mark
    }

    /// True when `s[r]`, or `s[r]` less a pronoun or an ending, is listed.
    func matches(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Bool {
        // One pass of the rolling hash gives the hash of every prefix we may need.
        var h = FNV1a64.offsetBasis
        var less1: UInt64 = 0, less2: UInt64 = 0, less3: UInt64 = 0
        let n = r.count
        for (offset, k) in r.enumerated() {
            if offset == n - 3 { less3 = h | 1 }
            if offset == n - 2 { less2 = h | 1 }
            if offset == n - 1 { less1 = h | 1 }
            h = FNV1a64.step(h, UInt64(s[k]))
        }
        if contains(h | 1) { return true }
        guard n > 2 else { return false }
        let pronoun = MarsadStem.pronounLength(s, r)
        let (long, short) = MarsadStem.endingLengths(s, r)
        @inline(__always) func listedLess(_ cut: Int) -> Bool {
            cut > 0 && n - cut >= 2 && contains(cut == 1 ? less1 : cut == 2 ? less2 : less3)
        }
        return listedLess(pronoun) || listedLess(long) || listedLess(short)
    }

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
