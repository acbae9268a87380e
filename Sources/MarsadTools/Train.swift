public import ArgumentParser
import Foundation
import NewsAnalysis
import NewsExtraction
import MarsadCLI

extension MarsadTools {
    /// `marsad train`: trains the models that ship as resources.
    public struct Train: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Train the models that ship as resources.",
            subcommands: [NER.self, Clusters.self, Priors.self]
        )

        public init() {}
    }
}

extension CoNLL.DevSplit: ExpressibleByArgument {}

extension MarsadTools.Train {
    /// `marsad train ner`: the entity tagger, from a CoNLL file, with a development split carved out of it.
    public struct NER: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Train the entity tagger (averaged perceptron, Viterbi over BIO) on a CoNLL file.",
            discussion: """
                The development split is carved out deterministically: 'tail' takes the last fraction of the
                sentences in file order (documents the model never saw), 'interleaved' every k-th sentence.
                Prints the development scores after each epoch and of the saved (pruned, quantized) model,
                and writes the model and a provenance sidecar (<output without extension>.json).
                """
        )

        @Option(help: "The CoNLL training file (token TAG per line, BIO, blank lines between sentences).")
        var data: String

        @Option(help: "The fraction of sentences kept back for development.")
        var devFraction = 0.1

        @Option(help: "How to carve the development split: tail or interleaved.")
        var devSplit: CoNLL.DevSplit = .tail

        @Option(help: "Passes over the training sentences.")
        var epochs = 12

        @Option(help: "Seed for the order of sentences in each pass.")
        var seed: UInt64 = 1

        @Option(help: "Feature rows kept in the model (the largest weights).")
        var maxFeatures = 300_000

        @Option(help: "Where to write the model (the second pass goes beside it, as <name>-document.mner).")
        var output = "ner.mner"

        @Option(help: "Train the second pass, which reads the first pass's labels over the document.")
        var twoPass = true

        @Option(help: "Sentences either side that make a sentence's document, for the second pass (-1: the whole file).")
        var window = NERTagger.conllWindow ?? -1

        @Option(help: "Blocks for the jackknifed first-pass labels the second pass learns from.")
        var folds = 10

        @Option(help: "Instead of training one model: K-fold cross-validation over contiguous blocks of sentences.")
        var crossValidate: Int?

        public init() {}

        public func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
            guard devFraction >= 0, devFraction < 1 else { throw ValidationError("--dev-fraction must be in [0, 1).") }
            guard epochs >= 1, epochs <= 200 else { throw ValidationError("--epochs must be between 1 and 200.") }
            guard maxFeatures >= 1 else { throw ValidationError("--max-features must be positive.") }
        }

        public func run() throws {
            let sentences = try NERData.read(data)
            if let folds = crossValidate { return try crossValidation(sentences, folds: folds) }
            let (train, dev) = CoNLL.split(sentences, devFraction: devFraction, strategy: devSplit)
            Output.write("\(sentences.count) sentences: \(train.count) to train, \(dev.count) for development (\(devSplit.rawValue), \(devFraction))\n")
            let resources = try EntityResources.bundled()
            var options = NERTrainer.Options()
            options.epochs = epochs
            options.seed = seed
            options.maxFeatures = maxFeatures
            let started = Date()
            let trainer = NERTrainer(resources: resources, options: options)
            let window: Int? = self.window < 0 ? nil : self.window
            func report(_ pass: Int, _ epoch: NERTrainer.Epoch) {
                var line = String(format: "pass %d epoch %2d  mistakes %6d", pass, epoch.epoch, epoch.mistakes)
                if let score = epoch.dev { line += "  dev " + NERData.summary(score) }
                Output.write(line + "\n")
            }
            let models: [NERModel]
            if twoPass {
                let (first, document) = trainer.trainTwoPass(train, dev: dev, folds: folds, window: window, progress: report)
                models = [first, document]
            } else {
                models = [trainer.train(train, dev: dev) { report(1, $0) }]
            }
            let url = URL(fileURLWithPath: output)
            let documentURL = url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent + "-document.mner")
            var bytes = 0
            for (model, path) in zip(models, [url, documentURL]) {
                let data = model.serialized()
                bytes += data.count
                try Data(data).write(to: path)
            }
            if !twoPass, FileManager.default.fileExists(atPath: documentURL.path) { try FileManager.default.removeItem(at: documentURL) }
            // Score what ships: the files read back, quantized weights and all.
            let shipped = try NERModel(contentsOf: url)
            let shippedDocument = twoPass ? try NERModel(contentsOf: documentURL) : nil
            let firstScore = dev.isEmpty || !twoPass ? nil : NERTagger(model: shipped, resources: resources).evaluate(dev, window: window)
            if let firstScore { Output.write("saved first pass, dev: " + NERData.summary(firstScore) + "\n") }
            let score = dev.isEmpty ? nil : NERTagger(model: shipped, documentModel: shippedDocument, resources: resources).evaluate(dev, window: window)
            if let score { Output.write("saved model, dev: " + NERData.summary(score) + "\n" + NERData.render(score)) }
            let features = shipped.featureCount + (shippedDocument?.featureCount ?? 0)
            Output.write(String(format: "%d features, %.2f MB, %.0f s → %@\n", features, Double(bytes) / 1e6, Date().timeIntervalSince(started), output))

            let provenance = Provenance(
                data: data, dataBytes: (try? FileManager.default.attributesOfItem(atPath: data)[.size] as? Int) ?? nil,
                sentences: sentences.count, devSplit: devSplit.rawValue, devFraction: devFraction,
                trainSentences: train.count, devSentences: dev.count, epochs: epochs, seed: seed,
                maxFeatures: maxFeatures, features: features, modelBytes: bytes,
                twoPass: twoPass, window: window, folds: twoPass ? folds : nil,
                devFirstPass: firstScore, dev: score, date: ISO8601DateFormatter().string(from: Date()))
            let sidecar = url.deletingPathExtension().appendingPathExtension("json")
            try Sidecar.write(provenance, to: sidecar)
        }

        /// Trains on all blocks but one and scores that one, for each block; prints the pooled score.
        func crossValidation(_ sentences: [CoNLLSentence], folds: Int) throws {
            guard folds >= 2, folds <= sentences.count else { throw ValidationError("--cross-validate needs 2 or more folds.") }
            let resources = try EntityResources.bundled()
            var options = NERTrainer.Options()
            options.epochs = epochs
            options.seed = seed
            options.maxFeatures = maxFeatures
            var pooled = NERScore()
            for fold in 0..<folds {
                let lo = sentences.count * fold / folds, hi = sentences.count * (fold + 1) / folds
                let dev = Array(sentences[lo..<hi])
                let train = Array(sentences[..<lo] + sentences[hi...])
                let trainer = NERTrainer(resources: resources, options: options)
                let window: Int? = self.window < 0 ? nil : self.window
                let score: NERScore
                if twoPass {
                    let (first, document) = trainer.trainTwoPass(train, folds: folds, window: window)
                    score = NERTagger(model: first.quantized(), documentModel: document.quantized(), resources: resources).evaluate(dev, window: window)
                } else {
                    score = NERTagger(model: trainer.train(train).quantized(), resources: resources).evaluate(dev, window: window)
                }
                for (type, counts) in score.types {
                    pooled.types[type, default: NERScore.Counts()].correct += counts.correct
                    pooled.types[type, default: NERScore.Counts()].predicted += counts.predicted
                    pooled.types[type, default: NERScore.Counts()].gold += counts.gold
                }
                pooled.overall.correct += score.overall.correct
                pooled.overall.predicted += score.overall.predicted
                pooled.overall.gold += score.overall.gold
                Output.write(String(format: "fold %2d (sentences %d–%d): ", fold + 1, lo + 1, hi) + NERData.summary(score) + "\n")
            }
            Output.write("pooled: " + NERData.summary(pooled) + "\n" + NERData.render(pooled))
        }

        struct Provenance: Encodable {
            var data: String
            var dataBytes: Int?
            var sentences: Int
            var devSplit: String
            var devFraction: Double
            var trainSentences: Int
            var devSentences: Int
            var epochs: Int
            var seed: UInt64
            var maxFeatures: Int
            var features: Int
            var modelBytes: Int
            var twoPass: Bool
            var window: Int?
            var folds: Int?
            var devFirstPass: NERScore?
            var dev: NERScore?
            var date: String
        }
    }
}

extension MarsadTools.Train {
    /// `marsad train clusters`: word classes for the tagger, from unlabelled news text.
    public struct Clusters: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "clusters",
            abstract: "Build word classes (context vectors, spherical k-means) from unlabelled text.",
            discussion: """
                Reads JSONL (gzip allowed) whose lines hold "title", "abstract" and "text" fields, or plain
                UTF-8 text. Writes the classes and a provenance sidecar (<output without extension>.json).
                Retrain the tagger after changing them.
                """
        )

        @Argument(help: "JSONL or text files (.gz allowed).")
        var corpus: [String]

        @Option(help: "Where to write the classes.")
        var output = "clusters.mclu"

        @Option(help: "Words to cluster (the most frequent).")
        var vocabulary = 60_000

        @Option(help: "Classes at each of the three levels, finest first.")
        var classes = [1024, 256, 64]

        @Option(help: "k-means passes.")
        var iterations = 12

        @Option(help: "Seed for the projection and the k-means start.")
        var seed: UInt64 = 1

        @Option(help: "Fewest occurrences for a word to be clustered.")
        var minimumCount = 5

        public init() {}

        public func validate() throws {
            for path in corpus where !FileManager.default.isReadableFile(atPath: path) { throw ValidationError("Cannot read '\(path)'.") }
            guard vocabulary > 0, iterations > 0, classes.count == 3, classes.allSatisfy({ $0 > 0 && $0 < 65536 }) else {
                throw ValidationError("Sizes must be positive, with three class counts below 65536.")
            }
        }

        public func run() throws {
            var options = ClusterBuilder.Options()
            options.vocabulary = vocabulary
            options.classes = classes
            options.iterations = iterations
            options.seed = seed
            options.minimumCount = minimumCount
            var builder = ClusterBuilder(options: options)
            var documents = 0
            for path in corpus {
                var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes) }
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    if line.first == UInt8(ascii: "{"),
                       let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] {
                        let text = ["title", "abstract", "text"].compactMap { object[$0] as? String }.joined(separator: "\n")
                        builder.add(text)
                    } else {
                        builder.add(String(decoding: line, as: UTF8.self))
                    }
                    documents += 1
                }
            }
            let started = Date()
            let clusters = builder.build { Output.write($0 + "\n") }
            let bytes = clusters.serialized()
            let url = URL(fileURLWithPath: output)
            try Data(bytes).write(to: url)
            Output.write(String(format: "%d words, %.2f MB, %.0f s → %@\n", clusters.count, Double(bytes.count) / 1e6, Date().timeIntervalSince(started), output))
            struct Provenance: Encodable {
                var corpus: [String]
                var documents: Int
                var tokens: Int
                var words: Int
                var classes: [Int]
                var iterations: Int
                var seed: UInt64
                var date: String
            }
            let provenance = Provenance(corpus: corpus, documents: documents, tokens: builder.tokens, words: clusters.count, classes: classes,
                                        iterations: iterations, seed: seed, date: ISO8601DateFormatter().string(from: Date()))
            try Sidecar.write(provenance, to: url.deletingPathExtension().appendingPathExtension("json"))
        }
    }
}

/// Provenance files beside trained resources: sorted keys, so that retraining shows a readable diff.
enum Sidecar {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func write(_ value: some Encodable, to url: URL) throws {
        try (encoder.encode(value) + Data("\n".utf8)).write(to: url)
    }
}

extension MarsadTools.Train {
    /// `marsad train priors`: the tagger's label shares over unlabelled news, a lexicon for the next model.
    public struct Priors: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "priors",
            abstract: "Tag unlabelled text with a model and keep, per word, how often each type was given.",
            discussion: """
                Use a model trained without priors (the bundle must then hold none), then retrain the
                tagger with the priors in Resources/models. Reads JSONL (gzip allowed) with "title",
                "abstract" and "text", or plain text. Writes the priors and a provenance sidecar.
                """
        )

        @Argument(help: "JSONL or text files (.gz allowed).")
        var corpus: [String]

        @Option(help: "The model that tags the corpus.")
        var model: String

        @Option(help: "Where to write the priors.")
        var output = "priors.mlpr"

        @Option(help: "Fewest occurrences for a word to be kept.")
        var minimumCount = 3

        public init() {}

        public func validate() throws {
            for path in corpus + [model] where !FileManager.default.isReadableFile(atPath: path) { throw ValidationError("Cannot read '\(path)'.") }
        }

        public func run() throws {
            var resources = try EntityResources.bundled()
            resources.priors = nil
            let tagger = NERTagger(model: try NERModel(contentsOf: URL(fileURLWithPath: model)), resources: resources)
            var builder = LabelPriors.Builder(tagger: tagger)
            var documents = 0
            for path in corpus {
                var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes) }
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    if line.first == UInt8(ascii: "{"),
                       let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] {
                        for field in ["title", "abstract", "text"] { if let text = object[field] as? String { builder.add(text) } }
                    } else {
                        builder.add(String(decoding: line, as: UTF8.self))
                    }
                    documents += 1
                }
            }
            let priors = builder.build(minimumCount: minimumCount)
            let bytes = priors.serialized()
            let url = URL(fileURLWithPath: output)
            try Data(bytes).write(to: url)
            Output.write(String(format: "%d documents, %d tokens, %d words, %.2f MB → %@\n", documents, builder.tokens, priors.count, Double(bytes.count) / 1e6, output))
            struct Provenance: Encodable {
                var corpus: [String]
                var model: String
                var documents: Int
                var tokens: Int
                var words: Int
                var minimumCount: Int
                var date: String
            }
            try Sidecar.write(Provenance(corpus: corpus, model: model, documents: documents, tokens: builder.tokens, words: priors.count,
                                         minimumCount: minimumCount, date: ISO8601DateFormatter().string(from: Date())),
                              to: url.deletingPathExtension().appendingPathExtension("json"))
        }
    }
}
