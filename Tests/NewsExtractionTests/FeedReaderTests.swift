import Foundation
import NewsExtraction
import NewsModel
import Testing

@Suite struct FeedReaderTests {
    let reader = FeedReader()

    @Test func readsRSSWithEncodedContent() throws {
        let feed = """
        <?xml version="1.0" encoding="windows-1256"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:media="http://search.yahoo.com/mrss/">
        <channel><title>أخبار الموقع</title>
        <item>
          <title>\(Sample.title)</title>
          <link>https://example.com/news/1</link>
          <guid isPermaLink="false">id-1</guid>
          <pubDate>Wed, 11 Feb 2026 12:30:00 +0300</pubDate>
          <category>اقتصاد</category>
          <dc:creator>سلمى يوسف</dc:creator>
          <description>&lt;p&gt;ملخص &lt;b&gt;الخطة&lt;/b&gt; الجديدة للمزارعين&lt;/p&gt;</description>
          <content:encoded><![CDATA[<div><p>\(Sample.p1)</p><p>\(Sample.p2)</p><script>var x = 1;</script><p>شارك</p></div>]]></content:encoded>
          <enclosure url="https://example.com/v.mp4" type="video/mp4" length="1"/>
        </item>
        <item>
          <title>خبر قصير بلا محتوى كامل</title>
          <link>https://example.com/news/2</link>
          <pubDate>Thu, 12 Feb 26 08:00 GMT</pubDate>
          <author>desk@example.com (وكالات)</author>
          <description>وصف الخبر القصير &amp;quot;كما ورد&amp;quot; في النشرة</description>
          <media:group><media:content url="https://example.com/a.mp3" medium="audio"/></media:group>
        </item>
        </channel></rss>
        """
        let (format, output) = reader.read(xml: Array(feed.utf8))
        #expect(format == .rss)
        #expect(output.issues.isEmpty)
        #expect(output.articles.count == 2)
        let first = try #require(output.articles.first)
        #expect(first.role == .main)
        #expect(first.title == Sample.title)
        #expect(first.url == "https://example.com/news/1")
        #expect(first.published == "2026-02-11T12:30:00+03:00")
        #expect(first.section == "اقتصاد")
        #expect(first.bylines == [Byline(name: "سلمى يوسف", kind: .author)])
        #expect(first.summary == "ملخص الخطة الجديدة للمزارعين")
        #expect(first.paragraphs == [Sample.p1, Sample.p2])
        #expect(first.media == ["video"])
        let second = output.articles[1]
        #expect(second.summary == "وصف الخبر القصير \"كما ورد\" في النشرة")
        #expect(second.paragraphs == ["وصف الخبر القصير \"كما ورد\" في النشرة"])
        #expect(second.published == "2026-02-12T08:00:00Z")
        #expect(second.bylines == [Byline(name: "وكالات", kind: .outlet)])
        #expect(second.media == ["audio"])
    }

    @Test func readsAtomWithHTMLContent() throws {
        let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>الموقع</title>
          <entry>
            <title type="html">&lt;b&gt;\(Sample.title)&lt;/b&gt;</title>
            <link rel="self" href="https://example.com/feed/1"/>
            <link rel="alternate" type="text/html" href="https://example.com/a/1"/>
            <id>tag:example.com,2026:1</id>
            <updated>2026-03-02T10:00:00Z</updated>
            <published>2026-03-01T23:30:00+02:00</published>
            <author><name>كريم منصور</name></author>
            <category term="agri" label="زراعة"/>
            <summary>ملخص الخبر عن خطة الدعم</summary>
            <content type="html">&lt;p&gt;\(Sample.p1)&lt;/p&gt;&lt;p&gt;\(Sample.p2)&lt;br&gt;\(Sample.p3)&lt;/p&gt;</content>
          </entry>
          <entry>
            <title>مدخل بمحتوى XHTML</title>
            <link href="https://example.com/a/2"/>
            <updated>2026-03-02</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>\(Sample.p3)</p><p>\(Sample.p4)</p></div></content>
          </entry>
        </feed>
        """
        let (format, output) = reader.read(xml: Array(feed.utf8))
        #expect(format == .atom)
        #expect(output.issues.isEmpty)
        let first = try #require(output.articles.first)
        #expect(first.title == Sample.title)
        #expect(first.url == "https://example.com/a/1")
        #expect(first.published == "2026-03-01T23:30:00+02:00")
        #expect(first.bylines == [Byline(name: "كريم منصور", kind: .author)])
        #expect(first.section == "زراعة")
        #expect(first.summary == "ملخص الخبر عن خطة الدعم")
        #expect(first.paragraphs == [Sample.p1, Sample.p2, Sample.p3])
        let second = output.articles[1]
        #expect(second.paragraphs == [Sample.p3, Sample.p4])
        #expect(second.published == "2026-03-02T00:00:00Z")
        #expect(second.url == "https://example.com/a/2")
    }

    @Test func readsRDF() throws {
        let feed = """
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://example.com/"><title>الموقع</title></channel>
          <item rdf:about="https://example.com/r/1"><title>خبر من خلاصة قديمة</title><link>https://example.com/r/1</link>
            <description>\(Sample.p1)</description><dc:date>2026-01-05T07:00:00+01:00</dc:date></item>
        </rdf:RDF>
        """
        let (format, output) = reader.read(xml: Array(feed.utf8))
        #expect(format == .rss)
        #expect(output.articles.map(\.title) == ["خبر من خلاصة قديمة"])
        #expect(output.articles.first?.published == "2026-01-05T07:00:00+01:00")
        #expect(output.articles.first?.paragraphs == [Sample.p1])
    }

    @Test func neverExpandsExternalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-xxe-\(UUID().uuidString).txt")
        try "SECRET-CONTENT-12345".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let feed = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY xxe SYSTEM "file://\(secret.path)">
          <!ENTITY passwd SYSTEM "file:///etc/passwd">
          <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">
          %remote;
        ]>
        <rss version="2.0"><channel><item><title>عنوان &xxe; نهاية</title><link>https://example.com/x</link>
        <description>وصف &xxe; و &passwd;</description></item></channel></rss>
        """
        let (_, output) = reader.read(xml: Array(feed.utf8))
        let everything = output.articles.flatMap { [$0.title, $0.summary ?? ""] + $0.paragraphs }.joined(separator: "\n")
        #expect(!everything.contains("SECRET-CONTENT"))
        #expect(!everything.contains("root:"))
        #expect(output.articles.first?.title == "عنوان نهاية")
    }

    @Test func stopsEntityExpansionBombs() throws {
        var entities = "<!ENTITY lol0 \"ضحك\">"
        for level in 1...10 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let feed = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(entities)]><rss><channel><item><title>قنبلة &lol10;</title></item></channel></rss>"
        let start = ContinuousClock.now
        let (_, output) = reader.read(xml: Array(feed.utf8))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect((output.articles.first?.title.utf8.count ?? 0) < 1000)
    }

    @Test func reportsInvalidXMLAndRecoversWhatItCan() throws {
        let feed = "<rss><channel><item><title>خبر أول سليم</title><link>https://example.com/1</link></item><item><title>خبر مقطوع <b></title><description>نص"
        let (_, output) = reader.read(xml: Array(feed.utf8))
        #expect(output.issues.contains { $0.message.contains("not well-formed") })
        #expect(output.articles.first?.title == "خبر أول سليم")
        let deep = "<rss><channel><item><title>عميق</title>" + String(repeating: "<x>", count: 50_000) + "</item></channel></rss>"
        #expect(!reader.read(xml: Array(deep.utf8)).output.issues.isEmpty)
        for junk in ["<<<>>>", "<rss", "\u{0}\u{1}\u{2}", "<feed><entry><title>", "<?xml version=\"1.0\"?>"] {
            _ = reader.read(xml: Array(junk.utf8))
        }
        var generator = SplitMix(seed: 7)
        _ = reader.read(xml: (0..<5000).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
    }

    @Test func reportsWhatIsNotAFeed() {
        #expect(reader.read(xml: []).output.issues.map(\.message) == ["feed is empty"])
        let html = reader.read(xml: Array("<html><body><p>صفحة</p></body></html>".utf8))
        #expect(html.output.articles.isEmpty)
        #expect(html.output.issues.contains { $0.message.contains("not an RSS or Atom feed") })
    }

    @Test func readsDeclaredEncodingsWhenTheBytesAreNotUTF8() throws {
        // "خبر" in windows-1256 is E1 CA D1... here: خ=0xCE, ب=0xC8, ر=0xD1.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><channel><item><title>".utf8)
        bytes += [0xCE, 0xC8, 0xD1]
        bytes += Array("</title></item></channel></rss>".utf8)
        let (_, output) = reader.read(xml: bytes)
        #expect(output.articles.first?.title == "خبر")
    }
}
