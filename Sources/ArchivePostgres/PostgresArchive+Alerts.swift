public import Archive
import Foundation
import PostgresNIO

/// Alerts and their matches (``AlertStore``) in tables `alerts` and `alert_matches` (schema v4). The
/// statements are ``SQLiteArchive``'s, so that both stores answer alike.
extension PostgresArchive {
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
        var binds = Binds()
        let values = [
            binds.add(alert.query), binds.add(alert.section), binds.add(alert.source), binds.add(alert.entity), binds.add(alert.speaker),
            binds.add(alert.webhook), binds.add(alert.secret), binds.add(alert.created), binds.add(alert.lastRun),
            binds.add(alert.delivered), binds.add(alert.failures), binds.add(alert.lastError),
        ]
        let sql: String
        if alert.id == 0 {
            sql = "INSERT INTO alerts (\(Self.alertColumns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", "))) RETURNING id"
        } else {
            let sets = zip(Self.alertColumns, values).map { "\($0) = \($1)" }.joined(separator: ", ")
            sql = "UPDATE alerts SET \(sets) WHERE id = \(binds.add(alert.id)) RETURNING id"
        }
        let (arguments, logger, id) = (binds, self.logger, alert.id)
        var saved = alert
        saved.id = try await watchWrite("alert \(alert.id == 0 ? alert.query : String(alert.id))") { connection in
            guard let row = try await Self.rows(sql, arguments, on: connection, logger: logger).first else {
                throw ArchiveError.invalidRequest(field: "id", reason: "no alert \(id)")
            }
            return try row.int64("id")
        }
        return saved
    }

    /// Deletes the matches itself rather than leaving them to `ON DELETE CASCADE`, as SQLite does.
    public func removeAlert(id: Int64) async throws -> Bool {
        var binds = Binds()
        let key = binds.add(id)
        let (arguments, logger) = (binds, self.logger)
        return try await watchWrite("alert \(id)") { connection in
            try await Self.rows("DELETE FROM alert_matches WHERE alert = \(key)", arguments, on: connection, logger: logger)
            let removed = try await Self.rows("DELETE FROM alerts WHERE id = \(key) RETURNING id", arguments, on: connection, logger: logger)
            return !removed.isEmpty
        }
    }

    public func alerts() async throws -> [WatchAlert] {
        let logger = self.logger
        return try await read { connection in
            try await Self.rows(
                "SELECT id, \(Self.alertColumns.joined(separator: ", ")) FROM alerts ORDER BY id", on: connection, logger: logger
            ).map(Self.watchAlert)
        }
    }

    /// One statement, so one transaction and one round trip: the articles travel as one array, and
    /// `ON CONFLICT DO NOTHING … RETURNING` names the ones inserted, which are returned in the order
    /// given. An article listed twice counts once, as in SQLite. Rows are inserted in article order,
    /// so that two watchers recording overlapping lists lock them in the same order.
    public func recordAlertMatches(alert: Int64, articles: [String], state: AlertMatch.State, found: String) async throws -> [String] {
        var seen = Set<String>()
        let given = articles.map(Self.withoutNUL).filter { seen.insert($0).inserted }
        guard !given.isEmpty else { return [] }
        var binds = Binds()
        let (key, stateValue, foundValue) = (binds.add(alert), binds.add(state.rawValue), binds.add(found))
        binds.bindings.append(given)
        let sql = """
            INSERT INTO alert_matches (\(Self.alertMatchColumns.joined(separator: ", ")))
            SELECT \(key), article, \(stateValue), \(foundValue), 0, NULL, NULL
            FROM unnest($\(binds.bindings.count)::text[]) AS given(article)
            ORDER BY article COLLATE "C"
            ON CONFLICT (alert, article) DO NOTHING
            RETURNING article
            """
        let (arguments, logger) = (binds, self.logger)
        let recorded = try await watchWrite("alert \(alert)") { connection in
            Set(try await Self.rows(sql, arguments, on: connection, logger: logger).map { try $0.string("article") })
        }
        return given.filter(recorded.contains)
    }

    public func alertMatches(alert: Int64, state: AlertMatch.State, limit: Int) async throws -> [AlertMatch] {
        let limit = max(0, limit)
        guard limit > 0 else { return [] }
        var binds = Binds()
        let sql = """
            SELECT \(Self.alertMatchColumns.joined(separator: ", ")) FROM alert_matches
            WHERE alert = \(binds.add(alert)) AND state = \(binds.add(state.rawValue)) ORDER BY found, article LIMIT \(binds.add(limit))
            """
        let (arguments, logger) = (binds, self.logger)
        return try await read { connection in
            try await Self.rows(sql, arguments, on: connection, logger: logger).map(Self.alertMatch)
        }
    }

    /// One statement over a JSON array (as ``saveKnownURLs(_:)``), so one transaction and one round
    /// trip. A match listed twice ends as its last copy, as in SQLite (PostgreSQL would pick either
    /// for a row joined twice); one no longer stored (its alert removed meanwhile) is skipped.
    public func updateAlertMatches(_ matches: [AlertMatch]) async throws {
        guard !matches.isEmpty else { return }
        var last = [String: (key: (Int64, String), row: [String: Any])]()
        for match in matches {
            let article = Self.withoutNUL(match.article)
            last["\(match.alert) \(article)"] = ((match.alert, article), Self.json(match))
        }
        let rows = last.values.sorted { $0.key < $1.key }.map(\.row)
        var binds = Binds()
        let list = binds.add(String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self))
        let sql = """
            UPDATE alert_matches AS m SET state = x.state, attempts = x.attempts, next_attempt = x.next_attempt, last_error = x.last_error
            FROM jsonb_to_recordset(\(list)::jsonb) AS x(alert bigint, article text, state text, attempts bigint, next_attempt text,
                last_error text)
            WHERE m.alert = x.alert AND m.article = x.article
            """
        let (arguments, logger) = (binds, self.logger)
        try await watchWrite(matches.count == 1 ? "alert \(matches[0].alert)" : "\(matches.count) alert matches") { connection in
            _ = try await Self.rows(sql, arguments, on: connection, logger: logger)
        }
    }

    /// A match's delivery fields as a `jsonb_to_recordset` row; a missing key reads as NULL.
    static func json(_ match: AlertMatch) -> [String: Any] {
        var row: [String: Any] = [
            "alert": match.alert, "article": withoutNUL(match.article), "state": match.state.rawValue, "attempts": match.attempts,
        ]
        if let nextAttempt = match.nextAttempt { row["next_attempt"] = withoutNUL(nextAttempt) }
        if let lastError = match.lastError { row["last_error"] = withoutNUL(lastError) }
        return row
    }

    static func watchAlert(_ row: PostgresRandomAccessRow) throws -> WatchAlert {
        WatchAlert(
            id: try row.int64("id"), query: try row.string("query"), section: try row.optionalString("section"),
            source: try row.optionalString("source"), entity: try row.optionalString("entity"), speaker: try row.optionalString("speaker"),
            webhook: try row.string("webhook"), secret: try row.string("secret"), created: try row.string("created"),
            lastRun: try row.optionalString("last_run"), delivered: try row.int("delivered"), failures: try row.int("failures"),
            lastError: try row.optionalString("last_error"))
    }

    static func alertMatch(_ row: PostgresRandomAccessRow) throws -> AlertMatch {
        let (alert, article) = (try row.int64("alert"), try row.string("article"))
        guard let state = AlertMatch.State(rawValue: try row.string("state")) else {
            throw ArchiveError.corrupt("alert match \(alert)/\(article): unknown state \(try row.string("state"))")
        }
        return AlertMatch(
            alert: alert, article: article, state: state, found: try row.string("found"), attempts: try row.int("attempts"),
            nextAttempt: try row.optionalString("next_attempt"), lastError: try row.optionalString("last_error"))
    }
}
