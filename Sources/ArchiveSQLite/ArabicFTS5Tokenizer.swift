public import ArabicText
public import GRDB

/// An FTS5 tokenizer that runs our own ``AnalysisChain`` inside SQLite: the other way to feed FTS5,
/// measured against pre-analyzed terms (``IndexDocument``) by `marsad bench fts`.
///
/// Documents are analyzed (tokenize, normalize, drop stopwords, stem) and each term is reported with
/// the byte range of the word as written, so FTS5's own `highlight()` would mark original text.
/// Queries reach it already analyzed (``SearchQuery`` terms), so in query mode it only splits at
/// spaces: stemming a stem again could change it.
///
/// The archive stores pre-analyzed terms; see docs/archive.md for the measurement that chose them.
public final class ArabicFTS5Tokenizer: FTS5CustomTokenizer {
    public static let name = "marsad_arabic"
    let chain = AnalysisChain.index

    public init(db: Database, arguments: [String]) throws {}

    public func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?, nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }  // SQLITE_OK
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        if tokenization.contains(.query) || tokenization.contains(.prefix) {
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                if i > start {
                    let code = tokenCallback(context, 0, pText + start, CInt(i - start), CInt(start), CInt(i))
                    if code != 0 { return code }
                }
                start = i + 1
            }
            return 0
        }
        var result: CInt = 0
        chain.forEachTerm(in: bytes) { term, _, _, range in
            guard result == 0 else { return }
            result = term.withMemoryRebound(to: CChar.self) { chars in
                tokenCallback(context, 0, chars.baseAddress, CInt(chars.count), CInt(range.lowerBound), CInt(range.upperBound))
            }
        }
        return result
    }
}
