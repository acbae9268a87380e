/// A query that an analyst follows: each watch round, the articles that newly match it are posted as
/// JSON to `webhook`, signed with an HMAC of `secret`.
public struct WatchAlert: Sendable, Hashable, Codable {
    /// Assigned by the store; 0 before the alert is stored.
    public var id: Int64
    /// The query language of `marsad search`.
    public var query: String
    /// Narrowing, as `marsad search`'s options.
    public var section: String?
    public var source: String?
    public var entity: String?
    public var speaker: String?
    public var webhook: String
    /// The key of the `X-Marsad-Signature` HMAC. Kept in the archive, since whoever runs the watcher
    /// signs; never shown by `alerts list`.
    public var secret: String
    /// ISO 8601 (UTC).
    public var created: String
    public var lastRun: String?
    /// Matches delivered so far.
    public var delivered: Int
    /// Failed deliveries in a row, and the last failure.
    public var failures: Int
    public var lastError: String?

    public init(
        id: Int64 = 0, query: String, section: String? = nil, source: String? = nil, entity: String? = nil, speaker: String? = nil,
        webhook: String, secret: String, created: String, lastRun: String? = nil, delivered: Int = 0, failures: Int = 0,
        lastError: String? = nil
    ) {
        self.id = id
        self.query = query
        self.section = section
        self.source = source
        self.entity = entity
        self.speaker = speaker
        self.webhook = webhook
        self.secret = secret
        self.created = created
        self.lastRun = lastRun
        self.delivered = delivered
        self.failures = failures
        self.lastError = lastError
    }

    /// The filters of the alert's search.
    public var filters: SearchFilters { SearchFilters(section: section, source: source, entity: entity, speaker: speaker) }
}

/// One article that matched an alert, and where its delivery stands. Each (alert, article) pair is
/// recorded once, so that an article fires an alert once.
public struct AlertMatch: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Matched when the alert was created: the baseline, never sent.
        case seen
        /// Waiting for delivery (a first try, or a retry after `nextAttempt`).
        case pending
        case delivered
        /// Given up after the retries.
        case failed
    }

    public var alert: Int64
    public var article: String
    public var state: State
    /// ISO 8601 (UTC): when the match was found.
    public var found: String
    public var attempts: Int
    /// ISO 8601 (UTC): not retried before.
    public var nextAttempt: String?
    public var lastError: String?

    public init(alert: Int64, article: String, state: State, found: String, attempts: Int = 0, nextAttempt: String? = nil, lastError: String? = nil) {
        self.alert = alert
        self.article = article
        self.state = state
        self.found = found
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastError = lastError
    }
}

/// Where alerts and their matches live: tables `alerts` and `alert_matches` in the archive, in both
/// stores.
public protocol AlertStore: Sendable {
    /// Stores `alert`: a new one (id 0) gets the next id; a known id is replaced. Returns it with its id.
    func saveAlert(_ alert: WatchAlert) async throws -> WatchAlert
    /// Removes the alert and its matches; true when it was there.
    func removeAlert(id: Int64) async throws -> Bool
    /// Every alert, by id.
    func alerts() async throws -> [WatchAlert]
    /// Records each of `articles` not yet recorded for the alert, in `state`, in one transaction;
    /// returns the articles newly recorded, in the order given.
    func recordAlertMatches(alert: Int64, articles: [String], state: AlertMatch.State, found: String) async throws -> [String]
    /// The alert's matches in `state`, oldest found first, at most `limit`.
    func alertMatches(alert: Int64, state: AlertMatch.State, limit: Int) async throws -> [AlertMatch]
    /// Replaces the matches' delivery fields (state, attempts, next attempt, last error), in one transaction.
    func updateAlertMatches(_ matches: [AlertMatch]) async throws
}
