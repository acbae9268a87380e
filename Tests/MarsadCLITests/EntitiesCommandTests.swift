import Foundation
import Testing

/// `marsad entities`: a name resolves to its entity after ingest; `merge` and `split` correct it
/// and hold when the archive is resolved again; `quotes --speaker` takes any alias.
@Suite struct EntitiesCommandTests {
    let cli = ExtractCommandTests()

    /// Three articles about one minister, once written with a hashtag, beside two places.
    static func export() -> String {
        let records = [
            ("مباحثات في عمّان حول المياه", "التقى وزير المياه الأردني سامي الحداد نظيره السوري في عمّان أمس. وقال سامي الحداد إن «المحادثات كانت مثمرة» وإن الجانبين اتفقا على لجنة مشتركة. وأضاف الحداد أن اللجنة تجتمع الشهر المقبل في عمّان."),
            ("الحداد: اتفاق المياه قريب", "قال الحداد إن «الاتفاق على تقاسم المياه بات قريباً» بعد جولة جديدة في عمّان. وأوضح الحداد أن الجانبين سيوقعان الاتفاق في دمشق."),
            ("لجنة المياه تجتمع في عمّان", "اجتمعت لجنة المياه المشتركة في عمّان برئاسة وزير المياه سامي #الحداد. وقال الوزير إن «العمل يسير وفق الخطة» في عمّان ودمشق."),
        ]
        return records.enumerated().map { index, record in
            let object: [String: Any] = [
                "title": record.0, "text": record.1, "cat": "السياسة", "url": "https://water\(index).example/a",
                "time": String(format: "2025-05-%02dT10:00:00Z", index + 1),
            ]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    func entity(_ name: String, _ store: String) throws -> [String: Any] {
        let run = try cli.marsad(["entities", "--name", name, "--format", "json", "--store", store])
        #expect(run.status == 0, "\(run.stderr)")
        return try cli.json(run.stdout)
    }

    @Test func aNameResolvesToItsEntityAndCorrectionsHold() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("water.jsonl")
        try Self.export().write(to: input, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("a.sqlite").path
        let ingest = try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", store, input.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try cli.json(ingest.stdout)["entities"] as? Int ?? 0 > 0)

        let minister = try entity("سامي #الحداد", store)
        let id = try #require(minister["id"] as? Int)
        #expect(minister["name"] as? String == "سامي الحداد")
        #expect(Set(minister["aliases"] as? [String] ?? []) == ["سامي الحداد", "سامي #الحداد"])
        #expect(minister["type"] as? String == "person")
        #expect(minister["quotes"] as? Int == 3)
        #expect(minister["articles"] as? Int == 2)
        let quotes = try cli.marsad(["quotes", "--speaker", "سامي #الحداد", "--format", "json", "--store", store])
        #expect((try JSONSerialization.jsonObject(with: Data(quotes.stdout.utf8)) as? [Any])?.count == 3)

        // The top entities, and a type filter that says `place`.
        let places = try cli.marsad(["entities", "--type", "place", "--format", "json", "--store", store])
        let listed = try JSONSerialization.jsonObject(with: Data(places.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!listed.isEmpty && listed.allSatisfy { $0["type"] as? String == "location" })

        // Split the hashtag form off, merge it back, and resolve again: the corrections hold.
        let split = try cli.marsad(["entities", "split", String(id), "--alias", "سامي #الحداد", "--store", store])
        #expect(split.status == 0, "\(split.stderr)")
        let alone = try #require(try entity("سامي #الحداد", store)["id"] as? Int)
        #expect(alone != id)
        #expect(try cli.marsad(["entities", "resolve", "--store", store]).status == 0)
        #expect(try entity("سامي #الحداد", store)["id"] as? Int == alone)
        #expect(try entity("سامي الحداد", store)["id"] as? Int == id)
        let merge = try cli.marsad(["entities", "merge", String(id), String(alone), "--store", store])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try cli.marsad(["entities", "resolve", "--store", store]).status == 0)
        #expect(try entity("سامي #الحداد", store)["id"] as? Int == id)

        // Unknown names and ids are errors that say what is wrong.
        let unknown = try cli.marsad(["entities", "--name", "لا أحد", "--store", store])
        #expect(unknown.status != 0 && unknown.stderr.contains("لا أحد"))
        let missing = try cli.marsad(["entities", "merge", String(id), "999999", "--store", store])
        #expect(missing.status != 0 && missing.stderr.contains("999999"))
        let badType = try cli.marsad(["entities", "--type", "city", "--store", store])
        #expect(badType.status != 0 && badType.stderr.contains("--type"))
    }
}
