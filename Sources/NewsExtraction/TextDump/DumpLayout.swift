/// Undoes what a text browser's layout does to a page before the dump is read line by line:
/// table columns set side by side (`w3m -dump` puts a sidebar to the right of the body, line by
/// line) and paragraphs hard-wrapped at the screen width (`w3m`, `lynx`).
///
/// A browser copy (one paragraph a line, no columns) passes through unchanged: columns need a
/// boundary that many lines share, and unwrapping needs lines cut at a width no longer than a
/// screen's.
enum DumpLayout {
    /// Spaces that separate two columns on a line that votes for a boundary; single and double
    /// spaces occur inside text.
    static let columnGap = 3
    /// Lines that must share a boundary before it counts as one.
    static let minimumColumnLines = 4
    /// A boundary this near the left edge is indentation, not a column.
    static let minimumColumnStart = 20
    /// The widest screen a dump is wrapped at; a longer line was never wrapped.
    static let maximumWrapWidth = 250
    /// A wrapped line fills most of its width: shorter lines (menus, labels) are never joined.
    static let minimumWrappedLine = 30

    /// - Complexity: O(n) in the input's length; a browser copy is answered by one byte scan.
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        guard mayNeedLayout(bytes) else { return bytes }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [Unicode.Scalar] in
            var scalars = Array(String(decoding: line, as: UTF8.self).unicodeScalars)
            if scalars.last == "\r" { scalars.removeLast() }
            return scalars
        }
        guard lines.count >= minimumColumnLines else { return bytes }
        lines = splitColumns(lines)
        lines = unwrap(lines)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        for (index, line) in lines.enumerated() {
            if index > 0 { output.append(0x0A) }
            var text = String(String.UnicodeScalarView(line))
            output += text.withUTF8 { Array($0) }
        }
        return output
    }

    /// One pass over the bytes: a line with a wide gap inside it or a deep indent (columns), or
    /// enough unpunctuated lines that another line follows (wrapping). Without either, there is
    /// nothing to undo.
    static func mayNeedLayout(_ bytes: [UInt8]) -> Bool {
        var gapLines = 0
        var openLengths = [Int]()
        var start = 0
        var previousOpen: Int?
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var first = start
            while first < end, bytes[first] == 0x20 { first += 1 }
            var last = end
            while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x0D { last -= 1 }
            if last > first {
                var gap = first - start >= minimumColumnStart
                var spaces = 0
                for index in first..<last where !gap {
                    spaces = bytes[index] == 0x20 ? spaces + 1 : 0
                    gap = spaces >= columnGap
                }
                if gap { gapLines += 1 }
                if gapLines >= minimumColumnLines { return true }
                if let previousOpen { openLengths.append(previousOpen) }
                let length = last - first
                // UTF-8 Arabic takes two bytes a cell: a wrapped line is at most twice the widest screen.
                let open = length >= minimumWrappedLine && length <= 2 * maximumWrapWidth && !sentenceEnds.contains(Unicode.Scalar(bytes[last - 1]))
                previousOpen = open ? length : nil
            } else {
                previousOpen = nil
            }
            start = end + 1
        }
        // Wrapped lines cluster under one margin: as many within twice the slack (bytes, not cells).
        guard openLengths.count >= minimumFilledLines else { return false }
        openLengths.sort()
        var low = 0
        for high in openLengths.indices {
            while openLengths[low] < openLengths[high] - 4 * marginSlack { low += 1 }
            if high - low + 1 >= minimumFilledLines && openLengths[high] >= minimumMarginBytes { return true }
        }
        return false
    }

    // MARK: Columns

    /// Screen cells of each scalar: combining marks (harakat) and zero-width characters take none.
    static func cells(_ line: [Unicode.Scalar]) -> [Int] {
        var positions = [Int]()
        positions.reserveCapacity(line.count)
        var cell = 0
        for scalar in line {
            positions.append(cell)
            if !isZeroWidth(scalar) { cell += 1 }
        }
        return positions
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        // The common cases without a Unicode property lookup: Latin and Arabic letters take a
        // cell, harakat and the dagger alef take none.
        let value = scalar.value
        if value < 0x0300 || (0x0621...0x064A).contains(value) { return false }
        if (0x064B...0x065F).contains(value) || value == 0x0670 { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Where text starts after a run of at least `gap` spaces (or after indentation), in cells.
    static func segmentStarts(_ line: [Unicode.Scalar], gap: Int) -> [Int] {
        let positions = cells(line)
        var starts = [Int]()
        var spaces = 0
        for (index, scalar) in line.enumerated() {
            if scalar == " " {
                spaces += 1
                continue
            }
            if spaces >= gap || (spaces > 0 && spaces == index) { starts.append(positions[index]) }
            spaces = 0
        }
        return starts
    }

    /// The boundary most lines share, if enough do.
    static func columnBoundary(_ lines: [[Unicode.Scalar]]) -> Int? {
        var votes = [Int: Int]()
        for line in lines {
            for start in Set(segmentStarts(line, gap: columnGap)) where start >= minimumColumnStart { votes[start, default: 0] += 1 }
        }
        guard let (boundary, count) = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              count >= minimumColumnLines else { return nil }
        return boundary
    }

    /// How a line sits against a boundary: split there, wholly left of it, or across it.
    enum Fit { case blank, left, split(Int), across }

    static func fit(_ line: [Unicode.Scalar], boundary: Int) -> Fit {
        guard line.contains(where: { $0 != " " }) else { return .blank }
        let positions = cells(line)
        guard let lastText = line.lastIndex(where: { $0 != " " }) else { return .blank }
        if positions[lastText] < boundary - 1 { return .left }
        // The scalar that starts the boundary's cell, after at least one space.
        guard let at = positions.firstIndex(where: { $0 >= boundary }), positions[at] == boundary, line[at] != " ",
              at == 0 || line[at - 1] == " " else { return .across }
        return .split(at)
    }

    /// Regions of lines that share a boundary become their left column, then their right column.
    static func splitColumns(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        guard let boundary = columnBoundary(lines) else { return lines }
        var output = [[Unicode.Scalar]]()
        var left = [[Unicode.Scalar]](), right = [[Unicode.Scalar]](), region = [[Unicode.Scalar]]()
        var splits = 0
        func flush() {
            output += splits >= minimumColumnLines ? left + [[]] + right + [[]] : region
            left = []
            right = []
            region = []
            splits = 0
        }
        for line in lines {
            let fit = fit(line, boundary: boundary)
            if case .across = fit {} else { region.append(line) }
            switch fit {
            case .blank:
                left.append([])
                right.append([])
            case .left:
                left.append(line)
                right.append([])
            case .split(let at):
                var head = Array(line[..<at])
                while head.last == " " { head.removeLast() }
                left.append(head)
                right.append(Array(line[at...]))
                splits += 1
            case .across:
                flush()
                output.append(line)
            }
        }
        flush()
        return dropRepeatedBlanks(output)
    }

    // MARK: Wrapped paragraphs

    /// Joins each line to the one before it when the line before was cut for width: it is long, and
    /// the next line's first word would not have fitted after it. A line that ends a sentence, or a
    /// next line that opens a list item, is never joined.
    static func unwrap(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        guard let margin = wrapMargin(runs(lines)) else { return lines }
        var output = [[Unicode.Scalar]]()
        var run = [[Unicode.Scalar]]()
        func flush() {
            // Only runs that reach the document's margin were wrapped at it.
            let widest = run.map(textWidth).max() ?? 0
            output += widest >= margin - marginSlack && widest <= margin ? joinWrapped(run, margin: widest) : run
            run = []
        }
        for line in lines {
            if line.allSatisfy({ $0 == " " }) {
                flush()
                output.append(line)
            } else {
                run.append(line)
            }
        }
        flush()
        return output
    }

    /// Runs of consecutive non-blank lines.
    static func runs(_ lines: [[Unicode.Scalar]]) -> [[[Unicode.Scalar]]] {
        var runs = [[[Unicode.Scalar]]](), run = [[Unicode.Scalar]]()
        for line in lines {
            if line.allSatisfy({ $0 == " " }) {
                if !run.isEmpty { runs.append(run) }
                run = []
            } else {
                run.append(line)
            }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    /// How close to the margin a line must come to count as filled to it (the next word did not fit).
    static let marginSlack = 12
    /// Filled lines, among the long unpunctuated lines that another line follows, that make a dump
    /// hard-wrapped: titles, labels and menu lines make up the rest.
    static let filledShare = 0.25
    static let minimumFilledLines = 3
    /// Narrower than this, a cluster of equal lines is a list of titles, not a screen's width.
    static let minimumMargin = 60
    /// The same in UTF-8 bytes for the pre-check, where most Arabic letters take two.
    static let minimumMarginBytes = 100

    /// The right margin a dump was wrapped at, if it was: most long lines that another line follows
    /// stop within `marginSlack` cells of one width. A browser copy's paragraphs, one a line, stop
    /// anywhere; a doubled line (a caption repeated) is counted once.
    static func wrapMargin(_ runs: [[[Unicode.Scalar]]]) -> Int? {
        var widths = [Int]()
        for run in runs where run.count >= 2 {
            // A line that ends a sentence may end a paragraph; only the others show where lines were cut.
            for (line, next) in zip(run, run.dropFirst()) where trimmedRight(line) != trimmedRight(next) && !endsSentence(line) {
                let w = textWidth(line)
                if w >= minimumWrappedLine && w <= maximumWrapWidth { widths.append(w) }
            }
        }
        guard widths.count >= minimumFilledLines else { return nil }
        // A window of `marginSlack` cells slid over the sorted widths: the margin with most lines.
        widths.sort()
        var best = (margin: 0, count: 0)
        var low = 0
        for high in widths.indices {
            while widths[low] < widths[high] - marginSlack { low += 1 }
            let count = high - low + 1
            if count >= best.count { best = (widths[high], count) }
        }
        guard best.count >= minimumFilledLines, best.margin >= minimumMargin, Double(best.count) >= filledShare * Double(widths.count) else { return nil }
        return best.margin
    }

    /// Width without the indentation: lynx indents the body by a few cells and asides by many.
    static func textWidth(_ line: [Unicode.Scalar]) -> Int { width(Array(line.drop(while: { $0 == " " }))) }

    static func width(_ line: [Unicode.Scalar]) -> Int { line.reduce(0) { $0 + (isZeroWidth($1) ? 0 : 1) } }

    static func joinWrapped(_ run: [[Unicode.Scalar]], margin wrapWidth: Int) -> [[Unicode.Scalar]] {
        guard run.count >= 2 else { return run }
        var joined = [run[0]]
        for line in run.dropFirst() {
            let previous = joined[joined.count - 1]
            let next = Array(line.drop(while: { $0 == " " }))
            let firstWord = next.prefix(while: { $0 != " " })
            let cut = textWidth(previous) >= minimumWrappedLine && textWidth(previous) + 1 + width(Array(firstWord)) > wrapWidth
            if cut, !endsSentence(previous), !opensItem(next), trimmedRight(previous) != trimmedRight(next) {
                joined[joined.count - 1] = trimmedRight(previous) + [" "] + next
            } else {
                joined.append(line)
            }
        }
        return joined
    }

    /// Ends of a sentence, and of a caption's credit: a line that ends so was not cut for width.
    static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "؟", "?", ":", "؛", ")", "»"]
    static let itemOpeners: Set<Unicode.Scalar> = ["»", "•", "-", "*", "–", "[", "(", "·", "+"]

    static func endsSentence(_ line: [Unicode.Scalar]) -> Bool {
        guard let last = trimmedRight(line).last else { return true }
        return sentenceEnds.contains(last)
    }

    static func opensItem(_ line: [Unicode.Scalar]) -> Bool { line.first.map { itemOpeners.contains($0) } ?? true }

    static func trimmedRight(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    static func dropRepeatedBlanks(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        var output = [[Unicode.Scalar]]()
        for line in lines {
            let blank = line.allSatisfy { $0 == " " }
            if blank, let last = output.last, last.allSatisfy({ $0 == " " }) { continue }
            output.append(line)
        }
        return output
    }
}
