/// A query in index tokens: groups that must all match (a group matches when any of its atoms does),
/// and atoms no hit may match.
public struct TokenQuery: Sendable {
    public enum Atom: Sendable {
        /// One token.
        case token(String)
        /// Tokens that start with this text, counted as one term.
        case prefix(String)
        /// Tokens that must all occur, in articles among `matching` (seqs, ascending): the store
        /// knows where phrases occur; the index knows only which articles hold which tokens.
        case phrase([String], matching: [Int64])
    }

    public var groups: [[Atom]]
    public var excluded: [Atom]

    public init(groups: [[Atom]], excluded: [Atom] = []) {
        self.groups = groups
        self.excluded = excluded
    }
}

/// Which articles may be hits, from the doc table alone (plus an optional set of seqs).
public struct DocFilter: Sendable {
    public var section: UInt16?
    public var outlet: UInt16?
    public var role: UInt8?
    /// Inclusive bounds on ``PublishedKey``.
    public var from: Int64?
    public var to: Int64?
    /// Only these seqs (an entity's or a speaker's articles), when set.
    public var allowed: Set<Int64>?
    /// Never these seqs (exact copies folded into their originals).
    public var excluded: Set<Int64>?

    public init(
        section: UInt16? = nil, outlet: UInt16? = nil, role: UInt8? = nil, from: Int64? = nil, to: Int64? = nil, allowed: Set<Int64>? = nil,
        excluded: Set<Int64>? = nil
    ) {
        self.section = section
        self.outlet = outlet
        self.role = role
        self.from = from
        self.to = to
        self.allowed = allowed
        self.excluded = excluded
    }

    var isEmpty: Bool {
        section == nil && outlet == nil && role == nil && from == nil && to == nil && allowed == nil && (excluded?.isEmpty ?? true)
    }

    @inline(__always)
    func accepts(_ seq: Int64, _ docs: DocTable) -> Bool {
        let i = Int(seq)
        if let section, docs.sections[i] != section { return false }
        if let outlet, docs.outlets[i] != outlet { return false }
        if let role, docs.roles[i] != role { return false }
        if from != nil || to != nil {
            let published = docs.published[i]
            if let from, published < from { return false }
            if let to, published < 0 || published > to { return false }
        }
        if let allowed, !allowed.contains(seq) { return false }
        if let excluded, excluded.contains(seq) { return false }
        return true
    }
}

/// How hits are ordered.
public enum IndexRanking: Sendable {
    /// BM25, best first; ties by seq ascending.
    case relevance
    /// Newest first by publication time, then seq descending; undated last.
    case newest
    /// BM25 times `factor(published key)`, best first; ties by seq ascending.
    case decayed(@Sendable (Int64) -> Double)
}

/// What a search over the index found.
public struct IndexHits: Sendable {
    public struct Hit: Sendable, Hashable {
        public var seq: Int64
        /// BM25 (decayed under ``IndexRanking/decayed(_:)``).
        public var score: Double
    }

    /// Every matching live article.
    public var total: Int
    /// The best `limit` hits in order.
    public var top: [Hit]
    /// Counts of the hits by section, outlet and role code (when asked for).
    public var sections: [UInt16: Int] = [:]
    public var outlets: [UInt16: Int] = [:]
    public var roles: [UInt8: Int] = [:]
    /// Counts of the hits by publication date, `YYYYMMDD` (``PublishedKey`` / 1,000,000; 0 for
    /// undated), when asked for.
    public var dates: [Int64: Int] = [:]
}

/// Where a searcher gets a term's postings in a segment.
public protocol PostingsSource {
    func postings(in segment: SegmentView, _ entry: TermEntry) throws -> [UInt8]
}

/// Ranks articles by BM25 over the segments, exactly as FTS5's `bm25()` scores single tokens (k1 1.2,
/// b 0.75, field weights folded into the term frequency, a document's length over all its fields),
/// but over compact postings: a hit costs a few nanoseconds instead of FTS5's microsecond, and
/// filters and facets read the doc table instead of the article rows.
///
/// Every matching article is visited, so totals and facet counts are exact.
public struct IndexSearcher: Sendable {
    public let segments: [SegmentView]
    public let docs: DocTable
    /// seq → the rank of the first segment a deletion does not touch.
    public let deleted: [Int64: Int64]
    /// A query's prefixes expand to at most this many tokens per segment in all: a query's one
    /// prefix to 5,000, each of n distinct prefixes to 5,000 / n (but never fewer than
    /// ``prefixExpansionFloor``). A hostile query of 64 one-letter prefixes otherwise decoded most of
    /// the index 64 times.
    public static let prefixExpansionLimit = 5_000
    public static let prefixExpansionFloor = 64

    /// How many tokens each prefix of `query` expands to, per segment.
    public static func prefixLimit(_ query: TokenQuery) -> Int {
        var prefixes = Set<String>()
        for atom in query.groups.flatMap({ $0 }) + query.excluded {
            if case .prefix(let prefix) = atom { prefixes.insert(prefix) }
        }
        return max(prefixExpansionFloor, prefixExpansionLimit / max(1, prefixes.count))
    }
    /// Deleted articles the segments still hold (the store counts them as it deletes): they leave
    /// BM25's article count, as FTS5's and a fresh index's would not have them.
    public let deadDocuments: Int

    public init(segments: [SegmentView], docs: DocTable, deleted: [Int64: Int64], deadDocuments: Int = 0) {
        self.segments = segments
        self.docs = docs
        self.deleted = deleted
        self.deadDocuments = deadDocuments
    }

    /// Articles the segments hold, deleted ones included.
    public var documentCount: Int { segments.reduce(0) { $0 + $1.docCount } }

    /// Articles that are still there: BM25's N.
    public var liveDocumentCount: Int { max(0, documentCount - deadDocuments) }

    public func search(
        _ query: TokenQuery, filter: DocFilter = DocFilter(), ranking: IndexRanking = .relevance, limit: Int, facets: Bool,
        dates: Bool = false, source: some PostingsSource
    ) throws -> IndexHits {
        let count = max(1, liveDocumentCount)
        // The average length stays over every held article: a deleted one's length is not known
        // here, and the average moves little with a fifth of a segment gone (the store rewrites a
        // segment past that).
        let averageLength = max(1, Double(segments.reduce(0) { $0 + $1.tokenCount }) / Double(max(1, documentCount)))
        var frequencies = [String: Int]()
        func frequency(_ token: String) -> Int {
            if let known = frequencies[token] { return known }
            let bytes = Array(token.utf8)
            let total = segments.reduce(0) { $0 + ($1.entry(for: bytes)?.documentFrequency ?? 0) }
            frequencies[token] = total
            return total
        }
        func idf(_ df: Int) -> Double { BM25.idf(documentFrequency: df, documents: count) }
        let prefixLimit = Self.prefixLimit(query)
        var prefixFrequencies = [String: Int]()
        for atom in (query.groups.flatMap { $0 } + query.excluded) {
            if case .prefix(let prefix) = atom, prefixFrequencies[prefix] == nil {
                let bytes = Array(prefix.utf8)
                prefixFrequencies[prefix] = min(count, segments.reduce(0) { total, segment in
                    total + segment.entries(withPrefix: bytes, limit: prefixLimit).reduce(0) { $0 + $1.documentFrequency }
                })
            }
        }

        var collector = TopCollector(limit: max(0, limit), ranking: ranking, docs: docs)
        var hits = IndexHits(total: 0, top: [])
        var sectionCounts = [Int](), outletCounts = [Int](), roleCounts = [Int](repeating: 0, count: 256)
        if facets {
            sectionCounts = [Int](repeating: 0, count: Int(docs.largestSection) + 1)
            outletCounts = [Int](repeating: 0, count: Int(docs.largestOutlet) + 1)
        }
        let context = ScoringContext(docs: docs, averageLength: averageLength)
        for segment in segments {
            // A prefix written twice is expanded and decoded once per segment.
            var prefixLists = [String: PostingList]()
            func node(_ atom: TokenQuery.Atom) throws -> Node {
                switch atom {
                case .token(let token):
                    guard let entry = segment.entry(for: Array(token.utf8)) else { return EmptyNode() }
                    return ListNode(PostingList(decoding: try source.postings(in: segment, entry), count: entry.documentFrequency), idf: idf(frequency(token)), context)
                case .prefix(let prefix):
                    let union: PostingList
                    if let known = prefixLists[prefix] {
                        union = known
                    } else {
                        let entries = segment.entries(withPrefix: Array(prefix.utf8), limit: prefixLimit)
                        let lists = try entries.map { PostingList(decoding: try source.postings(in: segment, $0), count: $0.documentFrequency) }
                        union = lists.isEmpty ? PostingList() : PostingList.union(lists)
                        prefixLists[prefix] = union
                    }
                    guard !union.seqs.isEmpty else { return EmptyNode() }
                    return ListNode(union, idf: idf(prefixFrequencies[prefix] ?? 0), context)
                case .phrase(let tokens, let matching):
                    guard !matching.isEmpty else { return EmptyNode() }
                    var children: [Node] = [SetNode(matching)]
                    for token in tokens { children.append(try node(.token(token))) }
                    return AndNode(children)
                }
            }
            let groups: [Node] = try query.groups.map { atoms in
                atoms.count == 1 ? try node(atoms[0]) : OrNode(try atoms.map(node))
            }
            guard !groups.isEmpty else { continue }
            let root = groups.count == 1 ? groups[0] : AndNode(groups)
            let excluded: Node? = query.excluded.isEmpty ? nil : OrNode(try query.excluded.map(node))
            let checkDeleted = !deleted.isEmpty
            let checkFilter = !filter.isEmpty
            var seq = root.advance(to: 0)
            while seq != Int64.max {
                defer { seq = root.advance(to: seq + 1) }
                guard docs.contains(seq) else { continue }
                if checkDeleted, let before = deleted[seq], segment.rank < before { continue }
                if let excluded, excluded.advance(to: seq) == seq { continue }
                if checkFilter, !filter.accepts(seq, docs) { continue }
                hits.total += 1
                if facets {
                    let i = Int(seq)
                    sectionCounts[Int(docs.sections[i])] += 1
                    outletCounts[Int(docs.outlets[i])] += 1
                    roleCounts[Int(docs.roles[i])] += 1
                }
                if dates { hits.dates[max(0, docs.published[Int(seq)]) / PublishedKey.perDay, default: 0] += 1 }
                collector.offer(seq: seq, score: root.score(seq))
            }
        }
        hits.top = collector.sorted()
        if facets {
            for (code, n) in sectionCounts.enumerated() where n > 0 && code > 0 { hits.sections[UInt16(code)] = n }
            for (code, n) in outletCounts.enumerated() where n > 0 && code > 0 { hits.outlets[UInt16(code)] = n }
            for (code, n) in roleCounts.enumerated() where n > 0 && code > 0 { hits.roles[UInt8(code)] = n }
        }
        return hits
    }
}

import Foundation

struct ScoringContext {
    let docs: DocTable
    let averageLength: Double
}

/// A cursor over the seqs one part of a query matches. `advance(to:)` moves to the first match at or
/// after `target` and returns it (`Int64.max` when there is none); `score` is valid at that seq.
class Node {
    func advance(to target: Int64) -> Int64 { .max }
    func score(_ seq: Int64) -> Double { 0 }
}

final class EmptyNode: Node {}

final class ListNode: Node {
    let seqs: [Int64]
    let weights: [UInt32]
    let idf: Double
    let lengths: [UInt32]
    let averageLength: Double
    var index = 0

    init(_ list: PostingList, idf: Double, _ context: ScoringContext) {
        seqs = list.seqs
        weights = list.weights
        self.idf = idf
        lengths = context.docs.lengths
        averageLength = context.averageLength
    }

    override func advance(to target: Int64) -> Int64 {
        guard index < seqs.count else { return .max }
        if seqs[index] >= target { return seqs[index] }
        // Gallop, then binary search: a rare token's few seqs jump through a common one's list.
        var step = 1
        var low = index, high = index + 1
        while high < seqs.count, seqs[high] < target {
            low = high
            step <<= 1
            high = index + step
        }
        high = min(high, seqs.count)
        while low < high {
            let mid = (low + high) / 2
            if seqs[mid] < target { low = mid + 1 } else { high = mid }
        }
        index = low
        return index < seqs.count ? seqs[index] : .max
    }

    override func score(_ seq: Int64) -> Double {
        let tf = Double(weights[index])
        let i = Int(seq)
        let length = i < lengths.count ? Double(lengths[i]) : averageLength
        return BM25.score(idf: idf, weightedFrequency: tf, length: length, averageLength: averageLength)
    }
}

/// Seqs from outside the index (where a phrase occurs); scores nothing.
final class SetNode: Node {
    let seqs: [Int64]
    var index = 0

    init(_ seqs: [Int64]) { self.seqs = seqs }

    override func advance(to target: Int64) -> Int64 {
        var low = index, high = seqs.count
        while low < high {
            let mid = (low + high) / 2
            if seqs[mid] < target { low = mid + 1 } else { high = mid }
        }
        index = low
        return index < seqs.count ? seqs[index] : .max
    }
}

final class AndNode: Node {
    let children: [Node]

    init(_ children: [Node]) { self.children = children }

    override func advance(to target: Int64) -> Int64 {
        var target = target
        var agreed = 0
        var k = 0
        while agreed < children.count {
            let seq = children[k].advance(to: target)
            if seq == .max { return .max }
            if seq == target {
                agreed += 1
            } else {
                target = seq
                agreed = 1
            }
            k = (k + 1) % children.count
        }
        return target
    }

    override func score(_ seq: Int64) -> Double {
        children.reduce(0) { $0 + $1.score(seq) }
    }
}

final class OrNode: Node {
    let children: [Node]
    var current: [Int64]

    init(_ children: [Node]) {
        self.children = children
        current = [Int64](repeating: -1, count: children.count)
    }

    override func advance(to target: Int64) -> Int64 {
        var smallest = Int64.max
        for k in children.indices {
            if current[k] < target { current[k] = children[k].advance(to: target) }
            smallest = min(smallest, current[k])
        }
        return smallest
    }

    override func score(_ seq: Int64) -> Double {
        var total = 0.0
        for k in children.indices where current[k] == seq { total += children[k].score(seq) }
        return total
    }
}

/// Keeps the best `limit` hits in a heap.
struct TopCollector {
    struct Entry {
        var key: Double
        var tie: Int64
        var hit: IndexHits.Hit
    }

    let limit: Int
    let ranking: IndexRanking
    let docs: DocTable
    var heap: [Entry] = []

    init(limit: Int, ranking: IndexRanking, docs: DocTable) {
        self.limit = limit
        self.ranking = ranking
        self.docs = docs
        heap.reserveCapacity(min(limit, 100_000))
    }

    /// True when `a` ranks below `b`.
    @inline(__always)
    static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.key != b.key ? a.key < b.key : a.tie < b.tie
    }

    mutating func offer(seq: Int64, score: Double) {
        guard limit > 0 else { return }
        let entry: Entry
        switch ranking {
        case .relevance:
            entry = Entry(key: score, tie: -seq, hit: .init(seq: seq, score: score))
        case .newest:
            entry = Entry(key: Double(docs.published[Int(seq)]), tie: seq, hit: .init(seq: seq, score: score))
        case .decayed(let factor):
            let decayed = score * factor(docs.published[Int(seq)])
            entry = Entry(key: decayed, tie: -seq, hit: .init(seq: seq, score: decayed))
        }
        if heap.count < limit {
            heap.append(entry)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.worse(heap[i], heap[parent]) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
            return
        }
        guard Self.worse(heap[0], entry) else { return }
        heap[0] = entry
        var i = 0
        while true {
            let left = 2 * i + 1, right = left + 1
            var smallest = i
            if left < heap.count, Self.worse(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.worse(heap[right], heap[smallest]) { smallest = right }
            if smallest == i { break }
            heap.swapAt(i, smallest)
            i = smallest
        }
    }

    func sorted() -> [IndexHits.Hit] {
        heap.sorted { Self.worse($1, $0) }.map(\.hit)
    }
}
