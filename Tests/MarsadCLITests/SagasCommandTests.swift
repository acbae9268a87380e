import Foundation
import Testing

/// `marsad sagas`: built after ingest and alone; listed as text or JSON; an unknown saga is an error.
@Suite struct SagasCommandTests {
    let cli = ExtractCommandTests()

    @Test func sagasAreBuiltListedAndAskedFor() throws {
        let dir = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("water.jsonl")
        try EntitiesCommandTests.export().write(to: input, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("a.sqlite").path
        let ingest = try cli.marsad(["ingest", "--quiet", "--format", "json", "--store", store, input.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // Three articles make no saga: a saga needs three stories of two articles or more.
        #expect(try cli.json(ingest.stdout)["sagas"] as? Int == 0)
        let build = try cli.marsad(["sagas", "build", "--store", store])
        #expect(build.status == 0 && build.stderr.contains("0 sagas built"), "\(build.stderr)")
        let list = try cli.marsad(["sagas", "--format", "json", "--store", store])
        #expect(list.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any])?.isEmpty == true)
        let missing = try cli.marsad(["sagas", "--id", "77", "--store", store])
        #expect(missing.status != 0 && missing.stderr.contains("no saga 77"))
        let negative = try cli.marsad(["sagas", "--limit", "-1", "--store", store])
        #expect(negative.status != 0 && negative.stderr.contains("--limit"))
        // Splitting drifted stories is asked for; three short articles leave none.
        let split = try cli.marsad(["link", "--split-drifted", "--format", "json", "--store", store])
        #expect(split.status == 0, "\(split.stderr)")
        #expect(try cli.json(split.stdout)["storiesSplit"] as? Int == 0)
    }
}
