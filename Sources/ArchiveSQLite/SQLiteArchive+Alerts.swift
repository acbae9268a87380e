public import Archive
import GRDB

/// Alerts and their matches (``AlertStore``) in tables `alerts` and `alert_matches` (schema v11).
/// The statements are those of ``PostgresArchive``'s, so that both stores answer alike.
extension SQLiteArchive {
    /// Every column but `id`, in the order of ``WatchAlert``'s fields.
    static let alertColumns = [
        "query", "section", "source", "entity", "speaker", "webhook", "secret", "created", "last_run", "delivered", "failures",
        "last_error",
    ]
    static let alertMatchColumns = ["alert", "article", "state", "found", "attempts", "next_attempt", "last_error"]

    /// A new alert (id 0) is inserted and gets the next id; another is updated in place, keeping its
    /// id and its matches. Saving an id that is not stored fails rather than inserting it: an alert
    /// removed while a watcher ran must stay removed when the watcher records its last run.
    public func saveAlert(_ alert: WatchAlert) async throws -> WatchAlert {
        do {
            return try await writer.write { db in
                let values: [(any DatabaseValueConvertible)?] = [
                    alert.query, alert.section, alert.source, alert.entity, alert.speaker, alert.webhook, alert.secret, alert.created,
                    alert.lastRun, alert.delivered, alert.failures, alert.lastError,
                ]
                var saved = alert
                if alert.id == 0 {
                    let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
                    try db.execute(
                        sql: "INSERT INTO alerts (\(Self.alertColumns.joined(separator: ", "))) VALUES (\(marks))",
                        arguments: StatementArguments(values))
                    saved.id = db.lastInsertedRowID
                } else {
                    let sets = Self.alertColumns.map { "\($0) = ?" }.joined(separator: ", ")
                    try db.execute(sql: "UPDATE alerts SET \(sets) WHERE id = ?", arguments: StatementArguments(values + [alert.id]))
                    guard db.changesCount > 0 else { throw ArchiveError.invalidRequest(field: "id", reason: "no alert \(alert.id)") }
                }
                return saved
            }
        } catch {
            throw writeError(error, source: "alert \(alert.id == 0 ? alert.query : String(alert.id))")
        }
    }

    /// Deletes the matches itself rather than leaving them to `ON DELETE CASCADE`, so that they go
    /// even on a connection where foreign keys are off.
    public func removeAlert(id: Int64) async throws -> Bool {
        do {
            return try await writer.write { db in
                try db.execute(sql: "DELETE FROM alert_matches WHERE alert = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM alerts WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        } catch {
            throw writeError(error, source: "alert \(id)")
        }
    }

    public func alerts() async throws -> [WatchAlert] {
        let sql = "SELECT id, \(Self.alertColumns.joined(separator: ", ")) FROM alerts ORDER BY id"
        return try await reading { db in try Row.fetchAll(db, sql: sql).map(Self.watchAlert) }
    }

    /// One insert per article, all in one transaction: an article already recorded for the alert
    /// (earlier, or earlier in this list) changes nothing and is not returned, so that it fires the
    /// alert once. Recording for an alert that is not stored fails (a foreign key).
    public func recordAlertMatches(alert: Int64, articles: [String], state: AlertMatch.State, found: String) async throws -> [String] {
        guard !articles.isEmpty else { return [] }
        let sql = """
            INSERT INTO alert_matches (\(Self.alertMatchColumns.joined(separator: ", "))) VALUES (?, ?, ?, ?, 0, NULL, NULL)
            ON CONFLICT (alert, article) DO NOTHING
            """
        do {
            return try await writer.write { db in
                let statement = try db.cachedStatement(sql: sql)
                var recorded = [String]()
                for article in articles {
                    try statement.execute(arguments: [alert, article, state.rawValue, found])
                    if db.changesCount > 0 { recorded.append(article) }
                }
                return recorded
            }
        } catch {
            throw writeError(error, source: "alert \(alert)")
        }
    }

    public func alertMatches(alert: Int64, state: AlertMatch.State, limit: Int) async throws -> [AlertMatch] {
        let limit = max(0, limit)
        guard limit > 0 else { return [] }
        let sql = """
            SELECT \(Self.alertMatchColumns.joined(separator: ", ")) FROM alert_matches
            WHERE alert = ? AND state = ? ORDER BY found, article LIMIT ?
            """
        return try await reading { db in
            try Row.fetchAll(db, sql: sql, arguments: [alert, state.rawValue, limit]).map(Self.alertMatch)
        }
    }

    /// One transaction, match after match: a match listed twice ends as its last copy, and one no
    /// longer stored (its alert removed meanwhile) is skipped, so that a delivery round finishing
    /// after `alerts remove` does not fail.
    public func updateAlertMatches(_ matches: [AlertMatch]) async throws {
        guard !matches.isEmpty else { return }
        let sql = "UPDATE alert_matches SET state = ?, attempts = ?, next_attempt = ?, last_error = ? WHERE alert = ? AND article = ?"
        do {
            try await writer.write { db in
                let statement = try db.cachedStatement(sql: sql)
                for match in matches {
                    try statement.execute(arguments: [
                        match.state.rawValue, match.attempts, match.nextAttempt, match.lastError, match.alert, match.article,
                    ])
                }
            }
        } catch {
            throw writeError(error, source: matches.count == 1 ? "alert \(matches[0].alert)" : "\(matches.count) alert matches")
        }
    }

    static func watchAlert(_ row: Row) -> WatchAlert {
        WatchAlert(
            id: row["id"], query: row["query"], section: row["section"], source: row["source"], entity: row["entity"],
            speaker: row["speaker"], webhook: row["webhook"], secret: row["secret"], created: row["created"],
            lastRun: row["last_run"], delivered: row["delivered"], failures: row["failures"], lastError: row["last_error"])
    }

    static func alertMatch(_ row: Row) throws -> AlertMatch {
        let article: String = row["article"]
        guard let state = AlertMatch.State(rawValue: row["state"]) else {
            throw ArchiveError.corrupt("alert match \(row["alert"] as Int64)/\(article): unknown state \(row["state"] as String)")
        }
        return AlertMatch(
            alert: row["alert"], article: article, state: state, found: row["found"], attempts: row["attempts"],
            nextAttempt: row["next_attempt"], lastError: row["last_error"])
    }
}
