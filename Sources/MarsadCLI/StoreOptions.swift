package import Archive
import ArchivePostgres
import ArchiveSQLite
package import ArgumentParser
import Foundation
package import Ingestion

/// `--store`: which archive a command reads or writes.
package struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The archive: a SQLite file (created if missing), or a postgres:// URL.",
        valueName: "path|postgres://…"))
    package var store: String = "marsad.sqlite"

    package init() {}

    package var isPostgres: Bool { PostgresURL.isPostgres(store) }

    /// The store for messages: a PostgreSQL URL without its password.
    package static func redacted(_ store: String) -> String {
        guard PostgresURL.isPostgres(store) else { return store }
        return (try? PostgresURL(store).redacted) ?? "postgres://…"
    }

    /// Leaves out the archive's own files when a walked directory holds them.
    package func excludingStore(_ sources: [PageSource]) -> [PageSource] {
        guard !isPostgres else { return sources }
        let own = Set(["", "-wal", "-shm", "-journal"].map { URL(fileURLWithPath: store + $0).standardizedFileURL.path })
        return sources.filter { source in
            guard case .file(let path) = source.location else { return true }
            return !own.contains(URL(fileURLWithPath: path).standardizedFileURL.path)
        }
    }

    /// Opens the archive, judging copies and stories as `setup` does; readers take the standard one.
    /// The archive links what ingest stores right after each write (SQLite) or in the page's own
    /// transaction (PostgreSQL), unless `deferLinking`, when only ``ArchiveStore/link(limit:)`` links.
    package func open(setup: IngestSetup = .standard, deferLinking: Bool = false) async throws -> any ArchiveStore {
        let policy = setup.policy
        if isPostgres {
            return try await PostgresStoreOpener.open(store, policy: policy, linking: deferLinking ? .deferred : .inline)
        }
        do {
            return try SQLiteArchive(path: store, policy: policy, linking: deferLinking ? .deferred : .afterEachWrite)
        } catch let error as ArchiveError {
            throw CLIError("\(store): \(error)")
        }
    }
}

/// Opens a PostgreSQL archive; errors name the server without the password.
enum PostgresStoreOpener {
    static func open(
        _ url: String, policy: any SimilarityPolicy = IngestSetup.standard.policy, linking: PostgresArchive.Linking = .inline, readOnly: Bool = false
    ) async throws -> any ArchiveStore {
        do {
            // The same policy as SQLite archives: near copies by MinHash bands, stories by shared
            // terms within the window (docs/archive.md).
            return try await PostgresArchive(url: url, policy: policy, linking: linking, readOnly: readOnly)
        } catch let error as ArchiveError {
            throw CLIError("\(error)")
        }
    }
}
