import Foundation
@testable import NewsExtraction
import NewsModel
import Testing

/// Encodings, gzip, format sniffing, timestamps and JSONL.
@Suite struct InputTests {
    static let arabic = "أعلنت وزارة المالية أن الميزانية العامة للدولة سجلت فائضاً للمرة الأولى منذ عشر سنوات."

    static func encode(_ text: String, as encoding: String) -> [UInt8] {
        let descriptor = iconv_open(encoding, "UTF-8")
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = outBuffer.count
                _ = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return outBuffer.count - outLeft
            }
        }
        return output.prefix(produced).map { UInt8(bitPattern: $0) }
    }

    @Test func detectsUTF8WithAndWithoutBOM() {
        let plain = TextDecoder.decode(Array(Self.arabic.utf8))
        #expect(plain.encoding == "utf-8")
        let bom = TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(Self.arabic.utf8))
        #expect(bom.encoding == "utf-8")
        #expect(String(decoding: bom.utf8, as: UTF8.self) == Self.arabic)
    }

    @Test func decodesUTF16WithBOM() {
        let little = TextDecoder.decode([0xFF, 0xFE] + Self.encode(Self.arabic, as: "UTF-16LE"))
        #expect(little.encoding == "utf-16le")
        #expect(String(decoding: little.utf8, as: UTF8.self) == Self.arabic)
        let big = TextDecoder.decode([0xFE, 0xFF] + Self.encode(Self.arabic, as: "UTF-16BE"))
        #expect(big.encoding == "utf-16be")
        #expect(String(decoding: big.utf8, as: UTF8.self) == Self.arabic)
    }

    @Test func recognisesUndeclaredWindows1256() {
        let decoded = TextDecoder.decode(Self.encode(Self.arabic, as: "WINDOWS-1256"))
        #expect(decoded.encoding == "windows-1256")
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == Self.arabic)
        #expect(decoded.issues.contains { $0.message.contains("no charset declared") })
    }

    @Test func recognisesUndeclaredISO88596() {
        // Letters only: ISO-8859-6 has no ً (tanween) spelling differences that matter here.
        let text = "قال رئيس الوزراء ان الحكومة ستعلن خطة جديدة لدعم المزارعين في الجنوب"
        let decoded = TextDecoder.decode(Self.encode(text, as: "ISO-8859-6"))
        #expect(decoded.encoding == "iso-8859-6")
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == text)
    }

    @Test func honoursMetaCharsetHttpEquivXMLDeclarationAndHeader() {
        let body = Self.encode(Self.arabic, as: "WINDOWS-1256")
        let meta = Array("<html><head><meta charset=\"windows-1256\"></head><body>".utf8) + body
        #expect(TextDecoder.decode(meta).encoding == "windows-1256")
        let equiv = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-6\">".utf8) + Self.encode("قال الوزير", as: "ISO-8859-6")
        #expect(TextDecoder.decode(equiv).encoding == "iso-8859-6")
        let xml = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss>".utf8) + body
        #expect(TextDecoder.decode(xml).encoding == "windows-1256")
        #expect(TextDecoder.decode(body, contentType: "text/html; charset=Windows-1256").encoding == "windows-1256")
    }

    @Test func validUTF8WinsOverAStaleLegacyDeclaration() {
        let page = Array("<meta charset=\"windows-1256\"><p>\(Self.arabic)</p>".utf8)
        let decoded = TextDecoder.decode(page)
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.issues.contains { $0.message.contains("valid UTF-8") })
    }

    @Test func invalidBytesDeclaredUTF8AreDetectedNotLost() {
        let decoded = TextDecoder.decode(Self.encode(Self.arabic, as: "WINDOWS-1256"), contentType: "text/plain; charset=utf-8")
        #expect(decoded.encoding == "windows-1256")
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == Self.arabic)
    }

    @Test func extractorReportsTheEncoding() {
        let text = "عنوان الخبر الرئيسي اليوم\n\n" + Self.arabic
        let page = NewsExtractor().extract(Self.encode(text, as: "WINDOWS-1256"), source: "old.txt")
        #expect(page.encoding == "windows-1256")
        #expect(page.articles.first?.title == "عنوان الخبر الرئيسي اليوم")
    }

    @Test func gzipRoundTripAndCorruption() throws {
        let text = String(repeating: Self.arabic + "\n", count: 200)
        let compressed = try gzip(Array(text.utf8))
        #expect(Gzip.isGzip(compressed))
        #expect(try Gzip.decompress(compressed) == Array(text.utf8))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array(compressed.prefix(compressed.count / 2))) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(compressed, limit: 100) }
        let page = NewsExtractor().extract(try gzip(Array("خبر قصير عن الطقس اليوم\n\n\(Self.arabic)".utf8)), source: "x.txt.gz")
        #expect(page.articles.count == 1)
    }

    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("in")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kn", file.path]
        try process.run()
        process.waitUntilExit()
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent("in.gz")))
    }

    @Test(arguments: [
        ("<!DOCTYPE html><html dir=\"rtl\">", Page.Format.html), ("  <html><body>", .html),
        ("<?xml version=\"1.0\"?><rss version=\"2.0\">", .rss), ("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", .atom),
        ("{\"title\": \"خبر\"}\n", .jsonl), ("عنوان\n\nنص", .textDump),
    ])
    func sniffsTheFormat(_ head: String, _ format: Page.Format) {
        #expect(FormatSniffer.detect(Array(head.utf8)) == format)
    }

    @Test(arguments: [
        ("نشر في: الأربعاء 11 فبراير 2026 - 09:30", "2026-02-11T09:30:00Z"),
        ("الأربعاء - 22 جمادى الآخرة 1447 هـ - 11 فبراير 2026 مـ", "2026-02-11T00:00:00Z"),
        ("11 شباط 2026", "2026-02-11T00:00:00Z"), ("نشر في 3 تشرين الأول 2025", "2025-10-03T00:00:00Z"),
        // A named place's time keeps that place's offset on that day (Egypt's summer time in August).
        ("نشر في: 5 جويلية 2025 - 16:10 بتوقيت تونس", "2025-07-05T16:10:00+01:00"),
        ("نشر في: الأحد 3 أغسطس 2025 - 10:00 بتوقيت القاهرة", "2025-08-03T10:00:00+03:00"),
    ])
    func readsPrintedDates(_ line: String, _ iso: String) {
        #expect(DateLine.parse(line: line)?.iso == iso)
    }

    @Test func printedDateNeedsTheWholeLineOrACue() {
        #expect(DateLine.parse(line: "وصل الوفد في 11 فبراير 2026 إلى العاصمة لبدء المفاوضات") == nil)
        #expect(DateLine.parse(line: "آخر تحديث: 11 فبراير 2026")?.kind == .updated)
    }

    @Test func jsonlRecordsWithMixedFieldNamesAndBadLines() {
        let jsonl = """
            {"title": "خبر أول", "text": "فقرة أولى.\\nفقرة ثانية.", "url": "https://example.com/1", "date": "2026-02-11", "author": "القاهرة - سامي نجم", "cat": "economy"}
            not json at all
            {"title": "خبر ثان", "content": "نص الخبر.", "time": 1770800000}
            [1, 2]
            {"headline": "بلا نص"}
            """
        let page = NewsExtractor().extract(Array(jsonl.utf8), source: "x.jsonl")
        #expect(page.format == .jsonl)
        #expect(page.articles.map(\.title) == ["خبر أول", "خبر ثان", "بلا نص"])
        #expect(page.articles[0].paragraphs == ["فقرة أولى.", "فقرة ثانية."])
        #expect(page.articles[0].bylines == [Byline(name: "سامي نجم", kind: .author, place: "القاهرة")])
        #expect(page.articles[0].published == "2026-02-11T00:00:00Z")
        #expect(page.articles[0].section == "economy")
        #expect(page.articles[1].published == "2026-02-11T08:53:20Z")
        #expect(page.errors.map(\.line) == [2, 4])
    }

    @Test func jsonlLinesAreCutWhereCharactersAreNewlines() {
        let breaks = ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\n\n\r\n"]
        let words = ["فقرة أولى.", "ثانية: 15%", "", "ثالثة\u{0651} (رويترز)", "e\u{301}", "…", " "]
        var text = ""
        for (k, word) in words.enumerated() { text += word + breaks[k % breaks.count] }
        text += "أخيرة" + "\u{2029}" + "\u{0651}" + "\r"
        #expect(JSONLReader.lines(of: text) == text.split(whereSeparator: \.isNewline).map(String.init))
        #expect(JSONLReader.lines(of: "") == [])
        #expect(JSONLReader.lines(of: "\n\r\n") == [])
        #expect(JSONLReader.lines(of: "سطر") == ["سطر"])
    }
}
