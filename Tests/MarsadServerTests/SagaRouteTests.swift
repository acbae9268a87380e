import Archive
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ingestion
import MarsadServer
import TestSupport
import Testing

/// `/sagas`, `/saga/ID`, the story page's saga link and `/api/v1/sagas`, over an archive whose
/// stories form one saga (topics 10, 11, 12 on days 1, 5, 9) and one story apart (topic 90).
@Suite struct SagaRouteTests {
    static func withSagaServer(_ body: @Sendable (any TestClientProtocol, SQLiteArchive) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-sagas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try SQLiteArchive(path: dir.appendingPathComponent("a.sqlite").path, policy: SagaTopicPolicy())
        for (n, (topic, day)) in [(10, 1), (11, 5), (12, 9), (90, 5)].enumerated() {
            for outlet in ["first.example", "second.example"] {
                _ = try await archive.ingest(TopicPages.page("g\(n)\(outlet.prefix(1))", topic: UInt8(topic), day: day, outlet: outlet))
            }
        }
        _ = try await archive.linkPending()
        try await archive.buildSagas()
        let router = try MarsadApplication.router(archive: archive, configuration: ServerConfiguration(), ingestor: Ingestor(analyzer: nil))
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.router) { client in try await body(client, archive) }
        try await archive.close()
    }

    @Test func sagaPagesListTheirStoriesAndStoriesLinkToTheirSaga() async throws {
        try await Self.withSagaServer { client, archive in
            let saga = try #require(try await archive.sagas(limit: 5, offset: 0).first)
            try await client.execute(uri: "/sagas", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<a class=\"headline\" href=\"/saga/\(saga.id)\">"))
            }
            try await client.execute(uri: "/saga/\(saga.id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h2>أحداثها</h2>"))
                #expect(response.text.components(separatedBy: "href=\"/story/").count - 1 == 3)
            }
            let inSaga = try #require(try await archive.article(id: "g1f")?.storyID)
            try await client.execute(uri: "/story/\(inSaga)", method: .get) { response in
                #expect(response.text.contains("من قضية متواصلة: <a href=\"/saga/\(saga.id)\">"))
            }
            let alone = try #require(try await archive.article(id: "g3f")?.storyID)
            try await client.execute(uri: "/story/\(alone)", method: .get) { response in
                #expect(!response.text.contains("من قضية متواصلة"))
            }
            try await client.execute(uri: "/saga/424242", method: .get) { response in #expect(response.status == .notFound) }
            try await client.execute(uri: "/api/v1/sagas", method: .get) { response in
                let sagas = (try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])?["sagas"] as? [[String: Any]]
                #expect(sagas?.first?["stories"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/sagas/\(saga.id)", method: .get) { response in
                let detail = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                #expect((detail?["timeline"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/api/v1/stories/\(inSaga)", method: .get) { response in
                let detail = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                #expect((detail?["saga"] as? [String: Any])?["id"] as? Int == Int(saga.id))
            }
            try await client.execute(uri: "/api/v1/sagas/abc", method: .get) { response in #expect(response.status == .badRequest) }
            // Both answers match the OpenAPI document.
            let validator = OpenAPITests.Validator(document: try await OpenAPITests.document(client))
            for (uri, path) in [("/api/v1/sagas", "/api/v1/sagas"), ("/api/v1/sagas/\(saga.id)", "/api/v1/sagas/{id}"), ("/api/v1/stories/\(inSaga)", "/api/v1/stories/{id}")] {
                let schema = try #require(validator.responseSchema(path: path, method: "get", status: "200"))
                try await client.execute(uri: uri, method: .get) { response in
                    let errors = validator.errors(try JSONSerialization.jsonObject(with: Data(response.text.utf8)), schema)
                    #expect(errors.isEmpty, "\(uri): \(errors.prefix(5))")
                }
            }
        }
    }
}
