import Archive
import Foundation
import GRDB
import Synchronization
import TermIndex

/// Values kept within a byte budget, the oldest stored leaving first: the writer's caches of what it
/// has read or written and will read again.
struct BudgetCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var values: [Key: Value] = [:]
    /// Keys in the order they were stored; `values` may have let some go already.
    private var order: [Key] = []
    private var head = 0
    private(set) var bytes = 0
    let budget: Int
    let cost: @Sendable (Value) -> Int

    init(budget: Int, cost: @escaping @Sendable (Value) -> Int) {
        self.budget = budget
        self.cost = cost
    }

    var count: Int { values.count }

    subscript(key: Key) -> Value? { values[key] }

    /// Keeps `value` (replacing what `key` held); a value larger than the whole budget is not kept.
    mutating func store(_ value: Value, for key: Key) {
        let size = cost(value)
        if let old = values.removeValue(forKey: key) { bytes -= cost(old) }
        guard size <= budget else { return }
        values[key] = value
        order.append(key)
        bytes += size
        while bytes > budget, head < order.count {
            let old = order[head]
            head += 1
            // A key stored twice also sits earlier in `order`: reaching that entry lets the newer
            // value go early, which costs a read again, never a wrong value.
            if old != key, let gone = values.removeValue(forKey: old) { bytes -= cost(gone) }
        }
        if head >= 1024, head * 2 >= order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// The value for `key`, read through `read` and kept when missing (nil when there is none).
    mutating func value(_ key: Key, read: () throws -> Value?) rethrows -> Value? {
        if let found = values[key] { return found }
        guard let value = try read() else { return nil }
        store(value, for: key)
        return value
    }

    mutating func remove(_ key: Key) {
        if let gone = values.removeValue(forKey: key) { bytes -= cost(gone) }
    }

    /// Keeps only the values whose key passes `isKept`.
    mutating func filter(_ isKept: (Key) -> Bool) {
        guard values.keys.contains(where: { !isKept($0) }) else { return }
        values = values.filter { isKept($0.key) }
        order = order[head...].filter { values[$0] != nil }
        head = 0
        bytes = values.values.reduce(0) { $0 + cost($1) }
    }

    mutating func removeAll() {
        values.removeAll()
        order.removeAll()
        head = 0
        bytes = 0
    }
}

/// Postings chunks the writer has read, by segment and chunk.
///
/// Ingest's story lookup reads six rare terms' postings in every segment for every article: some
/// ninety point reads of a 16 KB chunk each, which SQLite assembles from its overflow pages before
/// the few bytes wanted are copied out (9% of the writer thread over 20,000 ANT articles). A chunk
/// never changes once written (a segment's uid is never reused; a merge writes a new one), so the
/// bytes can be kept. ANT's whole index is 11 MB of chunks.
struct PostingChunkCache: Sendable {
    struct Key: Hashable, Sendable {
        var segment: Int64
        var chunk: Int
    }

    private var cache: BudgetCache<Key, [UInt8]>

    init(budget: Int) {
        cache = BudgetCache(budget: budget) { $0.count }
    }

    var count: Int { cache.count }
    var bytes: Int { cache.bytes }

    /// The chunk's bytes, read through `read` when not kept (nil when the store has no such chunk).
    mutating func chunk(_ key: Key, read: () throws -> [UInt8]?) rethrows -> [UInt8]? {
        try cache.value(key, read: read)
    }

    /// Lets go of the chunks of segments that are no longer in the index (merged away).
    mutating func keep(segments: Set<Int64>) {
        cache.filter { segments.contains($0.segment) }
    }
}

/// What the story lookup reads of a stored article.
struct StoryCandidate: Equatable, Sendable {
    var id: String
    var story: Int64?
    var duplicateOf: String?
    var published: String?
    var signature: [UInt8]?
    var terms: [UInt8]?

    init(id: String, story: Int64?, duplicateOf: String?, published: String?, signature: [UInt8]?, terms: [UInt8]?) {
        self.id = id
        self.story = story
        self.duplicateOf = duplicateOf
        self.published = published
        self.signature = signature
        self.terms = terms
    }

    /// From a row with the columns of ``StoryCandidateCache/columns``.
    init(_ row: Row) {
        self.init(
            id: row["id"], story: row["story_id"], duplicateOf: row["duplicate_of"], published: row["published"],
            signature: (row["signature"] as Data?).map { [UInt8]($0) }, terms: (row["terms"] as Data?).map { [UInt8]($0) })
    }

    /// What the policy compares; nil without a signature.
    var stored: StoredFingerprint? {
        guard let signature else { return nil }
        return StoredFingerprint(id: id, story: story, published: published, signature: signature, terms: terms ?? [])
    }

    /// The conditions of the lookup's SQL: a story and terms, and a date in [from, to) when a window
    /// is given, compared as SQLite compares text (bytes).
    func isCandidate(window: (from: String, to: String)?) -> Bool {
        guard terms != nil, story != nil else { return false }
        guard let window else { return true }
        guard let published else { return false }
        return !published.utf8.lexicographicallyPrecedes(window.from.utf8) && published.utf8.lexicographicallyPrecedes(window.to.utf8)
    }

    /// Bytes held, with the allocations' headers.
    var cost: Int {
        208 + id.utf8.count + (duplicateOf?.utf8.count ?? 0) + (published?.utf8.count ?? 0) + (signature?.count ?? 0) + (terms?.count ?? 0)
    }
}

/// The articles the story lookups read, by seq: the writer keeps those it stores and those it reads,
/// so that most lookups read no article row.
///
/// Each lookup read up to 100 rows of 4 KB (signature and term vector) through their overflow pages:
/// with the decoding, a tenth of the writer over 20,000 ANT articles. Only articles stored while the
/// policy makes stories are kept. A kept article is exactly its
/// row: the writer changes a stored article's story and original only when it adopts a teaser (and
/// updates it here), and deletes articles only with their page (and lets them go here). Everything goes when a
/// write transaction fails (its seqs will be given again) and when another connection has written
/// to the archive (`PRAGMA data_version`).
final class StoryCandidateCache: Sendable {
    struct State {
        var cache: BudgetCache<Int64, StoryCandidate>
        var dataVersion: Int64?
        var hits = 0, misses = 0
    }

    /// About 4,300 ANT articles. 24 MB was no faster on full ANT (56.5 against 57.1 s, with the
    /// chunk cache at 8 MB too) and the two held about 40 MB more at 200,000 articles, where they fill.
    static let budget = 8 << 20
    private let state: Mutex<State>

    init(budget: Int = StoryCandidateCache.budget) {
        state = Mutex(State(cache: BudgetCache(budget: budget) { $0.cost }))
    }
    /// Off, every lookup reads the rows (tests compare the two).
    let enabled = Mutex(true)

    /// At the start of a write transaction: forgets everything if another connection has written.
    func prepare(in db: Database) throws {
        let version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
        state.withLock { state in
            if state.dataVersion != version { state.cache.removeAll() }
            state.dataVersion = version
        }
    }

    func removeAll() {
        state.withLock { $0.cache.removeAll() }
    }

    func store(_ candidate: StoryCandidate, seq: Int64) {
        guard enabled.withLock({ $0 }) else { return }
        state.withLock { $0.cache.store(candidate, for: seq) }
    }

    func remove(_ seqs: [Int64]) {
        state.withLock { state in for seq in seqs { state.cache.remove(seq) } }
    }

    /// A teaser adopted by the article `original`.
    func adopt(_ seq: Int64, original: String, story: Int64) {
        state.withLock { state in
            guard var kept = state.cache[seq] else { return }
            kept.story = story
            kept.duplicateOf = original
            state.cache.store(kept, for: seq)
        }
    }

    static let columns = "seq, id, story_id, duplicate_of, published, signature, terms"

    /// The kept articles among `seqs`, with the rows of the others read (and kept, when `keeps`).
    ///
    /// The kept ones are taken first: keeping what is read may push out of the budget an article
    /// that was kept a moment before, and the lookup must still see it. Reading after, at 200,000
    /// articles with a small budget, lost such candidates and changed a few stories.
    private func lookUp(_ seqs: some Collection<Int64>, keeps: Bool, into state: inout State, in db: Database) throws -> [Int64: StoryCandidate] {
        var found = [Int64: StoryCandidate](minimumCapacity: seqs.count)
        var missing = [Int64]()
        for seq in seqs {
            if let kept = state.cache[seq] { found[seq] = kept } else { missing.append(seq) }
        }
        state.hits += found.count
        state.misses += missing.count
        for (seq, candidate) in try read(missing, keeps: keeps, into: &state, in: db) { found[seq] = candidate }
        return found
    }

    /// Reads the rows of `missing` into the cache (when it keeps them) and returns them by seq.
    private func read(_ missing: [Int64], keeps: Bool, into state: inout State, in db: Database) throws -> [Int64: StoryCandidate] {
        var read = [Int64: StoryCandidate]()
        guard !missing.isEmpty else { return read }
        let list = "[" + missing.map(String.init).joined(separator: ",") + "]"
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT \(Self.columns) FROM articles WHERE seq IN (SELECT value FROM json_each(?))"), arguments: [list])
        while let row = try rows.next() {
            let candidate = StoryCandidate(row)
            read[row["seq"]] = candidate
            if keeps { state.cache.store(candidate, for: row["seq"]) }
        }
        return read
    }

    /// The stored articles among `seqs`, oldest first: what `SELECT … WHERE seq IN seqs ORDER BY seq`
    /// reads.
    func articles(_ seqs: [Int64], in db: Database) throws -> [StoryCandidate] {
        guard !seqs.isEmpty else { return [] }
        let keeps = enabled.withLock { $0 }
        return try state.withLock { state in
            let found = try lookUp(seqs, keeps: keeps, into: &state, in: db)
            var out = [StoryCandidate]()
            var previous: Int64?
            for seq in seqs.sorted() where seq != previous {
                previous = seq
                if let candidate = found[seq] { out.append(candidate) }
            }
            return out
        }
    }

    var counts: (hits: Int, misses: Int, kept: Int) { state.withLock { ($0.hits, $0.misses, $0.cache.count) } }

    /// The articles of `seqs` (newest first) that pass the lookup's conditions, at most `limit`, in
    /// that order: what `SELECT … WHERE seq IN seqs AND conditions ORDER BY seq DESC LIMIT limit` reads.
    func candidates(_ seqs: some Collection<Int64>, window: (from: String, to: String)?, limit: Int, in db: Database) throws -> [StoryCandidate] {
        guard !seqs.isEmpty, limit > 0 else { return [] }
        let keeps = enabled.withLock { $0 }
        return try state.withLock { state in
            let found = try lookUp(seqs, keeps: keeps, into: &state, in: db)
            var out = [StoryCandidate]()
            var previous: Int64?
            for seq in seqs.sorted(by: >) where seq != previous {
                previous = seq
                guard let candidate = found[seq], candidate.isCandidate(window: window) else { continue }
                out.append(candidate)
                if out.count == limit { break }
            }
            return out
        }
    }
}

extension StoredPostings {
    /// Several terms' postings in one segment, each chunk taken from `cache` or read once and kept.
    func postings(in segment: SegmentView, _ entries: [TermEntry], cache: inout PostingChunkCache) throws -> [[UInt8]] {
        let size = segment.chunkSize
        var outs = entries.map { entry -> [UInt8] in
            var out = [UInt8]()
            out.reserveCapacity(max(0, entry.length))
            return out
        }
        guard size > 0 else { return outs }
        var chunks = Set<Int>()
        for entry in entries where entry.length > 0 && entry.offset >= 0 {
            chunks.formUnion((entry.offset / size)...((entry.offset + entry.length - 1) / size))
        }
        guard !chunks.isEmpty else { return outs }
        let statement = try db.cachedStatement(sql: "SELECT data FROM search_chunks WHERE segment = ? AND chunk = ?")
        for chunk in chunks.sorted() {
            let data = try cache.chunk(PostingChunkCache.Key(segment: segment.uid, chunk: chunk)) {
                // The row is the cursor's current one: read it while the cursor lives.
                let rows = try Row.fetchCursor(statement, arguments: [segment.uid, chunk])
                return try withExtendedLifetime(rows) {
                    guard let row = try rows.next() else { return nil }
                    return try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } }
                }
            }
            guard let data else { continue }
            let base = chunk * size
            for (k, entry) in entries.enumerated() where entry.length > 0 {
                let start = max(entry.offset, base) - base
                let stop = min(entry.offset + entry.length, base + data.count) - base
                if start < stop { outs[k] += data[start..<stop] }
            }
        }
        return outs
    }
}
