import Foundation
import GRDB
import Testing

/// A damaged input is an error that names the file and where it ended, never a smaller archive.
@Suite(.serialized) struct IntakeIntegrityTests {
    let cli = ExtractCommandTests()

    func gzip(_ text: String, in dir: URL, name: String) throws -> [UInt8] {
        let plain = dir.appendingPathComponent(name)
        try text.write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-n", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        return Array(try Data(contentsOf: dir.appendingPathComponent(name + ".gz")))
    }

    func ingest(_ path: String, store: String) throws -> (run: ExtractCommandTests.Run, summary: [String: Any]) {
        let run = try cli.marsad(["ingest", "--quiet", "--no-analysis", "--format", "json", "--store", store, path])
        let summary = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        return (run, summary)
    }

    /// Cut anywhere, cut just before the trailer, or with a wrong CRC: exit 1, the file named, the
    /// whole records before the damage stored and counted, and nothing after. (A wrong CRC is found
    /// at the end of the read that holds it, and zlib then gives none of that read's bytes.)
    @Test func aDamagedGzipExportIsAnError() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try gzip(IngestCommandTests.jsonl(600), in: dir, name: "export.jsonl")
        var badCRC = whole
        badCRC[badCRC.count - 8] ^= 0xFF
        let cases: [(name: String, bytes: [UInt8], reason: String, stored: ClosedRange<Int>)] = [
            ("half.jsonl.gz", Array(whole.prefix(whole.count / 2)), "truncated gzip", 1...599),
            ("notrailer.jsonl.gz", Array(whole.dropLast(8)), "truncated gzip", 600...600),
            ("badcrc.jsonl.gz", badCRC, "corrupt gzip", 0...599),
        ]
        for (index, item) in cases.enumerated() {
            let path = dir.appendingPathComponent(item.name).path
            try Data(item.bytes).write(to: URL(fileURLWithPath: path))
            let store = dir.appendingPathComponent("store\(index).sqlite").path
            let (run, summary) = try ingest(path, store: store)
            #expect(run.status == 1, "\(item.name)")
            #expect(run.stderr.contains(path) && run.stderr.contains(item.reason), "\(item.name): \(run.stderr)")
            #expect(run.stderr.contains("line "), "\(item.name): \(run.stderr)")
            let stored = try IngestCommandTests.count("SELECT count(*) FROM pages", store: store)
            #expect(summary["pages"] as? Int == stored, "\(item.name)")
            #expect(summary["failedInputs"] as? Int == 1, "\(item.name)")
            #expect(item.stored.contains(stored), "\(item.name): \(stored)")
        }
        // The intact file still ingests cleanly.
        let (run, summary) = try ingest(dir.appendingPathComponent("export.jsonl.gz").path, store: dir.appendingPathComponent("whole.sqlite").path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(summary["pages"] as? Int == 600)
    }

    /// Empty, binary and truncated inputs are named, fail the run, and leave no row in `pages`.
    @Test func anInputThatFailsLeavesNoPage() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = dir.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try Data().write(to: inputs.appendingPathComponent("empty.txt"))
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x7F, 0x00]).write(to: inputs.appendingPathComponent("binary.txt"))
        let page = try gzip(ExtractCommandTests.page, in: dir, name: "page.txt")
        try Data(page.prefix(page.count - 12)).write(to: inputs.appendingPathComponent("cut.txt.gz"))
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let (run, summary) = try ingest(inputs.path, store: store)
        #expect(run.status == 1)
        for name in ["empty.txt", "binary.txt", "cut.txt.gz"] { #expect(run.stderr.contains(name), "\(name): \(run.stderr)") }
        #expect(summary["failedInputs"] as? Int == 3)
        #expect(summary["pages"] as? Int == 0)
        #expect(try IngestCommandTests.count("SELECT count(*) FROM pages", store: store) == 0)
    }

    /// One bad byte in a UTF-8 export: that record keeps its place with U+FFFD and a warning naming
    /// the file and line; its neighbours are stored as written.
    @Test func aStrayByteIsReplacedAndNamed() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = IngestCommandTests.jsonl(300).split(separator: "\n").map { Array($0.utf8) }
        let titleStart = try #require(lines[199].firstRange(of: Array("\"title\":\"".utf8))).upperBound
        lines[199].insert(0xFF, at: titleStart + 2)
        let path = dir.appendingPathComponent("export.jsonl").path
        try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: path))
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let (run, _) = try ingest(path, store: store)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("\(path): line 200: invalid UTF-8"), "\(run.stderr)")
        let titles = try DatabaseQueue(path: store).read { db in
            try String.fetchAll(db, sql: "SELECT a.title FROM articles a JOIN pages p ON p.id = a.page_id ORDER BY a.seq")
        }
        #expect(titles.count == 300)
        #expect(titles.filter { $0.contains("\u{FFFD}") }.count == 1)
        // No title was read as windows-1256: ظ and ط followed by Latin-1 signs are its mark.
        #expect(!titles.contains { $0.contains("ظ„") || $0.contains("ط§") })
    }
}
