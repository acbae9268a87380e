import Archive
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarsadServer
import NewsModel
import Testing

/// The server over either store: the same API answers and pages from SQLite and PostgreSQL
/// (`MARSAD_TEST_POSTGRES`; SQLite alone without it).
@Suite struct StoreAgnosticServerTests {
    @Test(arguments: ServerFixtures.Store.available)
    func apiAndPagesAnswerAlike(store: ServerFixtures.Store) async throws {
        try await ServerFixtures.withServer(store: store, configuration: ServerFixtures.uploading()) { client, _ in
            try await client.execute(uri: "/api/v1/search?q=\(encoded("السيول"))", method: .get) { response in
                #expect(response.status == .ok, "\(store)")
                let ids = Set((response.json["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
                #expect(ids == [ServerFixtures.floodID, ServerFixtures.floodOtherID], "\(store)")
            }
            try await client.execute(uri: "/api/v1/quotes?speaker=\(encoded("حسان العلي"))", method: .get) { response in
                #expect((response.json["quotes"] as? [Any])?.count == 2, "\(store)")
            }
            try await client.execute(uri: "/article/\(ServerFixtures.floodID)", method: .get) { response in
                #expect(response.status == .ok, "\(store)")
                #expect(response.text.contains("<h1 class=\"title\">\(ServerFixtures.flood.title)</h1>"), "\(store)")
                #expect(response.text.contains("<h2>مقالات ذات صلة</h2>"), "\(store)")
            }
            try await client.execute(uri: "/person/\(encoded("حسان العلي"))", method: .get) { response in
                #expect(response.text.contains("<q>أجلينا أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة</q>"), "\(store)")
            }
            try await client.execute(uri: "/search?q=\(encoded("السيول"))", method: .get) { response in
                #expect(response.text.contains("<mark>السيول</mark>"), "\(store)")
            }
            try await client.execute(uri: "/api/v1/pages?source=bridge", method: .post, headers: ServerFixtures.authorization, body: ByteBuffer(string: UploadFixtures.htmlPage)) { response in
                #expect(response.status == .created, "\(store)")
            }
            try await client.execute(uri: "/api/v1/stats", method: .get) { response in
                #expect(response.json["pages"] as? Int == 5, "\(store)")
            }
        }
    }
}
