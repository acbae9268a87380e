import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The reading site in a real browser: `marsad serve` over an archive built by `marsad ingest` from
/// composed pages, loaded by headless Chromium. Screenshots go to `.build/artifacts/browser/`
/// (or `$MARSAD_ARTIFACTS`).
///
/// Chromium is Debian's `chromium`; `.ci/run` installs it with `fonts-noto-core` and sets
/// MARSAD_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping.
@Suite(.serialized) struct BrowserTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let required = ProcessInfo.processInfo.environment["MARSAD_REQUIRE_BROWSER"] == "1"

    static let floodTitle = "السيول تغمر أحياء الساحل الشرقي وإجلاء مئات العائلات"
    static let quote = "أجلينا أكثر من ثلاثمائة عائلة إلى مراكز إيواء مؤقتة"

    /// A page in the layout of an Arabic news site, composed for this test.
    static let floodPage = """
        <!doctype html>
        <html lang="ar" dir="rtl"><head><meta charset="utf-8">
        <title>\(floodTitle) | أخبار الساحل</title>
        <meta property="og:title" content="\(floodTitle)">
        <meta property="og:url" content="https://coast-news.example/local/flood">
        <meta property="article:published_time" content="2026-03-10T06:30:00Z">
        <meta property="article:section" content="محليات">
        </head><body>
        <nav><a href="/">الرئيسية</a> <a href="/local">محليات</a></nav>
        <article>
        <h1>\(floodTitle)</h1>
        <p>اجتاحت السيول مدينة الساحل الشرقي فجر الثلاثاء بعد أمطار غزيرة استمرت اثنتي عشرة ساعة، وغمرت المياه الأحياء المنخفضة والطرق الرئيسية المؤدية إلى الميناء.</p>
        <p>وقال رئيس البلدية حسان العلي: «\(quote)»، مضيفاً أن فرق الدفاع المدني ما زالت تعمل في الأحياء الغربية.</p>
        <p>وحذرت هيئة الأرصاد من موجة أمطار ثانية متوقعة مساء الأربعاء، ودعت السكان إلى تجنب الأودية ومجاري السيول وعدم عبور الطرق المغمورة بالمياه.</p>
        </article>
        <footer>جميع الحقوق محفوظة</footer>
        </body></html>
        """

    static let ratesPage = """
        <!doctype html>
        <html lang="ar" dir="rtl"><head><meta charset="utf-8">
        <title>البنك المركزي يرفع أسعار الفائدة نصف نقطة</title>
        <meta property="og:title" content="البنك المركزي يرفع أسعار الفائدة نصف نقطة">
        <meta property="og:url" content="https://gulf-daily.example/economy/rates">
        <meta property="article:published_time" content="2026-03-09T08:00:00Z">
        <meta property="article:section" content="اقتصاد">
        </head><body><article>
        <h1>البنك المركزي يرفع أسعار الفائدة نصف نقطة</h1>
        <p>رفع البنك المركزي أسعار الفائدة نصف نقطة مئوية في اجتماعه الأخير، في خطوة توقعها المحللون بعد ارتفاع الأسعار في الأشهر الماضية.</p>
        <p>وقال المحافظ سامر الخطيب إن «التضخم ما زال أعلى من المستهدف»، وإن البنك سيراقب الأسواق عن كثب خلال الأسابيع المقبلة.</p>
        </article></body></html>
        """

    struct Server {
        let process: Process
        let port: Int
        var base: String { "http://127.0.0.1:\(port)" }
    }

    static func freePort() throws -> Int {
        let (fd, port) = try boundLoopbackSocket(listening: false)
        close(fd)
        return port
    }

    /// A TCP socket bound to a free loopback port, listening if asked; the caller closes it.
    static func boundLoopbackSocket(listening: Bool) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, !listening || listen(fd, 1) == 0 else {
            close(fd)
            throw CocoaError(.fileNoSuchFile)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ChildProcess.blocking(executable, arguments, timeout: timeout)
        return (result.status, result.stdout, result.stderr)
    }

    static func get(_ url: String) async -> (Int, String)? {
        guard let url = URL(string: url), let (status, data) = await send(URLRequest(url: url)) else { return nil }
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Sends `request`; nil on any failure or after `seconds`. The deadline abandons the call rather
    /// than awaiting it: a request whose server went away was seen to hang FoundationNetworking past
    /// its own timeout, with the socket left in CLOSE-WAIT, and the whole test run with it.
    static func send(_ request: URLRequest, body: Data? = nil, seconds: Double = 60) async -> (Int, Data)? {
        var request = request
        request.timeoutInterval = seconds
        return await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let completion: @Sendable (Data?, URLResponse?, (any Error)?) -> Void = { data, response, _ in
                once.resume(data.map { ((response as? HTTPURLResponse)?.statusCode ?? 0, $0) })
            }
            let task = body.map { URLSession.shared.uploadTask(with: request, from: $0, completionHandler: completion) }
                ?? URLSession.shared.dataTask(with: request, completionHandler: completion)
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds + 5) {
                task.cancel()
                once.resume(nil)
            }
        }
    }

    /// Resumes a continuation once, whichever of the answer and the deadline comes first.
    final class ResumeOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<(Int, Data)?, Never>?
        init(_ continuation: CheckedContinuation<(Int, Data)?, Never>) { self.continuation = continuation }
        func resume(_ value: (Int, Data)?) {
            lock.withLock {
                continuation?.resume(returning: value)
                continuation = nil
            }
        }
    }

    /// Ingests the composed pages with the real binary, then starts `marsad serve` on a free port.
    static func startServer(in directory: URL) async throws -> Server {
        let binary = ExtractCommandTests.binary.path
        var pages = [String]()
        for (name, html) in [("flood.html", floodPage), ("rates.html", ratesPage)] {
            let url = directory.appendingPathComponent(name)
            try html.write(to: url, atomically: true, encoding: .utf8)
            pages.append(url.path)
        }
        let store = directory.appendingPathComponent("marsad.sqlite").path
        let ingest = try run(binary, ["ingest", "--store", store] + pages, timeout: 120)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--store", store, "--port", String(port), "--log-level", "warning"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = Server(process: process, port: port)
        for _ in 0..<200 {
            if await get(server.base + "/api/v1/stats")?.0 == 200 { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "marsad serve did not answer on port \(port)"])
    }

    static var artifacts: URL {
        if let path = ProcessInfo.processInfo.environment["MARSAD_ARTIFACTS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artifacts/browser")
    }

    /// Loads `url` in headless Chromium: the DOM after scripts ran, what the console printed, and a
    /// screenshot at the given width (headless Chromium lays out no narrower than 500 px, so that is the
    /// phone width here).
    static func load(_ chromium: String, _ url: String, screenshot: URL, width: Int) throws -> (dom: String, console: [String]) {
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run", "--hide-scrollbars",
                      "--enable-logging=stderr", "--v=0", "--lang=ar"]
        let dump = try run(chromium, common + ["--dump-dom", url])
        let shot = try run(chromium, common + ["--window-size=\(width),1400", "--screenshot=\(screenshot.path)", url])
        let console = (dump.stderr + "\n" + shot.stderr).split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (dump.stdout, console)
    }

    /// Runs `body` with Chromium and a server over the composed pages; without Chromium it skips
    /// (and fails where MARSAD_REQUIRE_BROWSER=1).
    static func withBrowser(_ body: (_ chromium: String, _ server: Server) async throws -> Void) async throws {
        guard let chromium = Self.chromium else {
            #expect(!Self.required, "MARSAD_REQUIRE_BROWSER=1 but no chromium is installed")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await Self.startServer(in: directory)
        defer { server.process.terminate(); server.process.waitUntilExit() }
        try await body(chromium, server)
    }

    @Test func pagesRenderRightToLeftWithoutConsoleErrors() async throws {
        try await Self.withBrowser { chromium, server in

            // The article's id and the speaker come from the archive, as a reader would follow links.
            let search = try #require(await Self.get(server.base + "/api/v1/search?q=" + "السيول".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!))
            let hits = (try JSONSerialization.jsonObject(with: Data(search.1.utf8)) as? [String: Any])?["hits"] as? [[String: Any]] ?? []
            let articlePath = try #require(hits.first?["href"] as? String)
            let person = "/person/" + "حسان العلي".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

            try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
            let pages: [(name: String, path: String, expected: [String])] = [
                ("home", "/", [Self.floodTitle, "البنك المركزي يرفع أسعار الفائدة نصف نقطة"]),
                ("article", articlePath, [Self.floodTitle, "<mark class=\"quote\">\(Self.quote)</mark>", "حسان العلي", "data-textsize=\"larger\""]),
                ("search", "/search?q=" + "السيول".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, ["<mark>السيول</mark>", Self.floodTitle]),
                ("person", person, ["<h1>حسان العلي</h1>", "<q>\(Self.quote)</q>"]),
            ]
            for page in pages {
                for (suffix, width) in [("", 1280), ("-phone", 500)] {
                    let shot = Self.artifacts.appendingPathComponent("\(page.name)\(suffix).png")
                    try? FileManager.default.removeItem(at: shot)
                    let result = try Self.load(chromium, server.base + page.path, screenshot: shot, width: width)
                    // The script ran (it sets the text scale on <html>), and the document is Arabic, right to left.
                    #expect(result.dom.contains("<html dir=\"rtl\" lang=\"ar\" style=\"--text-scale: 1;\">"), "\(page.name): not an RTL Arabic document, or reader.js did not run")
                    for text in page.expected { #expect(result.dom.contains(text), "\(page.name): missing \(text)") }
                    #expect(result.console.isEmpty, "\(page.name): console said \(result.console)")
                    let size = (try? FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
                    #expect(size > 10_000, "\(page.name): no screenshot at \(shot.path)")
                }
            }

            // The laid-out page, as a reader uses it: computed direction and font, and the text-size control.
            let measured = try await DevTools.evaluate(chromium: chromium, url: server.base + articlePath, expressions: [
                "getComputedStyle(document.body).direction",
                "getComputedStyle(document.querySelector('.body p')).fontFamily",
                "parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)",
                "document.querySelector('[data-textsize=larger]').click(); parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)",
                "document.querySelector('[data-textsize=larger]').click(); parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)",
                "document.querySelector('[data-textsize=smaller]').click(); parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)",
                "document.querySelector('[data-textsize=reset]').click(); parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)",
                "localStorage.getItem('marsad.textScale')",
            ])
            #expect(measured.count == 8)
            guard measured.count == 8 else { return }
            #expect(measured[0] == "rtl")
            #expect(measured[1].hasPrefix("\"Noto Naskh Arabic\""), "\(measured[1])")
            let sizes = measured[2...6].map { Double($0) ?? 0 }
            #expect(sizes[0] > 0)
            #expect(sizes[1] > sizes[0] && sizes[2] > sizes[1], "larger twice: \(sizes)")
            #expect(sizes[3] < sizes[2] && sizes[3] == sizes[1], "then smaller: \(sizes)")
            #expect(sizes[4] == sizes[0], "reset: \(sizes)")
            #expect(measured[7] == "2", "the size is remembered: \(measured[7])")
        }
    }

    /// The comparison chart as a browser lays it out: one series per query, drawn, and each period a link.
    @Test func comparisonChartHasOneSeriesPerQuery() async throws {
        try await Self.withBrowser { chromium, server in
            let queries = ["السيول", "الفائدة", "المركزي"]
            let path = "/search?" + queries.map { "q=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }.joined(separator: "&") + "&interval=day"

            try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
            let shot = Self.artifacts.appendingPathComponent("search-compare.png")
            let page = try Self.load(chromium, server.base + path, screenshot: shot, width: 1280)
            #expect(page.console.isEmpty, "console said \(page.console)")
            let measured = try await DevTools.evaluate(chromium: chromium, url: server.base + path, expressions: [
                "document.querySelectorAll('svg.timeline g.series').length",
                "JSON.stringify([...document.querySelectorAll('svg.timeline g.series')].map(g => g.dataset.query))",
                "document.querySelectorAll('svg.timeline polyline').length",
                "Math.round(document.querySelector('svg.timeline').getBoundingClientRect().width)",
                "document.querySelectorAll('.legend li').length",
                "document.querySelectorAll('svg.timeline a rect.period').length",
                "new URL(document.querySelector('svg.timeline a').getAttribute('href'), location.href).searchParams.get('from')",
            ])
            #expect(measured.count == 7)
            guard measured.count == 7 else { return }
            let numbers = measured.map { Double($0) ?? -1 }
            #expect(numbers[0] == 3)
            #expect(measured[1] == "[\"السيول\",\"الفائدة\",\"المركزي\"]", "\(measured[1])")
            #expect(numbers[2] == 3, "one line per query")
            #expect(numbers[3] > 300, "the chart is laid out: \(measured[3])")
            #expect(numbers[4] == 3)
            // 9 and 10 March: two days, two links.
            #expect(numbers[5] == 2)
            #expect(measured[6].contains("2026-03-09"), "\(measured[6])")
        }
    }
}

