#if canImport(Glibc)
import Glibc
#endif

/// Text in the form rules and lookups compare it in: search-normalized UTF-8 bytes,
/// trimmed. Hashing and comparing bytes avoids `String`'s Unicode-aware equality, which on Arabic
/// text goes through NFC normalization and dominated extraction time when keys were `String`s.
public struct MatchKey: Hashable, Sendable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Normalizes `text` (search rules: alef, hamza, harakat, tatweel, presentation forms, digits…).
    public init(_ text: some StringProtocol) {
        var string = String(text)
        bytes = string.withUTF8 { Self.normalizeTrimmed($0) }
    }

    public var isEmpty: Bool { bytes.isEmpty }
    public var description: String { String(decoding: bytes, as: UTF8.self) }

    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public func hasPrefix(_ prefix: MatchKey) -> Bool {
        bytes.count >= prefix.bytes.count && bytes[..<prefix.bytes.count].elementsEqual(prefix.bytes)
    }

    /// The key with `prefix` removed and spaces trimmed, or nil when it does not start with it.
    public func dropping(prefix: MatchKey) -> MatchKey? {
        guard hasPrefix(prefix) else { return nil }
        return MatchKey(slice: bytes[prefix.bytes.count...])
    }

    public init(slice: ArraySlice<UInt8>) {
        var start = slice.startIndex, end = slice.endIndex
        while start < end, slice[start] == 0x20 { start += 1 }
        while end > start, slice[end - 1] == 0x20 { end -= 1 }
        bytes = Array(slice[start..<end])
    }

    /// Without trailing colons and spaces ("الكلمات المفتاحية:" → "الكلمات المفتاحية").
    public func trimmingColon() -> MatchKey {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: ":") || bytes[end - 1] == 0x20 { end -= 1 }
        return end == bytes.count ? self : MatchKey(bytes: Array(bytes[..<end]))
    }

    /// Without a trailing counter ("تعليقات الزوار (2)" → "تعليقات الزوار"): headers that count
    /// their items.
    public func trimmingCounter() -> MatchKey {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        guard end > 0, bytes[end - 1] == UInt8(ascii: ")") else { return self }
        var open = end - 1
        while open > 0, (0x30...0x39).contains(bytes[open - 1]) { open -= 1 }
        guard open > 0, open < end - 1, bytes[open - 1] == UInt8(ascii: "(") else { return self }
        var cut = open - 1
        while cut > 0, bytes[cut - 1] == 0x20 { cut -= 1 }
        return cut == 0 ? self : MatchKey(bytes: Array(bytes[..<cut]))
    }

    /// Words (split at spaces).
    public var words: [ArraySlice<UInt8>] { bytes.split(separator: 0x20) }

    public var wordCount: Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            if byte == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        return count
    }

    /// The part before the first colon (ASCII or Arabic-script text uses ':' for both), if any.
    public var beforeColon: MatchKey? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return MatchKey(slice: bytes[..<colon])
    }

    public func contains(_ needle: MatchKey) -> Bool {
        guard !needle.bytes.isEmpty else { return true }
        guard needle.bytes.count <= bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.bytes.withUnsafeBufferPointer { needle in
                let first = needle[0]
                let last = haystack.count - needle.count
                var index = 0
                while index <= last {
                    if haystack[index] == first && memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0 {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }
}

extension MatchKey {
    /// Search-normalized bytes without the spaces that collapsing leaves at either end.
    public static func normalizeTrimmed(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = Normalizer.search.normalizedBytes(input)
        // Collapsed spaces leave at most one at each end.
        if out.last == 0x20 || out.last == 0x09 { out.removeLast() }
        if out.first == 0x20 || out.first == 0x09 { out.removeFirst() }
        return out
    }
}
