import ArabicText
import ArgumentParser
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import Ingestion
import MarsadCLI
import StableHash

extension MarsadTools.Bench {
    /// `marsad bench dedup`: exact-copy groups against a reference, near-copy detection on synthetic
    /// copies of real articles, and fingerprint throughput, on one JSONL corpus.
    struct Dedup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dedup",
            abstract: "Precision/recall of exact and near-duplicate detection, and fingerprints/s, one thread."
        )

        @Option(help: "A JSONL corpus (gzip allowed), read as `marsad extract --format jsonl` reads it.")
        var input: String

        @Option(help: "Originals drawn for the synthetic near copies (one copy each, kinds in turn).")
        var originals = 3000

        @Option(help: "Seed of the synthetic copies.")
        var seed: UInt64 = 20_260_101

        @Option(help: "Write the synthetic set (terms per document, truth, settings) here for the Python peer.")
        var pairsOut: String?

        @Option(help: "Seconds per throughput measurement (the best pass counts; at least two passes).")
        var seconds: Double = 3

        @Flag(help: "Print JSON.")
        var json = false

        @Flag(help: "Measure fingerprints/s only (no evaluation).")
        var throughputOnly = false

        /// The settings under test: the default, then the alternatives the defaults were chosen over.
        static let variants: [(name: String, fingerprinter: Fingerprinter)] = [
            ("4-shingles stemmed, 120 = 40x3", Fingerprinter(shingle: 4, hashes: 120, bands: 40)),
            ("3-shingles stemmed, 120 = 40x3", Fingerprinter(shingle: 3, hashes: 120, bands: 40)),
            ("4-shingles unstemmed, 120 = 40x3", Fingerprinter(shingle: 4, hashes: 120, bands: 40, stemmedShingles: false)),
            ("3-shingles unstemmed, 120 = 40x3", Fingerprinter(shingle: 3, hashes: 120, bands: 40, stemmedShingles: false)),
            ("4-shingles stemmed, 128 = 32x4", Fingerprinter(shingle: 4, hashes: 128, bands: 32)),
            ("4-shingles stemmed, 64 = 16x4", Fingerprinter(shingle: 4, hashes: 64, bands: 16)),
        ]

        func run() throws {
            var bytes = try FileReading.read(input, maxBytes: 1 << 31)
            if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, limit: 1 << 31) }
            let articles = NewsExtractor().extract(bytes, source: input, format: .jsonl).articles
            guard !articles.isEmpty else { throw ValidationError("No articles in '\(input)'.") }
            let records = Self.rawRecords(bytes)
            var report: [String: Any] = ["input": (input as NSString).lastPathComponent, "articles": articles.count]

            let defaults = Self.variants[0].fingerprinter
            if throughputOnly {
                report["throughput"] = Self.throughput(articles, fingerprinter: defaults, seconds: seconds)
                Output.write(Self.text(report))
                return
            }
            let prints = articles.map { defaults.fingerprint($0) }
            if records.count == articles.count {
                report["exact"] = Self.exactEvaluation(records: records, prints: prints, policy: .standard)
            } else {
                report["exact"] = ["skipped": "\(records.count) raw records for \(articles.count) articles"]
            }

            let synthetic = SyntheticCopies.make(from: articles, prints: prints, originals: originals, seed: seed)
            var detection = [[String: Any]]()
            for (name, fingerprinter) in Self.variants {
                var result = Self.detect(synthetic, fingerprinter: fingerprinter, seconds: seconds)
                result["config"] = name
                detection.append(result)
            }
            report["synthetic"] = ["originals": synthetic.originalCount, "copies": synthetic.truth.count, "seed": seed, "detection": detection]
            report["throughput"] = Self.throughput(articles, fingerprinter: defaults, seconds: seconds)
            if let pairsOut { try synthetic.writePeerInput(to: pairsOut, fingerprinter: defaults) }

            if json {
                let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
                Output.write(String(decoding: data, as: UTF8.self) + "\n")
            } else {
                Output.write(Self.text(report))
            }
        }

        // MARK: Exact copies

        /// Title and body text of each JSONL record, as the file has them (no normalization).
        static func rawRecords(_ bytes: [UInt8]) -> [(title: String, body: String)] {
            var out = [(String, String)]()
            for line in bytes.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
                out.append(((object["title"] as? String) ?? "", (object["text"] as? String) ?? ""))
            }
            return out
        }

        /// Pairwise and per-record precision/recall of our exact groups against two references:
        /// byte-identical bodies (what "duplicate bodies" counts) and byte-identical title + body.
        static func exactEvaluation(records: [(title: String, body: String)], prints: [ContentFingerprint], policy: NearDuplicatePolicy) -> [String: Any] {
            let ours = prints.map(\.exact)
            // Swift String equality would apply canonical equivalence; the reference is the bytes.
            let bodyKey = records.map { Array($0.body.utf8) }
            let fullKey = records.map { Array($0.title.utf8) + [0] + Array($0.body.utf8) }
            var result: [String: Any] = [:]
            for (name, reference) in [("body", bodyKey), ("titleBody", fullKey)] {
                let refGroups = GroupScore.groups(reference)
                let ourGroups = GroupScore.groups(ours)
                var entry = GroupScore.compare(ours: ourGroups, reference: refGroups)
                entry["referenceDuplicateRecords"] = refGroups.reduce(0) { $0 + $1.count - 1 }
                entry["referenceGroups"] = refGroups.count
                entry["ourDuplicateRecords"] = ourGroups.reduce(0) { $0 + $1.count - 1 }
                result[name] = entry
            }
            // Reference pairs that the near-copy rules add to the exact hash (found through LSH).
            var index = LSHIndex<Int>()
            for (i, p) in prints.enumerated() { index.insert(i, bandKeys: p.bandKeys) }
            var near = Set<Pair>()
            for (i, p) in prints.enumerated() {
                for j in index.candidates(bandKeys: p.bandKeys) where j > i && policy.isNearDuplicate(p, prints[j]) {
                    near.insert(Pair(i, j))
                }
            }
            let bodyPairs = GroupScore.pairs(GroupScore.groups(bodyKey))
            let exactPairs = GroupScore.pairs(GroupScore.groups(ours))
            let combined = near.union(exactPairs)
            let found: Int = combined.intersection(bodyPairs).count
            let recall: Double = Double(found) / Double(max(bodyPairs.count, 1))
            let nearEntry: [String: Any] = [
                "found": found, "referencePairs": bodyPairs.count, "recall": recall,
                "detectedPairs": combined.count, "outsideReference": combined.subtracting(bodyPairs).count,
            ]
            result["nearOrExactVsBody"] = nearEntry
            return result
        }

        // MARK: Near copies

        static func detect(_ synthetic: SyntheticCopies, fingerprinter: Fingerprinter, seconds: Double) -> [String: Any] {
            let prints = synthetic.documents.map { fingerprinter.fingerprint($0.article) }
            var index = LSHIndex<Int>()
            for (i, p) in prints.enumerated() { index.insert(i, bandKeys: p.bandKeys) }
            let policy = NearDuplicatePolicy.standard
            var candidatePairs = Set<Pair>()
            var detected = Set<Pair>()
            var candidates = 0
            for (i, p) in prints.enumerated() {
                for j in index.candidates(bandKeys: p.bandKeys) where j != i {
                    candidates += 1
                    let pair = Pair(i, j)
                    if candidatePairs.insert(pair).inserted, policy.isNearDuplicate(p, prints[j]) { detected.insert(pair) }
                }
            }
            // Lookups: band-key query plus verification of every candidate, as an archive would do it.
            let lookup = MarsadTools.Bench.Text.measure(seconds: seconds) {
                var found = 0
                for p in prints {
                    for j in index.candidates(bandKeys: p.bandKeys) where policy.isNearDuplicate(p, prints[j]) { found += 1 }
                }
                return found
            }
            let signatureLSH = signatureStage(synthetic.documents.map(\.article.paragraphs), fingerprinter: fingerprinter, seconds: seconds)
            var result: [String: Any] = [
                "signatureLSHPerSecond": Double(prints.count) / signatureLSH,
                "candidatesPerLookup": Double(candidates) / Double(prints.count),
                "lookupsPerSecond": Double(prints.count) / lookup,
            ]
            result.merge(synthetic.score(detected: detected, candidates: candidatePairs, prints: prints)) { a, _ in a }
            return result
        }

        // MARK: Throughput

        static func throughput(_ articles: [Article], fingerprinter: Fingerprinter, seconds: Double) -> [String: Any] {
            let bodyBytes = articles.reduce(0) { total, a in total + a.title.utf8.count + a.paragraphs.reduce(0) { $0 + $1.utf8.count + 1 } }
            let full = MarsadTools.Bench.Text.measure(seconds: seconds) {
                var sink = 0
                for article in articles { sink &+= Int(truncatingIfNeeded: fingerprinter.fingerprint(article).exact) }
                return sink
            }
            // Parts of it, to show where the time goes: the analysis chain alone, and the exact hash alone.
            let analysis = MarsadTools.Bench.Text.measure(seconds: seconds) {
                var sink = 0
                for article in articles {
                    for var text in [article.title] + article.paragraphs {
                        text.withUTF8 { AnalysisChain.index.forEachTerm(in: $0) { term, _, _, _ in sink &+= term.count } }
                    }
                }
                return sink
            }
            let exact = MarsadTools.Bench.Text.measure(seconds: seconds) {
                var sink = 0
                for article in articles { sink &+= Int(truncatingIfNeeded: article.exactCopyHash) }
                return sink
            }
            let signatures = signatureStage(articles.map(\.paragraphs), fingerprinter: fingerprinter, seconds: seconds)
            return [
                "articles": articles.count, "megabytes": Double(bodyBytes) / 1e6,
                "fingerprintSeconds": full, "fingerprintsPerSecond": Double(articles.count) / full,
                "fingerprintMBps": Double(bodyBytes) / 1e6 / full,
                "analysisOnlyPerSecond": Double(articles.count) / analysis, "exactOnlyPerSecond": Double(articles.count) / exact,
                "signatureLSHSeconds": signatures, "signaturesPerSecond": Double(articles.count) / signatures,
            ]
        }

        /// The stage datasketch does: shingles of given terms → signature → band keys → LSH insert.
        static func signatureStage(_ bodies: [[String]], fingerprinter: Fingerprinter, seconds: Double) -> Double {
            let chain = AnalysisChain.index
            let termLists: [[UInt64]] = bodies.map { paragraphs in
                var terms = [UInt64]()
                for var paragraph in paragraphs {
                    paragraph.withUTF8 { chain.forEachTerm(in: $0) { term, _, _, _ in terms.append(FingerprintHash.term(term)) } }
                }
                return terms
            }
            let minHasher = fingerprinter.minHasher
            let bands = fingerprinter.banding.bands
            let shingle = fingerprinter.shingle
            return MarsadTools.Bench.Text.measure(seconds: seconds) {
                var index = LSHIndex<Int>()
                for (i, terms) in termLists.enumerated() {
                    var shingles = [UInt64]()
                    shingles.reserveCapacity(max(terms.count - shingle + 1, 1))
                    if !terms.isEmpty {
                        for start in 0..<max(terms.count - shingle + 1, 1) {
                            var h = terms[start]
                            for k in (start + 1)..<min(start + shingle, terms.count) { h = FingerprintHash.combine(h, terms[k]) }
                            shingles.append(h)
                        }
                    }
                    index.insert(i, bandKeys: minHasher.signature(of: shingles).bandKeys(bands: bands))
                }
                return index.count
            }
        }

        // MARK: Report

        static func text(_ report: [String: Any]) -> String {
            var out = "input \(report["input"] ?? "") (\(report["articles"] ?? 0) articles)\n\n"
            if let exact = report["exact"] as? [String: Any] {
                for (name, label) in [("body", "reference: identical body bytes"), ("titleBody", "reference: identical title + body bytes")] {
                    guard let e = exact[name] as? [String: Any] else { continue }
                    out += String(format: "exact hash vs %@: %d reference duplicates (%d groups), ours %d; pairs P %.4f R %.4f; records P %.4f R %.4f\n",
                                  label, e["referenceDuplicateRecords"] as? Int ?? 0, e["referenceGroups"] as? Int ?? 0, e["ourDuplicateRecords"] as? Int ?? 0,
                                  e["pairPrecision"] as? Double ?? 0, e["pairRecall"] as? Double ?? 0,
                                  e["recordPrecision"] as? Double ?? 0, e["recordRecall"] as? Double ?? 0)
                }
                if let n = exact["nearOrExactVsBody"] as? [String: Any] {
                    out += String(format: "exact or near vs identical bodies: recall %.4f (%d of %d pairs); %d detected pairs outside the reference\n",
                                  n["recall"] as? Double ?? 0, n["found"] as? Int ?? 0, n["referencePairs"] as? Int ?? 0, n["outsideReference"] as? Int ?? 0)
                }
                if let skipped = exact["skipped"] { out += "exact: skipped (\(skipped))\n" }
            }
            if let synthetic = report["synthetic"] as? [String: Any], let rows = synthetic["detection"] as? [[String: Any]] {
                out += "\nsynthetic: \(synthetic["originals"] ?? 0) originals, \(synthetic["copies"] ?? 0) copies\n"
                for row in rows {
                    out += String(format: "%@: P %.4f R %.4f (edited %.3f, truncated %.3f, recaptioned %.3f; LSH recall %.4f); %.2f candidates/lookup, %.0f lookups/s\n",
                                  row["config"] as? String ?? "", row["precision"] as? Double ?? 0, row["recall"] as? Double ?? 0,
                                  row["recallEdited"] as? Double ?? 0, row["recallTruncated"] as? Double ?? 0, row["recallRecaptioned"] as? Double ?? 0,
                                  row["candidateRecall"] as? Double ?? 0, row["candidatesPerLookup"] as? Double ?? 0, row["lookupsPerSecond"] as? Double ?? 0)
                }
            }
            if let t = report["throughput"] as? [String: Any] {
                out += String(format: "\nfingerprint: %.0f articles/s (%.1f MB/s); shingles + signature + LSH insert from terms: %.0f articles/s\n",
                              t["fingerprintsPerSecond"] as? Double ?? 0, t["fingerprintMBps"] as? Double ?? 0, t["signaturesPerSecond"] as? Double ?? 0)
                out += String(format: "parts: analysis chain alone %.0f articles/s, exact hash alone %.0f articles/s\n",
                              t["analysisOnlyPerSecond"] as? Double ?? 0, t["exactOnlyPerSecond"] as? Double ?? 0)
            }
            return out
        }
    }
}

extension MarsadTools.Bench.Dedup {
    /// An unordered pair of document indices.
    struct Pair: Hashable {
        let a: Int, b: Int
        init(_ x: Int, _ y: Int) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    /// Groups of equal keys, and precision/recall of one grouping against another.
    enum GroupScore {
        static func groups<Key: Hashable>(_ keys: [Key]) -> [[Int]] {
            var byKey = [Key: [Int]]()
            for (i, key) in keys.enumerated() { byKey[key, default: []].append(i) }
            return byKey.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        }

        static func pairs(_ groups: [[Int]]) -> Set<Pair> {
            var out = Set<Pair>()
            for g in groups {
                for x in g.indices { for y in g.indices where y > x { out.insert(Pair(g[x], g[y])) } }
            }
            return out
        }

        /// Pairs: same-group pairs. Records: a record counts as a duplicate when it is in a group and not its first.
        static func compare(ours: [[Int]], reference: [[Int]]) -> [String: Any] {
            let ourPairs = pairs(ours), refPairs = pairs(reference)
            let common = ourPairs.intersection(refPairs).count
            func dups(_ groups: [[Int]]) -> Set<Int> { Set(groups.flatMap { $0.dropFirst() }) }
            let ourDups = dups(ours), refDups = dups(reference)
            let commonDups = ourDups.intersection(refDups).count
            return [
                "pairPrecision": ourPairs.isEmpty ? 1 : Double(common) / Double(ourPairs.count),
                "pairRecall": refPairs.isEmpty ? 1 : Double(common) / Double(refPairs.count),
                "ourPairs": ourPairs.count, "referencePairs": refPairs.count,
                "recordPrecision": ourDups.isEmpty ? 1 : Double(commonDups) / Double(ourDups.count),
                "recordRecall": refDups.isEmpty ? 1 : Double(commonDups) / Double(refDups.count),
            ]
        }
    }
}

extension MarsadTools.Bench.Dedup {
    /// SplitMix64: a seeded generator, so the synthetic copies are the same in every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return FingerprintHash.mix(state)
        }
    }

    /// Real articles and one synthetic near copy of each: edited, truncated or re-captioned in turn.
    struct SyntheticCopies {
        enum Kind: String, CaseIterable { case original, edited, truncated, recaptioned }

        struct Document {
            var article: Article
            var kind: Kind
            /// For a copy, the index of its original in `documents`.
            var original: Int?
        }

        var documents: [Document] = []
        var truth: [Pair: Kind] = [:]
        var originalCount = 0

        /// Originals: at least 3 paragraphs and 60 words, a body found once in the corpus (so two
        /// originals are not copies of each other by construction), drawn with the seeded generator.
        static func make(from articles: [Article], prints: [ContentFingerprint], originals: Int, seed: UInt64) -> SyntheticCopies {
            var rng = SeededGenerator(state: seed)
            var bodies = [[String]: Int]()
            for article in articles { bodies[article.paragraphs, default: 0] += 1 }
            var eligible = articles.indices.filter { i in
                let a = articles[i]
                return a.paragraphs.count >= 3 && bodies[a.paragraphs] == 1
                    && a.paragraphs.reduce(0) { $0 + $1.split(separator: " ").count } >= 60
            }
            eligible.shuffle(using: &rng)
            var set = SyntheticCopies()
            func donorWord() -> String {
                let donor = articles[Int.random(in: 0..<articles.count, using: &rng)]
                let words = donor.paragraphs.randomElement(using: &rng)?.split(separator: " ") ?? []
                return words.randomElement(using: &rng).map(String.init) ?? "خبر"
            }
            func donorParagraph() -> String {
                articles[Int.random(in: 0..<articles.count, using: &rng)].paragraphs.randomElement(using: &rng) ?? "فقرة مضافة"
            }
            for (n, index) in eligible.prefix(originals).enumerated() {
                let original = articles[index]
                var copy = original
                let kind = [Kind.edited, .truncated, .recaptioned][n % 3]
                switch kind {
                case .edited:
                    // A few words replaced or inserted, as a copy editor's pass leaves them.
                    for _ in 0..<Int.random(in: 3...6, using: &rng) {
                        let p = Int.random(in: 0..<copy.paragraphs.count, using: &rng)
                        var words = copy.paragraphs[p].split(separator: " ").map(String.init)
                        guard !words.isEmpty else { continue }
                        let at = Int.random(in: 0..<words.count, using: &rng)
                        if Bool.random(using: &rng) { words[at] = donorWord() } else { words.insert(donorWord(), at: at) }
                        copy.paragraphs[p] = words.joined(separator: " ")
                    }
                case .truncated:
                    // The last 30–50% of the paragraphs cut, as a site that keeps only the start.
                    let share = Double.random(in: 0.3...0.5, using: &rng)
                    let cut = max(1, Int((Double(copy.paragraphs.count) * share).rounded()))
                    copy.paragraphs.removeLast(min(cut, copy.paragraphs.count - 1))
                case .recaptioned:
                    // Another headline and one paragraph of other text added.
                    copy.title = articles[Int.random(in: 0..<articles.count, using: &rng)].title
                    copy.paragraphs.insert(donorParagraph(), at: Int.random(in: 0...copy.paragraphs.count, using: &rng))
                case .original:
                    break
                }
                let o = set.documents.count
                set.documents.append(Document(article: original, kind: .original, original: nil))
                set.documents.append(Document(article: copy, kind: kind, original: o))
                set.truth[Pair(o, o + 1)] = kind
                set.originalCount += 1
            }
            return set
        }

        func score(detected: Set<Pair>, candidates: Set<Pair>, prints: [ContentFingerprint]) -> [String: Any] {
            let truthPairs = Set(truth.keys)
            let tp = detected.intersection(truthPairs)
            let falsePositives = detected.subtracting(truthPairs)
            let betweenOriginals = falsePositives.filter { documents[$0.a].kind == .original && documents[$0.b].kind == .original }.count
            var result: [String: Any] = [
                "precision": detected.isEmpty ? 1 : Double(tp.count) / Double(detected.count),
                "recall": Double(tp.count) / Double(max(truthPairs.count, 1)),
                "candidateRecall": Double(candidates.intersection(truthPairs).count) / Double(max(truthPairs.count, 1)),
                "detected": detected.count, "truePositives": tp.count,
                "falsePositivesBetweenOriginals": betweenOriginals,
                "falsePositivesWithCopies": falsePositives.count - betweenOriginals,
            ]
            for kind in [Kind.edited, .truncated, .recaptioned] {
                let pairs = truthPairs.filter { truth[$0] == kind }
                let name = "recall" + kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
                result[name] = Double(pairs.filter { detected.contains($0) }.count) / Double(max(pairs.count, 1))
                // Mean estimated Jaccard of the kind's true pairs: where the thresholds sit.
                let js = pairs.map { prints[$0.a].minHash.jaccard(prints[$0.b].minHash) }
                result["meanJaccard" + kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()] = js.reduce(0, +) / Double(max(js.count, 1))
            }
            return result
        }

        /// One JSON line of settings, then one per document: the body's terms as the fingerprinter's
        /// chain gives them, its kind and its original. The peer shingles these same terms.
        func writePeerInput(to path: String, fingerprinter: Fingerprinter) throws {
            let chain = fingerprinter.stemmedShingles ? AnalysisChain.index : AnalysisChain(stemmer: nil)
            let policy = NearDuplicatePolicy.standard
            var lines = [Data]()
            let settings: [String: Any] = [
                "shingle": fingerprinter.shingle, "hashes": fingerprinter.banding.hashes, "bands": fingerprinter.banding.bands,
                "rows": fingerprinter.banding.rows, "jaccard": policy.jaccard, "containment": policy.containment,
                "minimumCutJaccard": policy.minimumCutJaccard,
            ]
            lines.append(try JSONSerialization.data(withJSONObject: ["settings": settings], options: [.sortedKeys]))
            for (i, document) in documents.enumerated() {
                var terms = [String]()
                for paragraph in document.article.paragraphs { terms += chain.terms(in: paragraph).map(\.text) }
                var object: [String: Any] = ["id": i, "kind": document.kind.rawValue, "terms": terms]
                object["of"] = document.original ?? NSNull()
                lines.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            }
            var out = Data()
            for line in lines {
                out.append(line)
                out.append(0x0A)
            }
            try out.write(to: URL(fileURLWithPath: path))
        }
    }
}
