/// An archive whose reads go to a read replica and whose writes go to the primary: what
/// `marsad serve --read-store` serves from.
///
/// Reads are the public pages and API (search, articles, lists, entities, stories, sagas, stats).
/// Everything that changes the archive, and the watcher's and alerts' own state, which the watcher
/// reads only to write it back, goes to the primary.
///
/// Invariant: the replica is the primary as of a moment ago. A write's own answer comes from the
/// primary (an entity correction returns the entities as the primary has them), but a page read
/// right after a write may not show it until the replica has replayed it.
public final class ReplicatedArchive: ArchiveStore, Sendable {
    public let primary: any ArchiveStore
    public let replica: any ArchiveStore

    public init(primary: any ArchiveStore, replica: any ArchiveStore) {
        self.primary = primary
        self.replica = replica
    }

    // MARK: - Writes, to the primary

    public func ingest(_ page: ArchivePage) async throws -> IngestOutcome { try await primary.ingest(page) }
    public func ingest(batch pages: [ArchivePage]) async throws -> [IngestOutcome] { try await primary.ingest(batch: pages) }
    public func link(limit: Int) async throws -> LinkProgress { try await primary.link(limit: limit) }
    @discardableResult
    public func resolveEntities() async throws -> EntityResolutionSummary { try await primary.resolveEntities() }
    public func correctEntity(_ edit: EntityEdit) async throws -> [EntitySummary] { try await primary.correctEntity(edit) }
    @discardableResult
    public func refineStories(using refiner: StoryRefiner) async throws -> Int { try await primary.refineStories(using: refiner) }
    @discardableResult
    public func buildSagas() async throws -> Int { try await primary.buildSagas() }
    @discardableResult
    public func buildSagas(using builder: SagaBuilder) async throws -> Int { try await primary.buildSagas(using: builder) }

    // MARK: - Reads, from the replica

    public func search(_ request: SearchRequest) async throws -> SearchResults { try await replica.search(request) }
    public func dayCounts(_ query: SearchQuery, filters: SearchFilters) async throws -> DayCounts { try await replica.dayCounts(query, filters: filters) }
    public func matchingRows(_ query: SearchQuery, filters: SearchFilters) async throws -> [Int64] { try await replica.matchingRows(query, filters: filters) }
    public func storedRows(rows: [Int64]) async throws -> [StoredRow] { try await replica.storedRows(rows: rows) }
    public func documentFrequencies(of terms: [String]) async throws -> ArchiveTermFrequencies? { try await replica.documentFrequencies(of: terms) }
    public func article(id: String) async throws -> StoredArticle? { try await replica.article(id: id) }
    public func latest(_ request: ListRequest) async throws -> [ArticleSummary] { try await replica.latest(request) }
    public func related(to id: String, limit: Int) async throws -> [ArticleSummary] { try await replica.related(to: id, limit: limit) }
    public func quotes(_ request: QuoteRequest) async throws -> [QuoteRecord] { try await replica.quotes(request) }
    public func entities(_ request: EntityRequest) async throws -> [EntitySummary] { try await replica.entities(request) }
    public func entity(id: Int64) async throws -> EntitySummary? { try await replica.entity(id: id) }
    public func stories(limit: Int, offset: Int) async throws -> [StorySummary] { try await replica.stories(limit: limit, offset: offset) }
    public func story(id: Int64) async throws -> StoryDetail? { try await replica.story(id: id) }
    public func sagas(limit: Int, offset: Int) async throws -> [SagaSummary] { try await replica.sagas(limit: limit, offset: offset) }
    public func saga(id: Int64) async throws -> SagaDetail? { try await replica.saga(id: id) }
    public func stats() async throws -> ArchiveStats { try await replica.stats() }

    // MARK: - The watcher's and the alerts' state, on the primary

    public func saveSource(_ source: WatchedSource) async throws { try await primary.saveSource(source) }
    public func removeSource(url: String) async throws -> Bool { try await primary.removeSource(url: url) }
    public func watchedSources() async throws -> [WatchedSource] { try await primary.watchedSources() }
    public func knownURLs(_ urls: [String]) async throws -> [String: KnownURL] { try await primary.knownURLs(urls) }
    public func saveKnownURLs(_ entries: [KnownURL]) async throws { try await primary.saveKnownURLs(entries) }
    public func retriesPending(listedBy document: String, below attempts: Int) async throws -> Int {
        try await primary.retriesPending(listedBy: document, below: attempts)
    }
    public func saveAlert(_ alert: WatchAlert) async throws -> WatchAlert { try await primary.saveAlert(alert) }
    public func removeAlert(id: Int64) async throws -> Bool { try await primary.removeAlert(id: id) }
    public func alerts() async throws -> [WatchAlert] { try await primary.alerts() }
    public func recordAlertMatches(alert: Int64, articles: [String], state: AlertMatch.State, found: String) async throws -> [String] {
        try await primary.recordAlertMatches(alert: alert, articles: articles, state: state, found: found)
    }
    public func alertMatches(alert: Int64, state: AlertMatch.State, limit: Int) async throws -> [AlertMatch] {
        try await primary.alertMatches(alert: alert, state: state, limit: limit)
    }
    public func updateAlertMatches(_ matches: [AlertMatch]) async throws { try await primary.updateAlertMatches(matches) }

    /// Closes both, the primary even when the replica fails to close.
    public func close() async throws {
        var replicaError: (any Error)?
        do { try await replica.close() } catch { replicaError = error }
        try await primary.close()
        if let replicaError { throw replicaError }
    }
}
