public import Archive
import Foundation
import GRDB
import NewsModel
import Synchronization

/// The default archive: one SQLite file, through GRDB, in WAL mode (one writer, many readers).
///
/// ```swift
/// let archive = try SQLiteArchive(path: "marsad.sqlite")
/// _ = try await archive.ingest(ArchivePreparer().prepare(page)[0])
/// let results = try await archive.search(SearchRequest(query: SearchQuery("المفاوضات")))
/// ```
///
/// Each page is written in one transaction, so a crash mid-ingest leaves every committed page whole
/// and no page half-written. `synchronous = NORMAL` in WAL mode may lose the last commits on power
/// loss, never consistency.
public final class SQLiteArchive: ArchiveStore, Sendable {
    let writer: any DatabaseWriter
    public let path: String
    let policy: any SimilarityPolicy
    /// When ingest's articles are linked to their copies and stories.
    public let linking: Linking
    /// Document frequencies for the linking stage's rare-term probes, kept across batches.
    let termFrequencies = TermFrequencies()
    /// The term index as readers last loaded it.
    let termIndex = TermIndexCache()
    /// The term index as the linking stage's story lookups see it.
    let writerIndex = WriterTermIndex()
    /// Entity and speaker facet rows already read by searches.
    let facetCache = FacetCache()
    /// Entity and speaker codes ingest has found or made.
    let nameCodes = NameCodeCache()
    /// The exact copies that searches fold into their originals.
    let exactCopies = ExactCopySeqs()
    /// Linked articles as the linking stage's lookups read them.
    let storyCandidates = StoryCandidateCache()
    /// Set by the first ``close()``.
    private let closed = Mutex(false)

    /// Opens (or creates) the archive at `path`; `":memory:"` makes a private in-memory archive.
    ///
    /// - Throws: ``ArchiveError/corrupt(_:)`` when the file is not a SQLite database or not a Marsad
    ///   archive, ``ArchiveError/unavailable(_:)`` when it cannot be opened.
    /// - Parameter maxMegabytes: a size limit for the file; a write past it fails as on a full disk.
    /// - Parameter linking: when stored articles are linked (``link(limit:)``); ingest itself only
    ///   queues them.
    public init(path: String, policy: any SimilarityPolicy = ExactOnlyPolicy(), linking: Linking = .afterEachWrite, maxMegabytes: Int? = nil) throws {
        self.path = path
        self.policy = policy
        self.linking = linking
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // 16 KB pages for a new archive (an existing one keeps its own): an article row (4 KB
            // with its fingerprint) and a postings chunk no longer spill into overflow pages, and
            // full ANT ingests in 64 s instead of 70 with searches as fast.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Search joins thousands of hits to their rows: a 64 MB page cache and memory-mapped reads
            // halved the facet pass over 13,000 hits (95 → 40 ms) against SQLite's 2 MB default.
            // Reads are mapped on reader connections only: the writer's lookups during ingest mapped
            // page after page of a growing file, and mapped pages count as the process's memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = \(db.configuration.readonly ? 268_435_456 : 0)")
            if !db.configuration.readonly {
                // Checkpoint every 32 MB of WAL rather than SQLite's 4 MB: ingest rewrites the same
                // index pages in batch after batch, and each checkpoint copied them again (a tenth of
                // the writer's time over ANT).
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            }
            if let maxMegabytes {
                // The file's own page size (16 KB for archives made since 2026-11-30, 4 KB before).
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                try db.execute(sql: "PRAGMA max_page_count = \(max(16, (maxMegabytes << 20) / pageSize))")
            }
            db.add(function: SQLiteArchive.decayFunction)
        }
        do {
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: configuration)
            } else {
                writer = try DatabasePool(path: path, configuration: configuration)
            }
            try SQLiteSchema.migrator.migrate(writer)
            // An archive written before the term index existed is indexed once, here.
            try SearchSegments.backfill(in: writer)
            try SearchFacets.backfill(in: writer)
            try writer.read { db in
                // Reading a table proves the file is a database; a damaged file fails here or at
                // migration, before any write.
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM pages")
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                throw ArchiveError.corrupt("\(path): \(error.message ?? "not a database")")
            default:
                throw ArchiveError.unavailable("\(path): \(error.message ?? "\(error.resultCode)")")
            }
        }
    }

    /// Folds the write-ahead log into the file, so that the archive is one self-contained file
    /// again, and closes every connection.
    /// Checkpoints and closes the file. A second call does nothing: GRDB's pool, once closed, must
    /// not be written again (a checkpoint on it crashed the process inside SQLite).
    public func close() async throws {
        guard closed.withLock({ closed in
            defer { closed = true }
            return !closed
        }) else { return }
        if let pool = writer as? DatabasePool {
            try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try pool.close()
        }
        if let queue = writer as? DatabaseQueue { try queue.close() }
    }

    /// `marsad_decay(published, newest_day, half_life)`: 0.5 ^ (age in days / half life); an article
    /// without a date counts as one half-life old.
    static let decayFunction = DatabaseFunction("marsad_decay", argumentCount: 3, pure: true) { values in
        guard let published = String.fromDatabaseValue(values[0]),
              let day = ArchiveDates.dayNumber(published),
              let newest = Double.fromDatabaseValue(values[1]),
              let halfLife = Double.fromDatabaseValue(values[2]), halfLife > 0
        else { return 0.5 }
        return pow(0.5, max(0, newest - Double(day)) / halfLife)
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Runs a read, reporting a damaged file as ``ArchiveError/corrupt(_:)`` with the archive's path
    /// rather than as an SQL error.
    func reading<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                throw ArchiveError.corrupt("\(path): \(error.message ?? "\(error.resultCode)")")
            default:
                throw ArchiveError.unavailable("\(path): \(error.message ?? "\(error.resultCode)")")
            }
        }
    }

    /// Maps a database failure while writing a page to an error that names the page.
    func writeError(_ error: any Error, source: String) -> any Error {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return ArchiveError.writeFailed(source: source, reason: "disk full")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return ArchiveError.corrupt("\(path): \(error.message ?? "\(error.resultCode)")")
            default: return ArchiveError.writeFailed(source: source, reason: error.message ?? "\(error.resultCode)")
            }
        }
        return error
    }
}
