/// What a token is.
public enum TokenKind: String, Sendable, Codable, CaseIterable {
    case arabicWord
    /// A word in Latin or any other non-Arabic alphabetic script, letters and digits mixed ("5G").
    case latinWord
    /// Digits with decimal (. ٫) and thousands (, ٬) separators, in any digit set.
    case number
    case punctuation
    case url
    case email
    case hashtag
    case mention
    /// A tatweel-joined proclitic such as `لـ` in `لـ«أسطول»` or `بـ` in `بـ205`, or a bare one-letter
    /// proclitic glued to digits or a quote (`ﺑ205`). Kept apart so that the word after it stays whole.
    case proclitic

    /// True for kinds that carry searchable text.
    public var isWordLike: Bool {
        switch self {
        case .arabicWord, .latinWord, .number, .hashtag, .mention, .url, .email: return true
        case .punctuation, .proclitic: return false
        }
    }
}

/// A token with its place in the original text.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// UTF-8 byte offsets into the text that was tokenized, so that a highlight maps back to it.
    public var range: Range<Int>
    /// The token as written (not normalized).
    public var text: String

    public init(kind: TokenKind, range: Range<Int>, text: String) {
        self.kind = kind
        self.range = range
        self.text = text
    }
}
