/// A problem in a resource file, with where it is.
public struct EntityResourceError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// The lines of a list file: `#` starts a comment, blank lines are skipped, `|` separates fields.
enum ListFile {
    static func lines(_ text: String) -> [(number: Int, fields: [String])] {
        var result = [(Int, [String])]()
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(separator: "|").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            if !fields.isEmpty { result.append((n + 1, fields)) }
        }
        return result
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
