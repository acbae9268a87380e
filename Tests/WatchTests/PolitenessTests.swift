import Foundation
import Archive
import ArchiveSQLite
@testable import Ingestion
import Testing

struct RobotsRulesTests {
    static let text = """
        # a comment
        User-agent: otherbot
        Disallow: /

        User-agent: Marsad
        User-agent: archiver
        Disallow: /private/
        Allow: /private/open
        Disallow: /*.pdf$
        Disallow: /search?
        Crawl-delay: 2.5

        User-agent: *
        Disallow: /everyone-else/
        """

    @Test func ourGroupIsChosenByProductTokenCaseInsensitively() {
        let rules = RobotsRules(Self.text, agent: "marsad")
        #expect(!rules.allows("/private/x"))
        #expect(rules.allows("/everyone-else/x"))
        #expect(rules.crawlDelay == 2.5)
    }

    @Test func theStarGroupAppliesToOtherAgents() {
        let rules = RobotsRules(Self.text, agent: "somebot")
        #expect(!rules.allows("/everyone-else/page"))
        #expect(rules.allows("/private/x"))
        #expect(rules.crawlDelay == nil)
    }

    @Test func theLongestMatchWinsAndAllowWinsATie() {
        let rules = RobotsRules(Self.text, agent: "marsad")
        #expect(rules.allows("/private/open/page"))
        #expect(!rules.allows("/private/closed"))
        let tie = RobotsRules("User-agent: *\nDisallow: /a\nAllow: /a\n", agent: "marsad")
        #expect(tie.allows("/a/b"))
    }

    @Test func wildcardsAndTheEndAnchor() {
        let rules = RobotsRules(Self.text, agent: "marsad")
        #expect(!rules.allows("/files/report.pdf"))
        #expect(rules.allows("/files/report.pdf?download=1"))
        #expect(!rules.allows("/search?q=x"))
        #expect(rules.allows("/search"))
    }

    @Test func emptyDisallowAndNoFileAllowEverything() {
        #expect(RobotsRules("User-agent: *\nDisallow:\n", agent: "marsad").allows("/anything"))
        #expect(RobotsRules.allowAll.allows("/x"))
        #expect(!RobotsRules.disallowAll.allows("/x") && RobotsRules.disallowAll.isUnreachable)
        #expect(!RobotsRules("User-agent: *\nDisallow: /\n", agent: "marsad").isUnreachable)
    }
}

struct CanonicalURLTests {
    @Test func trackingParametersAndFragmentsAreDropped() {
        #expect(CanonicalURL.canonical("HTTPS://News.Example:443/a?utm_source=rss&id=7&fbclid=x#top") == "https://news.example/a?id=7")
        #expect(CanonicalURL.canonical("http://news.example") == "http://news.example/")
        #expect(CanonicalURL.canonical("http://news.example/a?utm_medium=feed") == "http://news.example/a")
    }

    @Test func onlyAbsoluteHTTPURLs() {
        #expect(CanonicalURL.canonical("/news/1") == nil)
        #expect(CanonicalURL.canonical("ftp://news.example/x") == nil)
        #expect(CanonicalURL.canonical("javascript:alert(1)") == nil)
    }

    @Test func originsAndRobotsPaths() {
        #expect(CanonicalURL.origin("http://127.0.0.1:8080/a/b") == "http://127.0.0.1:8080")
        #expect(CanonicalURL.pathAndQuery("http://x.example/a%20b?q=1") == "/a%20b?q=1")
        #expect(CanonicalURL.pathAndQuery("http://x.example") == "/")
    }
}

struct BackoffTests {
    @Test func retryAfterTakesSecondsOrADateAndIsCapped() {
        let now = Date(timeIntervalSince1970: 1_773_000_000)
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds("99999999", now: now) == RetryAfter.maxSeconds)
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "GMT")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.seconds(date.string(from: now.addingTimeInterval(30)), now: now) == 30)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
    }

    @Test func aHostsTurnsAreSpacedFromTheLastEndAndPausesHold() async {
        let schedule = HostSchedule()
        let now = Date(timeIntervalSince1970: 1_773_000_000)
        await schedule.acquire("http://a")
        #expect(await schedule.start("http://a", spacing: 1, maxWait: 60, now: now) == now)
        await schedule.release("http://a", now: now.addingTimeInterval(5))
        // The next request waits for the spacing after the last one ended, not after it began.
        #expect(await schedule.start("http://a", spacing: 1, maxWait: 60, now: now) == now.addingTimeInterval(6))
        #expect(await schedule.start("http://b", spacing: 1, maxWait: 60, now: now) == now)
        await schedule.pause("http://a", until: now.addingTimeInterval(30))
        #expect(await schedule.start("http://a", spacing: 1, maxWait: 60, now: now) == now.addingTimeInterval(30))
        await schedule.pause("http://a", until: now.addingTimeInterval(600))
        #expect(await schedule.start("http://a", spacing: 1, maxWait: 60, now: now) == nil)
    }

    @Test func oneRequestAtATimePerHost() async {
        let schedule = HostSchedule()
        let inside = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await schedule.acquire("http://a")
                    await inside.enter()
                    try? await Task.sleep(nanoseconds: 2_000_000)
                    await inside.leave()
                    await schedule.release("http://a")
                }
            }
        }
        #expect(await inside.most == 1)
        #expect(await schedule.requests["http://a"] == 8)
    }

    @Test func aFailingSourceBacksOffUpToTheCap() {
        var options = WatchOptions()
        options.maxBackoff = 3600
        let now = Date(timeIntervalSince1970: 0)
        #expect(options.nextDue(WatchedSourceTiming(everySeconds: 600, failures: 0), now: now).timeIntervalSince1970 == 600)
        #expect(options.nextDue(WatchedSourceTiming(everySeconds: 600, failures: 2), now: now).timeIntervalSince1970 == 2400)
        #expect(options.nextDue(WatchedSourceTiming(everySeconds: 600, failures: 9), now: now).timeIntervalSince1970 == 3600)
    }

    @Test func aDeadlineAbandonsWorkThatIgnoresCancellation() async throws {
        struct Late: Error {}
        let gate = Gate()
        // Opens the gate in any case, so that a deadline that waited for the work fails the test
        // instead of hanging it. Ten minutes, not one: in a loaded CI run the 0.05 s deadline itself
        // was scheduled only after more than a minute (the pool busy with blocking tests), and the
        // safety opened the gate first.
        let safety = Task { try await Task.sleep(nanoseconds: 600_000_000_000); await gate.open() }
        var thrown: (any Error)?
        do {
            _ = try await Deadline.run(seconds: 0.05, failure: Late()) {
                await gate.wait()  // ignores cancellation: only the gate ends it
                return 1
            }
        } catch {
            thrown = error
        }
        // The deadline answered while the work was still stuck.
        #expect(thrown is Late)
        #expect(await !gate.isOpen)
        await gate.open()
        safety.cancel()
    }
}

struct WatchPeriodTests {
    @Test func periodsReadAndWriteAsPeopleWriteThem() {
        #expect(WatchPeriod.seconds("10m") == 600)
        #expect(WatchPeriod.seconds("2h") == 7200)
        #expect(WatchPeriod.seconds("1d") == 86_400)
        #expect(WatchPeriod.seconds("90s") == 90 && WatchPeriod.seconds("90") == 90)
        #expect(WatchPeriod.seconds("soon") == nil && WatchPeriod.seconds("-5m") == nil && WatchPeriod.seconds("") == nil)
        #expect(WatchPeriod.text(600) == "10m" && WatchPeriod.text(90) == "90s" && WatchPeriod.text(7200) == "2h")
    }
}

/// Work that ends only when the test says so, whatever cancellation asks.
actor Gate {
    private(set) var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}

actor Counter {
    private var current = 0
    private(set) var most = 0
    func enter() { current += 1; most = max(most, current) }
    func leave() { current -= 1 }
}

/// A source removed while the watcher was fetching it is not written back when the fetch ends.
@Test func aSourceRemovedMidRoundStaysRemoved() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-removed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let archive = try SQLiteArchive(path: directory.appendingPathComponent("a.sqlite").path)
    var options = PoliteFetcher.Options()
    options.timeout = 2
    let fetcher = PoliteFetcher(options: options)
    let watcher = Watcher(store: archive, ingestor: Ingestor(analyzer: nil), fetcher: fetcher)
    // Port 9 (discard) refuses at once: the fetch fails, and the failure would be saved.
    let gone = WatchedSource(url: "http://127.0.0.1:9/feed", added: "2026-03-10T06:00:00Z", nextDue: "2026-03-10T06:00:00Z")
    let report = try await watcher.watch(gone)
    #expect(report.failedSources == 1)
    #expect(try await archive.watchedSources().isEmpty)
    // A source that is still there gets its state.
    try await archive.saveSource(gone)
    _ = try await watcher.watch(gone)
    #expect(try await archive.watchedSources().first?.failures == 1)
    await fetcher.shutdown()
    try await archive.close()
}

/// Which known URLs a round fetches again.
@Test func knownURLsAreFetchedAgainOnlyWhenTheyMayHaveChanged() async throws {
    let fetcher = PoliteFetcher()
    let watcher = Watcher(store: try SQLiteArchive(path: ":memory:"), ingestor: Ingestor(analyzer: nil), fetcher: fetcher)
    defer { Task { await fetcher.shutdown() } }
    let now = Date(timeIntervalSince1970: 1_773_000_000)
    let listed = ListedArticle(url: "https://news.example/a/1", listedDate: "2026-03-10T09:00:00Z", listedBy: "https://news.example/rss")
    func known(_ status: KnownURL.Status, attempts: Int = 1, listedDate: String? = "2026-03-10T09:00:00Z", hoursAgo: Double = 1) -> KnownURL {
        KnownURL(url: listed.url, source: listed.listedBy, status: status, lastFetch: Timestamps.iso(now.addingTimeInterval(-hoursAgo * 3600)),
                 listedDate: listedDate, attempts: attempts)
    }
    #expect(watcher.needsFetch(listed, known: nil, now: now))
    #expect(!watcher.needsFetch(listed, known: known(.stored), now: now))
    #expect(watcher.needsFetch(listed, known: known(.stored, listedDate: "2026-03-10T08:00:00Z"), now: now), "the listing dates it later")
    #expect(watcher.needsFetch(listed, known: known(.failed, attempts: 2), now: now))
    #expect(!watcher.needsFetch(listed, known: known(.failed, attempts: 3), now: now))
    #expect(!watcher.needsFetch(listed, known: known(.disallowed), now: now))
    #expect(watcher.needsFetch(listed, known: known(.disallowed, hoursAgo: 25), now: now), "robots.txt may allow it now")
}
