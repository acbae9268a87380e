import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif
import NewsExtraction
import NewsModel

/// Inputs are at most 200 KB (run.sh's -max_len) but gzip inflates: a 22 KB seed became 7.6 MB of text,
/// six seconds under ASan, and a timeout that says nothing about the readers. 2 MB (ten times -max_len)
/// keeps the gzip and size-limit paths in play and every run short.
let fuzzExtractor = NewsExtractor(maxBytes: 2 << 20)

/// libFuzzer entry point: the first byte picks the reader (or auto-detection), the rest is the page.
/// Any crash, hang or sanitizer report is a bug; results are checked for basic invariants too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let formats: [Page.Format?] = [nil, .textDump, .html, .rss, .atom, .jsonl]
    let format = formats[Int(selector) % formats.count]
    let page = fuzzExtractor.extract(bytes, source: "fuzz", format: format)
    var ids = Set<String>()
    for article in page.articles {
        // Ids are unique within a page, and every duplicate link points at another article of the page.
        precondition(!article.id.isEmpty, "empty id")
        precondition(ids.insert(article.id).inserted, "duplicate id \(article.id)")
    }
    for article in page.articles {
        if let target = article.duplicateOf {
            precondition(ids.contains(target), "dangling duplicateOf")
            precondition(target != article.id, "article is its own duplicate")
        }
    }
    return 0
}

/// The program's entry point. SwiftPM compiles an executable target's `main` as `FuzzExtract_main` and
/// links with `--defsym main=FuzzExtract_main`, so libFuzzer's own `main` (FuzzerMain.o in
/// libclang_rt.fuzzer) is never linked; this one hands the command line to libFuzzer's driver instead,
/// which parses the flags (-dict, -max_total_time, …) and runs the loop exactly as libFuzzer's `main` would.
@main
enum FuzzExtractMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzExtract(data, size) }
        exit(status)
    }
}
