import Archive
import ArchivePostgres
import ArchiveSQLite
import ArgumentParser
import Foundation
import Ingestion

/// `--store`: which archive a command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The archive: a SQLite file (created if missing), or a postgres:// URL.",
        valueName: "path|postgres://…"))
    var store: String = "marsad.sqlite"

    var isPostgres: Bool { PostgresURL.isPostgres(store) }

    /// Leaves out the archive's own files when a walked directory holds them.
    func excludingStore(_ sources: [PageSource]) -> [PageSource] {
        guard !isPostgres else { return sources }
        let own = Set(["", "-wal", "-shm", "-journal"].map { URL(fileURLWithPath: store + $0).standardizedFileURL.path })
        return sources.filter { source in
            guard case .file(let path) = source.location else { return true }
            return !own.contains(URL(fileURLWithPath: path).standardizedFileURL.path)
        }
    }

    /// Opens the archive, with the duplicate and story policy that ingest uses (or `policy`).
    func open(policy: any SimilarityPolicy = ArchiveSetup.policy) async throws -> any ArchiveStore {
        if isPostgres {
            return try await PostgresStoreOpener.open(store, policy: policy)
        }
        do {
            return try SQLiteArchive(path: store, policy: policy)
        } catch let error as ArchiveError {
            throw CLIError("\(store): \(error)")
        }
    }
}

/// How ingest derives fingerprints, and how stores judge copies and stories: one place, so that
/// every command and every store agree.
enum ArchiveSetup {
    static let policy: any SimilarityPolicy = FingerprintSimilarity.standard
    static let preparer = FingerprintSimilarity.standard.preparer
}

/// Opens a PostgreSQL archive; errors name the server without the password.
enum PostgresStoreOpener {
    static func open(_ url: String, policy: any SimilarityPolicy = ArchiveSetup.policy) async throws -> any ArchiveStore {
        do {
            // The same policy as SQLite archives: near copies by MinHash bands, stories by shared
            // terms within the window (docs/archive.md).
            return try await PostgresArchive(url: url, policy: policy)
        } catch let error as ArchiveError {
            throw CLIError("\(error)")
        }
    }
}
