/// A source that `marsad watch` follows: a feed, a news sitemap, or a page whose article links are
/// read, with what the last fetches found. Sources live in the archive, so that every watcher and the
/// reading site see the same list.
public struct WatchedSource: Sendable, Hashable, Codable {
    /// What the source's URL serves.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Decided on each fetch: a feed, a sitemap, or an HTML page (whose announced feeds are read
        /// when it has any, else its article links).
        case auto
        /// RSS or Atom.
        case feed
        /// A sitemap or sitemap index, news sitemaps included.
        case sitemap
        /// An HTML section or home page whose article links are followed.
        case page
    }

    public var url: String
    public var kind: Kind
    /// Seconds between two fetches when the source is healthy.
    public var everySeconds: Int
    /// ISO 8601 (UTC) instants.
    public var added: String
    public var nextDue: String
    public var lastFetch: String?
    /// `ok`, `not modified`, or what went wrong (`HTTP 503`, `timed out after 20 s`…).
    public var lastStatus: String?
    /// Articles stored from the last fetch, and from every fetch.
    public var lastNew: Int
    public var totalNew: Int
    /// Failed fetches in a row: the source backs off while it keeps failing, and is reported.
    public var failures: Int
    public var lastError: String?
    /// Validators of the last successful fetch, sent back as `If-None-Match` and `If-Modified-Since`.
    public var etag: String?
    public var lastModified: String?

    public init(
        url: String, kind: Kind = .auto, everySeconds: Int = 600, added: String, nextDue: String, lastFetch: String? = nil,
        lastStatus: String? = nil, lastNew: Int = 0, totalNew: Int = 0, failures: Int = 0, lastError: String? = nil,
        etag: String? = nil, lastModified: String? = nil
    ) {
        self.url = url
        self.kind = kind
        self.everySeconds = everySeconds
        self.added = added
        self.nextDue = nextDue
        self.lastFetch = lastFetch
        self.lastStatus = lastStatus
        self.lastNew = lastNew
        self.totalNew = totalNew
        self.failures = failures
        self.lastError = lastError
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// An article URL the watcher has dealt with, so that it is not fetched again unless its feed or
/// sitemap says that it changed.
public struct KnownURL: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Fetched and stored (or found unchanged).
        case stored
        /// `robots.txt` disallows it: never fetched, never stored.
        case disallowed
        /// The last fetch failed; it is tried again on a later round, up to a limit.
        case failed
        /// Failed for good: the feed's own copy was stored instead, when it had the full text.
        case gone
    }

    /// The canonical URL (tracking parameters dropped).
    public var url: String
    /// The document that listed it: a source's feed, sitemap or page, or one that the source led to
    /// (a feed its home page announces, a sitemap of its index). A followed document is itself
    /// recorded, listed by the source, with the validators of its last fetch.
    public var source: String
    public var status: Status
    /// ISO 8601 (UTC).
    public var lastFetch: String
    /// The date that the feed or sitemap gave the item when it was fetched (`updated`, `lastmod`): a
    /// later date means that the page changed and is fetched again.
    public var listedDate: String?
    public var etag: String?
    public var lastModified: String?
    public var attempts: Int
    public var lastError: String?

    public init(
        url: String, source: String, status: Status, lastFetch: String, listedDate: String? = nil, etag: String? = nil,
        lastModified: String? = nil, attempts: Int = 1, lastError: String? = nil
    ) {
        self.url = url
        self.source = source
        self.status = status
        self.lastFetch = lastFetch
        self.listedDate = listedDate
        self.etag = etag
        self.lastModified = lastModified
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// Where the watcher keeps its sources and the URLs it has dealt with. Both stores implement it in
/// the archive itself (tables `sources` and `known_urls`).
public protocol WatchStateStore: Sendable {
    /// Adds the source, or replaces the one with the same URL.
    func saveSource(_ source: WatchedSource) async throws
    /// True when a source with this URL was there.
    func removeSource(url: String) async throws -> Bool
    /// Every source, ordered by URL.
    func watchedSources() async throws -> [WatchedSource]
    /// The known entries among `urls`, keyed by URL.
    func knownURLs(_ urls: [String]) async throws -> [String: KnownURL]
    /// Adds or replaces entries, in one transaction.
    func saveKnownURLs(_ entries: [KnownURL]) async throws
    /// How many URLs that `document` listed failed and have been tried fewer than `attempts` times:
    /// while any are left, the document is fetched whole (not conditionally), so that they are
    /// listed, and tried, again.
    func retriesPending(listedBy document: String, below attempts: Int) async throws -> Int
}

/// A source's period as people write it: `90s`, `10m`, `2h`, `1d`, or plain seconds. The CLI reads
/// it and the CLI and the reading site show it.
public enum WatchPeriod {
    /// Sources are not fetched more often than this: a politeness floor, whatever the user asks.
    public static let minimumSeconds = 60

    static let units: [(suffix: Character, seconds: Int)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The seconds that `text` means, or nil when it is not a duration.
    public static func seconds(_ text: String) -> Int? {
        guard let last = text.last else { return nil }
        if let unit = units.first(where: { $0.suffix == last }) { return Int(text.dropLast()).flatMap { $0 >= 0 ? $0 * unit.seconds : nil } }
        return Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The largest whole unit: 600 is `10m`, 90 is `90s`.
    public static func text(_ seconds: Int) -> String {
        for unit in units where seconds >= unit.seconds && seconds % unit.seconds == 0 { return "\(seconds / unit.seconds)\(unit.suffix)" }
        return "\(seconds)s"
    }
}
