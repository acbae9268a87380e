public import NewsModel

/// How an export writes a search's articles: JSON Lines of the document model, or CSV for
/// spreadsheets. One encoder serves `marsad export` and `GET /api/v1/export`, so they write the same
/// bytes for the same articles.
public struct ArticleExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv
    }

    /// CSV's columns, in this order by default; JSON Lines may keep a subset of its keys instead.
    public enum Column: String, Sendable, CaseIterable {
        case id, published, source, section, title, url, story, persons, places, organizations, body
    }

    /// The most names a CSV entity column lists: the article's most mentioned, for a table cell.
    public static let topEntities = 5
    /// Separates the names in one CSV cell: the Arabic semicolon, which names do not contain.
    public static let nameSeparator = "؛ "
    /// Spreadsheet programs read a CSV as UTF-8, and show Arabic right, only after this mark.
    public static let byteOrderMark = "\u{FEFF}"

    public var format: Format
    /// CSV: the columns written. JSON Lines: the top-level keys kept (nil: all of them).
    public var fields: [String]?

    public init(format: Format, fields: [String]? = nil) throws {
        self.format = format
        self.fields = fields
        guard let fields else { return }
        let known = format == .csv ? Column.allCases.map(\.rawValue) : Self.jsonKeys
        for field in fields where !known.contains(field) {
            throw ArchiveError.invalidRequest(
                field: "fields", reason: "no \(format == .csv ? "CSV column" : "JSON key") \(field); expected some of \(known.joined(separator: ", "))")
        }
    }

    /// The keys of a JSON Lines row: the document model's article, then the archive's fields.
    public static let jsonKeys = [
        "id", "role", "title", "subtitle", "section", "summary", "paragraphs", "images", "bylines", "media", "published", "url", "quotes",
        "entities", "quantities", "dates", "duplicateOf", "source", "page", "story", "ingested",
    ]

    var columns: [Column] { fields?.compactMap(Column.init(rawValue:)) ?? Column.allCases }

    /// What comes before the first row: CSV's byte order mark and header line.
    public var header: String {
        switch format {
        case .jsonl: return ""
        case .csv: return Self.byteOrderMark + Self.csvLine(columns.map(\.rawValue))
        }
    }

    /// One article as one line (CSV lines end in CRLF, as RFC 4180 has them).
    public func row(_ stored: StoredArticle) -> String {
        var bytes = [UInt8]()
        append(stored, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one stored row's line: JSON Lines of every field straight from the stored JSON
    /// (``StoredRow/exportLine()``), anything else from the decoded article.
    public func append(_ row: StoredRow, to out: inout [UInt8]) throws {
        if format == .jsonl, fields == nil, let line = row.exportLine() {
            out += line
        } else {
            append(try row.decoded(), to: &out)
        }
    }

    /// Appends one article's line as UTF-8: the export's hot path writes bytes, never Strings.
    public func append(_ stored: StoredArticle, to out: inout [UInt8]) {
        switch format {
        case .jsonl:
            var value = stored.exportValue
            if let fields, case .object(let members) = value {
                let kept = Set(fields)
                value = .object(members.filter { kept.contains($0.0) })
            }
            out += DocumentJSON.bytes(value, pretty: false)
            out.append(0x0A)
        case .csv:
            out += Self.csvLine(columns.map { Self.cell($0, of: stored) }).utf8
        }
    }

    static func cell(_ column: Column, of stored: StoredArticle) -> String {
        let article = stored.article
        switch column {
        case .id: return article.id
        case .published: return article.published ?? ""
        case .source: return stored.outlet ?? ""
        case .section: return article.section ?? ""
        case .title: return article.title
        case .url: return article.url ?? ""
        case .story: return stored.storyID.map(String.init) ?? ""
        case .persons: return names(article.entities, .person)
        case .places: return names(article.entities, .location)
        case .organizations: return names(article.entities, .organization)
        case .body: return article.paragraphs.joined(separator: "\n")
        }
    }

    /// The most mentioned names of one type, most first (ties by name, so the cell is stable).
    static func names(_ entities: [Entity], _ type: Entity.Kind) -> String {
        entities.filter { $0.type == type }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
            .prefix(topEntities).map(\.name).joined(separator: nameSeparator)
    }

    /// A CSV record: a field holding a comma, quote, CR or LF is quoted, its quotes doubled
    /// (RFC 4180 §2.6–2.7).
    public static func csvLine(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "\""
    }
}

extension StoredArticle {
    /// The document model's article with what the archive knows of it: its outlet (`source`), page,
    /// story and when it was stored.
    public var exportValue: DocumentJSON.Value {
        guard case .object(let members) = DocumentJSON.value(article),
            case .object(let archive) = Self.archiveFields(outlet: outlet, pageSource: pageSource, storyID: storyID, ingested: ingested)
        else { return .null }
        return .object(members + archive)
    }

    /// What the archive adds to an exported article, in this order.
    static func archiveFields(outlet: String?, pageSource: String, storyID: Int64?, ingested: String) -> DocumentJSON.Value {
        .object([
            ("source", outlet.map(DocumentJSON.Value.string) ?? .null),
            ("page", .string(pageSource)),
            ("story", storyID.map { .integer(Int($0)) } ?? .null),
            ("ingested", .string(ingested)),
        ])
    }
}

extension ArchiveStore {
    /// Streams every article a search matches, newest first, as export lines: the header first, then
    /// one line per article, read `batch` at a time so that memory holds one batch of articles
    /// (and the row numbers of all matches). Stops after `limit` articles when one is set.
    ///
    /// - Returns: how many articles were written.
    @discardableResult
    public func export(
        _ query: SearchQuery, filters: SearchFilters, as export: ArticleExport, limit: Int? = nil, batch: Int = ArticleExport.batch,
        write: ([UInt8]) async throws -> Void
    ) async throws -> Int {
        var rows = try await matchingRows(query, filters: filters)
        if let limit, rows.count > limit { rows.removeLast(rows.count - limit) }
        return try await self.export(rows: rows, as: export, batch: batch, write: write)
    }

    /// Streams the articles of rows from ``matchingRows(_:filters:)``, for a caller that looked at
    /// them first (the server checks their count against its limit).
    @discardableResult
    public func export(rows: [Int64], as export: ArticleExport, batch: Int = ArticleExport.batch, write: ([UInt8]) async throws -> Void) async throws -> Int {
        try await write(Array(export.header.utf8))
        var written = 0
        var start = 0
        var lines = [UInt8]()
        while start < rows.count {
            let chunk = Array(rows[start..<min(start + batch, rows.count)])
            start += chunk.count
            lines.removeAll(keepingCapacity: true)
            for row in try await storedRows(rows: chunk) {
                try export.append(row, to: &lines)
                written += 1
            }
            try await write(lines)
        }
        return written
    }
}

extension ArticleExport {
    /// Articles read and written at once: big enough to amortize a read, small enough that a
    /// batch's documents stay a few megabytes.
    public static let batch = 256
}

/// "Who said what" as a CSV table: one row per quote, as ``ArticleExport`` writes CSV.
public enum QuoteExport {
    public static let columns = ["date", "speaker", "quote", "cue", "outlet", "url"]

    public static var header: String { ArticleExport.byteOrderMark + ArticleExport.csvLine(columns) }

    /// The header and every quote's row.
    public static func csv(_ quotes: [QuoteRecord]) -> String {
        quotes.reduce(header) { $0 + row($1) }
    }

    public static func row(_ quote: QuoteRecord) -> String {
        ArticleExport.csvLine([
            quote.published.map { String($0.prefix(10)) } ?? "", quote.speaker ?? "", quote.text, quote.cue ?? "", quote.source ?? "", quote.url ?? "",
        ])
    }
}
