/// Writes the document model as JSON with keys in the order DOCUMENT-MODEL.md lists them, so that
/// output is stable, diffable and reads like the specification. (Foundation's `JSONEncoder` orders
/// keys by hash on Linux.) Non-ASCII text is written as UTF-8, not escaped.
public enum DocumentJSON {
    /// A JSON value with ordered object keys.
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.string(let x), .string(let y)): return x == y
            case (.number(let x), .number(let y)): return x == y
            case (.integer(let x), .integer(let y)): return x == y
            case (.bool(let x), .bool(let y)): return x == y
            case (.null, .null): return true
            case (.array(let x), .array(let y)): return x == y
            case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: return false
            }
        }
    }

    public static func string(_ value: Value, pretty: Bool) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    /// The JSON as UTF-8 bytes. The writer appends bytes, not Strings: appending to a String cost
    /// about a tenth of a search request's time in the server.
    public static func bytes(_ value: Value, pretty: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(4_096)
        write(value, pretty: pretty, indent: 0, into: &out)
        return out
    }

    static func write(_ value: Value, pretty: Bool, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let text): writeString(text, into: &out)
        case .integer(let number): out += String(number).utf8
        case .number(let number):
            if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
                out += String(Int64(number)).utf8
            } else if number.isFinite {
                out += "\(number)".utf8
            } else {
                out += "null".utf8
            }
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(indent + 1, &out) }
                write(item, pretty: pretty, indent: indent + 1, into: &out)
            }
            if pretty { newline(indent, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, item)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(indent + 1, &out) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(item, pretty: pretty, indent: indent + 1, into: &out)
            }
            if pretty { newline(indent, &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(0x0A)
        out += repeatElement(UInt8(ascii: " "), count: 2 * indent)
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { writeString(utf8: $0, into: &out) }
    }

    static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var pending = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte == 0x22 || byte == 0x5C || byte < 0x20 else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending..<index]))
            switch byte {
            case 0x22: out += "\\\"".utf8
            case 0x5C: out += "\\\\".utf8
            case 0x0A: out += "\\n".utf8
            case 0x0D: out += "\\r".utf8
            case 0x09: out += "\\t".utf8
            default:
                let hex = Array("0123456789abcdef".utf8)
                out += "\\u00".utf8
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
            pending = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending...]))
        out.append(UInt8(ascii: "\""))
    }

    /// Writes a page as `string(value(page), pretty:)` does, but hands out the text in chunks of about
    /// 1 MB and builds one article's value at a time, so memory stays flat however many articles.
    public static func stream(_ page: Page, pretty: Bool, _ sink: (String) -> Void) {
        guard case .object(let members) = value(Page(source: page.source, format: page.format, encoding: page.encoding,
                                                          articles: [], errors: page.errors)) else { return }
        var out = [UInt8]()
        out.append(UInt8(ascii: "{"))
        for (index, (key, item)) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(1, &out) }
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            if pretty { out.append(UInt8(ascii: " ")) }
            guard key == "articles", !page.articles.isEmpty else {
                write(item, pretty: pretty, indent: 1, into: &out)
                continue
            }
            out.append(UInt8(ascii: "["))
            for (n, article) in page.articles.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(2, &out) }
                write(value(article), pretty: pretty, indent: 2, into: &out)
                if out.count >= 1 << 20 {
                    sink(String(decoding: out, as: UTF8.self))
                    out.removeAll(keepingCapacity: true)
                }
            }
            if pretty { newline(1, &out) }
            out.append(UInt8(ascii: "]"))
        }
        if pretty { newline(0, &out) }
        out.append(UInt8(ascii: "}"))
        sink(String(decoding: out, as: UTF8.self))
    }

    // MARK: The document model

    static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }

    public static func value(_ output: ExtractionOutput) -> Value {
        .object([("pages", .array(output.pages.map(value)))])
    }

    public static func value(_ page: Page) -> Value {
        .object([
            ("source", .string(page.source)),
            ("format", .string(page.format.rawValue)),
            ("encoding", .string(page.encoding)),
            ("articles", .array(page.articles.map { value($0) })),
            ("errors", .array(page.errors.map { issue in
                var members: [(String, Value)] = [("message", .string(issue.message))]
                if let line = issue.line { members.append(("line", .integer(line))) }
                return .object(members)
            })),
        ])
    }

    /// An article; `source` first when given (the `--format jsonl` form).
    public static func value(_ article: Article, source: String? = nil) -> Value {
        var members: [(String, Value)] = []
        if let source { members.append(("source", .string(source))) }
        members += [
            ("id", .string(article.id)),
            ("role", .string(article.role.rawValue)),
            ("title", .string(article.title)),
            ("subtitle", optional(article.subtitle)),
            ("section", optional(article.section)),
            ("summary", optional(article.summary)),
            ("paragraphs", .array(article.paragraphs.map(Value.string))),
            ("images", .array(article.images.map { .object([("caption", .string($0.caption)), ("credit", optional($0.credit))]) })),
            ("bylines", .array(article.bylines.map {
                .object([("name", .string($0.name)), ("kind", .string($0.kind.rawValue)), ("place", optional($0.place))]
                        + ($0.note.map { [("note", Value.string($0))] } ?? []))
            })),
            ("media", .array(article.media.map(Value.string))),
            ("published", optional(article.published)),
            ("url", optional(article.url)),
            ("quotes", .array(article.quotes.map {
                .object([("text", .string($0.text)), ("speaker", optional($0.speaker)), ("mention", optional($0.mention)),
                         ("speakerKind", optional($0.speakerKind?.rawValue)), ("speakerEntity", optional($0.speakerEntity)),
                         ("cue", optional($0.cue)), ("kind", .string($0.kind.rawValue)), ("paragraph", .integer($0.paragraph))])
            })),
            ("entities", .array(article.entities.map {
                .object([("name", .string($0.name)), ("type", .string($0.type.rawValue)),
                         ("mentions", .array($0.mentions.map(Value.string))), ("count", .integer($0.count)),
                         ("fields", .array($0.fields.map { .string($0.rawValue) }))])
            })),
            ("quantities", .array(article.quantities.map {
                .object([("text", .string($0.text)), ("value", .number($0.value)), ("unit", optional($0.unit)), ("kind", .string($0.kind.rawValue))])
            })),
            ("dates", .array(article.dates.map {
                .object([("text", .string($0.text)), ("value", .string($0.value)), ("relative", optional($0.relative))])
            })),
            ("duplicateOf", optional(article.duplicateOf)),
        ]
        return .object(members)
    }
}
