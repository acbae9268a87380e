public import ArabicText
public import StableHash

extension Article {
    /// The exact-copy hash: equal for two articles whose title and body are the same text once
    /// `.search`-normalized, so copies that differ only in harakat, hamza forms, tatweel or spacing at
    /// the edges of a field are exact copies.
    ///
    /// It is FNV-1a over the trimmed normalized title, a 0 byte, then each paragraph followed by a
    /// newline byte. A teaser has no paragraphs: its summary stands for the body. Article ids, the
    /// page's `duplicateOf` links, fingerprints and the archive's copy links all read this one value;
    /// it is stored, so it must not change.
    /// - Complexity: O(*n*) in the length of the title and body.
    public var exactCopyHash: UInt64 {
        var hash = FNV1a64()
        hash.add(normalizedTrimmed: title)
        hash.add(byte: 0)
        for paragraph in paragraphs.isEmpty ? [summary ?? ""] : paragraphs {
            hash.add(normalizedTrimmed: paragraph)
            hash.add(byte: 0x0A)
        }
        return hash.value
    }
}

extension FNV1a64 {
    /// The `.search`-normalized bytes of `text` without the spaces at its edges, as match keys are
    /// trimmed: the hash does not depend on edge spaces.
    fileprivate mutating func add(normalizedTrimmed text: String) {
        var text = text
        text.withUTF8 { bytes in
            Normalizer.search.withNormalized(bytes) { normalized in
                var start = 0, end = normalized.count
                while start < end, normalized[start] == 0x20 { start += 1 }
                while end > start, normalized[end - 1] == 0x20 { end -= 1 }
                add(bytes: UnsafeBufferPointer(rebasing: normalized[start..<end]))
            }
        }
    }
}
