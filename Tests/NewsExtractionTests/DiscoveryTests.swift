import NewsExtraction
import NewsModel
import Testing

struct SitemapReaderTests {
    @Test func newsSitemapsGiveURLsDatesAndTitles() {
        let xml = """
            <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc> https://news.example/a/1 </loc><news:news><news:publication_date>2026-03-10T09:00:00+03:00</news:publication_date><news:title>عنوان الخبر</news:title></news:news></url>
            <url><loc>https://news.example/a/2</loc><lastmod>2026-03-11</lastmod></url><url><lastmod>2026-03-11</lastmod></url></urlset>
            """
        let contents = SitemapReader().read(xml: Array(xml.utf8))
        #expect(contents.isSitemap)
        #expect(contents.entries.map(\.url) == ["https://news.example/a/1", "https://news.example/a/2"])
        #expect(contents.entries[0].isNews && contents.entries[0].title == "عنوان الخبر")
        #expect(contents.entries[0].updated?.hasPrefix("2026-03-10") == true)
        #expect(contents.entries[1].updated?.hasPrefix("2026-03-11") == true && !contents.entries[1].isNews)
    }

    @Test func indexesListSitemapsAndOtherXMLIsNoSitemap() {
        let index = "<sitemapindex><sitemap><loc>https://news.example/s1.xml</loc></sitemap><sitemap><loc>https://news.example/s2.xml</loc></sitemap></sitemapindex>"
        #expect(SitemapReader().read(xml: Array(index.utf8)).sitemaps == ["https://news.example/s1.xml", "https://news.example/s2.xml"])
        #expect(!SitemapReader().read(xml: Array("<rss><channel/></rss>".utf8)).isSitemap)
        let broken = SitemapReader().read(xml: Array("<urlset><url><loc>https://x.example/1</loc></url><url><loc>".utf8))
        #expect(!broken.issues.isEmpty)
    }
}

struct PageLinksTests {
    static let home = """
        <html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="ALTERNATE" type="application/atom+xml" href="https://news.example/atom">
        <link rel="alternate" hreflang="en" href="/en/"><link rel="canonical" href="https://news.example/"></head><body>
        <a href="/">الرئيسية</a><a href="/tag/sport">رياضة</a><a href="/news/2026/03/افتتاح-جسر-جديد-يربط-ضفتي-النهر">افتتاح جسر جديد يربط ضفتي النهر في المدينة</a>
        <a href="/story/123456">المزيد</a><a href="https://other.example/news/987654">خبر من موقع آخر بعنوان طويل جدا</a>
        <a href="/files/report.pdf">تقرير مفصل عن الموازنة العامة للدولة</a><a href="mailto:desk@news.example">راسلنا على البريد الإلكتروني الآن</a>
        <a href="/story/123456#comments">التعليقات</a></body></html>
        """

    @Test func announcedFeedsAndTheCanonicalURL() {
        let links = PageLinks(html: Array(Self.home.utf8), base: "https://www.news.example/index.html")
        #expect(links.feeds == ["https://www.news.example/rss.xml", "https://news.example/atom"])
        #expect(links.canonical == "https://news.example/")
    }

    @Test func articleLinksAreSameSiteHeadlinesOrIDs() {
        let links = PageLinks(html: Array(Self.home.utf8), base: "https://www.news.example/index.html")
        #expect(links.articles.count == 2)
        #expect(links.articles[0].hasPrefix("https://www.news.example/news/2026/03/"))
        #expect(links.articles[1] == "https://www.news.example/story/123456")
    }
}

struct FeedItemTests {
    @Test func itemsTellFullTextFromSummaries() {
        let rss = """
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <item><title>أ</title><link>https://x.example/1</link><description>ملخص</description><pubDate>Tue, 10 Mar 2026 06:30:00 GMT</pubDate></item>
            <item><title>ب</title><link>https://x.example/2</link><description>ملخص</description><content:encoded><![CDATA[<p>النص الكامل</p>]]></content:encoded></item>
            </channel></rss>
            """
        let (format, items, issues) = FeedReader().items(xml: Array(rss.utf8))
        #expect(format == .rss && issues.isEmpty)
        #expect(items.map(\.hasFullText) == [false, true])
        #expect(items[0].updated?.hasPrefix("2026-03-10") == true)
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>ج</title><link href="https://x.example/3"/><published>2026-03-09T10:00:00Z</published>
            <updated>2026-03-10T10:00:00Z</updated><summary>ملخص</summary></entry></feed>
            """
        let entry = FeedReader().items(xml: Array(atom.utf8)).items[0]
        #expect(!entry.hasFullText)
        #expect(entry.updated?.hasPrefix("2026-03-10") == true)
        #expect(entry.article.published?.hasPrefix("2026-03-09") == true)
    }
}
