public import NewsModel

/// Lists each quote once: the same words from the same speaker, however many articles carried them
/// (copies, or outlets running one wire), as one ``QuoteRecord`` with every outlet.
///
/// Both stores fold in two reads rather than one grouped query: grouping every quote of the archive by
/// its text took 2.6 s over ANT's 157,000 quotes for a page of 20. First the quotes are read newest
/// first, a chunk at a time, until the page's distinct quotes are known (``KeyCollector``); then every
/// article that carried those few quotes is read, and ``records(_:carriers:)`` folds them.
public enum QuoteFolding {
    /// A quote's identity: its words and its speaker's search key ("" without a speaker).
    public struct Key: Hashable, Sendable {
        public var text: String
        public var speakerKey: String

        public init(text: String, speakerKey: String?) {
            self.text = text
            self.speakerKey = speakerKey ?? ""
        }
    }

    /// Rows read per chunk while collecting a page's quotes.
    public static let chunk = 500

    /// The distinct quotes in the order first seen, up to `needed`.
    public struct KeyCollector: Sendable {
        public let needed: Int
        public private(set) var keys: [Key] = []
        private var seen = Set<Key>()

        public init(needed: Int) { self.needed = needed }

        public var isFull: Bool { keys.count >= needed }

        public mutating func add(_ key: Key) {
            guard !isFull, seen.insert(key).inserted else { return }
            keys.append(key)
        }
    }

    /// One article that carried a quote.
    public struct Carrier: Sendable {
        public var key: Key
        public var speaker: String?
        public var kind: Quote.Kind
        public var cue: String?
        public var seq: Int64
        public var position: Int
        public var articleID: String
        public var title: String
        public var outlet: String?
        public var published: String?
        public var url: String?

        public init(
            key: Key, speaker: String?, kind: Quote.Kind, cue: String?, seq: Int64, position: Int, articleID: String, title: String,
            outlet: String?, published: String?, url: String? = nil
        ) {
            self.key = key
            self.speaker = speaker
            self.kind = kind
            self.cue = cue
            self.seq = seq
            self.position = position
            self.articleID = articleID
            self.title = title
            self.outlet = outlet
            self.published = published
            self.url = url
        }
    }

    /// The records of `keys`, in their order: each shown with the first article (lowest seq) that
    /// carried it, and every outlet that did. A key no carrier holds is left out.
    public static func records(_ keys: [Key], carriers: [Carrier]) -> [QuoteRecord] {
        var byKey = [Key: [Carrier]]()
        for carrier in carriers { byKey[carrier.key, default: []].append(carrier) }
        return keys.compactMap { key -> QuoteRecord? in
            guard let all = byKey[key], let first = all.min(by: { ($0.seq, $0.position) < ($1.seq, $1.position) }) else { return nil }
            let articles = Set(all.map(\.seq)).count
            return QuoteRecord(
                text: first.key.text, speaker: first.speaker, kind: first.kind, cue: first.cue, articleID: first.articleID, title: first.title,
                source: first.outlet, published: first.published, url: first.url, outlets: Set(all.compactMap(\.outlet)).sorted(), articles: articles)
        }
    }
}
