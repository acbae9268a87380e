/// One article as DOCUMENT-MODEL.md defines it: what `marsad extract` prints.
///
/// Optional fields encode as explicit `null` and collections as `[]`, so every consumer sees every key.
public struct Article: Sendable, Hashable, Codable {
    public var id: String
    public var role: Role
    public var title: String
    public var subtitle: String?
    public var section: String?
    public var summary: String?
    public var paragraphs: [String]
    public var images: [Image]
    public var bylines: [Byline]
    public var media: [String]
    /// ISO 8601 in UTC (`2026-02-11T09:30:00Z`).
    public var published: String?
    public var url: String?
    public var quotes: [Quote]
    public var entities: [Entity]
    public var quantities: [Quantity]
    public var dates: [DateMention]
    public var duplicateOf: String?

    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// The page's own article.
        case main
        /// A full article appended to the page, for example by infinite scroll.
        case continuation
        /// A teaser in a related-articles block.
        case related
    }

    public init(
        id: String = "", role: Role, title: String, subtitle: String? = nil, section: String? = nil,
        summary: String? = nil, paragraphs: [String] = [], images: [Image] = [], bylines: [Byline] = [],
        media: [String] = [], published: String? = nil, url: String? = nil, quotes: [Quote] = [],
        entities: [Entity] = [], quantities: [Quantity] = [], dates: [DateMention] = [],
        duplicateOf: String? = nil
    ) {
        self.id = id
        self.role = role
        self.title = title
        self.subtitle = subtitle
        self.section = section
        self.summary = summary
        self.paragraphs = paragraphs
        self.images = images
        self.bylines = bylines
        self.media = media
        self.published = published
        self.url = url
        self.quotes = quotes
        self.entities = entities
        self.quantities = quantities
        self.dates = dates
        self.duplicateOf = duplicateOf
    }

    enum CodingKeys: String, CodingKey {
        case id, role, title, subtitle, section, summary, paragraphs, images, bylines, media, published, url
        case quotes, entities, quantities, dates, duplicateOf
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        role = try c.decodeIfPresent(Role.self, forKey: .role) ?? .main
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        subtitle = try c.decodeIfPresent(String.self, forKey: .subtitle)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        paragraphs = try c.decodeIfPresent([String].self, forKey: .paragraphs) ?? []
        images = try c.decodeIfPresent([Image].self, forKey: .images) ?? []
        bylines = try c.decodeIfPresent([Byline].self, forKey: .bylines) ?? []
        media = try c.decodeIfPresent([String].self, forKey: .media) ?? []
        published = try c.decodeIfPresent(String.self, forKey: .published)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        quotes = try c.decodeIfPresent([Quote].self, forKey: .quotes) ?? []
        entities = try c.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        quantities = try c.decodeIfPresent([Quantity].self, forKey: .quantities) ?? []
        dates = try c.decodeIfPresent([DateMention].self, forKey: .dates) ?? []
        duplicateOf = try c.decodeIfPresent(String.self, forKey: .duplicateOf)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(role, forKey: .role)
        try c.encode(title, forKey: .title)
        try c.encode(subtitle, forKey: .subtitle)
        try c.encode(section, forKey: .section)
        try c.encode(summary, forKey: .summary)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(images, forKey: .images)
        try c.encode(bylines, forKey: .bylines)
        try c.encode(media, forKey: .media)
        try c.encode(published, forKey: .published)
        try c.encode(url, forKey: .url)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(entities, forKey: .entities)
        try c.encode(quantities, forKey: .quantities)
        try c.encode(dates, forKey: .dates)
        try c.encode(duplicateOf, forKey: .duplicateOf)
    }
}

/// One text of an article that analysis reads, with where it came from.
public struct ArticleText: Sendable, Hashable {
    public var field: TextField
    public var text: String
    /// Index into `paragraphs` for the body, nil for every other field.
    public var paragraph: Int?
    /// What a byline text names, when the text is a byline's name or place.
    public var bylineRole: BylineRole?

    public enum BylineRole: Sendable, Hashable {
        /// An author's or an outlet's name.
        case name(Byline.Kind)
        /// The place a byline was sent from: always a location.
        case place
    }
}

extension Article {
    /// Every text field analysis reads, in ``TextField`` order: the title, the subtitle, the summary
    /// (the body itself when there are no paragraphs), the paragraphs, the captions, and each byline's
    /// name and place. Empty texts are left out.
    public var texts: [ArticleText] {
        var texts = [ArticleText(field: .title, text: title)]
        if let subtitle { texts.append(ArticleText(field: .subtitle, text: subtitle)) }
        if let summary { texts.append(ArticleText(field: .summary, text: summary)) }
        texts += paragraphs.enumerated().map { ArticleText(field: .body, text: $1, paragraph: $0) }
        texts += images.map { ArticleText(field: .caption, text: $0.caption) }
        for byline in bylines {
            texts.append(ArticleText(field: .byline, text: byline.name, bylineRole: .name(byline.kind)))
            if let place = byline.place { texts.append(ArticleText(field: .byline, text: place, bylineRole: .place)) }
        }
        return texts.filter { !$0.text.isEmpty }
    }
}

/// An image's caption, split from the agency or photographer credit that ended it.
public struct Image: Sendable, Hashable, Codable {
    public var caption: String
    public var credit: String?

    public init(caption: String, credit: String? = nil) {
        self.caption = caption
        self.credit = credit
    }

    enum CodingKeys: String, CodingKey { case caption, credit }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caption, forKey: .caption)
        try c.encode(credit, forKey: .credit)
    }
}

/// Who wrote or sent the article, and from where.
public struct Byline: Sendable, Hashable, Codable {
    public var name: String
    public var kind: Kind
    public var place: String?
    /// What the page says of the author, apart from the name: "كاتب سوري" (a column's closing
    /// "* كاتب سوري"), or nil.
    public var note: String?

    public enum Kind: String, Sendable, Hashable, Codable {
        /// A person.
        case author
        /// A newspaper, agency or channel.
        case outlet
    }

    public init(name: String, kind: Kind, place: String? = nil, note: String? = nil) {
        self.name = name
        self.kind = kind
        self.place = place
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case name, kind, place, note }

    /// `note` is written only when there is one: the field was added to the document model, and
    /// bylines without it read as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(place, forKey: .place)
        try c.encodeIfPresent(note, forKey: .note)
    }
}
