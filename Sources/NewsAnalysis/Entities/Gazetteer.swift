public import NewsModel

/// Names the project wrote itself: people, places and organisations, each with its spelling variants.
///
/// A list file holds one entity per line: the canonical (fullest) name first, then the variants,
/// separated by `|`; `#` starts a comment. A form written `~بري` is weak: a name that is also an
/// ordinary word, recognised only when the tagger agrees or the entity is named by a strong form
/// elsewhere in the same text.
///
/// A field written `@روسيا` says that the person leads that place (as nisbas.txt names it), so that
/// «الزعيم الروسي» can find them. A field written `%sport` puts the person in sport: their bare
/// surname is read as them in a sports article, where other people's are not (``Entry/isSport``).
///
/// ```swift
/// var gazetteer = Gazetteer()
/// try gazetteer.add(list: "فلاديمير بوتين | بوتين", kind: .person, file: "persons.txt")
/// gazetteer.entry(named: "وبوتين")?.name  // "فلاديمير بوتين"
/// ```
///
/// Matching folds spellings (``NameKey``) and reads proclitics off the first word (و ف ب ك ل ال).
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The canonical, fullest name.
        public var name: String
        public var kind: Entity.Kind
        /// Every form, the canonical name first; weak forms without their `~`.
        public var forms: [String]
        /// Places this person leads (head of state or government), written `@روسيا` in the list.
        public var leads: [String] = []
        /// A sports figure, written `%sport` in the list; everyone else is in public affairs.
        public var isSport = false
        /// Whether the canonical name has more than one word: a one-word form is then a short form.
        public var hasShortForms: Bool { name.contains(" ") }
    }

    public private(set) var entries: [Entry] = []
    /// Payload: entry index << 1 | weak.
    var table = NamePhraseTable()

    public init() {}

    /// Adds the entities of a list file.
    ///
    /// A form that an earlier entry already lists keeps its first entry.
    /// - Throws: ``EntityResourceError`` for a form with no letters.
    public mutating func add(list text: String, kind: Entity.Kind, file: String) throws(EntityResourceError) {
        for (number, fields) in ListFile.lines(text) {
            let index = Int32(entries.count)
            var forms = [String]()
            var leads = [String]()
            var isSport = false
            for field in fields {
                if field == "%sport" {
                    isSport = true
                    continue
                }
                if field.hasPrefix("@") {
                    leads.append(field.dropFirst().trimmingWhitespace())
                    continue
                }
                let weak = field.hasPrefix("~")
                let form = weak ? field.dropFirst().trimmingWhitespace() : field
                let hashes = NamePhraseTable.tokenHashes(form)
                guard form.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
                    throw EntityResourceError(file: file, line: number, message: "'\(field)' has no letters")
                }
                table.insert(hashes, payload: index << 1 | (weak ? 1 : 0))
                forms.append(form)
            }
            guard !forms.isEmpty else { throw EntityResourceError(file: file, line: number, message: "a line needs a name") }
            entries.append(Entry(name: forms[0], kind: kind, forms: forms, leads: leads, isSport: isSport))
        }
    }

    /// The entry that `text` names as a whole (proclitics on its first word allowed), or nil.
    public func entry(named text: String) -> Entry? {
        var text = text
        return text.withUTF8 { bytes -> Entry? in
            let tokens = TokenTable(text: bytes)
            guard tokens.count > 0 else { return nil }
            return tokens.key.withUnsafeBufferPointer { key in
                guard let match = table.longestMatch(in: tokens, key: key, at: 0), match.end == tokens.count else { return nil }
                return entries[Int(match.payload >> 1)]
            }
        }
    }
}
