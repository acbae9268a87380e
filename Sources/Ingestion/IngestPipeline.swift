public import Archive
import Foundation
public import NewsAnalysis
public import NewsExtraction
public import NewsModel

/// Reads, extracts, analyzes and prepares pages on every core, and stores them from one writer.
///
/// Extraction and analysis are pure and run in parallel tasks; the store is written in batches of
/// whole pages, one batch at a time, while the next batch is being prepared (waiting for each write
/// left the cores idle for most of it). A bounded number of tasks and at most two batches are in
/// flight, so a corpus of any size streams through in bounded memory. Pages are stored in input
/// order whichever task finishes first, so two runs over the same inputs build the same archive (the
/// same copies and stories).
public struct IngestPipeline: Sendable {
    /// What each page goes through.
    public let ingestor: Ingestor
    public let format: Page.Format?
    public let jobs: Int
    public let batch: Int
    public let maxBytes: Int
    public let fetcher: PageFetcher
    /// Told each input that failed or read with errors, as "name: what went wrong".
    public let warn: @Sendable (String) -> Void

    /// Progress as pages are stored: the summary so far, and the share of the input read when its
    /// size is known.
    public typealias Progress = (IngestSummary, Double?) -> Void

    public init(
        ingestor: Ingestor, format: Page.Format? = nil, jobs: Int, batch: Int, maxBytes: Int, fetcher: PageFetcher,
        warn: @escaping @Sendable (String) -> Void
    ) {
        self.ingestor = ingestor
        self.format = format
        self.jobs = max(1, jobs)
        self.batch = max(1, batch)
        self.maxBytes = maxBytes
        self.fetcher = fetcher
        self.warn = warn
    }


    struct WorkResult: Sendable {
        var pages: [ArchivePage] = []
        var warnings: [String] = []
        var failed = false
    }

    /// Stores every source in `archive`, which must have been opened with the ingestor's policy.
    public func run(sources: [PageSource], into archive: any ArchiveStore, progress: Progress = { _, _ in }) async throws -> IngestSummary {
        var summary = IngestSummary()
        summary.inputs = sources.count
        let start = Date()
        let sizes = sources.map { source -> Int in
            guard case .file(let path) = source.location else { return 0 }
            return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        let totalBytes = max(1, sizes.reduce(0, +))
        var finishedBytes = 0
        var pending = [ArchivePage]()
        let window = jobs * 2
        /// The batch being written, if any.
        var writing: Task<[IngestOutcome], any Error>?
        /// Waits for the batch being written and counts it.
        func finishWriting() async throws {
            guard let write = writing else { return }
            writing = nil
            for outcome in try await write.value { summary.add(outcome) }
        }
        /// Starts writing `pages` once the batch before them is stored.
        func write(_ pages: [ArchivePage]) async throws {
            try await finishWriting()
            writing = Task { try await archive.ingest(batch: pages) }
        }

        do {
            try await withThrowingTaskGroup(of: (Int, WorkResult).self) { group in
                // Tasks started and not yet collected (finished ones wait in `finished` for their turn).
                var inFlight = 0
                var started = 0
                var nextToCollect = 0
                var finished = [Int: WorkResult]()
                /// Waits for one task, then collects every finished result whose turn has come; false when
                /// no task is left.
                func receive() async throws -> Bool {
                    guard let (index, result) = try await group.next() else { return false }
                    finished[index] = result
                    while let result = finished.removeValue(forKey: nextToCollect) {
                        nextToCollect += 1
                        try await collect(result)
                    }
                    return true
                }
                func start(_ work: @escaping @Sendable () async -> WorkResult) {
                    let index = started
                    group.addTask { (index, await work()) }
                    started += 1
                    inFlight += 1
                }
                /// Takes one finished task's pages; stores a batch when enough are waiting.
                func collect(_ result: WorkResult) async throws {
                    inFlight -= 1
                    for warning in result.warnings { warn(warning) }
                    if result.failed { summary.failedInputs += 1 }
                    pending += result.pages
                    if pending.count >= batch {
                        try await write(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                for (index, source) in sources.enumerated() {
                    if case .file(let path) = source.location, format == .jsonl || (format == nil && LineChunks.isJSONLines(path)) {
                        let chunks: LineChunks
                        do {
                            chunks = try LineChunks(path: path)
                            if let lines = source.lines { try chunks.skip(lines: lines.lowerBound - 1) }
                        } catch {
                            warn("\(path): \(error)")
                            summary.failedInputs += 1
                            continue
                        }
                        while true {
                            let next: (bytes: [UInt8], firstLine: Int)?
                            do {
                                next = try chunks.next()
                            } catch {
                                warn("\(path): \(error)")
                                summary.failedInputs += 1
                                break
                            }
                            guard let whole = next else { break }
                            // A shard (a job's range of lines): chunks before it are skipped, reading stops after it.
                            if let lines = source.lines, whole.firstLine >= lines.upperBound { break }
                            guard let chunk = source.lines.map({ LineChunks.clip(whole.bytes, firstLine: whole.firstLine, to: $0) }) ?? whole else { continue }
                            while inFlight >= window, try await receive() {}
                            start { self.process(chunk: chunk.bytes, source: path, firstLine: chunk.firstLine) }
                            progress(summary, Double(finishedBytes + chunks.compressedOffset) / Double(totalBytes))
                        }
                    } else {
                        while inFlight >= window, try await receive() {}
                        start { await self.process(source) }
                    }
                    finishedBytes += sizes[index]
                    progress(summary, Double(finishedBytes) / Double(totalBytes))
                }
                while inFlight > 0, try await receive() {
                    progress(summary, nil)
                }
                if !pending.isEmpty { try await write(pending) }
                try await finishWriting()
            }
        } catch {
            // A failed input or write ends the run: the batch being written still finishes (or fails)
            // whole before the error is reported.
            _ = try? await writing?.value
            throw error
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    func process(_ source: PageSource) async -> WorkResult {
        var result = WorkResult()
        do {
                let fetched = try await source.read(maxBytes: maxBytes, fetcher: fetcher)
                let page = ingestor.extract(fetched.bytes, source: source.name, format: format, contentType: fetched.contentType)
                for error in page.errors { result.warnings.append("\(source.name): \(error)") }
                // An input that failed (empty, binary, truncated, unreadable) leaves no row behind.
                if page.articles.isEmpty && !page.errors.isEmpty {
                    result.failed = true
                    return result
                }
                result.pages = ingestor.prepare(page)
        } catch {
            result.warnings.append("\(source.name): \(error)")
            result.failed = true
        }
        return result
    }

    func process(chunk: [UInt8], source: String, firstLine: Int) -> WorkResult {
        var result = WorkResult()
        let page = ingestor.extract(chunk, source: source, format: .jsonl)
        for error in page.errors {
            // Line numbers count from the chunk; report them in the whole file.
            let line = error.line.map { $0 + firstLine - 1 }
            result.warnings.append("\(source): \(Page.Issue(error.message, line: line))")
        }
        result.pages = ingestor.prepare(page, recordOffset: firstLine - 1)
        return result
    }
}
