import CLibXML2

/// A libxml2 node; the tree belongs to a document that the caller frees.
typealias XMLNode = UnsafeMutablePointer<xmlNode>

/// Shared libxml2 plumbing: one-time initialisation, parsing into a scoped document, node access.
///
/// Thread safety: `xmlInitParser` runs once (a Swift global initializer is thread-safe); every parse
/// uses its own parser context, and errors are silenced through options (`NOERROR`, `NOWARNING`) and
/// read back from that context, so no global error handler is ever installed.
enum LibXML {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// libxml2 refuses to nest deeper than this without `XML_PARSE_HUGE`, which Marsad never passes.
    static let maxDepth = 256

    /// What the parser reported besides the tree.
    struct ParseReport {
        var wellFormed: Bool
        var message: String?
        var line: Int?
        /// The input nested deeper than libxml2's limit and the rest of it was not read.
        var depthExceeded: Bool
    }

    /// Options for HTML input that is already UTF-8.
    ///
    /// `IGNORE_ENC` keeps a `<meta charset=windows-1256>` from re-decoding the bytes. `NOBLANKS` is left
    /// out on purpose: libxml2 2.9 decides what is "blank" from an HTML 4 list, and drops the space
    /// between two HTML5 inline elements (`<time>…</time> <a>…</a>`), gluing words together.
    static let htmlOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue
            | HTML_PARSE_NODEFDTD.rawValue)

    /// Options for feeds. Never `NOENT` (entity substitution: XXE, billion laughs), never `DTDLOAD`,
    /// never `HUGE` (it lifts the depth and amplification limits).
    static let xmlOptions: Int32 = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Parses UTF-8 HTML and hands the document to `body`; the document is freed afterwards.
    static func withHTML<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (xmlDocPtr?, ParseReport) -> R) -> R {
        _ = initialized
        guard let ctxt = htmlNewParserCtxt() else {
            return body(nil, ParseReport(wellFormed: false, message: "libxml2 could not allocate a parser", line: nil, depthExceeded: false))
        }
        defer { htmlFreeParserCtxt(ctxt) }
        let doc = bytes.baseAddress.flatMap { base -> xmlDocPtr? in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                htmlCtxtReadMemory(ctxt, chars, Int32(clamping: bytes.count), nil, "UTF-8", htmlOptions)
            }
        }
        defer { if let doc { xmlFreeDoc(doc) } }
        return body(doc, report(ctxt))
    }

    /// Parses XML and hands the document to `body`; the document is freed afterwards.
    ///
    /// Valid UTF-8 is read as UTF-8 whatever the XML declaration says (the caller decoded it); other
    /// bytes are left to the declared encoding.
    static func withXML<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (xmlDocPtr?, ParseReport) -> R) -> R {
        _ = initialized
        guard let ctxt = xmlNewParserCtxt() else {
            return body(nil, ParseReport(wellFormed: false, message: "libxml2 could not allocate a parser", line: nil, depthExceeded: false))
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let utf8 = isValidUTF8(bytes)
        let options = utf8 ? xmlOptions | Int32(XML_PARSE_IGNORE_ENC.rawValue) : xmlOptions
        let doc = bytes.baseAddress.flatMap { base -> xmlDocPtr? in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                xmlCtxtReadMemory(ctxt, chars, Int32(clamping: bytes.count), nil, utf8 ? "UTF-8" : nil, options)
            }
        }
        defer { if let doc { xmlFreeDoc(doc) } }
        return body(doc, report(ctxt))
    }

    private static func report(_ ctxt: xmlParserCtxtPtr) -> ParseReport {
        let error = ctxt.pointee.lastError
        var message: String? = nil
        if let raw = error.message {
            message = String(cString: raw).trimmingASCII(" \n\t")
        }
        let depth = message?.hasPrefix("Excessive depth") ?? false
        return ParseReport(
            wellFormed: ctxt.pointee.wellFormed != 0, message: message,
            line: error.line > 0 ? Int(error.line) : nil, depthExceeded: depth)
    }

    /// True when the bytes are well-formed UTF-8 (overlongs and surrogates excluded).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        while i < n {
            // ASCII eight bytes at a time.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: need = 2; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: need = 3; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return false
            }
            guard i + need < n else { return false }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
            i += need + 1
        }
        return true
    }
}

extension String {
    /// Drops the given ASCII characters from both ends.
    fileprivate func trimmingASCII(_ set: String) -> String {
        let bytes = Array(utf8)
        let drop = Set(set.utf8)
        var start = 0
        var end = bytes.count
        while start < end, drop.contains(bytes[start]) { start += 1 }
        while end > start, drop.contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Byte-level access to nodes, without building Strings.
enum Node {
    @inline(__always)
    static func isElement(_ node: XMLNode) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    @inline(__always)
    static func isText(_ node: XMLNode) -> Bool {
        node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE
    }

    /// Compares a NUL-terminated libxml2 string with an ASCII literal, exactly.
    @inline(__always)
    static func equals(_ p: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard let p else { return false }
        let l = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        for i in 0..<n where p[i] != l[i] { return false }
        return p[n] == 0
    }

    /// Compares ignoring ASCII case; the literal must be lowercase.
    @inline(__always)
    static func equalsIgnoringCase(_ p: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard let p else { return false }
        let l = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        for i in 0..<n {
            let c = p[i]
            if c == 0 { return false }
            if lower(c) != l[i] { return false }
        }
        return p[n] == 0
    }

    /// True when the lowercase ASCII literal occurs in the string, ignoring case.
    static func contains(_ p: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard let p else { return false }
        let l = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        guard n > 0 else { return true }
        var i = 0
        while p[i] != 0 {
            if lower(p[i]) == l[0] {
                var k = 1
                while k < n, p[i + k] != 0, lower(p[i + k]) == l[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// True when the string starts with the lowercase ASCII literal, ignoring case and leading spaces.
    static func hasPrefix(_ p: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard var p else { return false }
        while p.pointee == 0x20 || p.pointee == 0x09 || p.pointee == 0x0A || p.pointee == 0x0D { p += 1 }
        let l = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount where lower(p[i]) != l[i] { return false }
        return true
    }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    /// The value of an attribute, without copying (valid while the document lives).
    static func attribute(_ node: XMLNode, _ name: StaticString) -> UnsafePointer<xmlChar>? {
        var attr = node.pointee.properties
        while let a = attr {
            if equals(a.pointee.name, name) { return value(of: a) }
            attr = a.pointee.next
        }
        return nil
    }

    /// An attribute's text. HTML attributes hold one text child; anything else (entity references in
    /// XML) is ignored rather than expanded.
    @inline(__always)
    static func value(of attr: UnsafeMutablePointer<xmlAttr>) -> UnsafePointer<xmlChar>? {
        guard let child = attr.pointee.children, child.pointee.type == XML_TEXT_NODE else { return nil }
        return UnsafePointer(child.pointee.content)
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    /// The attribute as a trimmed, display-normalized string, or nil when empty.
    static func attributeText(_ node: XMLNode, _ name: StaticString) -> String? {
        guard let raw = attribute(node, name) else { return nil }
        let text = TextScan.clean(raw)
        return text.isEmpty ? nil : text
    }

    /// The local name of an element (libxml2 keeps the namespace prefix apart).
    @inline(__always)
    static func name(_ node: XMLNode) -> UnsafePointer<xmlChar>? { node.pointee.name }

    /// The namespace URI of an element, if any.
    static func namespace(_ node: XMLNode) -> UnsafePointer<xmlChar>? {
        node.pointee.ns.flatMap { UnsafePointer($0.pointee.href) }
    }

    /// The first element child.
    static func firstElement(_ node: XMLNode) -> XMLNode? {
        var child = node.pointee.children
        while let c = child, !isElement(c) { child = c.pointee.next }
        return child
    }

    /// The next element sibling.
    static func nextElement(_ node: XMLNode) -> XMLNode? {
        var next = node.pointee.next
        while let n = next, !isElement(n) { next = n.pointee.next }
        return next
    }

    /// Visits every node below `root` in document order without recursion. `visit` returns false to
    /// skip a node's children. Entity references are never entered (their children would expand them).
    static func walk(_ root: XMLNode, _ visit: (XMLNode) -> Bool) {
        var current = root.pointee.children
        guard current != nil else { return }
        while let node = current {
            let enter = visit(node) && node.pointee.type == XML_ELEMENT_NODE
            if enter, let child = node.pointee.children {
                current = child
                continue
            }
            // Next sibling, or the next sibling of the nearest ancestor that has one, below root.
            var up: XMLNode? = node
            current = nil
            while let u = up, u != root {
                if let next = u.pointee.next { current = next; break }
                up = u.pointee.parent
            }
        }
    }
}
