import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// What a polite fetch came back with.
public enum FetchOutcome: Sendable {
    case fetched(FetchedPage)
    /// `304`: the validators sent still hold.
    case notModified
    /// `robots.txt` disallows the URL (or a redirect's target): nothing was requested.
    case disallowed
}

public struct FetchedPage: Sendable {
    public var body: [UInt8]
    public var contentType: String?
    /// The URL that answered, after redirects.
    public var finalURL: String
    public var etag: String?
    public var lastModified: String?
}

/// A fetch that failed. `permanent` failures (`404`, `410`, too large, too many redirects) are not
/// worth retrying; `retryAfter` is when the host said to come back.
public struct FetchFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public var permanent: Bool
    public var retryAfter: Date?
}

/// Fetches the way a polite crawler does: it obeys `robots.txt` (read once per host and kept), sends
/// one request at a time per host spaced by the crawl delay, sends conditional requests, backs off
/// when told to (`429`, `503` with `Retry-After`), follows redirects itself so that every hop is
/// checked against `robots.txt`, and keeps the timeout, size cap and User-Agent of `PageFetcher`.
public final class PoliteFetcher: Sendable {
    public struct Options: Sendable {
        /// Seconds between two requests to one host, unless `robots.txt` asks for more.
        public var spacing: TimeInterval = 1
        public var timeout: TimeInterval = 20
        public var maxBytes = 32 << 20
        public var maxRedirects = 5
        /// A host that asks to be left alone longer than this is skipped for the round.
        public var maxWait: TimeInterval = 120
        /// Used when a `429` or `503` carries no `Retry-After`.
        public var defaultRetryAfter: TimeInterval = 60
        /// The token that `robots.txt` groups name.
        public var robotsAgent = "marsad"
        public var userAgent = PageFetcher.userAgent
        public init() {}
    }

    public let options: Options
    let client: HTTPClient
    let schedule = HostSchedule()
    let robots = RobotsCache()

    public init(options: Options = Options()) {
        self.options = options
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .milliseconds(Int64(options.timeout * 1000))))
        configuration.decompression = .enabled(limit: .size(options.maxBytes))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Ends the connections; the fetcher is unusable afterwards.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Requests made to each origin so far (`robots.txt` included).
    public func requestCounts() async -> [String: Int] { await schedule.requests }

    /// One request and its response, read whole for a success.
    struct Exchange: Sendable {
        var status: UInt
        var reason: String
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Fetches `url`, sending `etag` and `lastModified` as validators.
    public func fetch(_ url: String, etag: String? = nil, lastModified: String? = nil) async throws -> FetchOutcome {
        var current = url
        for _ in 0...options.maxRedirects {
            guard let origin = CanonicalURL.origin(current) else { throw FetchFailure(description: "not an http(s) URL", permanent: true) }
            let rules = try await robotsRules(for: origin)
            guard rules.allows(CanonicalURL.pathAndQuery(current)) else {
                if rules.isUnreachable { throw FetchFailure(description: "robots.txt of \(origin) cannot be read: nothing is fetched from it for now", permanent: false) }
                return .disallowed
            }
            let target = current
            let exchange = try await withTurn(origin, spacing: max(options.spacing, rules.crawlDelay ?? 0)) {
                try await self.exchange(target, etag: etag, lastModified: lastModified)
            }
            switch exchange.status {
            case 200..<300:
                return .fetched(FetchedPage(
                    body: exchange.body, contentType: exchange.headers.first(name: "Content-Type"), finalURL: current,
                    etag: exchange.headers.first(name: "ETag"), lastModified: exchange.headers.first(name: "Last-Modified")))
            case 304:
                return .notModified
            case 301, 302, 303, 307, 308:
                guard let location = exchange.headers.first(name: "Location"),
                    let next = URL(string: location, relativeTo: URL(string: current))?.absoluteURL.absoluteString
                else { throw FetchFailure(description: "HTTP \(exchange.status) without a Location", permanent: true) }
                current = next
            case 429, 503:
                let until = Date().addingTimeInterval(RetryAfter.seconds(exchange.headers.first(name: "Retry-After")) ?? options.defaultRetryAfter)
                await schedule.pause(origin, until: until)
                throw FetchFailure(description: "HTTP \(exchange.status), retry after \(Int(until.timeIntervalSinceNow.rounded())) s", permanent: false, retryAfter: until)
            case 404, 410:
                throw FetchFailure(description: "HTTP \(exchange.status)", permanent: true)
            default:
                throw FetchFailure(description: "HTTP \(exchange.status) \(exchange.reason)", permanent: false)
            }
        }
        throw FetchFailure(description: "more than \(options.maxRedirects) redirects", permanent: true)
    }

    /// Runs `body` in the host's turn: after the previous request to it ended and the spacing
    /// passed, and before the next one starts.
    func withTurn<T: Sendable>(_ origin: String, spacing: TimeInterval, _ body: @Sendable () async throws -> T) async throws -> T {
        await schedule.acquire(origin)
        do {
            guard let start = await schedule.start(origin, spacing: spacing, maxWait: options.maxWait) else {
                let until = await schedule.pause(of: origin) ?? Date()
                throw FetchFailure(description: "host asked to wait until \(Timestamps.iso(until))", permanent: false, retryAfter: until)
            }
            let wait = start.timeIntervalSinceNow
            if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
            let result = try await body()
            await schedule.release(origin)
            return result
        } catch {
            await schedule.release(origin)
            throw error
        }
    }

    /// Sends the request; a success's body is read whole (within the size cap and the timeout).
    func exchange(_ url: String, etag: String?, lastModified: String?) async throws -> Exchange {
        let response = try await send(url, etag: etag, lastModified: lastModified)
        let code = response.status.code
        let body = (200..<300).contains(code) ? try await readBody(response) : []
        return Exchange(status: code, reason: response.status.reasonPhrase, headers: response.headers, body: body)
    }

    /// Sends the request under a deadline that abandons it: the request is cancelled, not awaited.
    func send(_ url: String, etag: String?, lastModified: String?) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: options.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
        request.headers.add(name: "Accept-Language", value: "ar,en;q=0.5")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        do {
            return try await client.execute(request, deadline: .now() + .milliseconds(Int64(options.timeout * 1000)))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw FetchFailure(description: "timed out after \(Int(options.timeout)) s", permanent: false)
        } catch {
            throw FetchFailure(description: "cannot fetch: \(error)", permanent: false)
        }
    }

    /// The body, refused past the size cap; a body that stalls past the timeout is abandoned.
    func readBody(_ response: HTTPClientResponse) async throws -> [UInt8] {
        let limit = options.maxBytes
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
            throw FetchFailure(description: "response is \(length) bytes, over the \(limit)-byte limit", permanent: true)
        }
        return try await Deadline.run(seconds: options.timeout, failure: FetchFailure(description: "timed out after \(Int(options.timeout)) s", permanent: false)) {
            var body = [UInt8]()
            do {
                for try await chunk in response.body {
                    guard body.count + chunk.readableBytes <= limit else {
                        throw FetchFailure(description: "response is over the \(limit)-byte limit", permanent: true)
                    }
                    body.append(contentsOf: chunk.readableBytesView)
                }
            } catch let failure as FetchFailure {
                throw failure
            } catch {
                throw FetchFailure(description: "cannot read the response: \(error)", permanent: false)
            }
            return body
        }
    }
}

/// `Retry-After`: seconds, or an HTTP date.
enum RetryAfter {
    /// The longest wait honoured, so that a hostile header cannot park a source for a year.
    static let maxSeconds: TimeInterval = 24 * 3600

    static func seconds(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return min(seconds, maxSeconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), maxSeconds)
    }
}

/// Runs work under a deadline: past it, the work's task is cancelled and `failure` thrown at once,
/// without waiting for the work to notice.
enum Deadline {
    static func run<T: Sendable>(seconds: TimeInterval, failure: some Error & Sendable, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let result = ResultBox<T>()
        let worker = Task { await result.set(await Result(catching: { try await work() })) }
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            await result.set(.failure(failure))
        }
        let outcome = await result.value()
        worker.cancel()
        timer.cancel()
        return try outcome.get()
    }

    /// The first result set wins; later ones are dropped.
    actor ResultBox<T: Sendable> {
        private var result: Result<T, any Error>?
        private var waiters: [CheckedContinuation<Result<T, any Error>, Never>] = []

        func set(_ value: Result<T, any Error>) {
            guard result == nil else { return }
            result = value
            for waiter in waiters { waiter.resume(returning: value) }
            waiters.removeAll()
        }

        func value() async -> Result<T, any Error> {
            if let result { return result }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
