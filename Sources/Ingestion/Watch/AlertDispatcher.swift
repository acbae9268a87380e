public import Archive
import AsyncHTTPClient
import Crypto
public import Foundation
import NIOCore
import NIOHTTP1

/// What one pass over the alerts did.
public struct AlertReport: Sendable, Codable {
    public var alerts = 0
    /// Matches found this pass (each article fires an alert once).
    public var newMatches = 0
    public var delivered = 0
    /// Matches whose delivery failed this pass (to be retried), and those given up.
    public var retrying = 0
    public var givenUp = 0
    public var errors: [String] = []
    public init() {}
}

/// Posts each alert's new matches to its webhook as JSON, signed with an HMAC-SHA256 of the alert's
/// secret (`X-Marsad-Signature: sha256=<hex>` over the exact body), and retries failed deliveries
/// with doubling waits.
///
/// An article fires an alert once: matches are recorded in the archive before anything is sent, and
/// the articles that matched when the alert was created are its baseline, never sent.
public final class AlertDispatcher: Sendable {
    public struct Options: Sendable {
        /// Matches looked at per alert and pass: the newest, which is what a round adds.
        public var scanLimit = 200
        /// Matches per POST.
        public var batch = 50
        /// Tries of one match before it is given up.
        public var maxAttempts = 5
        /// The wait after a first failure; it doubles with each further one.
        public var retryBase: TimeInterval = 60
        public var timeout: TimeInterval = 20
        public init() {}
    }

    public let store: any ArchiveStore & AlertStore
    public let options: Options
    let client: HTTPClient

    public init(store: any ArchiveStore & AlertStore, options: Options = Options()) {
        self.store = store
        self.options = options
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    }

    public func shutdown() async { try? await client.shutdown() }

    /// The articles that match `alert` now: its baseline when it is created, its news afterwards.
    public func matches(of alert: WatchAlert) async throws -> [String] {
        let results = try await store.search(SearchRequest(
            query: SearchQuery(alert.query), filters: alert.filters, limit: options.scanLimit, order: .newest, facets: false))
        return results.hits.map(\.id)
    }

    /// Records what matches `alert` as its baseline, so that only later articles fire it.
    public func baseline(_ alert: WatchAlert, now: Date = Date()) async throws {
        _ = try await store.recordAlertMatches(alert: alert.id, articles: try await matches(of: alert), state: .seen, found: Timestamps.iso(now))
    }

    /// One pass: new matches of every alert recorded, then due deliveries sent.
    public func run(now: Date = Date()) async throws -> AlertReport {
        var report = AlertReport()
        for var alert in try await store.alerts() {
            report.alerts += 1
            let found = try await store.recordAlertMatches(
                alert: alert.id, articles: try await matches(of: alert).reversed(), state: .pending, found: Timestamps.iso(now))
            report.newMatches += found.count
            try await deliver(&alert, now: now, report: &report)
            alert.lastRun = Timestamps.iso(now)
            _ = try await store.saveAlert(alert)
        }
        return report
    }
}
