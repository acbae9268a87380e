import Foundation
import Testing

/// Schemathesis drives `marsad serve` from its OpenAPI document on loopback: every response must
/// keep the document's contract (statuses, content types, schemas, 405 with `Allow`, bad input
/// refused, good input taken). Runs where `MARSAD_SCHEMATHESIS` names the `st` command of a venv
/// (`.ci/run` makes one from `Scripts/api-fuzz/requirements.txt`); `MARSAD_REQUIRE_SCHEMATHESIS=1`
/// makes its absence a failure rather than a skip.
@Suite(.serialized) struct APIContractTests {
    static let environment = ProcessInfo.processInfo.environment
    static let schemathesis = environment["MARSAD_SCHEMATHESIS"]
    static let required = environment["MARSAD_REQUIRE_SCHEMATHESIS"] == "1"
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/api-fuzz")
    /// Examples per operation and phase: the bound that keeps the run near a minute on two cores.
    static let examples = 60
    /// A fixed seed, so that a failure is replayed by running the test again.
    static let seed = 20_261_206

    @Test(.enabled(if: schemathesis != nil || required)) func theAPIKeepsItsOpenAPIContract() async throws {
        let st = try #require(Self.schemathesis, "MARSAD_REQUIRE_SCHEMATHESIS=1 but MARSAD_SCHEMATHESIS names no schemathesis")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("marsad.sqlite").path
        let page = directory.appendingPathComponent("page.txt")
        try ExtractCommandTests.page.write(to: page, atomically: true, encoding: .utf8)
        let export = directory.appendingPathComponent("export.jsonl")
        try IngestCommandTests.jsonl(40).write(to: export, atomically: true, encoding: .utf8)
        let ingest = try BrowserTests.run(ExtractCommandTests.binary.path, ["ingest", "--quiet", "--store", store, page.path, export.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let port = try BrowserTests.freePort()
        let server = Process()
        server.executableURL = ExtractCommandTests.binary
        server.arguments = ["serve", "--store", store, "--port", String(port), "--log-level", "warning"]
        server.environment = ["MARSAD_INGEST_TOKEN": "contract-token"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let fuzz = try BrowserTests.run(st, [
            "--config-file", Self.scripts.appendingPathComponent("schemathesis.toml").path, "--no-color",
            "run", "http://127.0.0.1:\(port)/api/v1/openapi.json", "--wait-for-schema", "30",
            "-H", "Authorization: Bearer contract-token", "--checks", "all", "--phases", "examples,coverage,fuzzing",
            "--max-examples", String(Self.examples), "--seed", String(Self.seed), "--workers", "1",
        ], timeout: 600)
        let summary = fuzz.stdout.split(separator: "\n").suffix(12).joined(separator: "\n")
        #expect(fuzz.status == 0, "schemathesis found failures:\n\(fuzz.stdout.suffix(6_000))")
        #expect(fuzz.stdout.contains(" passed"), "\(summary)")
    }
}
