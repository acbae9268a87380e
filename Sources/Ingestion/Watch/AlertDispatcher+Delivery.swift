import Archive
import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NewsModel

extension AlertDispatcher {
    /// Sends the alert's due matches, a batch at a time, and records how each went.
    func deliver(_ alert: inout WatchAlert, now: Date, report: inout AlertReport) async throws {
        let pending = try await store.alertMatches(alert: alert.id, state: .pending, limit: options.scanLimit)
        let due = pending.filter { ($0.nextAttempt.flatMap(Timestamps.date) ?? .distantPast) <= now }
        for start in stride(from: 0, to: due.count, by: options.batch) {
            var batch = Array(due[start..<min(start + options.batch, due.count)])
            let body = try await payload(alert, matches: batch, now: now)
            let failure = await post(body, to: alert.webhook, secret: alert.secret, delivery: "\(alert.id)-\(Int(now.timeIntervalSince1970))-\(start)")
            for index in batch.indices {
                if let failure {
                    batch[index].attempts += 1
                    batch[index].lastError = failure
                    let wait = options.retryBase * pow(2, Double(batch[index].attempts - 1))
                    batch[index].nextAttempt = Timestamps.iso(now.addingTimeInterval(wait))
                    if batch[index].attempts >= options.maxAttempts { batch[index].state = .failed }
                } else {
                    batch[index].state = .delivered
                    batch[index].attempts += 1
                    batch[index].lastError = nil
                }
            }
            try await store.updateAlertMatches(batch)
            if let failure {
                alert.failures += 1
                alert.lastError = failure
                report.errors.append("alert \(alert.id) → \(alert.webhook): \(failure)")
                report.retrying += batch.filter { $0.state == .pending }.count
                report.givenUp += batch.filter { $0.state == .failed }.count
            } else {
                alert.failures = 0
                alert.lastError = nil
                alert.delivered += batch.count
                report.delivered += batch.count
            }
        }
    }

    /// The JSON body: the alert, and each match's article as the archive has it.
    func payload(_ alert: WatchAlert, matches: [AlertMatch], now: Date) async throws -> [UInt8] {
        var articles = [[String: Any]]()
        for match in matches {
            guard let stored = try await store.article(id: match.article) else { continue }
            var entry: [String: Any] = ["id": stored.article.id, "title": stored.article.title, "found": match.found]
            entry["url"] = stored.article.url
            entry["source"] = stored.outlet
            entry["published"] = stored.article.published
            entry["section"] = stored.article.section
            entry["summary"] = stored.article.summary ?? stored.article.paragraphs.first
            articles.append(entry)
        }
        var alertObject: [String: Any] = ["id": alert.id, "query": alert.query]
        for (key, value) in [("section", alert.section), ("source", alert.source), ("entity", alert.entity), ("speaker", alert.speaker)] {
            if let value { alertObject[key] = value }
        }
        let object: [String: Any] = ["alert": alertObject, "sent": Timestamps.iso(now), "matches": articles]
        return [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// Posts `body`; nil when the webhook answered 2xx, else what went wrong. The call is abandoned
    /// at the deadline.
    func post(_ body: [UInt8], to webhook: String, secret: String, delivery: String) async -> String? {
        var request = HTTPClientRequest(url: webhook)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: PageFetcher.userAgent)
        request.headers.add(name: "X-Marsad-Event", value: "alert")
        request.headers.add(name: "X-Marsad-Delivery", value: delivery)
        request.headers.add(name: "X-Marsad-Signature", value: "sha256=" + Self.signature(body, secret: secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(options.timeout * 1000)))
            _ = try? await response.body.collect(upTo: 64 << 10)
            return (200..<300).contains(response.status.code) ? nil : "HTTP \(response.status.code)"
        } catch {
            return "cannot post: \(error)"
        }
    }

    /// HMAC-SHA256 of `body` under `secret`, as lowercase hex: what a receiver recomputes.
    public static func signature(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }
}
