import Foundation

/// Where a page comes from: a file, standard input, or a URL.
public struct PageSource: Sendable {
    public enum Location: Sendable { case file(String), standardInput, url(String) }

    public var location: Location
    /// For a JSON-lines file: the 1-based lines to read (a job's shard); nil for all of them.
    public var lines: Range<Int>?

    public init(location: Location, lines: Range<Int>? = nil) {
        self.location = location
        self.lines = lines
    }

    public var name: String {
        switch location {
        case .file(let path): return path
        case .standardInput: return "<stdin>"
        case .url(let url): return url
        }
    }

    /// The bytes, and the HTTP Content-Type for URLs.
    public func read(maxBytes: Int, fetcher: PageFetcher) async throws -> (bytes: [UInt8], contentType: String?) {
        switch location {
        case .standardInput:
            return ([UInt8](FileHandle.standardInput.readDataToEndOfFile()), nil)
        case .file(let path):
            return (try FileReading.read(path, maxBytes: maxBytes), nil)
        case .url(let url):
            let response = try await fetcher.fetch(url, maxBytes: maxBytes)
            return (response.body, response.contentType)
        }
    }
}

public enum FileReading {
    /// Reads a whole file, refusing one larger than `maxBytes` (gzip is capped again after inflating).
    public static func read(_ path: String, maxBytes: Int) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw IngestError("cannot read: \(Self.reason(error))")
        }
        if let size = attributes[.size] as? Int, size > maxBytes {
            throw IngestError("file is \(size >> 20) MB, over the \(maxBytes >> 20) MB limit (--max-megabytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw IngestError("cannot open for reading") }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw IngestError("cannot read: \(Self.reason(error))")
        }
    }

    public static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Expands the command line's inputs: directories are walked (sorted, hidden files skipped).
public enum InputWalker {
    public static func expand(_ inputs: [String]) throws -> [PageSource] {
        var sources = [PageSource]()
        for input in inputs {
            if input == "-" {
                sources.append(PageSource(location: .standardInput))
            } else if input.hasPrefix("http://") || input.hasPrefix("https://") {
                sources.append(PageSource(location: .url(input)))
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                    // Reported per file, so that the other inputs go on.
                    sources.append(PageSource(location: .file(input)))
                    continue
                }
                if isDirectory.boolValue {
                    sources += walk(input).map { PageSource(location: .file($0)) }
                } else {
                    sources.append(PageSource(location: .file(input)))
                }
            }
        }
        return sources
    }

    public static func walk(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files = [String]()
        while let relative = enumerator.nextObject() as? String {
            let last = (relative as NSString).lastPathComponent
            if last.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
