import Archive
import ArchiveSQLite
import Foundation
import GRDB
import Testing

@Suite struct ArabicFTS5TokenizerTests {
    func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(tokenizer: ArabicFTS5Tokenizer.self) }
        let queue = try DatabaseQueue(configuration: configuration)
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '\(ArabicFTS5Tokenizer.name)')")
            try db.execute(sql: "INSERT INTO t (body) VALUES (?)", arguments: ["وقالت الوزارةُ إنّ المفاوضاتِ ستُستأنَف في الأسبوع المقبل"])
        }
        return queue
    }

    /// Vocalized text is one term per word (unicode61 would split it at each haraka), and the terms
    /// are those of the index chain, so the same queries find it.
    @Test func indexesTheChainsTerms() throws {
        let queue = try database()
        for text in ["المفاوضات", "مفاوضات", "\"الوزارة المفاوضات\"", "مفاوض*"] {
            let expression = try #require(FTS5Render.expression(SearchQuery(text)))
            let count = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t WHERE t MATCH ?", arguments: [expression]) }
            #expect(count == 1, "\(text)")
        }
    }

    /// Offsets point at the words as written, so FTS5's highlight() marks original text.
    @Test func offsetsAreOriginalText() throws {
        let queue = try database()
        let expression = try #require(FTS5Render.expression(SearchQuery("المفاوضات")))
        let marked = try queue.read { try String.fetchOne($0, sql: "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?", arguments: [expression]) }
        #expect(marked == "وقالت الوزارةُ إنّ [المفاوضاتِ] ستُستأنَف في الأسبوع المقبل")
    }
}
