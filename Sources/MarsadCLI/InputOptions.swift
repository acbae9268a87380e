public import ArgumentParser
import Foundation

/// Files to read, or standard input when none are given.
public struct InputOptions: ParsableArguments {
    @Argument(help: "Files to read (UTF-8). Reads standard input when none are given or for '-'.")
    public var files: [String] = []

    public init() {}

    public func validate() throws {
        for file in files where file != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                throw ValidationError("No such file: '\(file)'.")
            }
            if isDirectory.boolValue { throw ValidationError("'\(file)' is a directory; give files.") }
        }
    }

    /// Each input's name and bytes, in order.
    func inputs() throws -> [(name: String, bytes: [UInt8])] {
        if files.isEmpty { return [("<stdin>", Self.readStandardInput())] }
        return try files.map { file in
            if file == "-" { return ("<stdin>", Self.readStandardInput()) }
            do {
                return (file, [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
            } catch {
                throw CLIError("cannot read '\(file)': \(error.localizedDescription)")
            }
        }
    }

    static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}

/// An error the CLI reports in one line and exits non-zero for.
package struct CLIError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}

/// Where commands write: standard output, buffered.
package enum Output {
    package static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    package static func write(_ text: String) { write(Array(text.utf8)) }

    package static func warn(_ text: String) {
        FileHandle.standardError.write(Data("marsad: \(text)\n".utf8))
    }
}
