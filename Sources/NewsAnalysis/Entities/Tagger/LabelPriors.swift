public import Foundation
import StableHash

/// How often the tagger labels each word as a person, place, organisation or other name in a large
/// unlabelled corpus: a lexicon the tagger builds for itself, which reaches words its training data
/// never had (self-training, as a feature).
///
/// Per word (its `.search` form less proclitics, by hash): for each of ANERcorp's four types, a
/// bucket of the share of its occurrences tagged with that type (0: under 5 %, 1: under 30 %,
/// 2: under 70 %, 3: the rest). A file is `MLPZ`, the raw length and a zlib stream of `MLPR`,
/// version, word count, then per word its hash (UInt64) and the four buckets packed in a UInt8.
public struct LabelPriors: Sendable {
    static let formatVersion: UInt32 = 1
    private(set) var keys: [UInt64]
    private(set) var buckets: [UInt8]
    private var index: HashIndex

    public var count: Int { keys.count }

    init(keys: [UInt64], buckets: [UInt8]) {
        self.keys = keys
        self.buckets = buckets
        var index = HashIndex(capacity: keys.count)
        for (row, key) in keys.enumerated() { index.insertIfAbsent(key, Int32(row)) }
        self.index = index
    }

    /// The packed buckets of a word (two bits a type, PERS lowest), or 0.
    @inline(__always)
    func packed(_ stripped: UInt64) -> UInt8 {
        guard let row = index.find(stripped) else { return 0 }
        return buckets[Int(row)]
    }

    /// The bucket of the share of a word's occurrences labelled a person (0–3; 0 for a word never
    /// seen), by its `.search` form, proclitics read off as the tagger's features read them.
    func personBucket(_ word: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let cut = Clitics.strip(word).cut
        return packed(FNV1a64.hash(UnsafeBufferPointer(rebasing: word[cut...]))) & 3
    }

    static func bucket(_ share: Double) -> UInt8 { share < 0.05 ? 0 : share < 0.3 ? 1 : share < 0.7 ? 2 : 3 }

    /// Counts the tagger's labels over texts.
    public struct Builder {
        let tagger: NERTagger
        var ids = HashIndex(capacity: 1 << 18)
        var hashes = [UInt64]()
        /// Per word: occurrences, then one count per type.
        var counts = [UInt32]()
        public private(set) var tokens = 0

        public init(tagger: NERTagger) { self.tagger = tagger }

        public mutating func add(_ text: String) {
            var text = text
            let (table, tags) = text.withUTF8 { bytes -> (TokenTable, [UInt8]) in
                let table = TokenTable(text: bytes)
                let annotations = Annotations(table, resources: tagger.resources)
                return (table, tagger.tag(table, annotations: annotations, sentences: table.sentences()))
            }
            tokens += table.count
            let stride = 1 + NERTags.types.count
            table.search.withUnsafeBufferPointer { search in
                for i in 0..<table.count where table.isWord(i) {
                    let word = UnsafeBufferPointer(rebasing: search[table.formRange(i)])
                    let h = FNV1a64.hash(UnsafeBufferPointer(rebasing: word[Clitics.strip(word).cut...]))
                    let id = Int(ids.insertIfAbsent(h, Int32(hashes.count)))
                    if id == hashes.count {
                        hashes.append(h)
                        counts.append(contentsOf: [UInt32](repeating: 0, count: stride))
                    }
                    counts[id * stride] += 1
                    if tags[i] != 0 { counts[id * stride + 1 + NERTags.type(Int(tags[i]))] += 1 }
                }
            }
        }

        /// Words seen at least `minimumCount` times and tagged as a name at least once.
        public func build(minimumCount: Int = 3) -> LabelPriors {
            let stride = 1 + NERTags.types.count
            var keys = [UInt64](), buckets = [UInt8]()
            for (id, h) in hashes.enumerated() {
                let total = Double(counts[id * stride])
                guard total >= Double(minimumCount) else { continue }
                var packed: UInt8 = 0
                for type in 0..<NERTags.types.count {
                    packed |= LabelPriors.bucket(Double(counts[id * stride + 1 + type]) / total) << (2 * type)
                }
                guard packed != 0 else { continue }
                keys.append(h)
                buckets.append(packed)
            }
            return LabelPriors(keys: keys, buckets: buckets)
        }
    }

    public static func bundled() throws(NERModelError) -> LabelPriors? {
        guard let url = Bundle.module.url(forResource: "priors", withExtension: "mlpr", subdirectory: "models") else { return nil }
        return try LabelPriors(contentsOf: url)
    }

    public init(contentsOf url: URL) throws(NERModelError) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw NERModelError("cannot read \(url.path)") }
        try self.init(serialized: [UInt8](data))
    }

    public init(serialized bytes: [UInt8]) throws(NERModelError) {
        var reader = ByteReader(bytes)
        guard try reader.magic() == "MLPZ" else { throw NERModelError("not a label-prior file") }
        let length = Int(try reader.u32())
        guard length <= 1 << 28 else { throw NERModelError("declared size \(length) is too large") }
        let raw = try NERModel.inflate(Array(bytes[8...]), length: length)
        reader = ByteReader(raw)
        guard try reader.magic() == "MLPR", try reader.u32() == Self.formatVersion else { throw NERModelError("unknown label-prior format") }
        let count = Int(try reader.u32())
        guard raw.count - reader.offset == count * 9 else { throw NERModelError("size does not match \(count) words") }
        var keys = [UInt64](), buckets = [UInt8]()
        for _ in 0..<count {
            keys.append(try reader.u64())
            buckets.append(try reader.take(1).first!)
        }
        self.init(keys: keys, buckets: buckets)
    }

    public func serialized() -> [UInt8] {
        var raw = Array("MLPR".utf8)
        withUnsafeBytes(of: Self.formatVersion.littleEndian) { raw.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(keys.count).littleEndian) { raw.append(contentsOf: $0) }
        for k in keys.indices {
            withUnsafeBytes(of: keys[k].littleEndian) { raw.append(contentsOf: $0) }
            raw.append(buckets[k])
        }
        var out = Array("MLPZ".utf8)
        withUnsafeBytes(of: UInt32(raw.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: NERModel.deflate(raw))
        return out
    }
}
