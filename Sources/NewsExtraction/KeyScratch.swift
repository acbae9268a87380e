import ArabicText

/// Builds match keys (kept as a type so that callers can later pool scratch memory without changes).
struct KeyScratch {
    func key(_ text: String) -> MatchKey { MatchKey(text) }

    func key(utf8: UnsafeBufferPointer<UInt8>) -> MatchKey { MatchKey(bytes: MatchKey.normalizeTrimmed(utf8)) }
}

