public import ArgumentParser
public import ArabicText
import Glibc

extension Marsad {
    /// `marsad normalize`: prints text normalized with a profile and optional rule switches.
    public struct Normalize: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Normalize Arabic text.",
            discussion: """
                Profiles: 'search' folds letter variants, strips diacritics and tatweel, folds digits and \
                presentation forms; 'display' only cleans presentation forms, invisible controls and spaces.
                Switch single rules with --rule +name or --rule -name. Rules: \
                \(Normalizer.Rules.named.map(\.name).joined(separator: ", ")).
                """
        )

        @Option(help: "The rule set: search or display.")
        public var profile: Profile = .search

        @Option(name: .customLong("rule"), help: "Turn one rule on (+name) or off (-name). Repeatable.")
        public var ruleSwitches: [String] = []

        @OptionGroup public var input: InputOptions

        public init() {}

        public enum Profile: String, ExpressibleByArgument, CaseIterable, Sendable {
            case search, display
            var rules: Normalizer.Rules { self == .search ? .search : .display }
        }

        public func validate() throws { _ = try rules() }

        /// The profile's rules with the switches applied.
        public func rules() throws -> Normalizer.Rules {
            var rules = profile.rules
            for item in ruleSwitches {
                guard let sign = item.first, sign == "+" || sign == "-",
                      let rule = Normalizer.Rules.named.first(where: { $0.name == item.dropFirst() })?.rule
                else {
                    throw ValidationError(
                        "Unknown rule switch '\(item)'. Use +name or -name with one of: "
                            + Normalizer.Rules.named.map(\.name).joined(separator: ", "))
                }
                if sign == "+" { rules.insert(rule) } else { rules.remove(rule) }
            }
            return rules
        }

        public func run() throws {
            let normalizer = Normalizer(rules: try rules())
            for file in input.files.isEmpty ? ["-"] : input.files {
                let name = file == "-" ? "<stdin>" : file
                let descriptor = file == "-" ? 0 : open(file, O_RDONLY)
                guard descriptor >= 0 else { throw CLIError("cannot read '\(file)': \(String(cString: strerror(errno)))") }
                defer { if descriptor != 0 { close(descriptor) } }
                let replaced = try NormalizeStream(normalizer: normalizer).run(reading: descriptor, name: name) { Output.write($0) }
                if replaced > 0 { Output.warn("\(name): \(replaced) invalid UTF-8 sequence(s) replaced with U+FFFD") }
            }
        }
    }
}

/// Normalizes a file or standard input of any size in blocks, over bytes: no `String` is built and
/// memory stays at a few blocks.
///
/// Invariants: a block is cut only at a scalar boundary (an incomplete sequence at its end waits
/// for the next block), and the last output byte is held back until the next block is normalized,
/// so that `collapseSpaces` sees a space run across the cut as one.
struct NormalizeStream {
    let normalizer: Normalizer
    /// Large enough that a read and a write cost little per byte, small enough to stay in cache.
    var blockBytes = 1 << 20

    /// Reads `descriptor` to its end, hands `write` the normalized bytes in order, and returns the
    /// number of invalid sequences replaced. A failed read is an error naming `name`.
    func run(reading descriptor: Int32, name: String, write: ([UInt8]) -> Void) throws -> Int {
        var block = [UInt8](repeating: 0, count: blockBytes + 4)
        var held = 0  // bytes at the start of `block` carried over from the last read
        let output = UTF8Buffer(capacity: blockBytes * 2)
        var replaced = 0
        var offset = 0
        while true {
            let count = block.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + held, blockBytes) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIError("\(name): read failed after \(offset) bytes: \(String(cString: strerror(errno)))")
            }
            offset += count
            let filled = held + count
            let end = count == 0 ? filled : Self.scalarBoundary(block, upTo: filled)
            replaced += block.withUnsafeBufferPointer { normalizer.normalize(UnsafeBufferPointer(rebasing: $0[0..<end]), appendingTo: output) }
            if count == 0 {
                write(Array(output.bytes))
                return replaced
            }
            // Write all but the last byte, and keep it as the start of the next output.
            if output.count > 1 {
                let last = output.bytes[output.count - 1]
                write(Array(UnsafeBufferPointer(rebasing: output.bytes[0..<(output.count - 1)])))
                output.removeAll()
                output.append(last)
            }
            held = filled - end
            for index in 0..<held { block[index] = block[end + index] }
        }
    }

    /// The largest index ≤ `count` that does not split a UTF-8 sequence at the end of `bytes[..<count]`.
    static func scalarBoundary(_ bytes: [UInt8], upTo count: Int) -> Int {
        var lead = count - 1
        while lead >= 0, count - lead <= 3, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead >= 0, bytes[lead] >= 0xC0 else { return count }  // ASCII, or stray continuation bytes
        let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
        return lead + length > count ? lead : count
    }
}
