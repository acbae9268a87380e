import Foundation
import NewsModel
import Synchronization

/// Uploads shown on the preview page and waiting for "store": kept in memory, a few at a time, and
/// each for a limited time, behind a random token.
final class PendingUploads: Sendable {
    struct Entry: Sendable {
        var page: Page
        var created: Date
    }

    static let capacity = 32
    static let lifetime: TimeInterval = 30 * 60
    private let entries = Mutex<[String: Entry]>([:])

    func add(_ page: Page, now: Date = Date()) -> String {
        let token = UploadSessions.randomID()
        entries.withLock { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.created) < Self.lifetime }
            while entries.count >= Self.capacity, let oldest = entries.min(by: { $0.value.created < $1.value.created }) {
                entries[oldest.key] = nil
            }
            entries[token] = Entry(page: page, created: now)
        }
        return token
    }

    /// The page, removed: a token stores once.
    func take(_ token: String, now: Date = Date()) -> Page? {
        entries.withLock { entries in
            guard let entry = entries.removeValue(forKey: token), now.timeIntervalSince(entry.created) < Self.lifetime else { return nil }
            return entry.page
        }
    }
}
