/// Words that place a statement in time ("اليوم الأربعاء", "مساء أمس"): they end a speaker's
/// subject and an entity's name ("الشرطة الكندية اليوم الأربعاء" is الشرطة الكندية).
enum TimeWords {
    /// Days and parts of a day: never the last word of a name.
    static let day = ["اليوم", "أمس", "غدا", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
                      "مساء", "صباح", "ليل", "ليلة", "فجر", "ظهر", "عصر", "صباحا", "ظهرا", "عصرا", "فجرا", "ليلا"]
    /// Longer spans and adverbs of time, which end a speaker's subject ("قال الوزير سابقا").
    /// Not "عام" or "سنة": "مدير عام" is a title, and a year's number ends a subject anyway.
    static let period = ["شهر", "الشهر", "الأسبوع", "أسبوع", "يوم", "ساعة", "حينها", "آنذاك", "سابقا", "لاحقا", "مؤخرا", "حاليا"]
}
