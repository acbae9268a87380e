public import NewsModel

/// Where Marsad keeps its articles: SQLite by default, PostgreSQL past one machine.
///
/// Both implementations take their index terms from ``IndexDocument`` and their query terms from
/// ``SearchQuery``, so they answer the same query with the same articles.
///
/// Writes are per page and atomic: ``ingest(_:)`` stores all of a page's articles or none of them,
/// and storing the same page again changes nothing.
///
/// An archive also keeps what `marsad watch` follows and has fetched (``WatchStateStore``), so that
/// every watcher and the reading site share one list, and the alerts that the watcher runs with
/// their matches (``AlertStore``).
public protocol ArchiveStore: WatchStateStore, AlertStore {
    /// Stores one extracted (and analyzed) page in one transaction.
    ///
    /// The page is keyed by its `source`: an unchanged page stores nothing new, and a changed page
    /// replaces its articles.
    func ingest(_ page: ArchivePage) async throws -> IngestOutcome

    /// Stores several pages, each atomically; a batch shares one transaction where the store can,
    /// which is much faster, and never splits a page.
    func ingest(batch pages: [ArchivePage]) async throws -> [IngestOutcome]

    /// The linking stage: links up to `limit` stored articles that are not linked yet to their
    /// copies (exact, near and teasers) and their stories, oldest first, and says how many wait.
    ///
    /// Linking reads only committed articles, so it may run in another transaction, process or
    /// moment than the ingest that stored them. It is resumable and idempotent: each article is linked
    /// once, in the transaction that takes it off the queue, and always against exactly the articles
    /// stored before it, so the result does not depend on when linking ran. A store that links in
    /// the page's own transaction has nothing queued and returns zeros.
    func link(limit: Int) async throws -> LinkProgress

    func search(_ request: SearchRequest) async throws -> SearchResults
    /// The articles `search` matches for this query and filters, counted by publication day without
    /// ranking them: the counts sum to the search's total (``Timeline``).
    func dayCounts(_ query: SearchQuery, filters: SearchFilters) async throws -> DayCounts
    /// Every article `search` matches, newest first (undated last), as row numbers for
    /// ``storedArticles(rows:)``: the order an export streams in.
    func matchingRows(_ query: SearchQuery, filters: SearchFilters) async throws -> [Int64]
    /// The stored rows of row numbers from ``matchingRows(_:filters:)``, in their order; rows no
    /// longer stored are skipped. ``storedArticles(rows:)`` decodes them.
    func storedRows(rows: [Int64]) async throws -> [StoredRow]
    /// How many articles the index holds, and how many hold each of `terms` (index terms), for
    /// ``SignificantTerms``; nil while the store has no statistics (an archive still being indexed,
    /// a PostgreSQL archive before its first refresh).
    func documentFrequencies(of terms: [String]) async throws -> ArchiveTermFrequencies?
    func article(id: String) async throws -> StoredArticle?
    /// Newest first, optionally in one section or from one source.
    func latest(_ request: ListRequest) async throws -> [ArticleSummary]
    /// Articles most like this one, without its duplicates.
    func related(to id: String, limit: Int) async throws -> [ArticleSummary]
    func quotes(_ request: QuoteRequest) async throws -> [QuoteRecord]
    func entities(_ request: EntityRequest) async throws -> [EntitySummary]
    /// One resolved entity, or nil for an unknown id.
    func entity(id: Int64) async throws -> EntitySummary?
    /// Groups the archive's names into entities (``EntityResolver``), keeping the ids entities had,
    /// and applying the user's corrections after the automatic merges. Run after linking; until the
    /// next run, names new to the archive are entities of their own.
    @discardableResult
    func resolveEntities() async throws -> EntityResolutionSummary
    /// Records a user's correction as data that survives re-ingest (by the names involved, not the
    /// ids) and applies it. Returns the entities changed; an unknown id or alias is
    /// ``ArchiveError/notFound(_:)``, a merge with itself or the split of an only name
    /// ``ArchiveError/conflict(_:)``.
    func correctEntity(_ edit: EntityEdit) async throws -> [EntitySummary]
    func stories(limit: Int, offset: Int) async throws -> [StorySummary]
    func story(id: Int64) async throws -> StoryDetail?
    /// Splits the stories that drifted (``StoryRefiner``): originals far from their story's final
    /// centroid leave it for stories of their own. Returns how many left. Run after linking, before
    /// the sagas; the same archive refined again changes nothing.
    @discardableResult
    func refineStories(using refiner: StoryRefiner) async throws -> Int
    /// Groups the stories into developing stories (``SagaBuilder``) from their profiles, replacing
    /// the sagas built before; returns how many there are. Run after linking.
    @discardableResult
    func buildSagas() async throws -> Int
    /// The same with a builder's thresholds of choice.
    @discardableResult
    func buildSagas(using builder: SagaBuilder) async throws -> Int
    /// Sagas, the most articles first.
    func sagas(limit: Int, offset: Int) async throws -> [SagaSummary]
    func saga(id: Int64) async throws -> SagaDetail?
    func stats() async throws -> ArchiveStats
    /// Releases connections; the store is unusable afterwards.
    func close() async throws
}

extension ArchiveStore {
    @discardableResult
    public func refineStories() async throws -> Int {
        try await refineStories(using: StoryRefiner())
    }

    /// Runs the linking stage until nothing waits, `batch` articles a transaction, telling
    /// `progress` the running total after each. Stopped at any point, it resumes where it stopped.
    @discardableResult
    public func linkPending(batch: Int = LinkProgress.batch, progress: (LinkProgress) -> Void = { _ in }) async throws -> LinkProgress {
        var total = LinkProgress()
        repeat {
            let step = try await link(limit: batch)
            total.add(step)
            progress(total)
            // A store that links inline reports nothing linked and nothing pending.
            if step.linked == 0 { break }
        } while total.pending > 0
        return total
    }

    public func ingest(batch pages: [ArchivePage]) async throws -> [IngestOutcome] {
        var outcomes = [IngestOutcome]()
        for page in pages { outcomes.append(try await ingest(page)) }
        return outcomes
    }
}

/// Errors every store reports the same way.
public enum ArchiveError: Error, CustomStringConvertible, Sendable {
    /// The database file or server is not a Marsad archive, or is damaged.
    case corrupt(String)
    /// The store cannot be opened or reached.
    case unavailable(String)
    /// A write failed (a full disk, a lost connection); nothing of the page was stored.
    case writeFailed(source: String, reason: String)
    /// A request field is wrong.
    case invalidRequest(field: String, reason: String)
    /// What the request names is not in the archive (an entity id, an alias of it).
    case notFound(String)
    /// The request contradicts what the archive holds (merging an entity with itself, splitting off
    /// an entity's only name).
    case conflict(String)

    public var description: String {
        switch self {
        case .corrupt(let what): return "archive is damaged or not a Marsad archive: \(what)"
        case .unavailable(let what): return "archive unavailable: \(what)"
        case .writeFailed(let source, let reason): return "could not store \(source): \(reason) (nothing of it was stored)"
        case .invalidRequest(let field, let reason): return "invalid \(field): \(reason)"
        case .notFound(let what): return what
        case .conflict(let what): return what
        }
    }
}
