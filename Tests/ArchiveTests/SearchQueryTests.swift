import Archive
import Testing

@Suite struct SearchQueryTests {
    @Test func wordsAreAnalyzedLikeTheIndex() {
        let query = SearchQuery("المفاوضاتُ والاتفاق")
        #expect(query.required.count == 2)
        #expect(query.excluded.isEmpty)
        // Harakat and clitics do not change the terms.
        #expect(SearchQuery("المفاوضات والاتفاق").required == query.required)
    }

    @Test func phrasesPrefixesExclusionsAndOr() {
        let query = SearchQuery("\"وزير الخارجية\" روسيا OR أوكرانيا -سوريا مفاوض*")
        #expect(query.required.count == 3)
        guard case .phrase(let terms) = query.required[0][0] else {
            Issue.record("expected a phrase, got \(query.required[0])")
            return
        }
        #expect(terms.count == 2)
        #expect(query.required[1].count == 2)
        guard case .prefix(let prefix) = query.required[2][0] else {
            Issue.record("expected a prefix, got \(query.required[2])")
            return
        }
        #expect(prefix.hasPrefix("مفاوض"))
        #expect(query.excluded.count == 1)
    }

    @Test func stopwordsDropUnlessNothingElseIsLeft() {
        #expect(SearchQuery("في الاقتصاد").required.count == 1)
        #expect(SearchQuery("في").required.count == 1)
    }

    @Test func hostileInputIsOnlyText() {
        for text in ["\"", "\"\"\"", "NEAR(a b)", "title:x", "^x", "a OR", "OR b", "-", "--x", "*", "(((", "a\" OR \"b", "'; DROP TABLE articles; --", String(repeating: "كلمة ", count: 10_000)] {
            let query = SearchQuery(text)
            #expect(query.required.count + query.excluded.count <= SearchQuery.maxAtoms)
            for atom in query.required.flatMap({ $0 }) + query.excluded {
                for term in atom.terms { #expect(!term.contains(" ")) }
            }
        }
        #expect(SearchQuery("...!!!").isEmpty)
        #expect(SearchQuery("").isEmpty)
    }

    @Test func unclosedQuoteIsAPhraseToTheEnd() {
        let query = SearchQuery("\"البنك المركزي")
        guard case .phrase(let terms) = query.required.first?.first else {
            Issue.record("expected a phrase")
            return
        }
        #expect(terms.count == 2)
    }

    @Test func arabicQuotesMakePhrases() {
        #expect(SearchQuery("«البنك المركزي»").required == SearchQuery("\"البنك المركزي\"").required)
    }
}

@Suite struct SnippetTests {
    @Test func highlightsFallOnWordsAsWritten() {
        let paragraph = "قال الوزيرُ إنّ المفاوضاتِ ستُستأنف الأسبوع المقبل في العاصمة."
        let snippet = Snippeter(query: SearchQuery("مفاوضات")).snippet(of: ["فقرة أولى لا شيء فيها.", paragraph])
        #expect(snippet.marked() == "قال الوزيرُ إنّ [المفاوضاتِ] ستُستأنف الأسبوع المقبل في العاصمة.")
    }

    @Test func longParagraphIsCutAroundTheMatches() {
        let filler = Array(repeating: "كلام عام عن الطقس والرياضة", count: 40).joined(separator: " ")
        let paragraph = filler + " ثم أعلن البنك المركزي رفع الفائدة " + filler
        let snippet = Snippeter(query: SearchQuery("الفائدة"), length: 120).snippet(of: [paragraph])
        #expect(snippet.text.unicodeScalars.count <= 130)
        #expect(snippet.text.hasPrefix("… "))
        #expect(snippet.text.hasSuffix(" …"))
        #expect(snippet.marked().contains("[الفائدة]"))
    }

    @Test func noMatchGivesTheOpening() {
        let snippet = Snippeter(query: SearchQuery("غائب")).snippet(of: ["", "نص المقال الأول."])
        #expect(snippet.text == "نص المقال الأول.")
        #expect(snippet.highlights.isEmpty)
    }

    @Test func offsetsAreScalars() {
        let snippet = Snippeter(query: SearchQuery("سلام")).snippet(of: ["a السلامُ b"])
        // «السلامُ» is seven scalars with its damma.
        #expect(snippet.highlights == [2..<9])
    }
}
