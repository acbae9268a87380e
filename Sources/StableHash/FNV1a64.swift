/// 64-bit FNV-1a: the project's one byte hash.
///
/// Values are stable across runs, processes and platforms, unlike Swift's `Hasher`, which is seeded
/// per process. That matters because these values are stored: article ids, exact-copy hashes,
/// fingerprints and term keys in the archive must compare equal on the next run. It is also why
/// hot-path tables hash bytes with it instead of hashing `String`s, which Swift does through Unicode
/// normalization.
///
/// Not for security: anyone can build collisions.
@frozen
public struct FNV1a64: Sendable, Hashable {
    /// The FNV offset basis: the hash of no bytes.
    @inlinable public static var offsetBasis: UInt64 { 0xcbf2_9ce4_8422_2325 }
    /// The 64-bit FNV prime.
    @inlinable public static var prime: UInt64 { 0x0000_0100_0000_01B3 }
    /// Separates fields in ``add(field:)``: the byte never occurs in UTF-8.
    @inlinable public static var fieldSeparator: UInt8 { 0xFF }

    public var value: UInt64

    @inlinable
    public init(value: UInt64 = FNV1a64.offsetBasis) { self.value = value }

    /// One FNV-1a step with a unit wider than a byte (a Unicode scalar value, for instance). With
    /// byte units it is exactly FNV-1a.
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ unit: UInt64) -> UInt64 { (hash ^ unit) &* prime }

    /// The hash of `bytes`, continuing from `hash`.
    /// - Complexity: O(*n*) in the number of bytes.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from hash: UInt64 = offsetBasis) -> UInt64 {
        var h = hash
        for byte in bytes { h = step(h, UInt64(byte)) }
        return h
    }

    /// The hash of `bytes`, continuing from `hash`.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>, from hash: UInt64 = offsetBasis) -> UInt64 {
        var h = hash
        for byte in bytes { h = step(h, UInt64(byte)) }
        return h
    }

    /// The hash of a string's UTF-8 bytes, with no separator.
    @inlinable
    public static func hash(utf8 text: String) -> UInt64 { hash(text.utf8) }

    @inlinable @inline(__always)
    public mutating func add(byte: UInt8) { value = Self.step(value, UInt64(byte)) }

    @inlinable
    public mutating func add(bytes: UnsafeBufferPointer<UInt8>) { value = Self.hash(bytes, from: value) }

    @inlinable
    public mutating func add(bytes: some Sequence<UInt8>) { value = Self.hash(bytes, from: value) }

    /// The UTF-8 bytes of `text`, with no separator: for a hash of one text, or of texts whose
    /// boundaries the caller marks itself.
    @inlinable
    public mutating func add(utf8 text: String) { add(bytes: text.utf8) }

    /// The UTF-8 bytes of `text` then ``fieldSeparator``, so that ("ab", "c") and ("a", "bc") differ.
    @inlinable
    public mutating func add(field text: String) {
        add(bytes: text.utf8)
        add(byte: Self.fieldSeparator)
    }

    /// The eight bytes of `number`, least significant first.
    @inlinable
    public mutating func add(_ number: UInt64) {
        var n = number
        for _ in 0..<8 {
            add(byte: UInt8(truncatingIfNeeded: n))
            n >>= 8
        }
    }

    /// The value as 16 lowercase hex digits, zero-padded: the form ids are written in.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
