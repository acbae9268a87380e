import Foundation
import GRDB
import Testing

/// `marsad ingest --no-link` and `marsad link`: the linking stage as its own command, killed and
/// resumed, gives the archive a one-shot `marsad ingest` gives.
@Suite(.serialized) struct LinkCommandTests {
    let cli = ExtractCommandTests()

    /// `count` distinct records, then the first `copies` again from another outlet (exact copies).
    static func export(_ count: Int, copies: Int) -> String {
        let records = IngestCommandTests.jsonl(count)
        let copied = IngestCommandTests.jsonl(copies).replacingOccurrences(of: "news.example.org", with: "copies.example.net")
        return records + copied
    }

    /// Each article's original and story partner set, by URL: what linking decided.
    static func links(_ store: String) throws -> [String] {
        try DatabaseQueue(path: store).read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.url, coalesce(o.url, '-') AS original,
                       (SELECT group_concat(url, ' ') FROM (SELECT b.url FROM articles b WHERE b.story_id = a.story_id ORDER BY b.url)) AS story
                FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of ORDER BY a.url
                """)
            return rows.map { "\($0["url"] as String) → \($0["original"] as String) | \($0["story"] as String? ?? "unlinked")" }
        }
    }

    static func unlinked(_ store: String) throws -> Int {
        try DatabaseQueue(path: store).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM link_queue") ?? 0 }
    }

    @Test func linkingKilledAndResumedGivesTheArchiveOfOneIngest() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("export.jsonl")
        try Self.export(600, copies: 40).write(to: input, atomically: true, encoding: .utf8)
        let reference = dir.appendingPathComponent("one.sqlite").path
        let staged = dir.appendingPathComponent("staged.sqlite").path

        let one = try cli.marsad(["ingest", "--quiet", "--no-analysis", "--format", "json", "--store", reference, input.path])
        #expect(one.status == 0, "\(one.stderr)")
        let summary = try cli.json(one.stdout)
        #expect(summary["linked"] as? Int == 640)
        // The 40 exact copies, and near copies among the templated records.
        #expect(summary["duplicates"] as? Int ?? 0 >= 40)
        #expect(summary["unlinked"] as? Int == 0)

        let stored = try cli.marsad(["ingest", "--quiet", "--no-analysis", "--no-link", "--format", "json", "--store", staged, input.path])
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(try cli.json(stored.stdout)["unlinked"] as? Int == 640)
        let stats = try cli.json(try cli.marsad(["stats", "--format", "json", "--store", staged]).stdout)
        #expect(stats["unlinked"] as? Int == 640)
        // Searchable before it is linked.
        #expect(try cli.json(try cli.marsad(["search", "--format", "json", "--store", staged, "المفاوضات"]).stdout)["total"] as? Int == 213)

        // One article a transaction, killed once some are linked and some are not.
        let process = Process()
        process.executableURL = ExtractCommandTests.binary
        process.arguments = ["link", "--quiet", "--batch", "1", "--store", staged]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var left = 640
        while process.isRunning, Date() < deadline {
            left = (try? Self.unlinked(staged)) ?? left
            if left < 600 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let leftAfterKill = try Self.unlinked(staged)
        #expect(leftAfterKill > 0 && leftAfterKill < 640, "the kill came at \(leftAfterKill) left")

        let resumed = try cli.marsad(["link", "--format", "json", "--store", staged])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try cli.json(resumed.stdout)["linked"] as? Int == leftAfterKill)
        #expect(try Self.unlinked(staged) == 0)
        #expect(try Self.links(staged) == Self.links(reference))
        #expect(try cli.json(try cli.marsad(["link", "--format", "json", "--store", staged]).stdout)["linked"] as? Int == 0)
    }

    /// `marsad stories` pages through every story, says when more follow, and gives one count per
    /// story in the list and in `--id`.
    @Test func storiesPageThroughAllAndCountAlike() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("export.jsonl")
        try Self.export(300, copies: 30).write(to: input, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("a.sqlite").path
        #expect(try cli.marsad(["ingest", "--quiet", "--no-analysis", "--store", store, input.path]).status == 0)
        let expected = try DatabaseQueue(path: store).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT story_id FROM articles WHERE duplicate_of IS NULL AND story_id IS NOT NULL GROUP BY story_id HAVING count(*) > 1)") ?? 0
        }
        #expect(expected > 4)
        // Search folds the 30 exact copies (10 of them on the negotiations) unless asked for all.
        func total(_ extra: [String]) throws -> Int? {
            try cli.json(try cli.marsad(["search", "--format", "json", "--no-facets", "--store", store, "المفاوضات"] + extra).stdout)["total"] as? Int
        }
        #expect(try total([]) == 100)
        #expect(try total(["--all"]) == 110)
        func list(_ arguments: [String]) throws -> (stories: [[String: Any]], stderr: String) {
            let run = try cli.marsad(["stories", "--format", "json", "--store", store] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let stories = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
            return (stories, run.stderr)
        }
        let all = try list(["--limit", "100000"])
        #expect(all.stories.count == expected)
        #expect(!all.stderr.contains("more stories"))
        let first = try list(["--limit", "2"])
        #expect(first.stories.count == 2 && first.stderr.contains("more stories follow: --offset 2"))
        let next = try list(["--limit", "2", "--offset", "2"])
        #expect(next.stories.map { $0["id"] as? Int } == all.stories[2..<4].map { $0["id"] as? Int })
        // One count: the list's, the story's own, and its timeline's (copies folded).
        for story in all.stories.prefix(5) {
            let id = try #require(story["id"] as? Int)
            let detail = try cli.json(try cli.marsad(["stories", "--id", String(id), "--format", "json", "--store", store]).stdout)
            let summary = try #require(detail["summary"] as? [String: Any])
            #expect(summary["articles"] as? Int == story["articles"] as? Int)
            #expect((detail["articles"] as? [Any])?.count == story["articles"] as? Int)
        }
    }
}
