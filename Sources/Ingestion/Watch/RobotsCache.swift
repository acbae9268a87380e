import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// Each host's `robots.txt`, read once and kept for a day.
actor RobotsCache {
    /// How long rules are kept before they are read again.
    static let lifetime: TimeInterval = 24 * 3600
    /// How long an unreachable `robots.txt` (a 5xx, a timeout) keeps the host closed before it is
    /// tried again: RFC 9309 asks a crawler to assume that everything is disallowed meanwhile.
    static let unreachableLifetime: TimeInterval = 600
    /// A `robots.txt` larger than this is read up to it (RFC 9309 asks for at least 500 KiB).
    static let maxBytes = 512 << 10

    /// Rules being read, or read: tasks asking at once for one host share one read of its file.
    private var entries: [String: (read: Task<(RobotsRules, TimeInterval), Never>, expires: Date?)] = [:]

    /// The host's rules, reading them with `read` (once, whoever asks meanwhile) when they are not
    /// known or have expired.
    func rules(for origin: String, now: Date = Date(), read: @escaping @Sendable () async -> (RobotsRules, TimeInterval)) async -> RobotsRules {
        if let entry = entries[origin], entry.expires.map({ $0 > now }) ?? true {
            return await entry.read.value.0
        }
        let task = Task { await read() }
        entries[origin] = (task, nil)
        let (rules, lifetime) = await task.value
        entries[origin] = (task, Date().addingTimeInterval(lifetime))
        return rules
    }
}

extension PoliteFetcher {
    /// The host's rules, reading `robots.txt` when they are not known: a 4xx means no rules, a 5xx
    /// or an unreachable host means nothing may be fetched for now.
    func robotsRules(for origin: String) async throws -> RobotsRules {
        await robots.rules(for: origin) { await self.readRobots(origin) }
    }

    private func readRobots(_ origin: String) async -> (RobotsRules, TimeInterval) {
        var url = origin + "/robots.txt"
        for _ in 0...options.maxRedirects {
            let target = url
            guard let host = CanonicalURL.origin(target),
                let exchange = try? await withTurn(host, spacing: options.spacing, { try await self.exchange(target, etag: nil, lastModified: nil) })
            else { return (.disallowAll, RobotsCache.unreachableLifetime) }
            switch exchange.status {
            case 200..<300:
                let text = String(decoding: exchange.body.prefix(RobotsCache.maxBytes), as: UTF8.self)
                return (RobotsRules(text, agent: options.robotsAgent), RobotsCache.lifetime)
            case 301, 302, 303, 307, 308:
                guard let location = exchange.headers.first(name: "Location"),
                    let next = URL(string: location, relativeTo: URL(string: url))?.absoluteURL.absoluteString
                else { return (.allowAll, RobotsCache.lifetime) }
                url = next
            case 400..<500:
                return (.allowAll, RobotsCache.lifetime)
            default:
                return (.disallowAll, RobotsCache.unreachableLifetime)
            }
        }
        return (.allowAll, RobotsCache.lifetime)
    }
}
