/// Cleans and folds Arabic text over its UTF-8 bytes, one table lookup a character.
///
/// Each rule is one member of ``Rules`` and can be switched on or off on its own:
///
/// | rule | effect |
/// |---|---|
/// | `foldAlef` | أ إ آ ٱ → ا |
/// | `foldAlefMaksura` | ى → ي |
/// | `foldTehMarbuta` | ة → ه |
/// | `foldWawHamza` | ؤ → و (optional; not in `.search`) |
/// | `foldYehHamza` | ئ → ي (optional; not in `.search`) |
/// | `removeHarakat` | drops U+064B–U+065F |
/// | `removeDaggerAlef` | drops U+0670 |
/// | `removeQuranicMarks` | drops U+06D6–U+06ED |
/// | `removeTatweel` | drops ـ U+0640 |
/// | `foldPresentationForms` | U+FB50–U+FDFF and U+FE70–U+FEFF → their NFKC letters (ﻻ → لا, ﺑ → ب) |
/// | `foldDigits` | ٠–٩ and ۰–۹ → 0–9 |
/// | `foldNumberPunctuation` | ٫ → `.`, ٬ → `,`, ٪ → `%` |
/// | `foldPersianLetters` | ک → ك, ی → ي |
/// | `removeInvisibleControls` | drops ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings and isolates, WJ, BOM, soft hyphen |
/// | `foldSpaces` | NBSP, U+2000–U+200A, U+202F, U+205F, U+3000, U+1680 → space |
/// | `collapseSpaces` | a run of spaces and tabs → one space |
/// | `lowercaseLatin` | A–Z → a–z |
///
/// Presets: ``search`` (everything but the two hamza-carrier folds) and ``display`` (presentation
/// forms, invisible controls and spaces only: diacritics and letters stay as written).
///
/// ```swift
/// Normalizer.search.normalize("ﺑِالْأَخْبَارِ")  // "بالاخبار"
/// ```
///
/// Invalid UTF-8 in byte input becomes U+FFFD and is counted.
///
/// - Complexity: O(n) in the input's UTF-8 length; no allocation but the output.
public struct Normalizer: Sendable {
    /// The rules, as an option set so that a profile is a value and each rule a bit.
    public struct Rules: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let foldAlef = Rules(rawValue: 1 << 0)
        public static let foldAlefMaksura = Rules(rawValue: 1 << 1)
        public static let foldTehMarbuta = Rules(rawValue: 1 << 2)
        public static let foldWawHamza = Rules(rawValue: 1 << 3)
        public static let foldYehHamza = Rules(rawValue: 1 << 4)
        public static let removeHarakat = Rules(rawValue: 1 << 5)
        public static let removeDaggerAlef = Rules(rawValue: 1 << 6)
        public static let removeQuranicMarks = Rules(rawValue: 1 << 7)
        public static let removeTatweel = Rules(rawValue: 1 << 8)
        public static let foldPresentationForms = Rules(rawValue: 1 << 9)
        public static let foldDigits = Rules(rawValue: 1 << 10)
        public static let foldNumberPunctuation = Rules(rawValue: 1 << 11)
        public static let foldPersianLetters = Rules(rawValue: 1 << 12)
        public static let removeInvisibleControls = Rules(rawValue: 1 << 13)
        public static let foldSpaces = Rules(rawValue: 1 << 14)
        public static let collapseSpaces = Rules(rawValue: 1 << 15)
        public static let lowercaseLatin = Rules(rawValue: 1 << 16)

        /// Cleaning only: what every text field shown to a reader gets.
        public static let display: Rules = [
            .foldPresentationForms, .removeInvisibleControls, .foldSpaces, .collapseSpaces,
        ]
        /// Everything a search index needs so that spelling variants meet.
        public static let search: Rules = display.union([
            .foldAlef, .foldAlefMaksura, .foldTehMarbuta, .removeHarakat, .removeDaggerAlef,
            .removeQuranicMarks, .removeTatweel, .foldDigits, .foldNumberPunctuation,
            .foldPersianLetters, .lowercaseLatin,
        ])

        /// Names for the CLI and for documentation, in table order.
        public static let named: [(name: String, rule: Rules)] = [
            ("foldAlef", .foldAlef), ("foldAlefMaksura", .foldAlefMaksura),
            ("foldTehMarbuta", .foldTehMarbuta), ("foldWawHamza", .foldWawHamza),
            ("foldYehHamza", .foldYehHamza), ("removeHarakat", .removeHarakat),
            ("removeDaggerAlef", .removeDaggerAlef), ("removeQuranicMarks", .removeQuranicMarks),
            ("removeTatweel", .removeTatweel), ("foldPresentationForms", .foldPresentationForms),
            ("foldDigits", .foldDigits), ("foldNumberPunctuation", .foldNumberPunctuation),
            ("foldPersianLetters", .foldPersianLetters),
            ("removeInvisibleControls", .removeInvisibleControls), ("foldSpaces", .foldSpaces),
            ("collapseSpaces", .collapseSpaces), ("lowercaseLatin", .lowercaseLatin),
        ]
    }

    public let rules: Rules
    let compiled: CompiledTables

    public init(rules: Rules) {
        self.rules = rules
        self.compiled = CompiledTables(Tables(rules: rules))
    }

    /// Search normalization: see the rule table above.
    public static let search = Normalizer(rules: .search)
    /// Display cleaning: presentation forms, invisible controls and spaces.
    public static let display = Normalizer(rules: .display)

    /// What a byte-level normalization produced.
    public struct Output: Sendable, Equatable {
        public var text: String
        /// Invalid UTF-8 sequences that became U+FFFD.
        public var replacedSequences: Int
    }

    /// Normalizes a string.
    public func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { normalize(utf8: $0).text }
    }

    /// Normalizes raw bytes that should be UTF-8; invalid sequences become U+FFFD and are counted.
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>) -> Output {
        let scratch = UTF8Buffer(capacity: min(Self.worstCaseOutput(input.count), input.count + Self.chunkSize * 12))
        let replaced = normalize(input, appendingTo: scratch)
        return Output(text: scratch.makeString(), replacedSequences: replaced)
    }

    /// Normalizes raw bytes held in any collection.
    public func normalize(utf8 bytes: some Collection<UInt8>) -> Output {
        if let result = bytes.withContiguousStorageIfAvailable({ normalize(utf8: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { normalize(utf8: $0) }
    }

    /// Appends the normalized form of `input` to `output`, returning how many invalid sequences were replaced.
    ///
    /// This is the bulk path, with no allocation when `output` is reused: indexers call it without
    /// ever building a `String`. Input is processed in chunks cut at scalar boundaries, so the
    /// worst-case room each chunk needs stays small however large the input.
    @discardableResult
    public func normalize(_ input: UnsafeBufferPointer<UInt8>, appendingTo output: UTF8Buffer) -> Int {
        guard let base = input.baseAddress, input.count > 0 else { return 0 }
        let collapse = rules.contains(.collapseSpaces)
        var lastWasSpace = output.last == 0x20
        var replaced = 0
        var start = 0
        while start < input.count {
            var end = min(start + Self.chunkSize, input.count)
            // Never cut a UTF-8 sequence: back up over continuation bytes to its lead byte.
            var back = 0
            while end < input.count && back < 3 && input[end] & 0xC0 == 0x80 { end -= 1; back += 1 }
            if back == 3 && input[end] & 0xC0 == 0x80 { end += 3 }  // stray continuation bytes: any cut is fine
            let chunk = UnsafeBufferPointer(start: base + start, count: end - start)
            output.reserve(Self.worstCaseOutput(chunk.count))
            let result = Self.run(chunk, into: output.pointer + output.count, collapse: collapse, lastWasSpace: &lastWasSpace, compiled)
            output.count += result.written
            replaced += result.replaced
            start = end
        }
        return replaced
    }

    /// Calls `body` with the normalized bytes of `input`, held in temporary memory (the stack when
    /// small): no allocation for callers that only hash, compare or copy the result.
    public func withNormalized<R>(_ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard input.count > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.worstCaseOutput(input.count)) { scratch in
            let count = normalize(input, into: scratch.baseAddress!)
            return try body(UnsafeBufferPointer(start: scratch.baseAddress, count: count))
        }
    }

    /// The normalized bytes of `input`, in an array of exactly their size.
    ///
    /// For short texts (keys, words, lines): the work happens in temporary memory (on the stack when
    /// small), so the only allocation is the result.
    public func normalizedBytes(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard input.count > 0 else { return [] }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.worstCaseOutput(input.count)) { scratch in
            let count = normalize(input, into: scratch.baseAddress!)
            return Array(UnsafeBufferPointer(start: scratch.baseAddress, count: count))
        }
    }

    /// Normalizes `input` into `output`, which must hold ``worstCaseOutput(_:)`` bytes; returns the count.
    ///
    /// The per-token path of the analysis chain: no allocation, no capacity checks.
    func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        guard input.count > 0 else { return 0 }
        var lastWasSpace = false
        return Self.run(input, into: output, collapse: rules.contains(.collapseSpaces), lastWasSpace: &lastWasSpace, compiled).written
    }

    static let chunkSize = 1 << 16

    /// Room that normalizing `count` bytes may need: ﷺ (3 bytes) becomes 33 bytes, and U+FFFD
    /// (3 bytes) may replace a single invalid byte.
    @inline(__always)
    static func worstCaseOutput(_ count: Int) -> Int { count * 11 + Tables.maxExpansion }

    // The loop lives in its own function, with its counters as locals the optimizer keeps in registers.
    private static func run(
        _ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>, collapse: Bool,
        lastWasSpace: inout Bool, _ compiled: CompiledTables
    ) -> (written: Int, replaced: Int) {
        let ascii = compiled.ascii, arabic = compiled.arabic
        let dropControls = compiled.dropControls, foldSpaces = compiled.foldSpaces
        let formStart = compiled.formStart, formLength = compiled.formLength, formBytes = compiled.formBytes
        let base = input.baseAddress!
        let n = input.count
        var replaced = 0
        var space = lastWasSpace
        var i = 0
        var out = output
        while i < n {
            let b0 = base[i]
            if b0 < 0x80 {
                let m = ascii[Int(b0)]
                let isSpace = collapse && m == 0x20
                i += 1
                if isSpace && space { continue }
                out.pointee = m
                out += 1
                space = isSpace
                continue
            }
            // U+0600–U+06FF, most of any Arabic text: two bytes in, a packed table entry out.
            if b0 & 0xFC == 0xD8 && i + 1 < n && base[i + 1] & 0xC0 == 0x80 {
                let packed = arabic[Int(b0 & 0x03) << 6 | Int(base[i + 1] & 0x3F)]
                let length = Int(packed & 0xFF)
                out[0] = UInt8(truncatingIfNeeded: packed >> 8)
                out[1] = UInt8(truncatingIfNeeded: packed >> 16)
                out += length
                space = space && length == 0
                i += 2
                continue
            }
            // Anything else: decode and validate one scalar.
            let (scalar, length) = UTF8Decoding.decode(base, at: i, count: n)
            guard length > 0 else {
                // Invalid: one U+FFFD for the maximal ill-formed subpart.
                out = Self.write(ArabicScalar.replacementCharacter, to: out)
                replaced += 1
                space = false
                i += -length
                continue
            }
            if scalar >= 0xFB50 && scalar <= 0xFEFF {
                let slot = Int(scalar - 0xFB50)
                let len = Int(formLength[slot])
                if len == Tables.keep {
                    out = Self.copy(base + i, length, to: out)
                    space = false
                } else if len > 0 {
                    let start = Int(formStart[slot])
                    for k in 0..<len { out[k] = formBytes[start + k] }
                    out += len
                    space = false
                }
            } else {
                switch Tables.other(scalar, dropControls: dropControls, foldSpaces: foldSpaces) {
                case .keep:
                    out = Self.copy(base + i, length, to: out)
                    space = false
                case .drop:
                    break
                case .space:
                    if !(collapse && space) { out.pointee = 0x20; out += 1 }
                    space = true
                }
            }
            i += length
        }
        lastWasSpace = space
        return (out - output, replaced)
    }

    @inline(__always)
    static func write(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if scalar < 0x80 {
            out[0] = UInt8(scalar)
            return out + 1
        } else if scalar < 0x800 {
            out[0] = UInt8(0xC0 | (scalar >> 6))
            out[1] = UInt8(0x80 | (scalar & 0x3F))
            return out + 2
        } else if scalar < 0x10000 {
            out[0] = UInt8(0xE0 | (scalar >> 12))
            out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (scalar & 0x3F))
            return out + 3
        } else {
            out[0] = UInt8(0xF0 | (scalar >> 18))
            out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[3] = UInt8(0x80 | (scalar & 0x3F))
            return out + 4
        }
    }

    @inline(__always)
    static func copy(_ from: UnsafePointer<UInt8>, _ count: Int, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        for k in 0..<count { out[k] = from[k] }
        return out + count
    }
}
