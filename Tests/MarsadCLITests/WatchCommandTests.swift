import Foundation
import Testing

/// `marsad sources` and `marsad watch` end to end, in child processes, against a loopback site.
@Suite(.serialized) struct WatchCommandTests {
    let cli = ExtractCommandTests()

    static let section = """
        <!doctype html><html lang="ar"><head><meta charset="utf-8"><title>محليات</title></head><body>
        <a href="/tag/x">وسم</a>
        <a href="/news/204811">مجلس المدينة يقر موازنة العام المقبل بزيادة في الإنفاق على النقل العام</a>
        </body></html>
        """
    static let article = """
        <!doctype html><html lang="ar"><head><meta charset="utf-8"><title>مجلس المدينة يقر موازنة العام المقبل</title></head><body><article>
        <h1>مجلس المدينة يقر موازنة العام المقبل</h1>
        <p>أقر مجلس المدينة مساء الأحد موازنة العام المقبل بعد نقاش استمر ثلاث جلسات، وزاد فيها الإنفاق على النقل العام والحدائق.</p>
        <p>وقال رئيس المجلس إن الموازنة الجديدة تضع الأحياء الطرفية في المقدمة، وإن العمل بها يبدأ مطلع الشهر المقبل.</p>
        </article></body></html>
        """

    @Test func sourcesAreAddedListedWatchedAndRemoved() throws {
        let server = try LocalHTTPServer(routes: [
            "/robots.txt": .init(body: Array("User-agent: *\nDisallow: /private/\n".utf8)),
            "/local": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(Self.section.utf8)),
            "/news/204811": .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(Self.article.utf8)),
        ])
        defer { server.stop() }
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let source = server.url("/local")

        let added = try cli.marsad(["sources", "add", source + "?utm_source=x", "--every", "15m", "--kind", "page", "--store", store])
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try cli.marsad(["sources", "list", "--format", "json", "--store", store])
        let sources = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(sources.count == 1)
        #expect(sources.first?["url"] as? String == source)
        #expect(sources.first?["everySeconds"] as? Int == 900)
        #expect(sources.first?["kind"] as? String == "page")

        let watched = try cli.marsad(["watch", "--once", "--format", "json", "--store", store])
        #expect(watched.status == 0, "\(watched.stderr)")
        let report = try cli.json(watched.stdout)
        #expect(report["articlesNew"] as? Int == 1)
        #expect(report["sources"] as? Int == 1)
        let found = try cli.marsad(["search", "موازنة", "--format", "json", "--store", store])
        #expect((try cli.json(found.stdout)["total"] as? Int) == 1)
        let text = try cli.marsad(["sources", "--store", store])
        #expect(text.stdout.contains(source) && text.stdout.contains("ok, 1 new (1 in all)"))
        // Nothing is due on a second run straight after: nothing is fetched or stored.
        let again = try cli.marsad(["watch", "--once", "--format", "json", "--store", store])
        #expect(try cli.json(again.stdout)["sources"] as? Int == 0)

        let removed = try cli.marsad(["sources", "remove", source, "--store", store])
        #expect(removed.status == 0)
        let missing = try cli.marsad(["sources", "remove", source, "--store", store])
        #expect(missing.status != 0 && missing.stderr.contains(source))
        let empty = try cli.marsad(["sources", "list", "--format", "json", "--store", store])
        #expect((try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test func alertsNeedASecretAndNeverShowIt() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let add = ["alerts", "add", "\"الموازنة العامة\"", "--webhook", "https://hooks.example/marsad", "--section", "اقتصاد", "--store", store]
        let noSecret = try cli.marsad(add, environment: ["MARSAD_ALERT_SECRET": ""])
        #expect(noSecret.status != 0 && noSecret.stderr.contains("MARSAD_ALERT_SECRET"))
        let badHook = try cli.marsad(["alerts", "add", "x", "--webhook", "file:///etc/passwd", "--store", store], environment: ["MARSAD_ALERT_SECRET": "0123456789abcdef0123"])
        #expect(badHook.status != 0 && badHook.stderr.contains("--webhook"))
        let added = try cli.marsad(add, environment: ["MARSAD_ALERT_SECRET": "0123456789abcdef0123"])
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try cli.marsad(["alerts", "list", "--format", "json", "--store", store])
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["query"] as? String == "\"الموازنة العامة\"" && alerts.first?["section"] as? String == "اقتصاد")
        #expect(!listed.stdout.contains("0123456789abcdef0123") && alerts.first?["secret"] == nil)
        let id = try #require(alerts.first?["id"] as? Int)
        #expect(try cli.marsad(["alerts", "remove", String(id), "--store", store]).status == 0)
        let again = try cli.marsad(["alerts", "remove", String(id), "--store", store])
        #expect(again.status != 0 && again.stderr.contains("no alert \(id)"))
    }

    @Test func badSourcesAndPeriodsAreRefusedByName() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("marsad.sqlite").path
        let ftp = try cli.marsad(["sources", "add", "ftp://news.example/feed", "--store", store])
        #expect(ftp.status != 0 && ftp.stderr.contains("ftp://news.example/feed"))
        let often = try cli.marsad(["sources", "add", "https://news.example/feed", "--every", "10s", "--store", store])
        #expect(often.status != 0 && often.stderr.contains("--every"))
        let kind = try cli.marsad(["sources", "add", "https://news.example/feed", "--kind", "podcast", "--store", store])
        #expect(kind.status != 0 && kind.stderr.contains("podcast"))
    }
}
