/// The simulated site's pages, composed for these tests.
enum SitePages {
    static let titles: [String: String] = [
        "1001": "افتتاح جسر جديد يربط ضفتي النهر في المدينة",
        "1002": "ارتفاع صادرات التمور إلى الأسواق الآسيوية هذا الموسم",
        "1003": "بلدية الساحل تطلق حملة لتنظيف الشواطئ قبل الصيف",
        "1004": "المكتبة الوطنية تفتح قاعة جديدة للمخطوطات النادرة",
        "1005": "منتخب الشباب يتأهل إلى نهائي البطولة الإقليمية",
        "1006": "وزارة الصحة توسع حملة التطعيم إلى القرى الجبلية",
    ]

    static let articles: [String: String] = titles.reduce(into: [:]) { pages, entry in
        pages[entry.key] = article(id: entry.key, title: entry.value)
    }

    static func article(id: String, title: String) -> String {
        """
        <!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>\(title) | أخبار المرفأ</title>
        <link rel="canonical" href="/news/\(id)"></head><body>
        <nav><a href="/">الرئيسية</a> <a href="/tag/local">محليات</a></nav>
        <article><h1>\(title)</h1>
        <p>أعلنت الجهات المختصة صباح اليوم عن \(title)، في خطوة قالت إنها تأتي ضمن خطة تمتد على ثلاث سنوات وتشمل عدة مدن في المنطقة.</p>
        <p>وقال المتحدث باسم الجهة المنظمة إن العمل سيستمر خلال الأسابيع المقبلة، وإن السكان سيلمسون النتائج قبل نهاية العام الجاري.</p>
        <p>ويرى مراقبون أن المشروع رقم \(id) يعكس اهتماما متزايدا بالخدمات العامة، وسط مطالب بتوسيعه ليشمل الأحياء البعيدة عن المركز.</p>
        </article></body></html>
        """
    }

    static let home = """
        <!doctype html><html lang="ar"><head><meta charset="utf-8"><title>أخبار المرفأ</title>
        <link rel="alternate" type="application/rss+xml" href="/rss.xml">
        <link rel="alternate" type="application/atom+xml" href="/atom.xml"></head>
        <body><h1>أخبار المرفأ</h1><a href="/news/1001">\(titles["1001"]!)</a></body></html>
        """

    /// The gone page's item carries the full text, so it is stored from the feed.
    static let goneTitle = "قصة حذفت من الموقع وبقيت كاملة في الخلاصة"

    static func rss(edition: Int) -> String {
        var items = [
            item("/news/1001", title: titles["1001"]!, extra: "<dc:creator>سلمى الحداد</dc:creator><pubDate>Tue, 10 Mar 2026 06:30:00 GMT</pubDate>"),
            item("/private/secret", title: "صفحة محظورة على الزواحف"),
            item("/hop/1", title: titles["1003"]!),
            item("/news/slow", title: "صفحة بطيئة جدا لا تصل في الوقت"),
            item("/news/huge", title: "صفحة أكبر من الحد المسموح به"),
            item("/news/gone", title: goneTitle, extra: "<content:encoded><![CDATA[<p>النص الكامل للقصة المحذوفة يبقى في الخلاصة، ويكفي ليكون مقالا تاما يخزن وحده.</p><p>وتضيف الفقرة الثانية تفاصيل عن الحدث وأسبابه ونتائجه المتوقعة في الأيام المقبلة.</p>]]></content:encoded>"),
            item("/news/1006", title: titles["1006"]!),
        ]
        if edition >= 2 { items.insert(item("/news/1004", title: titles["1004"]!), at: 0) }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>أخبار المرفأ</title><link>/</link>\(items.joined())</channel></rss>
            """
    }

    static func item(_ path: String, title: String, extra: String = "") -> String {
        "<item><title>\(title)</title><link>\(base)\(path)</link><description>ملخص: \(title)</description>\(extra)</item>"
    }

    /// Feed links are absolute; the tests replace this placeholder with the live server's origin.
    static let base = "{{origin}}"

    static let atom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار المرفأ</title><id>urn:site</id><updated>2026-03-10T08:00:00Z</updated>
        <entry><title>\(titles["1002"]!)</title><id>urn:1002</id><updated>2026-03-10T08:00:00Z</updated>
        <link rel="alternate" href="\(base)/news/1002?utm_source=atom&amp;utm_medium=feed"/><summary>ملخص الخبر</summary></entry>
        </feed>
        """

    static let sitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>\(base)/news/1005</loc><news:news><news:publication_date>2026-03-10T09:00:00Z</news:publication_date><news:title>\(titles["1005"]!)</news:title></news:news></url>
        <url><loc>\(base)/news/1002</loc><lastmod>2026-03-10T08:00:00Z</lastmod></url>
        </urlset>
        """
}
