import Archive
import ArchiveSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarsadServer
import Testing

/// The served OpenAPI document describes the real responses: each is checked against its schema.
@Suite struct OpenAPITests {
    /// A JSON Schema checker for what the document uses: type (one or several), properties,
    /// required, additionalProperties, items, enum, oneOf, minItems/maxItems and local $ref.
    struct Validator {
        let document: [String: Any]

        func errors(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
            if let ref = schema["$ref"] as? String {
                let name = String(ref.dropFirst("#/components/schemas/".count))
                guard let target = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] else {
                    return ["\(path): unresolved \(ref)"]
                }
                return errors(value, target, at: path)
            }
            if let options = schema["oneOf"] as? [[String: Any]] {
                let matching = options.filter { errors(value, $0, at: path).isEmpty }.count
                return matching == 1 ? [] : ["\(path): matches \(matching) of oneOf"]
            }
            if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
                return ["\(path): \(value) not in enum"]
            }
            if let type = schema["type"] {
                let types = (type as? [String]) ?? [type as? String ?? ""]
                guard types.contains(where: { Self.matches(value, $0) }) else { return ["\(path): \(Swift.type(of: value)) is not \(types)"] }
            }
            var found = [String]()
            if let object = value as? [String: Any] {
                let properties = schema["properties"] as? [String: Any] ?? [:]
                for name in schema["required"] as? [String] ?? [] where object[name] == nil { found.append("\(path).\(name): missing") }
                for (name, member) in object {
                    if let property = properties[name] as? [String: Any] {
                        found += errors(member, property, at: "\(path).\(name)")
                    } else if let extra = schema["additionalProperties"] as? [String: Any] {
                        found += errors(member, extra, at: "\(path).\(name)")
                    } else if schema["additionalProperties"] as? Bool == false {
                        found.append("\(path).\(name): not in the schema")
                    }
                }
            }
            if let array = value as? [Any] {
                if let minimum = schema["minItems"] as? Int, array.count < minimum { found.append("\(path): fewer than \(minimum) items") }
                if let maximum = schema["maxItems"] as? Int, array.count > maximum { found.append("\(path): more than \(maximum) items") }
                if let items = schema["items"] as? [String: Any] {
                    for (index, item) in array.enumerated() { found += errors(item, items, at: "\(path)[\(index)]") }
                }
            }
            return found
        }

        static func matches(_ value: Any, _ type: String) -> Bool {
            switch type {
            case "null": return value is NSNull
            case "string": return value is String
            // The API returns no booleans; numbers come back from JSONSerialization as NSNumber.
            case "boolean": return value is Bool
            case "integer": return (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } ?? false
            case "number": return value is NSNumber
            case "array": return value is [Any]
            case "object": return value is [String: Any]
            default: return false
            }
        }

        func responseSchema(path: String, method: String, status: String, contentType: String = "application/json") -> [String: Any]? {
            let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
            let response = (operation?["responses"] as? [String: Any])?[status] as? [String: Any]
            return ((response?["content"] as? [String: Any])?[contentType] as? [String: Any])?["schema"] as? [String: Any]
        }
    }

    static func document(_ client: any TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
            #expect(response.status == .ok)
            return response.json
        }
    }

    @Test func documentIsOpenAPI31AndNamesEveryRoute() async throws {
        try await ServerFixtures.withServer { client, _ in
            let document = try await Self.document(client)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = Set((document["paths"] as? [String: Any] ?? [:]).keys)
            #expect(paths == [
                "/api/v1/articles", "/api/v1/articles/{id}", "/api/v1/articles/{id}/related", "/api/v1/search", "/api/v1/quotes",
                "/api/v1/entities", "/api/v1/entities/{id}", "/api/v1/entities/{id}/merge", "/api/v1/entities/{id}/split", "/api/v1/stories",
                "/api/v1/stories/{id}", "/api/v1/sagas", "/api/v1/sagas/{id}", "/api/v1/sources", "/api/v1/stats", "/api/v1/pages", "/api/v1/openapi.json",
                "/api/v1/timeline", "/api/v1/export",
            ])
        }
    }

    @Test func realResponsesMatchTheirSchemas() async throws {
        try await ServerFixtures.withServer(configuration: ServerFixtures.uploading()) { client, archive in
            let validator = Validator(document: try await Self.document(client))
            let story = try await archive.stories(limit: 1, offset: 0).first?.id ?? 0
            try await archive.resolveEntities()
            let entities = try await archive.entities(EntityRequest(limit: 2)).compactMap(\.id)
            #expect(entities.count == 2)
            try await archive.saveSource(WatchedSource(url: "https://coast-news.example/rss.xml", kind: .feed, added: "2026-03-10T06:00:00Z", nextDue: "2026-03-10T06:10:00Z"))
            try await archive.saveSource(WatchedSource(
                url: "https://broken.example/", added: "2026-03-10T06:00:00Z", nextDue: "2026-03-10T08:00:00Z", lastFetch: "2026-03-10T06:00:00Z",
                lastStatus: "failed", failures: 1, lastError: "HTTP 503"))
            let cases: [(uri: String, path: String)] = [
                ("/api/v1/articles", "/api/v1/articles"),
                ("/api/v1/articles?role=related", "/api/v1/articles"),
                ("/api/v1/articles/\(ServerFixtures.floodID)", "/api/v1/articles/{id}"),
                ("/api/v1/articles/\(ServerFixtures.teaserID)", "/api/v1/articles/{id}"),
                ("/api/v1/articles/\(ServerFixtures.floodID)/related", "/api/v1/articles/{id}/related"),
                ("/api/v1/search?q=\(encoded("السيول"))", "/api/v1/search"),
                ("/api/v1/search?q=\(encoded("لا شيء هنا"))&facets=false", "/api/v1/search"),
                ("/api/v1/timeline?q=\(encoded("السيول"))&q=\(encoded("الفائدة"))&share=true", "/api/v1/timeline"),
                ("/api/v1/timeline?q=\(encoded("لا شيء هنا"))&interval=month", "/api/v1/timeline"),
                ("/api/v1/quotes", "/api/v1/quotes"),
                ("/api/v1/entities", "/api/v1/entities"),
                ("/api/v1/entities?type=place&limit=3", "/api/v1/entities"),
                ("/api/v1/entities/\(entities[0])", "/api/v1/entities/{id}"),
                ("/api/v1/stories", "/api/v1/stories"),
                ("/api/v1/stories/\(story)", "/api/v1/stories/{id}"),
                ("/api/v1/sagas", "/api/v1/sagas"),
                ("/api/v1/stats", "/api/v1/stats"),
                ("/api/v1/sources", "/api/v1/sources"),
            ]
            for (uri, path) in cases {
                let schema = try #require(validator.responseSchema(path: path, method: "get", status: "200"), "\(path)")
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let value = try JSONSerialization.jsonObject(with: Data(response.text.utf8), options: [.fragmentsAllowed])
                    let errors = validator.errors(value, schema)
                    #expect(errors.isEmpty, "\(uri): \(errors.prefix(5))")
                }
            }
            // Upload: 201 and its problems.
            let created = try #require(validator.responseSchema(path: "/api/v1/pages", method: "post", status: "201"))
            try await client.execute(uri: "/api/v1/pages?source=a", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer(string: UploadFixtures.htmlPage)) { response in
                #expect(response.status == .created)
                let errors = validator.errors(response.json, created)
                #expect(errors.isEmpty, "\(errors)")
            }
            // A correction: 200 with the entities it changed.
            let merged = try #require(validator.responseSchema(path: "/api/v1/entities/{id}/merge", method: "post", status: "200"))
            try await client.execute(uri: "/api/v1/entities/\(entities[0])/merge?other=\(entities[1])", method: .post, headers: ServerFixtures.authorization) { response in
                #expect(response.status == .ok)
                let errors = validator.errors(response.json, merged)
                #expect(errors.isEmpty, "\(errors)")
            }
            let problems: [(uri: String, path: String, method: HTTPRequest.Method, status: String)] = [
                ("/api/v1/articles/ffffffffffffffff", "/api/v1/articles/{id}", .get, "404"),
                ("/api/v1/entities/999999", "/api/v1/entities/{id}", .get, "404"),
                ("/api/v1/entities/\(entities[0])/split?alias=\(encoded("لا اسم"))", "/api/v1/entities/{id}/split", .post, "404"),
                ("/api/v1/entities/\(entities[0])/merge?other=\(entities[0])", "/api/v1/entities/{id}/merge", .post, "409"),
                ("/api/v1/search?limit=-1", "/api/v1/search", .get, "400"),
                ("/api/v1/stories/abc", "/api/v1/stories/{id}", .get, "400"),
                ("/api/v1/pages?format=doc", "/api/v1/pages", .post, "400"),
            ]
            for problem in problems {
                let schema = try #require(
                    validator.responseSchema(path: problem.path, method: problem.method.rawValue.lowercased(), status: problem.status, contentType: "application/problem+json"),
                    "\(problem.path) \(problem.status)")
                try await client.execute(uri: problem.uri, method: problem.method, headers: ServerFixtures.authorization, body: ByteBuffer(string: "x")) { response in
                    #expect("\(response.status.code)" == problem.status, "\(problem.uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let errors = validator.errors(response.json, schema)
                    #expect(errors.isEmpty, "\(problem.uri): \(errors)")
                }
            }
        }
    }

    /// The checker itself catches what it should, so a pass above means something.
    @Test func validatorRejectsWrongShapes() throws {
        let document: [String: Any] = ["components": ["schemas": ["Thing": [
            "type": "object", "properties": ["id": ["type": "string"], "n": ["type": ["integer", "null"]]], "required": ["id", "n"],
            "additionalProperties": false,
        ]]]]
        let validator = Validator(document: document)
        let schema: [String: Any] = ["$ref": "#/components/schemas/Thing"]
        #expect(validator.errors(["id": "a", "n": 3], schema).isEmpty)
        #expect(validator.errors(["id": "a", "n": NSNull()], schema).isEmpty)
        #expect(!validator.errors(["id": "a"], schema).isEmpty)
        #expect(!validator.errors(["id": 1, "n": 1], schema).isEmpty)
        #expect(!validator.errors(["id": "a", "n": 1.5], schema).isEmpty)
        #expect(!validator.errors(["id": "a", "n": 1, "extra": true], schema).isEmpty)
    }
}
