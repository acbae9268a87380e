import Foundation
import NewsModel
import Testing
@testable import NewsAnalysis

/// Entities, dates and amounts are read in every text field of an article, and entities say where.
/// All texts were composed for these tests.
@Suite struct EveryFieldTests {
    static func article() -> Article {
        var article = Article(role: .main, title: "وزير الخارجية يبحث ملف الطاقة",
                              paragraphs: ["بحث وزير الخارجية سامر النجار مع نظيره ملف الطاقة في اجتماع مطول."])
        article.subtitle = "زيارة تستمر يومين إلى العاصمة الفرنسية باريس"
        article.images = [Image(caption: "الوزير خلال مؤتمر صحافي في لاهاي يوم 15 أغسطس 2025 بحضور 300 صحافي", credit: "رويترز")]
        article.bylines = [Byline(name: "ليلى حداد", kind: .author, place: "بروكسل")]
        return article
    }

    /// Title, subtitle, summary, paragraphs, captions, then each byline's name and place.
    @Test func theTextsOfAnArticleComeInFieldOrder() {
        let texts = Self.article().texts
        #expect(texts.map(\.field) == [.title, .subtitle, .body, .caption, .byline, .byline])
        #expect(texts[2].paragraph == 0)
        #expect(texts[4].bylineRole == .name(.author))
        #expect(texts[5].bylineRole == .place)
    }

    @Test func entitiesInCaptionsAndBylinesAreFoundAndSayWhere() throws {
        var article = Self.article()
        try EntityRecognizer.bundled().analyze(&article)
        let byName = Dictionary(article.entities.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["لاهاي"]?.fields == [.caption])
        #expect(byName["باريس"]?.fields == [.subtitle])
        // A byline's place is a location, and an author's name a person.
        #expect(byName["بروكسل"]?.type == .location)
        #expect(byName["بروكسل"]?.fields == [.byline])
        #expect(byName["ليلى حداد"]?.type == .person)
    }

    @Test func datesAndAmountsInCaptionsAreFound() {
        var article = Self.article()
        NewsAnalyzer.standard.analyze(&article)
        #expect(article.dates.contains { $0.value == "2025-08-15" })
        #expect(article.quantities.contains { $0.value == 300 && $0.kind == .count })
    }

    /// The field list is written in the document, and a document written before it reads as empty.
    @Test func fieldsAreWrittenAndReadBack() throws {
        let entity = Entity(name: "لاهاي", type: .location, mentions: ["لاهاي"], count: 1, fields: [.caption])
        let data = try JSONEncoder().encode(entity)
        #expect(String(decoding: data, as: UTF8.self).contains("\"fields\":[\"caption\"]"))
        let old = try JSONDecoder().decode(Entity.self, from: Data(#"{"name":"لاهاي","type":"location","mentions":[],"count":1}"#.utf8))
        #expect(old.fields.isEmpty)
        var article = Article(id: "x", role: .main, title: "t")
        article.entities = [entity]
        #expect(DocumentJSON.string(DocumentJSON.value(article), pretty: false).contains(#""fields":["caption"]"#))
    }
}
