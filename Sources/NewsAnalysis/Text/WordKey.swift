import ArabicText

/// A word's `.search`-normalized UTF-8 (up to 32 bytes) packed into four integers: hashing and
/// comparing it allocates nothing and never goes through `String`'s Unicode-aware equality.
///
/// Longer words get the ``overlong`` key, which no table holds. Arabic letters take two bytes, so 16
/// letters fit: every cue word does.
struct WordKey: Hashable, Sendable {
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    /// Bytes held; 255 for ``overlong``.
    var count: UInt8 = 0

    static let capacity = 32
    static let overlong = WordKey(w0: 0, w1: 0, w2: 0, w3: 0, count: 255)
    static let empty = WordKey()
    static let alef = WordKey("ا")

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64, count: UInt8) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3; self.count = count
    }

    init() {}

    /// Packs already-normalized bytes.
    init(normalized bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.capacity else { self = .overlong; return }
        // Little-endian words: byte i lands where ``subscript(_:)`` reads it.
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        self.init(w0: UInt64(littleEndian: words.0), w1: UInt64(littleEndian: words.1), w2: UInt64(littleEndian: words.2),
                  w3: UInt64(littleEndian: words.3), count: UInt8(bytes.count))
    }

    /// Normalizes a short text (a cue from a data file) and packs it.
    init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self.normalizing($0) }
    }

    /// Normalizes `raw` with ``Normalizer/search`` and packs it.
    static func normalizing(_ raw: UnsafeBufferPointer<UInt8>) -> WordKey {
        normalizing(raw, with: Normalizer.search, scratch: UTF8Buffer(capacity: 64))
    }

    /// The hot path: `scratch` is reused from word to word, so nothing is allocated.
    static func normalizing(_ raw: UnsafeBufferPointer<UInt8>, with normalizer: Normalizer, scratch: UTF8Buffer) -> WordKey {
        // A word this long is never a cue, and normalization only shortens Arabic by dropping marks.
        guard raw.count <= 4 * capacity else { return .overlong }
        scratch.removeAll()
        normalizer.normalize(raw, appendingTo: scratch)
        return WordKey(normalized: scratch.bytes)
    }

    /// One mixed word for the hasher instead of five fields: most of the cost of a lookup is hashing.
    func hash(into hasher: inout Hasher) {
        let mixed = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w2 &* 0x1656_67B1_9E37_79F9)
            ^ (w3 &* 0x27D4_EB2F_1656_67C5) ^ UInt64(count)
        hasher.combine(mixed)
    }

    /// The first two bytes, as a little-endian number: the first Arabic letter.
    var firstLetter: UInt16 { UInt16(truncatingIfNeeded: w0) }

    var isOverlong: Bool { count == 255 }
    var byteCount: Int { isOverlong ? 0 : Int(count) }

    subscript(index: Int) -> UInt8 {
        let word: UInt64
        switch index >> 3 {
        case 0: word = w0
        case 1: word = w1
        case 2: word = w2
        default: word = w3
        }
        return UInt8(truncatingIfNeeded: word >> (UInt64(index & 7) * 8))
    }

    private mutating func set(_ index: Int, _ byte: UInt8) {
        let shifted = UInt64(byte) << (UInt64(index & 7) * 8)
        switch index >> 3 {
        case 0: w0 |= shifted
        case 1: w1 |= shifted
        case 2: w2 |= shifted
        default: w3 |= shifted
        }
    }

    /// The key without its first `bytes` bytes (a proclitic letter is two).
    func dropFirst(_ bytes: Int) -> WordKey {
        guard !isOverlong, bytes <= Int(count) else { return .overlong }
        guard bytes > 0 else { return self }
        var result = self
        var remaining = bytes
        while remaining > 0 {
            // Shift the 256-bit value right by up to 7 bytes at a time.
            let step = Swift.min(remaining, 7)
            let bits = UInt64(step * 8), back = 64 - bits
            result.w0 = result.w0 >> bits | result.w1 << back
            result.w1 = result.w1 >> bits | result.w2 << back
            result.w2 = result.w2 >> bits | result.w3 << back
            result.w3 = result.w3 >> bits
            remaining -= step
        }
        result.count = count - UInt8(bytes)
        return result
    }

    /// The first `bytes` bytes.
    func prefix(_ bytes: Int) -> WordKey {
        guard !isOverlong else { return .overlong }
        let kept = Swift.min(bytes, Int(count))
        func mask(_ word: Int) -> UInt64 {
            let bits = kept * 8 - word * 64
            if bits >= 64 { return ~0 }
            if bits <= 0 { return 0 }
            return (UInt64(1) << UInt64(bits)) &- 1
        }
        return WordKey(w0: w0 & mask(0), w1: w1 & mask(1), w2: w2 & mask(2), w3: w3 & mask(3), count: UInt8(kept))
    }

    /// The key with `suffix` appended, or ``overlong`` when it does not fit.
    func appending(_ suffix: WordKey) -> WordKey {
        guard !isOverlong, !suffix.isOverlong, Int(count) + Int(suffix.count) <= Self.capacity else { return .overlong }
        var result = self
        for index in 0..<Int(suffix.count) { result.set(Int(count) + index, suffix[index]) }
        result.count = count + suffix.count
        return result
    }

    func hasPrefix(_ prefix: WordKey) -> Bool {
        guard !isOverlong, !prefix.isOverlong, prefix.count <= count else { return false }
        for index in 0..<Int(prefix.count) where self[index] != prefix[index] { return false }
        return true
    }

    func hasSuffix(_ suffix: WordKey) -> Bool {
        guard !isOverlong, !suffix.isOverlong, suffix.count <= count else { return false }
        let offset = Int(count - suffix.count)
        for index in 0..<Int(suffix.count) where self[offset + index] != suffix[index] { return false }
        return true
    }

    /// Arabic letters in the key (each two bytes in U+0600–U+06FF).
    var arabicLetterCount: Int {
        var letters = 0
        for index in 0..<byteCount where self[index] & 0xFC == 0xD8 { letters += 1 }
        return letters
    }

    var string: String {
        String(decoding: (0..<byteCount).map { self[$0] }, as: UTF8.self)
    }
}

extension WordKey: CustomStringConvertible {
    var description: String { isOverlong ? "<overlong>" : string }
}
