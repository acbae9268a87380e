import Foundation
import MarsadCLI

/// Text browsers that turn an HTML page into the text dump a person or a scraper keeps of it
/// (`w3m -dump`, `lynx -dump -nolist`, both Debian packages), for `marsad eval`'s text-dump scores.
struct TextRenderer: Sendable {
    var name: String
    var executable: String
    var arguments: [String]

    /// Wide enough that a paragraph is rarely wrapped inside a sentence, as a browser copy does not.
    static let columns = 200
    /// A page renders in well under a second; a stuck renderer is stopped.
    static let timeout: TimeInterval = 30

    static let known = [
        TextRenderer(name: "w3m", executable: "w3m", arguments: ["-dump", "-T", "text/html", "-O", "UTF-8", "-cols", "\(columns)"]),
        TextRenderer(name: "lynx", executable: "lynx", arguments: [
            "-dump", "-nolist", "-stdin", "-force_html", "-display_charset=utf-8", "-width=\(columns)",
        ]),
    ]

    /// The arguments that tell the renderer a page's charset, as a browser that detected it would
    /// read the page (a page that declares none is otherwise read as Latin-1).
    func charsetArguments(_ encoding: String) -> [String] {
        switch name {
        case "w3m": return ["-I", encoding]
        case "lynx": return ["-assume_charset=\(encoding)"]
        default: return []
        }
    }

    /// The renderers found on `PATH`.
    static func available() -> [(TextRenderer, String)] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return known.compactMap { renderer in
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(renderer.executable)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return (renderer, candidate) }
            }
            return nil
        }
    }

    /// The dump of `html`, read from standard input. A renderer that fails, or says nothing, is an error.
    func render(_ html: [UInt8], encoding: String, executablePath: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments + charsetArguments(encoding)
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "dumb"
        environment["HOME"] = FileManager.default.temporaryDirectory.path  // no user configuration or cookies
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Write on another thread: a renderer may fill its output pipe before it reads all its input.
        let writer = Thread { [input] in
            try? input.fileHandleForWriting.write(contentsOf: html)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        // The read below ends when the renderer exits; a renderer past its time is killed, which ends it.
        let timer = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.timeout, execute: timer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        if process.terminationReason == .uncaughtSignal { throw CLIError("\(name) did not finish within \(Int(Self.timeout)) s") }
        guard process.terminationStatus == 0, !data.isEmpty else { throw CLIError("\(name) exited with status \(process.terminationStatus)") }
        return Array(data)
    }
}
