/// Month and weekday names as Arabic news prints them, in display spelling: normalize them with the
/// same rules as the text they are looked up in (``Normalizer/search`` or ``MatchKey``).
///
/// Gregorian months come in three systems: Egyptian/Gulf (يناير … ديسمبر, from the European names),
/// Levantine and Iraqi (كانون الثاني … كانون الأول, the Syriac names) and Maghrebi (جانفي, فيفري,
/// أفريل … in Algeria and Tunisia, from French; يوليوز, غشت, شتنبر, نونبر, دجنبر in Morocco).
///
/// ```swift
/// CalendarNames.gregorianMonths.first { $0.name == "شباط" }?.month  // 2
/// ```
public enum CalendarNames {
    /// Gregorian month names with their number (1 = January). Some are two words.
    public static let gregorianMonths: [(name: String, month: Int)] = [
        ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("مايو", 5),
        ("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("سبتمبر", 9),
        ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
        ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6),
        ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
        ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
        ("اغشت", 8), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12), ("يوليوز", 7),
    ]

    /// Hijri month names with their number (1 = Muharram), with the spellings and case forms in use
    /// (ذو القعدة and ذي القعدة; ربيع الآخر and ربيع الثاني; جمادى الآخرة and جمادى الثانية).
    public static let hijriMonths: [(name: String, month: Int)] = [
        ("محرم", 1), ("المحرم", 1), ("صفر", 2),
        ("ربيع الأول", 3), ("ربيع الآخر", 4), ("ربيع الثاني", 4),
        ("جمادى الأولى", 5), ("جمادى الأول", 5), ("جمادى الآخرة", 6), ("جمادى الثانية", 6), ("جمادى الآخر", 6),
        ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10),
        ("ذو القعدة", 11), ("ذي القعدة", 11), ("ذو الحجة", 12), ("ذي الحجة", 12),
    ]

    /// Weekday names with the article, as news prints them, with their ISO 8601 number (1 = Monday).
    public static let weekdays: [(name: String, isoWeekday: Int)] = [
        ("الاثنين", 1), ("الإثنين", 1), ("الثلاثاء", 2), ("الأربعاء", 3), ("الخميس", 4), ("الجمعة", 5),
        ("السبت", 6), ("الأحد", 7),
    ]
}
