import Archive
public import ArgumentParser
import Foundation
import Ingestion

/// `marsad alerts`: queries whose new matches `marsad watch` posts to a webhook after each round.
struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow a query: new matches are posted to a webhook after each watch round.",
        subcommands: [Add.self, List.self, Remove.self], defaultSubcommand: List.self)

    /// A secret shorter than this is refused: the signature is only as strong as its key.
    static let minimumSecretLength = 16

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post the query's new matches to a webhook.",
            discussion: """
                Each POST is JSON ({"alert", "sent", "matches": [...]}) signed with an HMAC-SHA256 of the
                secret in $MARSAD_ALERT_SECRET (or the variable --secret-env names), sent as
                "X-Marsad-Signature: sha256=<hex>" over the exact body. Articles that match when the alert
                is added are not sent; each later match is sent once. Failed deliveries are retried with
                doubling waits.
                """)

        @Argument(help: "The query, in the language of `marsad search`.") var query: String
        @Option(help: "The http(s) URL that receives the POSTs.") var webhook: String
        @Option(help: "Only this section.") var section: String?
        @Option(help: "Only this source (outlet).") var source: String?
        @Option(help: "Only articles that mention this entity.") var entity: String?
        @Option(help: "Only articles that quote this speaker.") var speaker: String?
        @Option(help: "The environment variable that holds the signing secret.") var secretEnv: String = "MARSAD_ALERT_SECRET"
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--webhook must be an http(s) URL (got '\(webhook)')")
            }
            guard let secret = ProcessInfo.processInfo.environment[secretEnv], secret.count >= Alerts.minimumSecretLength else {
                throw ValidationError("set \(secretEnv) to a secret of at least \(Alerts.minimumSecretLength) characters: the webhook checks the signature with it")
            }
            let archive = try await storeOptions.open()
            let dispatcher = AlertDispatcher(store: archive)
            do {
                let alert = try await archive.saveAlert(WatchAlert(
                    query: query, section: section, source: source, entity: entity, speaker: speaker, webhook: webhook, secret: secret,
                    created: Timestamps.iso(Date())))
                try await dispatcher.baseline(alert)
                Output.warn("alert \(alert.id): new matches of \(query) go to \(webhook)")
            } catch {
                await dispatcher.shutdown()
                try? await archive.close()
                throw CLIError("alerts: \(error)")
            }
            await dispatcher.shutdown()
            try await archive.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the alerts and their deliveries (never their secrets).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        /// An alert as listed: everything but the secret.
        struct Listed: Encodable {
            var id: Int64, query: String, section: String?, source: String?, entity: String?, speaker: String?
            var webhook: String, created: String, lastRun: String?, delivered: Int, failures: Int, lastError: String?

            init(_ alert: WatchAlert) {
                (id, query, section, source, entity, speaker) = (alert.id, alert.query, alert.section, alert.source, alert.entity, alert.speaker)
                (webhook, created, lastRun, delivered, failures, lastError) = (alert.webhook, alert.created, alert.lastRun, alert.delivered, alert.failures, alert.lastError)
            }
        }

        func run() async throws {
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            let alerts = try await archive.alerts().map(Listed.init)
            switch format {
            case .json: Output.write(PageWriter.encode(alerts, pretty: true) + "\n")
            case .text:
                for alert in alerts {
                    var line = "\(alert.id)  \(alert.query) → \(alert.webhook)\n    \(alert.delivered) delivered, last run \(alert.lastRun ?? "never")\n"
                    if alert.failures > 0 { line += "    failing \(alert.failures) times in a row: \(alert.lastError ?? "")\n" }
                    Output.write(line)
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove alerts, and what they had to send.")
        @Argument(help: "Alert ids, as listed.") var ids: [Int64]
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            var missing = [String]()
            for id in ids where !(try await archive.removeAlert(id: id)) { missing.append(String(id)) }
            guard missing.isEmpty else { throw CLIError("no alert \(missing.joined(separator: ", "))") }
        }
    }
}
