public import NewsModel
import Foundation

/// An article as a store keeps it: the document JSON (the document model with `paragraphs` empty),
/// the body, and what the archive knows of it. ``decoded()`` is the one way both stores turn a row
/// into a ``StoredArticle``; an export writes JSON Lines from the row itself (``ArticleExport``).
public struct StoredRow: Sendable, Hashable {
    public var id: String
    public var document: String
    /// The paragraphs, separated by `\n`.
    public var body: String
    public var outlet: String?
    /// The row's link, which the linking stage may have set after the document was stored.
    public var duplicateOf: String?
    public var storyID: Int64?
    public var pageSource: String
    public var ingested: String

    public init(
        id: String, document: String, body: String, outlet: String?, duplicateOf: String?, storyID: Int64?, pageSource: String, ingested: String
    ) {
        self.id = id
        self.document = document
        self.body = body
        self.outlet = outlet
        self.duplicateOf = duplicateOf
        self.storyID = storyID
        self.pageSource = pageSource
        self.ingested = ingested
    }

    public var paragraphs: [String] {
        body.isEmpty ? [] : body.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The article with its paragraphs and the row's link; a document that does not decode is
    /// ``ArchiveError/corrupt(_:)`` naming the article.
    public func decoded() throws -> StoredArticle {
        var article: Article
        do {
            article = try JSONDecoder().decode(Article.self, from: Data(document.utf8))
        } catch {
            throw ArchiveError.corrupt("article \(id): stored document does not decode (\(error))")
        }
        article.paragraphs = paragraphs
        // The row's link is the archive's word: the linking stage sets it after the document was
        // stored, and a teaser is linked when its article arrives.
        article.duplicateOf = duplicateOf
        return StoredArticle(article: article, outlet: outlet, pageSource: pageSource, duplicateOf: duplicateOf, storyID: storyID, ingested: ingested)
    }

    /// The export's JSON line written from the stored JSON without decoding it: the paragraphs go
    /// where the stored document has `"paragraphs":[]`, and the row's link and the archive's fields
    /// replace its closing `"duplicateOf":…}`. The same bytes as encoding ``decoded()``'s
    /// ``StoredArticle/exportValue`` (tested), at a fraction of the cost. Nil when the document is
    /// not in that shape (written by another version), where the caller decodes.
    public func exportLine() -> [UInt8]? {
        let bytes = Array(document.utf8)
        guard let paragraphsAt = Self.find(Self.emptyParagraphs, in: bytes, fromEnd: false),
            let linkAt = Self.find(Self.linkKey, in: bytes, fromEnd: true), linkAt > paragraphsAt, bytes.last == 0x7D
        else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + body.utf8.count + 256)
        out += bytes[..<paragraphsAt]
        out += Self.paragraphsKey
        out += DocumentJSON.bytes(.array(paragraphs.map(DocumentJSON.Value.string)), pretty: false)
        out += bytes[(paragraphsAt + Self.emptyParagraphs.count)..<linkAt]
        guard case .object(let archive) = StoredArticle.archiveFields(outlet: outlet, pageSource: pageSource, storyID: storyID, ingested: ingested)
        else { return nil }
        let tail = DocumentJSON.bytes(.object([("duplicateOf", duplicateOf.map(DocumentJSON.Value.string) ?? .null)] + archive), pretty: false)
        // The tail object's members, after its `{`, continue the document's.
        out.append(0x2C)
        out += tail.dropFirst()
        out.append(0x0A)
        return out
    }

    static let emptyParagraphs = Array("\"paragraphs\":[]".utf8)
    static let paragraphsKey = Array("\"paragraphs\":".utf8)
    static let linkKey = Array(",\"duplicateOf\":".utf8)

    /// Where `needle` starts in `bytes`, the first or the last time. Keys cannot occur inside JSON
    /// strings, whose quotes are escaped.
    static func find(_ needle: [UInt8], in bytes: [UInt8], fromEnd: Bool) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        func matches(_ start: Int) -> Bool {
            var k = 0
            while k < needle.count, bytes[start + k] == needle[k] { k += 1 }
            return k == needle.count
        }
        var start = fromEnd ? bytes.count - needle.count : 0
        while start >= 0, start <= bytes.count - needle.count {
            if matches(start) { return start }
            start += fromEnd ? -1 : 1
        }
        return nil
    }
}

extension ArchiveStore {
    public func storedArticles(rows: [Int64]) async throws -> [StoredArticle] {
        try await storedRows(rows: rows).map { try $0.decoded() }
    }
}
