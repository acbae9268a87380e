import Foundation
import Testing

/// `marsad eval` renders every HTML page with gold through the text browsers installed (w3m,
/// lynx) and scores each dump beside the HTML. `MARSAD_REQUIRE_RENDERERS=1` (set by `.ci/run`)
/// makes missing renderers a failure rather than a skip.
@Suite struct DumpEvalTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let renderers = ["w3m", "lynx"].filter { name in
        ["/usr/bin", "/usr/local/bin", "/bin"].contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
    static let required = ProcessInfo.processInfo.environment["MARSAD_REQUIRE_RENDERERS"] == "1"

    @Test(.enabled(if: !renderers.isEmpty || required)) func everyHTMLPageIsScoredAsHTMLAndAsItsDumps() throws {
        #expect(Self.renderers == ["w3m", "lynx"], "w3m and lynx are needed (apt-get install w3m lynx)")
        let run = try ExtractCommandTests().marsad([
            "eval", "--format", "json", "--eval-directory", Self.repository.appendingPathComponent("Eval").path,
            "--corpus", Self.repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(report["dumps"] as? [[String: Any]])
        // The project's four HTML gold pages at least, each read three ways with no renderer failing.
        #expect(rows.filter { $0["real"] as? Bool == false }.count >= 4)
        for row in rows {
            let scores = try #require(row["scores"] as? [String: [String: Any]])
            #expect(Set(scores.keys) == Set(["html"] + Self.renderers), "\(row["page"] ?? "")")
            #expect((row["errors"] as? [String: Any])?.isEmpty ?? true, "\(row["errors"] ?? "")")
        }
        // Own pages: the HTML side is read perfectly, so any gap in a dump's column is the dump's.
        for row in rows where row["real"] as? Bool == false {
            let html = (row["scores"] as? [String: [String: Any]])?["html"]
            let body = html?["body"] as? [String: Any]
            #expect(body?["overlap"] as? Int == body?["gold"] as? Int, "\(row["page"] ?? "")")
        }
    }
}
