public import NewsModel

/// A gold file of `Eval/gold/`: what a perfect extractor returns for one input (see Eval/README.md).
public struct GoldPage: Sendable, Decodable {
    public var input: String
    public var format: String?
    public var encoding: String?
    public var articles: [GoldArticle]
    public var mustContain: [String]
    public var mustNotContain: [String]

    enum CodingKeys: String, CodingKey { case input, format, encoding, articles, mustContain, mustNotContain }

    public init(input: String, format: String? = nil, encoding: String? = nil, articles: [GoldArticle],
                mustContain: [String] = [], mustNotContain: [String] = []) {
        self.input = input
        self.format = format
        self.encoding = encoding
        self.articles = articles
        self.mustContain = mustContain
        self.mustNotContain = mustNotContain
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(String.self, forKey: .input)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        encoding = try c.decodeIfPresent(String.self, forKey: .encoding)
        articles = try c.decodeIfPresent([GoldArticle].self, forKey: .articles) ?? []
        mustContain = try c.decodeIfPresent([String].self, forKey: .mustContain) ?? []
        mustNotContain = try c.decodeIfPresent([String].self, forKey: .mustNotContain) ?? []
    }
}

/// A gold article. A field that is absent is not scored; `null` or `[]` is (the extractor must give nothing).
public struct GoldArticle: Sendable, Decodable {
    public var role: Article.Role?
    public var title: String?
    public var subtitle: Field<String>
    public var section: Field<String>
    public var summary: Field<String>
    public var paragraphs: [String]?
    public var images: [Image]?
    public var bylines: [Byline]?
    public var media: [String]?
    public var published: Field<String>
    public var url: Field<String>
    /// Analysis gold (optional): complete lists of direct quotes, quantities and dates; entities.
    public var quotes: [GoldQuote]?
    public var notQuotes: [String]?
    public var indirectSpeakers: [String]?
    public var entities: [GoldEntity]?
    public var quantities: [GoldQuantity]?
    public var dates: [GoldDate]?

    public struct GoldQuote: Sendable, Decodable {
        public var text: String
        public var speaker: String?
        public var paragraph: Int?
    }

    public struct GoldEntity: Sendable, Decodable {
        public var name: String
        public var type: Entity.Kind
    }

    public struct GoldQuantity: Sendable, Decodable {
        public var text: String
        public var value: Double
        public var unit: String?
        public var kind: Quantity.Kind
    }

    public struct GoldDate: Sendable, Decodable {
        public var text: String
        public var value: String?
        public var relative: Bool?
    }

    /// Absent (not scored), or present with a value that may be null.
    public enum Field<Value: Sendable & Equatable>: Sendable, Equatable {
        case absent
        case present(Value?)
    }

    enum CodingKeys: String, CodingKey {
        case role, title, subtitle, section, summary, paragraphs, images, bylines, media, published, url
        case quotes, notQuotes, indirectSpeakers, entities, quantities, dates
    }

    public init(role: Article.Role?, title: String?, paragraphs: [String]? = nil) {
        self.role = role
        self.title = title
        self.paragraphs = paragraphs
        subtitle = .absent
        section = .absent
        summary = .absent
        published = .absent
        url = .absent
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func field(_ key: CodingKeys) throws -> Field<String> {
            guard c.contains(key) else { return .absent }
            return .present(try c.decodeIfPresent(String.self, forKey: key))
        }
        role = try c.decodeIfPresent(Article.Role.self, forKey: .role)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        subtitle = try field(.subtitle)
        section = try field(.section)
        summary = try field(.summary)
        paragraphs = try c.decodeIfPresent([String].self, forKey: .paragraphs)
        images = try c.decodeIfPresent([Image].self, forKey: .images)
        bylines = try c.decodeIfPresent([Byline].self, forKey: .bylines)
        media = try c.decodeIfPresent([String].self, forKey: .media)
        published = try field(.published)
        url = try field(.url)
        quotes = try c.decodeIfPresent([GoldQuote].self, forKey: .quotes)
        notQuotes = try c.decodeIfPresent([String].self, forKey: .notQuotes)
        indirectSpeakers = try c.decodeIfPresent([String].self, forKey: .indirectSpeakers)
        entities = try c.decodeIfPresent([GoldEntity].self, forKey: .entities)
        quantities = try c.decodeIfPresent([GoldQuantity].self, forKey: .quantities)
        dates = try c.decodeIfPresent([GoldDate].self, forKey: .dates)
    }
}
