import CLibXML2

/// The HTML elements that extraction treats specially; everything else is `.other` (inline).
enum HTMLTag: UInt8 {
    case other
    case html, head, body, title, meta, link, base
    case script, style, noscript, template, iframe, svg, math, object, embed, canvas
    case form, input, button, select, textarea, option, label
    case nav, aside, footer, header, menu, dialog
    case main, article, section, div, p, br, hr, a, span, font, center
    case li, ul, ol, dl, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, address
    case table, tbody, thead, tfoot, tr, td, th, caption
    case figure, figcaption, img, picture, time, video, audio, source

    /// Elements that end a paragraph where they open and close.
    var isBlock: Bool {
        switch self {
        case .html, .body, .main, .article, .section, .div, .p, .li, .ul, .ol, .dl, .dt, .dd,
             .h1, .h2, .h3, .h4, .h5, .h6, .blockquote, .pre, .address, .table, .tbody, .thead, .tfoot,
             .tr, .td, .th, .caption, .figure, .figcaption, .center, .form, .nav, .aside, .footer,
             .header, .menu, .dialog, .hr:
            return true
        default:
            return false
        }
    }

    /// Elements whose text is never article text. `nav`, `aside`, `header` and `footer` are still
    /// walked for metadata (breadcrumbs, the h1, related blocks) but count for nothing.
    var isDropped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .iframe, .svg, .math, .object, .embed, .canvas,
             .input, .button, .select, .textarea, .option, .label, .nav, .aside, .footer, .header,
             .menu, .dialog, .head, .title, .meta, .link, .base, .video, .audio, .source:
            return true
        default:
            return false
        }
    }

    /// Dropped elements with nothing worth walking into.
    var isOpaque: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .object, .embed, .canvas, .select,
             .textarea, .option, .iframe:
            return true
        default:
            return false
        }
    }

    /// Elements that hold one paragraph: their text scores their container, not themselves.
    var isParagraph: Bool {
        switch self {
        case .p, .li, .h2, .h3, .h4, .h5, .h6, .blockquote, .pre, .dd, .dt, .address, .figcaption, .caption:
            return true
        default:
            return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    /// Readability's starting weight for a candidate of this kind.
    var baseWeight: Float {
        switch self {
        case .div, .article, .main, .section: return 5
        case .pre, .td, .blockquote: return 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
        default: return 0
        }
    }

    /// The tag of an element from its lowercase name (libxml2's HTML parser lowercases names).
    @inline(__always)
    init(name: UnsafePointer<xmlChar>?) {
        guard let name else { self = .other; return }
        var key: UInt64 = 0
        var i = 0
        while name[i] != 0 {
            if i == 8 {
                // Only two names the table cares about are longer than eight bytes.
                if Node.equals(name, "blockquote") { self = .blockquote; return }
                if Node.equals(name, "figcaption") { self = .figcaption; return }
                self = .other
                return
            }
            key |= UInt64(name[i]) << (8 * UInt64(i))
            i += 1
        }
        self = Self.byName[key] ?? .other
    }

    private static let byName: [UInt64: HTMLTag] = {
        let names: [(String, HTMLTag)] = [
            ("html", .html), ("head", .head), ("body", .body), ("title", .title), ("meta", .meta),
            ("link", .link), ("base", .base), ("script", .script), ("style", .style),
            ("noscript", .noscript), ("template", .template), ("iframe", .iframe), ("svg", .svg),
            ("math", .math), ("object", .object), ("embed", .embed), ("canvas", .canvas),
            ("form", .form), ("input", .input), ("button", .button), ("select", .select),
            ("textarea", .textarea), ("option", .option), ("label", .label), ("nav", .nav),
            ("aside", .aside), ("footer", .footer), ("header", .header), ("menu", .menu),
            ("dialog", .dialog), ("main", .main), ("article", .article), ("section", .section),
            ("div", .div), ("p", .p), ("br", .br), ("hr", .hr), ("a", .a), ("span", .span),
            ("font", .font), ("center", .center), ("li", .li), ("ul", .ul), ("ol", .ol), ("dl", .dl),
            ("dt", .dt), ("dd", .dd), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4), ("h5", .h5),
            ("h6", .h6), ("pre", .pre), ("address", .address), ("table", .table), ("tbody", .tbody),
            ("thead", .thead), ("tfoot", .tfoot), ("tr", .tr), ("td", .td), ("th", .th),
            ("caption", .caption), ("figure", .figure), ("img", .img), ("picture", .picture),
            ("time", .time), ("video", .video), ("audio", .audio), ("source", .source),
        ]
        var table = [UInt64: HTMLTag]()
        for (name, tag) in names {
            var key: UInt64 = 0
            for (i, byte) in name.utf8.enumerated() { key |= UInt64(byte) << (8 * UInt64(i)) }
            table[key] = tag
        }
        return table
    }()
}
