import CZlib
public import Foundation

/// A problem with a model file.
public struct NERModelError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "NER model: \(message)" }
}

/// The tagger's weights: one row of ``NERTags/count`` weights per hashed feature, and the transition
/// weights between tags.
///
/// A file is `MNRZ`, the raw length and a zlib stream of the raw form: `MNER`, format and feature
/// versions, tag count, row count, the weight scale, transitions and start weights (Float32), feature
/// hashes (UInt64), and weights quantized to Int16 (`weight = q × scale`). All little-endian.
public struct NERModel: Sendable {
    static let tagCount = NERTags.count
    static let formatVersion: UInt32 = 1

    /// Feature hash of each row.
    private(set) var keys: [UInt64]
    /// Row of each feature hash; empty when ``packed`` answers lookups.
    var index: HashIndex
    /// `rows × tagCount`, row-major.
    var weights: [Float]
    /// The same weights in the decoder's layout, for a model read from a file (quantized); nil for
    /// one trained in memory, which the decoder reads through ``index`` and ``weights``.
    var packed: PackedWeights?
    /// `previous × next`.
    var transitions: [Float]
    var start: [Float]

    public var featureCount: Int { keys.count }

    init(keys: [UInt64], weights: [Float], transitions: [Float], start: [Float], packed: PackedWeights? = nil) {
        self.keys = keys
        self.weights = weights
        self.transitions = transitions
        self.start = start
        self.packed = packed
        var index = HashIndex(capacity: packed == nil ? keys.count : 0)
        if packed == nil {
            for (row, key) in keys.enumerated() { index.insertIfAbsent(key, Int32(row)) }
        }
        self.index = index
    }

    /// The model shipped in the NewsAnalysis bundle (`Resources/models/ner.mner`).
    public static func bundled() throws(NERModelError) -> NERModel {
        guard let url = Bundle.module.url(forResource: "ner", withExtension: "mner", subdirectory: "models") else {
            throw NERModelError("no models/ner.mner in the NewsAnalysis bundle")
        }
        return try NERModel(contentsOf: url)
    }

    /// The tagger's second pass shipped in the bundle (`Resources/models/ner-document.mner`), or nil
    /// when the bundle has none.
    public static func bundledDocument() throws(NERModelError) -> NERModel? {
        guard let url = Bundle.module.url(forResource: "ner-document", withExtension: "mner", subdirectory: "models") else { return nil }
        return try NERModel(contentsOf: url)
    }

    public init(contentsOf url: URL) throws(NERModelError) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw NERModelError("cannot read \(url.path)") }
        try self.init(serialized: [UInt8](data))
    }

    /// Reads a model, compressed or raw.
    ///
    /// - Throws: ``NERModelError`` for a wrong magic number, an unknown version, features of another
    ///   version, or truncated data.
    public init(serialized bytes: [UInt8]) throws(NERModelError) {
        var reader = ByteReader(bytes)
        let magic = try reader.magic()
        var raw = bytes
        if magic == "MNRZ" {
            let length = Int(try reader.u32())
            guard length <= 1 << 29 else { throw NERModelError("declared size \(length) is too large") }
            raw = try Self.inflate(Array(bytes[8...]), length: length)
            reader = ByteReader(raw)
            guard try reader.magic() == "MNER" else { throw NERModelError("bad inner magic") }
        } else if magic != "MNER" {
            throw NERModelError("not a model file")
        }
        guard try reader.u32() == Self.formatVersion else { throw NERModelError("unknown format version") }
        let features = try reader.u32()
        guard features == NERFeatures.version else {
            throw NERModelError("trained with feature version \(features), this build has \(NERFeatures.version): retrain")
        }
        guard try reader.u32() == UInt32(Self.tagCount) else { throw NERModelError("wrong tag count") }
        let rows = Int(try reader.u32())
        let scale = try reader.f32()
        let transitions = try (0..<(Self.tagCount * Self.tagCount)).map { _ throws(NERModelError) in try reader.f32() }
        let start = try (0..<Self.tagCount).map { _ throws(NERModelError) in try reader.f32() }
        guard raw.count - reader.offset == rows * (8 + 2 * Self.tagCount) else { throw NERModelError("size does not match \(rows) rows") }
        var keys = [UInt64](), weights = [Float](), quantized = [Int16]()
        keys.reserveCapacity(rows)
        weights.reserveCapacity(rows * Self.tagCount)
        quantized.reserveCapacity(rows * Self.tagCount)
        for _ in 0..<rows { keys.append(try reader.u64()) }
        for _ in 0..<(rows * Self.tagCount) { quantized.append(try reader.i16()) }
        for q in quantized { weights.append(Float(q) * scale) }
        self.init(keys: keys, weights: weights, transitions: transitions, start: start,
                  packed: PackedWeights(keys: keys, quantized: quantized, tagCount: Self.tagCount, scale: scale))
    }

    /// The compressed file form; weights are quantized to Int16.
    public func serialized() -> [UInt8] {
        var raw = [UInt8]()
        raw.append(contentsOf: Array("MNER".utf8))
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { raw.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        u32(Self.formatVersion)
        u32(NERFeatures.version)
        u32(UInt32(Self.tagCount))
        u32(UInt32(keys.count))
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 ? largest / 32767 : 1
        f32(scale)
        transitions.forEach(f32)
        start.forEach(f32)
        for key in keys { withUnsafeBytes(of: key.littleEndian) { raw.append(contentsOf: $0) } }
        for w in weights {
            let q = Int16(clamping: Int((w / scale).rounded()))
            withUnsafeBytes(of: q.littleEndian) { raw.append(contentsOf: $0) }
        }
        var out = Array("MNRZ".utf8)
        withUnsafeBytes(of: UInt32(raw.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: Self.deflate(raw))
        return out
    }

    /// The same model with its weights as a file restores them (quantized), for scoring what ships.
    public func quantized() -> NERModel {
        (try? NERModel(serialized: serialized())) ?? self
    }

    static func deflate(_ raw: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(raw.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            raw.withUnsafeBufferPointer { i in compress2(o.baseAddress, &length, i.baseAddress, uLong(i.count), 9) }
        }
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        return Array(out.prefix(Int(length)))
    }

    static func inflate(_ packed: [UInt8], length: Int) throws(NERModelError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(length, 1))
        var outLength = uLong(length)
        let status = out.withUnsafeMutableBufferPointer { o in
            packed.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &outLength, i.baseAddress, uLong(i.count)) }
        }
        guard status == Z_OK, Int(outLength) == length else { throw NERModelError("corrupt compressed data (zlib \(status))") }
        return out
    }
}

/// Little-endian reads with bounds checks.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ n: Int) throws(NERModelError) -> ArraySlice<UInt8> {
        guard offset + n <= bytes.count else { throw NERModelError("truncated at byte \(offset)") }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    mutating func magic() throws(NERModelError) -> String { String(decoding: try take(4), as: UTF8.self) }

    mutating func u32() throws(NERModelError) -> UInt32 {
        try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    mutating func u64() throws(NERModelError) -> UInt64 {
        try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    mutating func f32() throws(NERModelError) -> Float { Float(bitPattern: try u32()) }

    mutating func i16() throws(NERModelError) -> Int16 {
        let b = try take(2)
        return Int16(bitPattern: UInt16(b[b.startIndex]) | UInt16(b[b.startIndex + 1]) << 8)
    }
}
