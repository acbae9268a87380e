public import NewsModel

/// A name found in a text: what it names, how it is written there, and where.
public struct EntityMention: Sendable, Hashable {
    /// What found it.
    public enum Source: String, Sendable, Hashable {
        /// A gazetteer entry (the canonical name is the entry's).
        case gazetteer
        /// A cue rule: an organisation pattern (وزارة X) or a title before a given name.
        case rule
        /// The statistical tagger.
        case model
    }

    public var kind: Entity.Kind
    /// The canonical name of the entity, after linking within the text or article: the gazetteer's
    /// canonical name, or else the fullest form found (بوتين → فلاديمير بوتين).
    public var name: String
    /// The form as written, without proclitics (وبوتين → بوتين). لل before a name reads as ال
    /// (للصين → الصين), so that this one form is not a slice of the text.
    public var text: String
    /// UTF-8 byte offsets of the mention in the text searched (after its proclitics).
    public var range: Range<Int>
    public var source: Source

    public init(kind: Entity.Kind, name: String, text: String, range: Range<Int>, source: Source) {
        self.kind = kind
        self.name = name
        self.text = text
        self.range = range
        self.source = source
    }
}

/// A mention in an article, with the field it is in.
public struct ArticleMention: Sendable, Hashable {
    /// Index into the article's `paragraphs`, or nil for a text that is not the body.
    public var paragraph: Int?
    /// The text field the mention is in.
    public var field: TextField
    public var mention: EntityMention

    public init(paragraph: Int?, field: TextField? = nil, mention: EntityMention) {
        self.paragraph = paragraph
        self.field = field ?? (paragraph == nil ? .title : .body)
        self.mention = mention
    }
}
