import Foundation
import NewsModel
import Testing

@Suite struct DocumentJSONTests {
    static let article: Article = {
        var article = Article(id: "0123456789abcdef", role: .related, title: "قال \"الوزير\"\\ إن\n«الخطة» جاهزة\u{1}", section: "أوروبا",
                              images: [Image(caption: "جنود", credit: nil)], bylines: [Byline(name: "الشرق الأوسط", kind: .outlet, place: "لندن")],
                              media: ["video"])
        article.quantities = [Quantity(text: "150 مليون جنيه إسترليني", value: 150_000_000, unit: "GBP", kind: .money),
                              Quantity(text: "4.5 مليار", value: 4.5e9 + 0.25, kind: .measure)]
        article.quotes = [Quote(text: "نص", speaker: nil, kind: .direct, paragraph: 3)]
        article.dates = [DateMention(text: "15 أغسطس 2025", value: "2025-08-15"), DateMention(text: "أمس", value: "2026-02-10", relative: "-P1D")]
        return article
    }()

    @Test func keysFollowTheDocumentModelOrder() throws {
        let json = DocumentJSON.string(DocumentJSON.value(Self.article, source: "a.txt"), pretty: false)
        let keys = ["source", "id", "role", "title", "subtitle", "section", "summary", "paragraphs", "images", "bylines", "media",
                    "published", "url", "quotes", "entities", "quantities", "dates", "duplicateOf"]
        let positions = keys.map { json.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func escapesAndRoundTrips() throws {
        for pretty in [false, true] {
            let json = DocumentJSON.string(DocumentJSON.value(Self.article), pretty: pretty)
            let decoded = try JSONDecoder().decode(Article.self, from: Data(json.utf8))
            #expect(decoded == Self.article)
        }
        let compact = DocumentJSON.string(DocumentJSON.value(Self.article), pretty: false)
        #expect(compact.contains("\\\"الوزير\\\"\\\\"))
        #expect(compact.contains("\\n«الخطة»"))
        #expect(compact.contains("\\u0001"))
        #expect(compact.contains("\"value\":150000000,"))
        #expect(compact.contains("\"subtitle\":null"))
    }

    @Test func dateKeysInOrderWithRelativeAsNull() throws {
        let json = DocumentJSON.string(DocumentJSON.value(Self.article), pretty: false)
        #expect(json.contains(#"{"text":"15 أغسطس 2025","value":"2025-08-15","relative":null}"#))
        #expect(json.contains(#"{"text":"أمس","value":"2026-02-10","relative":"-P1D"}"#))
        let old = try JSONDecoder().decode(DateMention.self, from: Data(#"{"text":"أمس","value":"2026-02-10"}"#.utf8))
        #expect(old.relative == nil)
    }

    @Test func pageWithErrors() throws {
        let page = Page(source: "x.jsonl", format: .jsonl, encoding: "utf-8", articles: [], errors: [Page.Issue("not valid JSON", line: 2), Page.Issue("empty")])
        let json = DocumentJSON.string(DocumentJSON.value(ExtractionOutput(pages: [page])), pretty: true)
        let decoded = try JSONDecoder().decode(ExtractionOutput.self, from: Data(json.utf8))
        #expect(decoded.pages == [page])
        #expect(json.contains("\"line\": 2"))
    }
}
