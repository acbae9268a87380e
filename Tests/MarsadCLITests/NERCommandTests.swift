import ArgumentParser
import Foundation
import Testing
@testable import MarsadCLI
@testable import MarsadTools

/// `marsad train ner` and `marsad eval ner` end to end, and `marsad eval` keeping its old form.
@Suite(.serialized) struct NERCommandTests {
    // Composed for this test.
    static let conll = """
        قال O
        الوزير O
        سامر B-PERS
        نعيمي I-PERS
        في O
        حلب B-LOC
        . O

        أعلن O
        حزب B-ORG
        النور I-ORG
        أن O
        سامر B-PERS
        نعيمي I-PERS
        زار O
        طرابلس B-LOC
        . O

        وصل O
        كريم B-PERS
        حداد I-PERS
        إلى O
        حلب B-LOC
        . O

        """

    func marsad(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("marsad")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func trainThenEvaluate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-ner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("tiny.conll")
        try Data(Self.conll.utf8).write(to: data)
        let model = directory.appendingPathComponent("tiny.mner")

        let train = try marsad(["train", "ner", "--data", data.path, "--dev-fraction", "0.34", "--epochs", "4", "--output", model.path])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("3 sentences: 2 to train, 1 for development (tail"))
        #expect(train.stdout.contains("epoch  4"))
        let sidecar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("tiny.json"))) as? [String: Any])
        #expect(sidecar["devSplit"] as? String == "tail")
        #expect(sidecar["epochs"] as? Int == 4)
        #expect((sidecar["dev"] as? [String: Any])?["overall"] != nil)

        let eval = try marsad(["eval", "ner", "--data", data.path, "--model", model.path, "--format", "json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["f1"] is Double && overall["precision"] is Double && overall["recall"] is Double)
        #expect(Set((json["types"] as? [String: Any])?.keys ?? [:].keys) == ["PERS", "LOC", "ORG", "MISC"])

        let text = try marsad(["eval", "ner", "--data", data.path, "--model", model.path])
        #expect(text.stdout.contains("overall"))
    }

    @Test func missingDataIsNamed() throws {
        let run = try marsad(["eval", "ner", "--data", "/nonexistent/dev.conll"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("/nonexistent/dev.conll"))
        let train = try marsad(["train", "ner", "--data", "/nonexistent/train.conll"])
        #expect(train.status != 0)
        #expect(train.stderr.contains("/nonexistent/train.conll"))
    }

    @Test func evalWithoutASubcommandIsStillExtraction() throws {
        let command = try Eval.parseAsRoot(["--min-f1", "0.5", "--verbose", "--format", "json"])
        let extraction = try #require(command as? EvalExtraction)
        #expect(extraction.minF1 == 0.5)
        #expect(extraction.verbose)
        #expect(try Eval.parseAsRoot(["ner", "--data", #filePath]) is Eval.NER)
        #expect(try Eval.parseAsRoot(["extraction"]) is EvalExtraction)
    }
}
