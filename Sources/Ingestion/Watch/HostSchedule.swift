import Foundation

/// One request at a time per host, each starting at least the crawl delay after the previous one
/// ended, and none while the host has said to come back later (`429`, `503`).
///
/// A caller holds the host's turn from before it sends until it has read the response, so the
/// spacing holds on the wire whatever the load: a request that was sent late cannot let the next
/// one follow it closely. Waiting callers are served in order of arrival.
actor HostSchedule {
    struct Host {
        var busy = false
        var lastEnd = Date.distantPast
        var pausedUntil: Date?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private var hosts: [String: Host] = [:]
    private(set) var requests: [String: Int] = [:]

    /// Waits for the host's turn; the caller must ``release(_:)`` it.
    func acquire(_ origin: String) async {
        if hosts[origin, default: Host()].busy {
            // ``release(_:)`` hands the turn over: the host stays busy for the waiter it wakes.
            await withCheckedContinuation { hosts[origin, default: Host()].waiters.append($0) }
        } else {
            hosts[origin, default: Host()].busy = true
        }
        requests[origin, default: 0] += 1
    }

    /// Ends the turn now, and hands it to the next waiter.
    func release(_ origin: String, now: Date = Date()) {
        var host = hosts[origin, default: Host()]
        host.lastEnd = now
        if host.waiters.isEmpty {
            host.busy = false
        } else {
            host.waiters.removeFirst().resume()
        }
        hosts[origin] = host
    }

    /// When the holder of the turn may send: `spacing` after the last request ended, and not
    /// before a pause ends. Nil when the pause ends more than `maxWait` from `now`.
    func start(_ origin: String, spacing: TimeInterval, maxWait: TimeInterval, now: Date = Date()) -> Date? {
        let host = hosts[origin, default: Host()]
        var start = max(now, host.lastEnd.addingTimeInterval(spacing))
        if let paused = host.pausedUntil, paused > start {
            guard paused.timeIntervalSince(now) <= maxWait else { return nil }
            start = paused
        }
        return start
    }

    /// The host asked us to wait (`Retry-After`): nothing is sent to it before `until`.
    func pause(_ origin: String, until: Date) {
        hosts[origin, default: Host()].pausedUntil = max(until, hosts[origin]?.pausedUntil ?? until)
    }

    func pause(of origin: String) -> Date? { hosts[origin]?.pausedUntil }
}
