import Archive
import Foundation
import Ingestion
import NewsModel
import Testing

/// Entities with identity in both stores: names resolved into entities, reads through any alias,
/// and corrections that survive resolving again.
@Suite struct EntityIdentityTests {
    static func article(_ id: String, day: Int, entities: [Entity], speaker: String? = nil) -> Article {
        let quotes = speaker.map { [Quote(text: "المفاوضات تتقدم في الاتجاه الصحيح \(id)", speaker: $0, mention: $0, cue: "قال", kind: .direct, paragraph: 0)] } ?? []
        return Article(
            id: id, role: .main, title: "جولة جديدة من المفاوضات في العاصمة \(id)",
            paragraphs: ["عقدت الوفود جولة جديدة من المفاوضات في العاصمة اليوم \(id)."],
            published: String(format: "2026-04-%02dT08:00:00Z", day), url: "https://news\(id).example/a",
            quotes: quotes, entities: entities)
    }

    static func person(_ name: String, _ mentions: [String]? = nil) -> Entity {
        Entity(name: name, type: .person, mentions: mentions ?? [name], count: 1)
    }

    static let riyadh = Entity(name: "الرياض", type: .location, mentions: ["الرياض"], count: 1)
    static let geneva = Entity(name: "جنيف", type: .location, mentions: ["جنيف"], count: 1)

    static func fill(_ archive: any ArchiveStore) async throws {
        let articles = [
            article("e1", day: 1, entities: [person("عادل الجبير", ["عادل الجبير", "الجبير"]), riyadh], speaker: "عادل الجبير"),
            article("e2", day: 2, entities: [person("الجبير"), riyadh], speaker: "الجبير"),
            article("e3", day: 3, entities: [person("عادل #الجبير"), riyadh]),
            article("e4", day: 4, entities: [Entity(name: "فرانس برس", type: .organization, mentions: ["فرانس برس"], count: 1), geneva]),
            article("e5", day: 5, entities: [Entity(name: "وكالة الصحافة الفرنسية", type: .organization, mentions: ["وكالة الصحافة الفرنسية"], count: 1), geneva]),
        ]
        let pages = articles.enumerated().map { ArchivePreparer().prepare(Page(source: "p\($0)", format: .html, encoding: "utf-8", articles: [$1]))[0] }
        _ = try await archive.ingest(batch: pages)
    }

    @Test(arguments: StoreKind.available) func namesResolveIntoOneEntityWithItsAliases(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            try await Self.fill(archive)
            // Before resolution an entity is a name.
            #expect(try await archive.entities(EntityRequest(type: .person, name: "الجبير")).first?.id == nil)
            #expect(try await archive.stats().entities == 7)
            let summary = try await archive.resolveEntities()
            #expect(summary.names == 7)
            #expect(summary.entities == 5)
            #expect(try await archive.stats().entities == 5)

            let entity = try #require(try await archive.entities(EntityRequest(type: .person, name: "الجبير")).first)
            #expect(entity.id != nil)
            #expect(entity.name == "عادل الجبير")
            #expect(Set(entity.aliases) == ["عادل الجبير", "الجبير", "عادل #الجبير"])
            #expect(entity.articles == 3)
            #expect(entity.quotes == 2)
            #expect(try await archive.entity(id: entity.id!) == entity)
            // Every alias resolves to it.
            #expect(try await archive.entities(EntityRequest(name: "عادل #الجبير")).first?.id == entity.id)
            // Quotes and the entity filter read through every alias.
            #expect(try await archive.quotes(QuoteRequest(speaker: "الجبير")).count == 2)
            let mentions = try await archive.search(SearchRequest(query: SearchQuery(""), filters: SearchFilters(entity: "الجبير"), limit: 10))
            #expect(Set(mentions.hits.map(\.id)) == ["e1", "e2", "e3"])
            let spoke = try await archive.search(SearchRequest(query: SearchQuery(""), filters: SearchFilters(speaker: "عادل الجبير"), limit: 10))
            #expect(Set(spoke.hits.map(\.id)) == ["e1", "e2"])
            // Facets count the entity once, under its name.
            let faceted = try await archive.search(SearchRequest(query: SearchQuery("المفاوضات"), limit: 10))
            let people = faceted.facets["entity"]?.filter { $0.value.contains("الجبير") } ?? []
            #expect(people.map(\.value) == ["عادل الجبير"])
            #expect(people.first?.count == 3)
            #expect(faceted.facets["speaker"]?.filter { $0.value.contains("الجبير") }.map(\.value) == ["عادل الجبير"])
            // The top entities, by articles.
            let top = try await archive.entities(EntityRequest(limit: 2))
            #expect(top.map(\.name) == ["الرياض", "عادل الجبير"])
            #expect(try await archive.entities(EntityRequest(type: .organization, limit: 10)).count == 2)
        }
    }

    @Test(arguments: StoreKind.available) func correctionsSurviveResolvingAgain(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            try await Self.fill(archive)
            try await archive.resolveEntities()
            let afp = try #require(try await archive.entities(EntityRequest(name: "فرانس برس")).first?.id)
            let agency = try #require(try await archive.entities(EntityRequest(name: "وكالة الصحافة الفرنسية")).first?.id)
            #expect(afp != agency)
            let merged = try await archive.correctEntity(.merge(agency, into: afp))
            #expect(merged.count == 1)
            #expect(Set(merged[0].aliases) == ["فرانس برس", "وكالة الصحافة الفرنسية"])
            #expect(merged[0].articles == 2)
            #expect(try await archive.entity(id: agency) == nil)

            let jubeir = try #require(try await archive.entities(EntityRequest(name: "الجبير")).first?.id)
            let split = try await archive.correctEntity(.split(jubeir, alias: "الجبير"))
            #expect(split.count == 2)
            #expect(split[0].id == jubeir && !split[0].aliases.contains("الجبير"))
            #expect(split[1].aliases == ["الجبير"])
            #expect(try await archive.quotes(QuoteRequest(speaker: "عادل الجبير")).count == 1)

            // Resolving again keeps both corrections, and the ids.
            let summary = try await archive.resolveEntities()
            #expect(summary.corrections == 2)
            #expect(try await archive.entities(EntityRequest(name: "وكالة الصحافة الفرنسية")).first?.id == afp)
            #expect(try await archive.entities(EntityRequest(name: "عادل الجبير")).first?.id == jubeir)
            #expect(try await archive.entities(EntityRequest(name: "الجبير")).first?.id != jubeir)
        }
    }

    @Test(arguments: StoreKind.available) func badCorrectionsAreRefusedByField(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            try await Self.fill(archive)
            try await archive.resolveEntities()
            let riyadh = try #require(try await archive.entities(EntityRequest(name: "الرياض")).first?.id)
            await #expect { try await archive.correctEntity(.merge(999_999, into: riyadh)) } throws: { error in
                if case ArchiveError.notFound(let what) = error { return what.contains("999999") }
                return false
            }
            await #expect { try await archive.correctEntity(.merge(riyadh, into: riyadh)) } throws: { error in
                if case ArchiveError.conflict = error { return true }
                return false
            }
            await #expect { try await archive.correctEntity(.split(riyadh, alias: "جنيف")) } throws: { error in
                if case ArchiveError.notFound(let what) = error { return what.contains("جنيف") }
                return false
            }
            // The only name of an entity cannot leave it.
            await #expect { try await archive.correctEntity(.split(riyadh, alias: "الرياض")) } throws: { error in
                if case ArchiveError.conflict = error { return true }
                return false
            }
        }
    }
}
