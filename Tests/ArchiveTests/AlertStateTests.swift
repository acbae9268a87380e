import Archive
import ArchivePostgres
import ArchiveSQLite
import Foundation
import GRDB
import Testing

/// Alerts and their matches (``AlertStore``) in each available store (``StoreKind/available``):
/// SQLite always, PostgreSQL when `MARSAD_TEST_POSTGRES` is set. Both must answer alike.
@Suite struct AlertStateTests {
    /// An alert with every optional field set, Arabic included.
    static let full = WatchAlert(
        query: "\"البنك المركزي\" الفائدة", section: "اقتصاد", source: "www.example-news.com", entity: "البنك المركزي",
        speaker: "محافظ البنك", webhook: "https://hooks.example/marsad?team=econ", secret: "s3cret-مفتاح", created: "2026-03-01T08:00:00Z",
        lastRun: "2026-03-02T09:00:00Z", delivered: 41, failures: 2, lastError: "انتهت المهلة بعد 20 ثانية")

    /// An alert with every optional field nil and the counters away from their defaults.
    static let bare = WatchAlert(
        query: "كرة القدم", webhook: "http://127.0.0.1:9000/hook", secret: "k", created: "2026-03-01T09:00:00Z", delivered: 3, failures: 1)

    static func alert(_ query: String, created: String = "2026-03-01T08:00:00Z") -> WatchAlert {
        WatchAlert(query: query, webhook: "https://hooks.example/\(query)", secret: "k", created: created)
    }

    @Test(arguments: StoreKind.available) func savingAssignsIncreasingIdsAndReplacingKeepsTheId(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            #expect(try await archive.alerts().isEmpty)
            var saved = [WatchAlert]()
            for query in ["أول", "ثان", "ثالث"] { saved.append(try await archive.saveAlert(Self.alert(query))) }
            #expect(saved[0].id > 0 && saved[0].id < saved[1].id && saved[1].id < saved[2].id)
            #expect(saved.map { WatchAlert(id: 0, query: $0.query, webhook: $0.webhook, secret: $0.secret, created: $0.created) }
                == ["أول", "ثان", "ثالث"].map { Self.alert($0) })

            // Every field but the id changes; the alert stays where it was, and no alert is added.
            var changed = Self.full
            changed.id = saved[1].id
            #expect(try await archive.saveAlert(changed) == changed)
            #expect(try await archive.alerts() == [saved[0], changed, saved[2]])

            // A removed alert's id is not given again, even when it was the last one.
            #expect(try await archive.removeAlert(id: saved[2].id))
            let next = try await archive.saveAlert(Self.bare)
            #expect(next.id > saved[2].id)

            // An id that is not stored is refused, not inserted.
            var unknown = Self.bare
            unknown.id = next.id + 100
            await #expect {
                _ = try await archive.saveAlert(unknown)
            } throws: { error in
                guard case ArchiveError.invalidRequest(let field, let reason) = error else { return false }
                return field == "id" && reason.contains("\(unknown.id)")
            }
            #expect(try await archive.alerts().map(\.id) == [saved[0].id, saved[1].id, next.id])
        }
    }

    @Test(arguments: StoreKind.available) func alertFieldsRoundTripWithAndWithoutOptionals(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let full = try await store.archive.saveAlert(Self.full)
            let bare = try await store.archive.saveAlert(Self.bare)
            #expect(try await store.archive.alerts() == [full, bare])
            #expect(try await store.archive.alerts().map(\.filters) == [Self.full.filters, Self.bare.filters])

            // Set optionals become nil when replaced by nil; counters return to zero.
            var cleared = WatchAlert(query: full.query, webhook: full.webhook, secret: full.secret, created: full.created)
            cleared.id = full.id
            _ = try await store.archive.saveAlert(cleared)
            #expect(try await store.archive.alerts() == [cleared, bare])
        }
    }

    /// Listed by id: neither by query nor by creation time (both run the other way here), nor in
    /// the order rows were last written (a replaced alert does not move to the end).
    @Test(arguments: StoreKind.available) func alertsAreListedById(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            var ids = [Int64]()
            for (query, created) in [("ج", "2026-03-03T00:00:00Z"), ("ب", "2026-03-02T00:00:00Z"), ("أ", "2026-03-01T00:00:00Z")] {
                ids.append(try await archive.saveAlert(Self.alert(query, created: created)).id)
            }
            var first = try #require(try await archive.alerts().first)
            first.lastRun = "2026-03-04T00:00:00Z"
            _ = try await archive.saveAlert(first)
            #expect(try await archive.alerts().map(\.id) == ids)
            #expect(try await archive.alerts().map(\.query) == ["ج", "ب", "أ"])
        }
    }

    @Test(arguments: StoreKind.available) func removingAnAlertRemovesItsMatchesOnly(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await Self.checkRemoval(store.archive)
        }
    }

    /// The matches go with their alert even where `alert_matches` has no foreign key to cascade
    /// along: ``AlertStore/removeAlert(id:)`` deletes them itself.
    @Test(arguments: StoreKind.available) func removingAnAlertDoesNotRelyOnTheForeignKey(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            try await Self.dropMatchForeignKey(store)
            try await Self.checkRemoval(store.archive)
        }
    }

    /// Two alerts with matches in several states; removing one leaves the other and its matches
    /// whole, and removing it again, or an id never used, finds nothing.
    static func checkRemoval(_ archive: any ArchiveStore) async throws {
        let gone = try await archive.saveAlert(Self.full)
        let kept = try await archive.saveAlert(Self.bare)
        for alert in [gone.id, kept.id] {
            _ = try await archive.recordAlertMatches(alert: alert, articles: ["a1", "a2"], state: .seen, found: "2026-03-01T08:00:00Z")
            _ = try await archive.recordAlertMatches(alert: alert, articles: ["a3"], state: .pending, found: "2026-03-02T08:00:00Z")
        }
        #expect(try await archive.removeAlert(id: gone.id))
        #expect(try await archive.alerts() == [kept])
        for state in AlertMatch.State.allCases {
            #expect(try await archive.alertMatches(alert: gone.id, state: state, limit: 100).isEmpty)
        }
        #expect(try await archive.alertMatches(alert: kept.id, state: .seen, limit: 100).map(\.article) == ["a1", "a2"])
        #expect(try await archive.alertMatches(alert: kept.id, state: .pending, limit: 100).map(\.article) == ["a3"])
        #expect(try await archive.removeAlert(id: gone.id) == false)
        #expect(try await archive.removeAlert(id: kept.id + 1_000) == false)
        #expect(try await archive.alerts() == [kept])
    }

    /// Rebuilds `alert_matches` without its `REFERENCES alerts(id) ON DELETE CASCADE`.
    static func dropMatchForeignKey(_ store: TestStore) async throws {
        switch store.kind {
        case .sqlite:
            // A connection of its own beside the archive's, foreign keys off while the table is rebuilt.
            var configuration = Configuration()
            configuration.foreignKeysEnabled = false
            let queue = try DatabaseQueue(path: store.location, configuration: configuration)
            try await queue.write { db in
                try db.execute(sql: """
                    ALTER TABLE alert_matches RENAME TO old_matches;
                    CREATE TABLE alert_matches (
                        alert INTEGER NOT NULL, article TEXT NOT NULL, state TEXT NOT NULL, found TEXT NOT NULL,
                        attempts INTEGER NOT NULL, next_attempt TEXT, last_error TEXT, PRIMARY KEY (alert, article));
                    INSERT INTO alert_matches SELECT * FROM old_matches;
                    DROP TABLE old_matches;
                    """)
                #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(alert_matches)").isEmpty)
            }
            try queue.close()
        case .postgres:
            try await PostgresAdmin.execute(store.location, "ALTER TABLE alert_matches DROP CONSTRAINT alert_matches_alert_fkey")
            #expect(try await PostgresAdmin.number(store.location, """
                SELECT count(*) FROM information_schema.table_constraints
                WHERE table_name = 'alert_matches' AND constraint_type = 'FOREIGN KEY'
                """) == 0)
        }
    }

    /// New articles come back in the order given, however the store writes them; articles already
    /// recorded, earlier or earlier in the same call, do not, and keep their state.
    @Test(arguments: StoreKind.available) func recordingReturnsOnlyNewArticlesInTheGivenOrder(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let id = try await archive.saveAlert(Self.full).id
            #expect(try await archive.recordAlertMatches(alert: id, articles: [], state: .pending, found: "t0").isEmpty)
            let first = try await archive.recordAlertMatches(alert: id, articles: ["n3", "n1", "n2"], state: .seen, found: "t1")
            #expect(first == ["n3", "n1", "n2"])
            let second = try await archive.recordAlertMatches(
                alert: id, articles: ["n5", "n1", "خبر-4", "n3", "n5", "n0"], state: .pending, found: "t2")
            #expect(second == ["n5", "خبر-4", "n0"])
            #expect(try await archive.recordAlertMatches(alert: id, articles: ["n6", "n6"], state: .pending, found: "t3") == ["n6"])
            #expect(try await archive.recordAlertMatches(alert: id, articles: ["n1", "n6"], state: .pending, found: "t4").isEmpty)

            // The first recording stands: state, found, and fresh delivery fields.
            let seen = try await archive.alertMatches(alert: id, state: .seen, limit: 100)
            #expect(seen == ["n1", "n2", "n3"].map { AlertMatch(alert: id, article: $0, state: .seen, found: "t1") })
            let pending = try await archive.alertMatches(alert: id, state: .pending, limit: 100)
            #expect(pending.map(\.article) == ["n0", "n5", "خبر-4", "n6"])
            #expect(pending.map(\.found) == ["t2", "t2", "t2", "t3"])
        }
    }

    /// An alert that is not stored has no matches: recording some fails (a foreign key, in both
    /// stores) and records nothing.
    @Test(arguments: StoreKind.available) func recordingForAnUnknownAlertFails(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let id = try await archive.saveAlert(Self.bare).id
            await #expect {
                _ = try await archive.recordAlertMatches(alert: id + 1, articles: ["n1"], state: .pending, found: "t1")
            } throws: { error in
                guard case ArchiveError.writeFailed(let source, _) = error else { return false }
                return source == "alert \(id + 1)"
            }
            #expect(try await archive.recordAlertMatches(alert: id, articles: ["n1"], state: .pending, found: "t1") == ["n1"])
        }
    }

    /// One state at a time, oldest found first and then by article as bytes (upper case before
    /// lower case), at most `limit`.
    @Test(arguments: StoreKind.available) func matchesFilterByStateOrderByFoundThenArticleAndHonourLimit(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let id = try await archive.saveAlert(Self.full).id
            _ = try await archive.recordAlertMatches(alert: id, articles: ["b", "a", "B"], state: .pending, found: "2026-03-02T10:00:00Z")
            _ = try await archive.recordAlertMatches(alert: id, articles: ["z"], state: .pending, found: "2026-03-02T09:00:00Z")
            _ = try await archive.recordAlertMatches(alert: id, articles: ["m"], state: .seen, found: "2026-03-02T08:00:00Z")
            _ = try await archive.recordAlertMatches(alert: id, articles: ["c"], state: .failed, found: "2026-03-02T07:00:00Z")

            #expect(try await archive.alertMatches(alert: id, state: .pending, limit: 10).map(\.article) == ["z", "B", "a", "b"])
            #expect(try await archive.alertMatches(alert: id, state: .pending, limit: 2).map(\.article) == ["z", "B"])
            #expect(try await archive.alertMatches(alert: id, state: .pending, limit: 0).isEmpty)
            #expect(try await archive.alertMatches(alert: id, state: .pending, limit: -1).isEmpty)
            #expect(try await archive.alertMatches(alert: id, state: .seen, limit: 10).map(\.article) == ["m"])
            #expect(try await archive.alertMatches(alert: id, state: .failed, limit: 10).map(\.article) == ["c"])
            #expect(try await archive.alertMatches(alert: id, state: .delivered, limit: 10).isEmpty)
            if kind == .postgres {
                // A database whose default collation is C.UTF-8 sorts as bytes anyway: the columns
                // must sort so on any server.
                #expect(try await PostgresAdmin.number(store.location, """
                    SELECT count(*) FROM information_schema.columns WHERE table_name = 'alert_matches'
                    AND column_name IN ('article', 'state', 'found', 'next_attempt') AND collation_name = 'C'
                    """) == 4)
            }
        }
    }

    /// The delivery fields change, `found` does not; a match updated twice in one call ends as its
    /// last copy, and one that is not stored is skipped.
    @Test(arguments: StoreKind.available) func updatingMatchesChangesTheirDeliveryFields(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let id = try await archive.saveAlert(Self.full).id
            _ = try await archive.recordAlertMatches(alert: id, articles: ["a", "b", "c", "d"], state: .pending, found: "t1")
            let retry = AlertMatch(
                alert: id, article: "b", state: .pending, found: "t1", attempts: 2, nextAttempt: "2026-03-02T10:05:00Z",
                lastError: "HTTP 503 من الخادم")
            let sent = AlertMatch(alert: id, article: "a", state: .delivered, found: "t1", attempts: 1)
            let failed = AlertMatch(alert: id, article: "c", state: .failed, found: "t1", attempts: 5, lastError: "timed out")
            var movedFound = failed
            movedFound.found = "t9"
            try await archive.updateAlertMatches([])
            try await archive.updateAlertMatches([
                AlertMatch(alert: id, article: "a", state: .failed, found: "t1", attempts: 7, lastError: "first copy"), sent, retry, movedFound,
                AlertMatch(alert: id, article: "never-recorded", state: .delivered, found: "t1", attempts: 1),
            ])
            #expect(try await archive.alertMatches(alert: id, state: .delivered, limit: 10) == [sent])
            #expect(try await archive.alertMatches(alert: id, state: .pending, limit: 10)
                == [retry, AlertMatch(alert: id, article: "d", state: .pending, found: "t1")])
            #expect(try await archive.alertMatches(alert: id, state: .failed, limit: 10) == [failed])

            // Set optionals become nil again.
            var cleared = retry
            (cleared.nextAttempt, cleared.lastError, cleared.attempts) = (nil, nil, 3)
            try await archive.updateAlertMatches([cleared])
            #expect(try await archive.alertMatches(alert: id, state: .pending, limit: 1) == [cleared])
        }
    }

    /// The same article matched by two alerts is two matches: recorded, listed and updated apart.
    @Test(arguments: StoreKind.available) func matchesOfTwoAlertsDoNotMix(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { store in
            let archive = store.archive
            let one = try await archive.saveAlert(Self.full).id
            let two = try await archive.saveAlert(Self.bare).id
            #expect(try await archive.recordAlertMatches(alert: one, articles: ["x", "y"], state: .pending, found: "t1") == ["x", "y"])
            #expect(try await archive.recordAlertMatches(alert: two, articles: ["x"], state: .pending, found: "t2") == ["x"])
            #expect(try await archive.recordAlertMatches(alert: two, articles: ["y", "x"], state: .seen, found: "t3") == ["y"])
            #expect(try await archive.alertMatches(alert: one, state: .pending, limit: 10).map(\.article) == ["x", "y"])
            #expect(try await archive.alertMatches(alert: two, state: .pending, limit: 10)
                == [AlertMatch(alert: two, article: "x", state: .pending, found: "t2")])

            try await archive.updateAlertMatches([AlertMatch(alert: one, article: "x", state: .delivered, found: "t1", attempts: 1)])
            #expect(try await archive.alertMatches(alert: one, state: .delivered, limit: 10).map(\.article) == ["x"])
            #expect(try await archive.alertMatches(alert: two, state: .delivered, limit: 10).isEmpty)
            #expect(try await archive.alertMatches(alert: two, state: .pending, limit: 10).map(\.article) == ["x"])
            #expect(try await archive.alertMatches(alert: two, state: .seen, limit: 10).map(\.article) == ["y"])
        }
    }
}
