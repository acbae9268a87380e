import StableHash
/// Builds a segment from articles' index fields.
///
/// Fields hold space-separated index terms. They are cut into tokens exactly as the archive's FTS5
/// table cuts them (its `ascii` tokenizer: bytes ≥ 0x80 and ASCII letters and digits make tokens,
/// ASCII letters are lowercased), so that lengths and frequencies agree with FTS5's.
///
/// ```swift
/// var builder = SegmentBuilder()
/// builder.add(IndexedDoc(seq: 7), fields: [("رئيس مفاوض", 10), ("", 4), ("", 4), ("رئيس", 1)])
/// let segment = builder.build()  // 2 terms, 1 doc of 3 tokens
/// ```
public struct SegmentBuilder {
    /// Terms by a 64-bit FNV-1a hash of their bytes: a token costs a hash and a lookup, and a term's
    /// bytes are copied once per segment, not once per occurrence.
    private var termIDs: [UInt64: Int32] = [:]
    private var terms: [[UInt8]] = []
    private var lists: [PostingList] = []
    private var docs: [IndexedDoc] = []
    private var tokens = 0
    /// Per-article scratch: weighted frequency by term id.
    private var weights: [Int32: UInt32] = [:]

    public init() {}

    public var isEmpty: Bool { docs.isEmpty }

    /// Adds an article; `doc.length` is computed here. Fields are (terms, weight).
    public mutating func add(_ doc: IndexedDoc, fields: [(String, UInt32)]) {
        weights.removeAll(keepingCapacity: true)
        var length: UInt32 = 0
        for (text, weight) in fields {
            Self.forEachToken(in: text) { token, hash in
                let id: Int32
                if let known = termIDs[hash] {
                    id = known
                } else {
                    id = Int32(terms.count)
                    termIDs[hash] = id
                    terms.append(Array(token))
                    lists.append(PostingList())
                }
                weights[id, default: 0] &+= weight
                length &+= 1
            }
        }
        var doc = doc
        doc.length = length
        docs.append(doc)
        tokens += Int(length)
        for (id, weight) in weights {
            lists[Int(id)].seqs.append(doc.seq)
            lists[Int(id)].weights.append(weight)
        }
    }

    public func build() -> EncodedSegment {
        var dictionary = [UInt8](), postings = [UInt8]()
        for id in terms.indices.sorted(by: { terms[$0].lexicographicallyPrecedes(terms[$1]) }) {
            var list = lists[id]
            if !zip(list.seqs, list.seqs.dropFirst()).allSatisfy({ $0 < $1 }) {
                let order = list.seqs.indices.sorted { list.seqs[$0] < list.seqs[$1] }
                list = PostingList(seqs: order.map { list.seqs[$0] }, weights: order.map { list.weights[$0] })
            }
            let offset = postings.count
            list.encode(into: &postings)
            Self.appendEntry(term: terms[id], TermEntry(documentFrequency: list.count, offset: offset, length: postings.count - offset), to: &dictionary)
        }
        return EncodedSegment(dictionary: dictionary, postings: postings, docs: docs.sorted { $0.seq < $1.seq }, tokenCount: tokens)
    }

    static func appendEntry(term: some Collection<UInt8>, _ entry: TermEntry, to out: inout [UInt8]) {
        ByteCoding.appendVarInt(UInt64(term.count), to: &out)
        out.append(contentsOf: term)
        ByteCoding.appendVarInt(UInt64(entry.documentFrequency), to: &out)
        ByteCoding.appendVarInt(UInt64(entry.offset), to: &out)
        ByteCoding.appendVarInt(UInt64(entry.length), to: &out)
    }

    /// The tokens of `text` as FTS5's `ascii` tokenizer makes them.
    public static func tokens(of text: String) -> [String] {
        var out = [String]()
        forEachToken(in: text) { token, _ in out.append(String(decoding: token, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with each token's bytes (ASCII lowercased) and their FNV-1a hash.
    public static func forEachToken(in text: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { token in
                var count = 0
                var hash = FNV1a64.offsetBasis
                for var byte in bytes {
                    if byte >= 0x80 || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) {
                        if (0x41...0x5A).contains(byte) { byte += 0x20 }
                        token[count] = byte
                        count += 1
                        hash = FNV1a64.step(hash, UInt64(byte))
                        continue
                    }
                    if count > 0 {
                        body(UnsafeBufferPointer(rebasing: token[..<count]), hash)
                        count = 0
                        hash = FNV1a64.offsetBasis
                    }
                }
                if count > 0 { body(UnsafeBufferPointer(rebasing: token[..<count]), hash) }
            }
        }
    }
}

extension PostingList {
    init(seqs: [Int64], weights: [UInt32]) {
        self.seqs = seqs
        self.weights = weights
    }
}

/// Publication times as sortable integers: `YYYYMMDDHHMMSS` from an ISO 8601 string, missing parts
/// 0 (or their largest value for an inclusive upper bound). The archive's SQL compares the ISO
/// strings themselves; for the ISO strings it stores this orders them the same way.
public enum PublishedKey {
    public static let none: Int64 = -1
    /// A key divided by this is its date, `YYYYMMDD` (the time is its last six digits).
    public static let perDay: Int64 = 1_000_000

    public static func key(_ iso: String, upperBound: Bool = false) -> Int64? {
        let bytes = Array(iso.utf8.prefix(19))
        // Digits at these offsets: YYYY-MM-DDTHH:MM:SS
        let parts: [(Int, Int, Int64)] = [(0, 4, 9999), (5, 2, 99), (8, 2, 99), (11, 2, 99), (14, 2, 99), (17, 2, 99)]
        var key: Int64 = 0
        var sawDigits = false
        for (start, width, largest) in parts {
            var value: Int64 = 0
            var complete = bytes.count >= start + width
            if complete {
                for byte in bytes[start..<(start + width)] {
                    guard (0x30...0x39).contains(byte) else { complete = false; break }
                    value = value * 10 + Int64(byte - 0x30)
                }
            }
            if !complete {
                // A year is required; anything after it may be missing.
                guard sawDigits else { return nil }
                value = upperBound ? largest : 0
                key = key * (width == 4 ? 10_000 : 100) + value
                for (_, laterWidth, laterLargest) in parts.drop(while: { $0.0 <= start }) {
                    key = key * (laterWidth == 4 ? 10_000 : 100) + (upperBound ? laterLargest : 0)
                }
                return key
            }
            sawDigits = true
            key = key * (width == 4 ? 10_000 : 100) + value
        }
        return key
    }

    /// Days since 1970-01-01 of a key, for recency decay.
    public static func day(_ key: Int64) -> Int? {
        guard key >= 0 else { return nil }
        let date = key / perDay
        let (year, month, day) = (Int(date / 10_000), Int(date / 100 % 100), Int(date % 100))
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
