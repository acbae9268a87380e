public import Archive
public import NewsAnalysis
public import NewsExtraction
public import NewsModel

/// The one path a page takes into the archive: extract, analyze, prepare, store. `marsad ingest`
/// (through ``IngestPipeline``, which runs it on every core), the server's uploads and the watcher
/// all go through it, so an article is the same whichever way it came in.
public struct Ingestor: Sendable {
    public var setup: IngestSetup
    public var extractor: NewsExtractor
    /// Nil stores pages without quotes, entities, quantities and dates.
    public var analyzer: NewsAnalyzer?

    public init(setup: IngestSetup = .standard, extractor: NewsExtractor = NewsExtractor(), analyzer: NewsAnalyzer? = .standard) {
        self.setup = setup
        self.extractor = extractor
        self.analyzer = analyzer
    }

    /// The extracted and analyzed page, not yet stored. Its `errors` say what could not be read.
    /// - Parameter completing: fills what the page leaves out (a feed item's date, summary and
    ///   author) before the analysis, which resolves relative dates against the publication date.
    public func extract(
        _ bytes: [UInt8], source: String, format: Page.Format?, contentType: String? = nil, completing: (inout Page) -> Void = { _ in }
    ) -> Page {
        var page = extractor.extract(bytes, source: source, format: format, contentType: contentType)
        completing(&page)
        analyzer?.analyze(&page)
        return page
    }

    /// Articles that arrived already extracted (a feed item standing in for its page), analyzed.
    public func analyzed(_ page: Page) -> Page {
        var page = page
        analyzer?.analyze(&page)
        return page
    }

    /// What the archive stores for `page`: one archive page, or one per record of a JSONL export.
    /// - Parameter recordOffset: for a chunk of a JSONL file, the records before it.
    public func prepare(_ page: Page, recordOffset: Int = 0) -> [ArchivePage] {
        setup.preparer.prepare(page, recordOffset: recordOffset)
    }

    /// Stores `page` in one transaction. `archive` must have been opened with ``setup``'s policy.
    public func store(_ page: Page, in archive: any ArchiveStore) async throws -> [IngestOutcome] {
        try await archive.ingest(batch: prepare(page))
    }
}
