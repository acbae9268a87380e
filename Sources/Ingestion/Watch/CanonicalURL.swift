import Foundation

/// The form in which the watcher knows an article URL, so that one article reached through a feed, a
/// sitemap and a section page is fetched once: scheme and host lowercased, default port and fragment
/// dropped, and the query parameters that only track a click removed.
public enum CanonicalURL {
    /// Query parameters that never change the page: campaign tags and click ids.
    static let trackingPrefixes = ["utm_"]
    static let trackingNames: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid", "ns_mchannel",
        "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "at_medium", "at_campaign",
    ]

    /// The canonical form, or nil when `text` is not an absolute http(s) URL.
    public static func canonical(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) { components.port = nil }
        components.fragment = nil
        if components.path.isEmpty { components.path = "/" }
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !trackingNames.contains(name) && !trackingPrefixes.contains { name.hasPrefix($0) }
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string
    }

    /// `scheme://host[:port]`: the key of per-host state (robots rules, rate limits).
    public static func origin(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return nil }
        return components.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }

    /// The path and query that `robots.txt` rules match, starting with `/`.
    public static func pathAndQuery(_ text: String) -> String {
        guard let components = URLComponents(string: text) else { return "/" }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }
}
