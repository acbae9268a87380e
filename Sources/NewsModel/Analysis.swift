/// A statement and who made it.
public struct Quote: Sendable, Hashable, Codable {
    public var text: String
    /// The fullest name the article gives for the speaker.
    public var speaker: String?
    /// The form of the speaker's name found at the quote.
    public var mention: String?
    public var cue: String?
    public var kind: Kind
    /// Index into the article's `paragraphs`.
    public var paragraph: Int
    /// What speaks: a person, a body, a group, or an unnamed source kept whole as `speaker`; nil
    /// when there is no speaker, and in documents written before the field existed.
    public var speakerKind: SpeakerKind?
    /// The name of the article's entity the speaker is (an entry of `entities`), or nil.
    public var speakerEntity: String?

    public enum Kind: String, Sendable, Hashable, Codable {
        case direct, indirect
    }

    public enum SpeakerKind: String, Sendable, Hashable, Codable {
        case person, organization, group, anonymous
    }

    public init(text: String, speaker: String? = nil, mention: String? = nil, cue: String? = nil, kind: Kind, paragraph: Int,
                speakerKind: SpeakerKind? = nil, speakerEntity: String? = nil) {
        self.text = text
        self.speaker = speaker
        self.mention = mention
        self.cue = cue
        self.kind = kind
        self.paragraph = paragraph
        self.speakerKind = speakerKind
        self.speakerEntity = speakerEntity
    }

    enum CodingKeys: String, CodingKey { case text, speaker, mention, cue, kind, paragraph, speakerKind, speakerEntity }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(mention, forKey: .mention)
        try c.encode(speakerKind, forKey: .speakerKind)
        try c.encode(speakerEntity, forKey: .speakerEntity)
        try c.encode(cue, forKey: .cue)
        try c.encode(kind, forKey: .kind)
        try c.encode(paragraph, forKey: .paragraph)
    }
}

/// A person, place or organisation, with every form the article names it by.
public struct Entity: Sendable, Hashable, Codable {
    public var name: String
    public var type: Kind
    public var mentions: [String]
    public var count: Int
    /// The text fields the entity was seen in, in ``TextField`` order: a reader can weigh a name of
    /// the body above one seen only in a caption. Empty in documents written before the field existed.
    public var fields: [TextField]

    public enum Kind: String, Sendable, Hashable, Codable {
        case person, location, organization
    }

    public init(name: String, type: Kind, mentions: [String], count: Int, fields: [TextField] = []) {
        self.name = name
        self.type = type
        self.mentions = mentions
        self.count = count
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey { case name, type, mentions, count, fields }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(Kind.self, forKey: .type)
        mentions = try c.decode([String].self, forKey: .mentions)
        count = try c.decode(Int.self, forKey: .count)
        fields = try c.decodeIfPresent([TextField].self, forKey: .fields) ?? []
    }
}

/// A text field of an article that analysis reads, in the order it reads them.
public enum TextField: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case title, subtitle, summary, body, caption, byline

    public static func < (a: TextField, b: TextField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// An amount: money, a percentage, a measure, a count, an age or a duration.
public struct Quantity: Sendable, Hashable, Codable {
    public var text: String
    public var value: Double
    /// ISO 4217 for money, a unit name for measures, nil otherwise.
    public var unit: String?
    public var kind: Kind

    public enum Kind: String, Sendable, Hashable, Codable {
        case money, percent, measure, count, age, duration
    }

    public init(text: String, value: Double, unit: String? = nil, kind: Kind) {
        self.text = text
        self.value = value
        self.unit = unit
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey { case text, value, unit, kind }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(kind, forKey: .kind)
    }
}

/// A date the text names, resolved to ISO 8601 (`YYYY-MM-DD`, or `YYYY-MM` without a day).
///
/// `value` may also be a year (`YYYY`), an ISO week (`YYYY-Www`, for «الأسبوع الماضي»), or a date
/// without a year (`--MM-DD`, `--MM`) when the year is unknown. A date named relative to the publication
/// date («أمس», «الأربعاء», «الشهر المقبل») has `relative` set; when the article has no publication
/// date, `value` is that relative form too.
public struct DateMention: Sendable, Hashable, Codable {
    public var text: String
    public var value: String
    /// How the text places the date against the publication date: a signed ISO 8601 duration
    /// (`-P1D` yesterday, `P0D` today, `P1W` next week, `-P1M` last month, `-P1Y` last year) or a named
    /// day or month before or after it (`last-wednesday`, `next-march`, `this-march`). Nil for a date
    /// the text gives in full.
    public var relative: String?

    public init(text: String, value: String, relative: String? = nil) {
        self.text = text
        self.value = value
        self.relative = relative
    }

    enum CodingKeys: String, CodingKey { case text, value, relative }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        value = try c.decode(String.self, forKey: .value)
        relative = try c.decodeIfPresent(String.self, forKey: .relative)
    }

    /// Every key is written, `relative` as `null` when absent, as for every optional field of the model.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(relative, forKey: .relative)
    }
}
