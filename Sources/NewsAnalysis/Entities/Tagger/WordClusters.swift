public import Foundation

/// Distributional word classes: words that occur in similar contexts share a class, so that the
/// tagger generalises from names it was trained on to names it never saw.
///
/// Each word (its `.search` form less proclitics, by hash) has a class at each of three levels, from
/// fine to coarse. See ``ClusterBuilder`` for how they are made. A file is `MCLZ`, the raw length and a
/// zlib stream of `MCLU`, version, word count, then per word its hash (UInt64) and three classes
/// (UInt16).
public struct WordClusters: Sendable {
    static let formatVersion: UInt32 = 2
    static let levels = 3
    private(set) var keys: [UInt64]
    /// `count × levels`, finest first.
    private(set) var classes: [UInt16]
    private var index: HashIndex

    public var count: Int { keys.count }

    init(keys: [UInt64], classes: [UInt16]) {
        precondition(classes.count == keys.count * Self.levels)
        self.keys = keys
        self.classes = classes
        var index = HashIndex(capacity: keys.count)
        for (row, key) in keys.enumerated() { index.insertIfAbsent(key, Int32(row)) }
        self.index = index
    }

    /// The row of a word's classes, by the hash of its stripped `.search` form.
    @inline(__always)
    func row(_ stripped: UInt64) -> Int? {
        index.find(stripped).map(Int.init)
    }

    @inline(__always)
    func level(_ level: Int, row: Int) -> UInt16 { classes[row * Self.levels + level] }

    /// The classes shipped in the NewsAnalysis bundle (`Resources/models/clusters.mclu`), or nil
    /// when the bundle has none.
    public static func bundled() throws(NERModelError) -> WordClusters? {
        guard let url = Bundle.module.url(forResource: "clusters", withExtension: "mclu", subdirectory: "models") else { return nil }
        return try WordClusters(contentsOf: url)
    }

    public init(contentsOf url: URL) throws(NERModelError) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw NERModelError("cannot read \(url.path)") }
        try self.init(serialized: [UInt8](data))
    }

    public init(serialized bytes: [UInt8]) throws(NERModelError) {
        var reader = ByteReader(bytes)
        guard try reader.magic() == "MCLZ" else { throw NERModelError("not a word-class file") }
        let length = Int(try reader.u32())
        guard length <= 1 << 28 else { throw NERModelError("declared size \(length) is too large") }
        let raw = try NERModel.inflate(Array(bytes[8...]), length: length)
        reader = ByteReader(raw)
        guard try reader.magic() == "MCLU", try reader.u32() == Self.formatVersion else { throw NERModelError("unknown word-class format") }
        let count = Int(try reader.u32())
        guard raw.count - reader.offset == count * (8 + 2 * Self.levels) else { throw NERModelError("size does not match \(count) words") }
        var keys = [UInt64](), classes = [UInt16]()
        for _ in 0..<count {
            keys.append(try reader.u64())
            for _ in 0..<Self.levels { classes.append(UInt16(bitPattern: try reader.i16())) }
        }
        self.init(keys: keys, classes: classes)
    }

    public func serialized() -> [UInt8] {
        var raw = Array("MCLU".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { raw.append(contentsOf: $0) } }
        u32(Self.formatVersion)
        u32(UInt32(keys.count))
        for k in keys.indices {
            withUnsafeBytes(of: keys[k].littleEndian) { raw.append(contentsOf: $0) }
            for l in 0..<Self.levels { withUnsafeBytes(of: classes[k * Self.levels + l].littleEndian) { raw.append(contentsOf: $0) } }
        }
        var out = Array("MCLZ".utf8)
        withUnsafeBytes(of: UInt32(raw.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: NERModel.deflate(raw))
        return out
    }
}
