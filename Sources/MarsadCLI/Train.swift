public import ArgumentParser
import Foundation
import NewsAnalysis

extension Marsad {
    /// `marsad train`: trains the models that ship as resources.
    public struct Train: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Train the models that ship as resources.",
            subcommands: [NER.self]
        )

        public init() {}
    }
}

extension CoNLL.DevSplit: ExpressibleByArgument {}

extension Marsad.Train {
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

        @Option(help: "Where to write the model.")
        var output = "ner.mner"

        public init() {}

        public func validate() throws {
            guard FileManager.default.isReadableFile(atPath: data) else { throw ValidationError("Cannot read '\(data)'.") }
            guard devFraction >= 0, devFraction < 1 else { throw ValidationError("--dev-fraction must be in [0, 1).") }
            guard epochs >= 1, epochs <= 200 else { throw ValidationError("--epochs must be between 1 and 200.") }
            guard maxFeatures >= 1 else { throw ValidationError("--max-features must be positive.") }
        }

        public func run() throws {
            let sentences = try NERData.read(data)
            let (train, dev) = CoNLL.split(sentences, devFraction: devFraction, strategy: devSplit)
            Output.write("\(sentences.count) sentences: \(train.count) to train, \(dev.count) for development (\(devSplit.rawValue), \(devFraction))\n")
            let resources = try EntityResources.bundled()
            var options = NERTrainer.Options()
            options.epochs = epochs
            options.seed = seed
            options.maxFeatures = maxFeatures
            let started = Date()
            let model = NERTrainer(resources: resources, options: options).train(train, dev: dev) { epoch in
                var line = String(format: "epoch %2d  mistakes %6d", epoch.epoch, epoch.mistakes)
                if let score = epoch.dev { line += "  dev " + NERData.summary(score) }
                Output.write(line + "\n")
            }
            let bytes = model.serialized()
            let url = URL(fileURLWithPath: output)
            try Data(bytes).write(to: url)
            // Score what ships: the file read back, quantized weights and all.
            let shipped = try NERModel(contentsOf: url)
            let score = dev.isEmpty ? nil : NERTagger(model: shipped, resources: resources).evaluate(dev)
            if let score { Output.write("saved model, dev: " + NERData.summary(score) + "\n" + NERData.render(score)) }
            Output.write(String(format: "%d features, %.2f MB, %.0f s → %@\n", shipped.featureCount, Double(bytes.count) / 1e6, Date().timeIntervalSince(started), output))

            let provenance = Provenance(
                data: data, dataBytes: (try? FileManager.default.attributesOfItem(atPath: data)[.size] as? Int) ?? nil,
                sentences: sentences.count, devSplit: devSplit.rawValue, devFraction: devFraction,
                trainSentences: train.count, devSentences: dev.count, epochs: epochs, seed: seed,
                maxFeatures: maxFeatures, features: shipped.featureCount, modelBytes: bytes.count,
                dev: score, date: ISO8601DateFormatter().string(from: Date()))
            let sidecar = url.deletingPathExtension().appendingPathExtension("json")
            try Data((PageWriter.encode(provenance, pretty: true) + "\n").utf8).write(to: sidecar)
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
            var dev: NERScore?
            var date: String
        }
    }
}
