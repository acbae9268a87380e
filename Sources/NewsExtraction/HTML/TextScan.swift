import ArabicText
import CLibXML2

/// Counting and cleaning text over UTF-8 bytes.
///
/// Length is measured in letters, not words: an Arabic letter (presentation forms included), a Latin
/// letter or a digit each count one, so that Arabic and English pages score alike without word lists.
enum TextScan {
    struct Counts {
        var letters: Int32 = 0
        var punctuation: Int32 = 0
    }

    /// Letters and punctuation (، ؛ ؟ . , ; ? ! « » :) in a NUL-terminated string.
    ///
    /// - Complexity: O(n), one pass, no allocation.
    @inline(__always)
    static func count(_ p: UnsafePointer<UInt8>) -> Counts {
        var counts = Counts()
        var i = 0
        while true {
            let b = p[i]
            if b == 0 { break }
            if b < 0x80 {
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) {
                    counts.letters += 1
                } else if b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3F || b == 0x21 || b == 0x3A {
                    counts.punctuation += 1
                }
                i += 1
                continue
            }
            if b & 0xE0 == 0xC0 {
                let c = p[i + 1]
                if c == 0 { break }
                let scalar = UInt32(b & 0x1F) << 6 | UInt32(c & 0x3F)
                if scalar >= 0x0600 && scalar <= 0x06FF {
                    if ArabicScalar.isLetter(scalar) || (scalar >= 0x0660 && scalar <= 0x0669) {
                        counts.letters += 1
                    } else if scalar == 0x060C || scalar == 0x061B || scalar == 0x061F || scalar == 0x06D4 {
                        counts.punctuation += 1
                    }
                } else if scalar == 0x00AB || scalar == 0x00BB {
                    counts.punctuation += 1
                } else if scalar >= 0x00C0 {
                    counts.letters += 1  // Latin-1 and Latin Extended letters, Cyrillic, …
                }
                i += 2
                continue
            }
            if b & 0xF0 == 0xE0 {
                let c1 = p[i + 1]
                if c1 == 0 { break }
                let c2 = p[i + 2]
                if c2 == 0 { break }
                // Arabic presentation forms: U+FB50–U+FDFF (EF AD–B7) and U+FE70–U+FEFF (EF B9–BB).
                if b == 0xEF && ((c1 >= 0xAD && c1 <= 0xB7) || (c1 >= 0xB9 && c1 <= 0xBB)) { counts.letters += 1 }
                i += 3
                continue
            }
            i += 1
        }
        return counts
    }

    /// Appends `text` to `buffer`, turning runs of ASCII whitespace into one space.
    @inline(__always)
    static func appendCollapsing(_ p: UnsafePointer<UInt8>, to buffer: inout [UInt8]) {
        var i = 0
        var lastSpace = buffer.last.map { $0 == 0x20 } ?? true
        while true {
            let b = p[i]
            if b == 0 { break }
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                if !lastSpace { buffer.append(0x20); lastSpace = true }
            } else {
                buffer.append(b)
                lastSpace = false
            }
            i += 1
        }
    }

    /// Display text from raw bytes: whitespace collapsed, presentation forms folded, invisible
    /// controls dropped, trimmed. Diacritics stay.
    static func clean(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { clean($0) }
    }

    static func clean(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard !bytes.isEmpty else { return "" }
        var collapsed = [UInt8]()
        collapsed.reserveCapacity(bytes.count)
        var lastSpace = true
        for b in bytes {
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                if !lastSpace { collapsed.append(0x20); lastSpace = true }
            } else {
                collapsed.append(b)
                lastSpace = false
            }
        }
        return display(collapsed)
    }

    static func clean(_ p: UnsafePointer<UInt8>) -> String {
        var buffer = [UInt8]()
        appendCollapsing(p, to: &buffer)
        return display(buffer)
    }

    static func clean(_ text: String) -> String {
        clean(Array(text.utf8))
    }

    /// Display normalization of already-collapsed bytes, trimmed.
    static func display(_ collapsed: [UInt8]) -> String {
        guard !collapsed.isEmpty else { return "" }
        let text = collapsed.withUnsafeBufferPointer { Normalizer.display.normalize(utf8: $0).text }
        return text.trimmingASCIISpaces()
    }

    /// The text below a node (text and CDATA only: entity references are never expanded), collapsed
    /// and display-normalized; `limit` bytes at most are read. Script and style contents are skipped.
    static func text(of node: XMLNode, limit: Int = Int.max, blockSeparator: Bool = true) -> String {
        display(rawText(of: node, limit: limit, blockSeparator: blockSeparator))
    }

    static func rawText(of node: XMLNode, limit: Int = Int.max, blockSeparator: Bool = true) -> [UInt8] {
        var buffer = [UInt8]()
        if Node.isText(node) {
            if let content = node.pointee.content { appendCollapsing(content, to: &buffer) }
            return buffer
        }
        Node.walk(node) { child in
            if buffer.count >= limit { return false }
            if Node.isText(child) {
                if let content = child.pointee.content { appendCollapsing(content, to: &buffer) }
                return false
            }
            guard Node.isElement(child) else { return false }
            let tag = HTMLTag(name: child.pointee.name)
            if tag.isOpaque { return false }
            if blockSeparator && (tag.isBlock || tag == .br), buffer.last != 0x20 { buffer.append(0x20) }
            return true
        }
        if buffer.count > limit {
            buffer.removeLast(buffer.count - limit)
            // Never leave half a UTF-8 sequence at the cut.
            var k = buffer.count - 1
            while k > 0, buffer[k] & 0xC0 == 0x80 { k -= 1 }
            if k >= 0, k < buffer.count {
                let lead = buffer[k]
                let need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                if buffer.count - k < need { buffer.removeLast(buffer.count - k) }
            }
        }
        return buffer
    }

    /// Letters in a String (for short strings outside the hot path).
    static func letters(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { buffer in
            var copy = Array(buffer)
            copy.append(0)
            return copy.withUnsafeBufferPointer { Int(count($0.baseAddress!).letters) }
        }
    }
}
