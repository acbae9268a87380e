import Foundation
import Testing
@testable import NewsExtraction

/// What a text browser's layout does to a page, undone before the dump is read (`DumpLayout`).
@Suite struct DumpLayoutTests {
    static let paragraphs = PlainTextTests.paragraphs + [
        "وأشار إلى أن البلدية خصصت فرقاً من شرطة السير لتنظيم الحركة عند مداخل الطريق الدائري طوال فترة الأعمال.",
    ]

    /// Greedy wrapping at `width` cells, as `w3m -cols` and `lynx -width` do, with an indent.
    static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        var lines = [String](), line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                lines.append(String(repeating: " ", count: indent) + line)
                line = String(word)
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        if !line.isEmpty { lines.append(String(repeating: " ", count: indent) + line) }
        return lines
    }

    static func normalized(_ text: String) -> String { String(decoding: DumpLayout.normalize(Array(text.utf8)), as: UTF8.self) }

    @Test(arguments: [64, 80, 120])
    func wrappedParagraphsAreJoined(width: Int) {
        let dump = Self.paragraphs.map { Self.wrap($0, width: width, indent: 3).joined(separator: "\n") }.joined(separator: "\n\n")
        let lines = Self.normalized(dump).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines == Self.paragraphs, "width \(width)")
    }

    /// lynx leaves no blank line between paragraphs: a line ending a sentence still ends one.
    @Test func paragraphsWithoutBlankLinesStayApart() {
        let dump = Self.paragraphs.flatMap { Self.wrap($0, width: 70, indent: 3) }.joined(separator: "\n")
        let lines = Self.normalized(dump).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines == Self.paragraphs)
    }

    /// w3m sets a sidebar cell beside the body, line by line: the columns come apart.
    @Test func columnsSetSideBySideComeApart() {
        let body = Self.paragraphs.flatMap { Self.wrap($0, width: 60) + [""] }
        let side = ["آخر الأخبار", "» انخفاض أسعار الذهب", "» افتتاح معرض الكتاب", "» فوز المنتخب في مباراة ودية", "» طقس بارد الليلة", "استفتاء"]
        var lines = [String]()
        for index in 0..<max(body.count, side.count) {
            let left = index < body.count ? body[index] : ""
            let right = index < side.count ? side[index] : ""
            lines.append(right.isEmpty ? left : left.padding(toLength: 64, withPad: " ", startingAt: 0) + right)
        }
        let out = Self.normalized(lines.joined(separator: "\n")).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(out.filter { Self.paragraphs.contains($0) } == Self.paragraphs)
        #expect(side.allSatisfy { line in out.contains(line) })
    }

    /// A browser copy: one paragraph a line, doubled captions, no columns: nothing changes.
    @Test func aBrowserCopyPassesThrough() {
        let page = TextDumpReaderTests.repeatedTitlePage
        #expect(Self.normalized(page) == page)
        let gallery = (1...6).map { "صورة رقم \($0) لاحتفالات العام الجديد في ساحة المدينة الكبرى (أ.ف.ب)" }
            .flatMap { [$0, $0, "الصورة التالية"] }.joined(separator: "\n")
        #expect(Self.normalized(gallery) == gallery)
    }
}
