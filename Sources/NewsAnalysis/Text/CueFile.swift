import Foundation

/// A cue file from `Resources/cues/`: sections of entries, kept as data so that words are added by
/// editing text, not code.
///
/// ```text
/// # A comment.
/// [currency]
/// USD: دولار | دولارات | $
/// [bare-currency]
/// جنيه | جنيهات
///   EGP: مصر | المصرية
/// ```
///
/// A line `[name]` opens a section. An entry is `value: form | form …` or just `form | form …`;
/// the value is what the forms stand for (an ISO code, a unit, an offset). An indented line belongs
/// to the entry above it. Forms are written as a reader would write them; the code normalizes them.
struct CueFile {
    struct Entry {
        var value: String?
        var forms: [String]
        var children: [Entry] = []
        var line: Int
    }

    let name: String
    private(set) var sections: [String: [Entry]] = [:]

    init(name: String, text: String) throws {
        self.name = name
        var section: String?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let withoutComment = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let line = withoutComment.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw CueFileError(file: name, line: number, message: "a section is written [name]") }
                section = String(line.dropFirst().dropLast())
                sections[section!, default: []] = sections[section!, default: []]
                continue
            }
            guard let current = section else { throw CueFileError(file: name, line: number, message: "an entry before any [section]") }
            var value: String?
            var body = Substring(line)
            if let colon = line.firstIndex(of: ":"), !line[..<colon].contains("|") {
                value = line[..<colon].trimmingCharacters(in: .whitespaces)
                body = line[line.index(after: colon)...]
            }
            let forms = body.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !forms.isEmpty || value != nil else { throw CueFileError(file: name, line: number, message: "an entry with no forms") }
            let entry = Entry(value: value, forms: forms, line: number)
            if rawLine.first == " " || rawLine.first == "\t" {
                guard var entries = sections[current], !entries.isEmpty else {
                    throw CueFileError(file: name, line: number, message: "an indented line with no entry above it")
                }
                entries[entries.count - 1].children.append(entry)
                sections[current] = entries
            } else {
                sections[current, default: []].append(entry)
            }
        }
    }

    /// Reads `name` from a cue directory.
    init(directory: URL, name: String) throws {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CueFileError(file: name, line: nil, message: "cannot read \(url.path)")
        }
        try self.init(name: name, text: String(decoding: data, as: UTF8.self))
    }

    /// The entries of a section that must be there.
    func section(_ name: String) throws -> [Entry] {
        guard let entries = sections[name] else { throw CueFileError(file: self.name, line: nil, message: "no [\(name)] section") }
        return entries
    }

    /// Every form in a section, values ignored.
    func forms(_ name: String) throws -> [String] {
        try section(name).flatMap(\.forms)
    }

    /// The directory of cue files shipped in the package.
    static var bundledDirectory: URL {
        if let url = Bundle.module.url(forResource: "cues", withExtension: nil) { return url }
        return Bundle.module.bundleURL.appendingPathComponent("cues")
    }
}

/// A cue file that cannot be read or has a bad line.
public struct CueFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
