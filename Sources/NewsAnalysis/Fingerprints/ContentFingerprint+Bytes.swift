extension ContentFingerprint {
    static let format: UInt8 = 1

    /// One blob for the archive: a format byte, the exact hash, the shingle count, the teaser flag,
    /// the entity keys, then the MinHash, lead and term blobs, each behind its length. Band keys are
    /// left out: the archive indexes them apart, and comparisons never read them.
    public var bytes: [UInt8] {
        var out: [UInt8] = [Self.format]
        FingerprintBytes.append(exact, to: &out)
        FingerprintBytes.append(UInt32(clamping: shingleCount), to: &out)
        out.append(isTeaser ? 1 : 0)
        FingerprintBytes.append(UInt32(clamping: entities.count), to: &out)
        for entity in entities { FingerprintBytes.append(entity, to: &out) }
        for part in [minHash.bytes, lead.bytes, terms.bytes] {
            FingerprintBytes.append(UInt32(clamping: part.count), to: &out)
            out += part
        }
        return out
    }

    /// Reads ``bytes``; nil for another format or a damaged blob (never a trap).
    public init?(bytes: [UInt8]) {
        guard let decoded = bytes.withUnsafeBytes({ Self(raw: $0) }) else { return nil }
        self = decoded
    }

    /// ``init(bytes:)`` over the raw bytes, read a word at a time with every length checked first.
    init?(raw: UnsafeRawBufferPointer) {
        var index = 0
        func take(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, count <= raw.count - index else { return nil }
            defer { index += count }
            return UnsafeRawBufferPointer(rebasing: raw[index..<index + count])
        }
        func uint32() -> UInt32? { take(4).map { FingerprintBytes.uint32($0, 0) } }
        func uint64() -> UInt64? { take(8).map { FingerprintBytes.uint64($0, 0) } }
        guard take(1)?.first == Self.format, let exact = uint64(), let shingles = uint32(), let teaser = take(1)?.first,
              let entityCount = uint32(), Int(entityCount) <= raw.count / 8, let entityBytes = take(Int(entityCount) * 8)
        else { return nil }
        let entities = (0..<Int(entityCount)).map { FingerprintBytes.uint64(entityBytes, 8 * $0) }
        guard let minHashLength = uint32(), let minHashBytes = take(Int(minHashLength)), let minHash = MinHashSignature(raw: minHashBytes),
              let leadLength = uint32(), let leadBytes = take(Int(leadLength)), let lead = TermSet(raw: leadBytes),
              let termsLength = uint32(), let termBytes = take(Int(termsLength)), let terms = TermVector(raw: termBytes)
        else { return nil }
        self.init(
            exact: exact, minHash: minHash, bandKeys: [], shingleCount: Int(shingles), terms: terms, lead: lead,
            entities: entities, isTeaser: teaser == 1)
    }
}
