import Archive
import ArchiveSQLite
import Foundation
import NewsModel
import Testing

@Suite struct SQLiteArchiveDamageTests {
    /// A damaged file gives `.corrupt` naming the file, from opening or from the first read; never a
    /// crash or an SQL message.
    @Test func damagedArchiveIsReportedAsCorrupt() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("marsad.sqlite").path
        let archive = try SQLiteArchive(path: path)
        _ = try await archive.ingest(batch: SQLiteArchiveFailureTests.pages(300))
        try await archive.close()
        // Close checkpointed the WAL into the file; overwrite everything past the first two pages.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        #expect(size > 100_000)
        try handle.seek(toOffset: 8192)
        var generator = SystemRandomNumberGenerator()
        try handle.write(contentsOf: Data((0..<Int(size) - 8192).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        do {
            let damaged = try SQLiteArchive(path: path)
            _ = try await damaged.stats()
            _ = try await damaged.search(SearchRequest(query: SearchQuery("خبر")))
            Issue.record("the damage went unnoticed")
        } catch let error as ArchiveError {
            guard case .corrupt(let what) = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(what.contains(path))
        }
    }
}
