import ArabicText
import ArgumentParser
import Testing
@testable import MarsadCLI

@Suite("marsad CLI")
struct CLITests {
    @Test func normalizeProfileAndRules() throws {
        let command = try Marsad.parseAsRoot(["normalize", "--profile", "display", "--rule", "+removeHarakat"])
        let normalize = try #require(command as? Marsad.Normalize)
        let rules = try normalize.rules()
        #expect(rules.contains(.removeHarakat))
        #expect(!rules.contains(.foldAlef))
    }

    @Test func unknownProfileIsAUsageError() {
        do {
            _ = try Marsad.parseAsRoot(["normalize", "--profile", "loud"])
            Issue.record("expected a usage error")
        } catch {
            #expect(Marsad.message(for: error).contains("loud"))
        }
    }

    @Test func unknownRuleNamesTheRule() throws {
        do {
            _ = try Marsad.parseAsRoot(["normalize", "--rule", "+foldEverything"])
            Issue.record("expected a validation error")
        } catch {
            #expect(Marsad.message(for: error).contains("foldEverything"))
        }
    }

    @Test func missingFileIsNamed() {
        do {
            _ = try Marsad.parseAsRoot(["stem", "/nonexistent/words.txt"])
            Issue.record("expected a validation error")
        } catch {
            #expect(Marsad.message(for: error).contains("/nonexistent/words.txt"))
        }
    }

    @Test func stemModeParsesAndRendersLineByLine() throws {
        let command = try Marsad.parseAsRoot(["stem", "--mode", "light10"])
        #expect((command as? Marsad.Stem)?.mode == .light10)
        #expect(Marsad.Stem.render("والحسن\n\nبالمدرسة الكبيرة\n", mode: .light10) == "حسن\n\nمدرس كبير\n")
        #expect(throws: (any Error).self) { try Marsad.parseAsRoot(["stem", "--mode", "porter"]) }
    }

    @Test func tokensRender() {
        #expect(Marsad.Tokens.render("قال لـ«رويترز»", format: .text)
            == "0\t6\tarabicWord\tقال\n7\t11\tproclitic\tلـ\n11\t13\tpunctuation\t«\n13\t25\tarabicWord\tرويترز\n25\t27\tpunctuation\t»\n")
        #expect(Marsad.Tokens.render("NATO", format: .jsonl) == "{\"end\":4,\"kind\":\"latinWord\",\"start\":0,\"text\":\"NATO\"}\n")
    }
}
