import Archive
import Foundation
import NewsModel

/// A value of a row written to PostgreSQL, typed once for its two encodings: JSON for the
/// statements that insert one article (``PostgresArchive/insertArticles(_:on:)``,
/// ``PostgresArchive/insertChildren(_:on:)``) and COPY text for whole batches
/// (``PostgresArchive/copyPages(_:on:now:)``).
enum RowValue {
    case text(String?)
    case integer(Int64?)
    case real(Double)
    /// Empty bytes are NULL.
    case bytes([UInt8])

    var json: Any {
        switch self {
        case .text(let value): return value.map(Binds.clean) ?? NSNull()
        case .integer(let value): return value ?? NSNull()
        case .real(let value): return value
        case .bytes(let value): return PostgresArchive.hex(value)
        }
    }

    /// Appends the value in COPY's text format: `\N` for NULL; backslash, tab, newline and carriage
    /// return escaped; NUL dropped (text cannot hold it); bytes as `\\x` and hex.
    ///
    /// - Complexity: O(n) in UTF-8 bytes.
    func appendCopy(to out: inout [UInt8]) {
        switch self {
        case .text(nil), .integer(nil): out += [0x5C, 0x4E]
        case .text(let value?):
            for byte in value.utf8 {
                switch byte {
                case 0: continue
                case 0x5C: out += [0x5C, 0x5C]
                case 0x09: out += [0x5C, 0x74]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                default: out.append(byte)
                }
            }
        case .integer(let value?): out += Array(String(value).utf8)
        case .real(let value): out += Array((value.isFinite ? "\(value)" : "0").utf8)
        case .bytes(let value):
            if value.isEmpty { out += [0x5C, 0x4E] } else { out += [0x5C, 0x5C, 0x78] + Array(PostgresArchive.hex(value).utf8) }
        }
    }
}

/// The rows one article adds to the archive's tables, in the columns ``PostgresRows`` names.
struct ArticleRows {
    /// The `articles` row, in ``PostgresRows/articleColumns`` order (no `seq`).
    var article: [RowValue]
    /// Rows of each child table by name, in ``PostgresRows/childTables`` columns (no `article`).
    var children: [String: [[RowValue]]]
}

enum PostgresRows {
    static let articleColumns = [
        "id", "page_id", "position", "role", "title", "section", "section_key", "outlet", "outlet_key", "published", "published_local",
        "url", "lead", "body", "document", "exact_hash", "minhash", "terms", "duplicate_of", "story_id",
    ]

    /// The child tables and their columns after `article`, in the order they are written.
    static let childTables: [(table: String, columns: [String])] = [
        ("images", ["position", "caption", "credit"]),
        ("bylines", ["position", "name", "kind", "place"]),
        ("quotes", ["position", "text", "speaker", "speaker_key", "mention", "cue", "kind", "paragraph"]),
        ("entities", ["name", "name_key", "type", "count", "mentions"]),
        ("entity_keys", ["key"]),
        ("quantities", ["text", "value", "unit", "kind"]),
        ("dates", ["text", "value", "relative"]),
        ("lsh_bands", ["band"]),
        ("articles_fts", ["title", "subtitle", "captions", "body", "vector"]),
    ]

    /// Everything an article stores: its row (the document without its paragraphs, which the body
    /// column holds; the lead cut to 300 characters) and its children.
    static func rows(_ article: Article, item: ArchiveArticle, pageID: Int64, position: Int, story: Int64?) throws -> ArticleRows {
        var document = article
        document.paragraphs = []
        let lead = (article.paragraphs.first { !$0.isEmpty } ?? article.summary).map { String($0.prefix(300)) }
        let row: [RowValue] = [
            .text(article.id), .integer(pageID), .integer(Int64(position)), .text(article.role.rawValue), .text(article.title),
            .text(article.section), .text(article.section.map(ArchiveKey.of)), .text(item.outlet), .text(item.outlet.map(ArchiveKey.of)),
            .text(item.publishedKey), .text(item.publishedLocal), .text(article.url), .text(lead), .text(article.paragraphs.joined(separator: "\n")),
            .text(DocumentJSON.string(DocumentJSON.value(document), pretty: false)), .integer(Int64(bitPattern: item.fingerprint.exact)),
            .bytes(item.fingerprint.signature), .bytes(item.fingerprint.terms), .text(article.duplicateOf), .integer(story),
        ]
        return ArticleRows(article: row, children: try children(article, item: item))
    }

    static func children(_ article: Article, item: ArchiveArticle) throws -> [String: [[RowValue]]] {
        // Keyed by bytes: hashing a String normalizes it, which costs more than the rest of the row.
        var keys = [[RowValue]]()
        var seen = Set<[UInt8]>()
        for entity in article.entities {
            for key in ([entity.name] + entity.mentions).map({ Binds.clean(ArchiveKey.of($0)) }) where !key.isEmpty && seen.insert(Array(key.utf8)).inserted {
                keys.append([.text(key)])
            }
        }
        let index = item.index
        return [
            "images": article.images.enumerated().map { [.integer(Int64($0)), .text($1.caption), .text($1.credit)] },
            "bylines": article.bylines.enumerated().map { [.integer(Int64($0)), .text($1.name), .text($1.kind.rawValue), .text($1.place)] },
            "quotes": article.quotes.enumerated().map { i, quote in
                [.integer(Int64(i)), .text(quote.text), .text(quote.speaker), .text(quote.speaker.map(ArchiveKey.of)), .text(quote.mention),
                 .text(quote.cue), .text(quote.kind.rawValue), .integer(Int64(quote.paragraph))]
            },
            "entities": try article.entities.map { entity in
                [.text(entity.name), .text(ArchiveKey.of(entity.name)), .text(entity.type.rawValue), .integer(Int64(entity.count)),
                 .text(String(decoding: try PostgresArchive.encoder.encode(entity.mentions.map(Binds.clean)), as: UTF8.self))]
            },
            "entity_keys": keys,
            "quantities": article.quantities.map { [.text($0.text), .real($0.value.isFinite ? $0.value : 0), .text($0.unit), .text($0.kind.rawValue)] },
            "dates": article.dates.map { [.text($0.text), .text($0.value), .text($0.relative)] },
            "lsh_bands": Set(item.fingerprint.bands).sorted().map { [.integer($0)] },
            "articles_fts": [[.text(index.title), .text(index.subtitle), .text(index.captions), .text(index.body), .text(TextSearch.vector(index))]],
        ]
    }

    /// The JSON objects of rows, keyed by column.
    static func json(_ rows: [[RowValue]], columns: [String]) -> [[String: Any]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0.map(\.json))) }
    }
}
