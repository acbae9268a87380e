import NewsExtraction
import NewsModel

/// libFuzzer entry point: the first byte picks the reader (or auto-detection), the rest is the page.
/// Any crash, hang or sanitizer report is a bug; results are checked for basic invariants too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let formats: [Page.Format?] = [nil, .textDump, .html, .rss, .atom, .jsonl]
    let format = formats[Int(selector) % formats.count]
    let page = NewsExtractor().extract(bytes, source: "fuzz", format: format)
    var ids = Set<String>()
    for article in page.articles {
        // Ids are unique within a page, and every duplicate link points at an article of the page.
        precondition(ids.insert(article.id).inserted, "duplicate id \(article.id)")
    }
    for article in page.articles {
        if let target = article.duplicateOf { precondition(ids.contains(target), "dangling duplicateOf") }
    }
    return 0
}
