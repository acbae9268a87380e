import Foundation
import NewsModel
import Testing
@testable import MarsadCLI

/// `marsad extract --format json` writes a page's articles one at a time (2026-11-30: encoding a
/// 500,000-record JSONL page in one piece took 2.1 GB); the document must not change.
@Suite struct PageWriterTests {
    static func page(articles count: Int, source: String = "export.jsonl") -> Page {
        let articles = (0..<count).map { n in
            Article(
                id: "a\(n)", role: n == 0 ? .main : .related, title: "عنوان الخبر رقم \(n)", subtitle: n % 2 == 0 ? nil : "عنوان فرعي",
                paragraphs: ["فقرة أولى \"مقتبسة\" فيها [أقواس] و{معقوفات}", "سطر\nثان\tبعلامات"],
                images: [Image(caption: "صورة (رويترز)", credit: "رويترز")],
                bylines: [Byline(name: "أحمد الريدي", kind: .author, place: "القاهرة")], media: ["video"],
                published: "2026-02-11T06:30:00Z", url: "https://example.com/news/\(n)", duplicateOf: n == 3 ? "a1" : nil)
        }
        return Page(source: source, format: .jsonl, encoding: "utf-8", articles: articles,
                    errors: [Page.Issue("not valid JSON", line: 7)])
    }

    static func streamed(_ page: Page) -> String {
        var bytes = [UInt8]()
        PageWriter.writePretty(page, to: { bytes += $0 })
        return String(decoding: bytes, as: UTF8.self)
    }

    static func whole(_ page: Page) -> String { DocumentJSON.string(DocumentJSON.value(page), pretty: true) }

    @Test(arguments: [0, 1, 3, 2_000])
    func streamedPageIsTheSameDocument(articles: Int) throws {
        let page = Self.page(articles: articles)
        let streamed = Self.streamed(page)
        #expect(streamed == Self.whole(page))
        #expect(try JSONDecoder().decode(Page.self, from: Data(streamed.utf8)) == page)
    }

    @Test func aSourceThatSpellsTheKeyDoesNotConfuseTheSplice() throws {
        let page = Self.page(articles: 2, source: "\"articles\" : [ ].txt")
        let streamed = Self.streamed(page)
        #expect(try JSONDecoder().decode(Page.self, from: Data(streamed.utf8)) == page)
        #expect(streamed == Self.whole(page))
    }
}
