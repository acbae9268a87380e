import ArgumentParser
import Foundation
import NewsAnalysis
import MarsadCLI

/// `marsad eval`: scores extraction (the default subcommand) or the entity tagger.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score extraction against gold pages (default), the entity tagger on a CoNLL file, or quotes on real articles.",
        subcommands: [EvalExtraction.self, NER.self, Quotes.self, Stories.self, Entities.self, Homonyms.self],
        defaultSubcommand: EvalExtraction.self
    )
}

extension Eval {
    /// `marsad eval ner`: CoNLL-style exact-span precision, recall and F1 of the tagger.
    struct NER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Tag a CoNLL file (token TAG per line, BIO) and score exact spans per type and overall.",
            discussion: """
                A span counts only when its first token, last token and type all match the gold span.
                The JSON form is {"overall": {"precision", "recall", "f1", …}, "types": {"PERS": {…}, …}}.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "The CoNLL file to tag and score.")
        var data: String

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(help: "A model file to use instead of the bundled one (from marsad train ner).")
        var model: String?

        @Option(help: "The second-pass model to use with --model (from marsad train ner, <name>-document.mner); 'none' for the first pass alone.")
        var documentModel: String?

        @Option(help: "Sentences either side that make a sentence's document for the second pass (-1: the whole file).")
        var window = NERTagger.conllWindow ?? -1

        @Option(help: "Also write 'token gold predicted' lines here, as conlleval reads them.")
        var predictions: String?

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
            for path in [model, documentModel].compactMap({ $0 }) where path != "none" && !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("Cannot read '\(path)'.")
            }
        }

        func run() throws {
            let sentences = try NERData.read(data)
            let resources = try EntityResources.bundled()
            let nerModel = try model.map { try NERModel(contentsOf: URL(fileURLWithPath: $0)) } ?? NERModel.bundled()
            let second: NERModel?
            switch documentModel {
            case "none": second = nil
            case let path?: second = try NERModel(contentsOf: URL(fileURLWithPath: path))
            case nil: second = model == nil ? try NERModel.bundledDocument() : nil
            }
            let tagger = NERTagger(model: nerModel, documentModel: second, resources: resources)
            var score = NERScore()
            var lines = ""
            let tagged = tagger.tag(sentences: sentences.map(\.tokens), window: window < 0 ? nil : window)
            for (sentence, predicted) in zip(sentences, tagged) {
                score.add(gold: sentence.tags, predicted: predicted)
                if predictions != nil {
                    for k in sentence.tokens.indices { lines += "\(sentence.tokens[k]) \(sentence.tags[k]) \(predicted[k])\n" }
                    lines += "\n"
                }
            }
            if let predictions { try Data(lines.utf8).write(to: URL(fileURLWithPath: predictions)) }
            switch format {
            case .json: Output.write(String(decoding: try Sidecar.encoder.encode(score), as: UTF8.self) + "\n")
            case .text: Output.write(NERData.render(score))
            }
        }
    }
}

/// Reading CoNLL files and printing scores, shared by `eval ner` and `train ner`.
enum NERData {
    static func read(_ path: String) throws -> [CoNLLSentence] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("Cannot read '\(path)'.") }
        return try CoNLL.parse(String(decoding: data, as: UTF8.self), file: path)
    }

    static func render(_ score: NERScore) -> String {
        func row(_ name: String, _ c: NERScore.Counts) -> String {
            name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%9.2f %7.2f %7.2f %7d %9d %8d\n", c.precision * 100, c.recall * 100, c.f1 * 100, c.gold, c.predicted, c.correct)
        }
        var out = "type    precision  recall      F1    gold predicted  correct\n"
        for type in score.types.keys.sorted(by: { (NERTags.types.firstIndex(of: $0) ?? 99, $0) < (NERTags.types.firstIndex(of: $1) ?? 99, $1) }) {
            out += row(type, score.types[type]!)
        }
        return out + row("overall", score.overall)
    }

    /// One line per epoch: overall and per-type F1.
    static func summary(_ score: NERScore) -> String {
        let types = NERTags.types.map { String(format: "%@ %.2f", $0, (score.types[$0]?.f1 ?? 0) * 100) }.joined(separator: "  ")
        return String(format: "P %.2f R %.2f F1 %.2f  (", score.overall.precision * 100, score.overall.recall * 100, score.overall.f1 * 100) + types + ")"
    }
}
