import Foundation
import HTTPTypes
import Hummingbird

/// `/assets/NAME`: the stylesheet and script, read once from the bundle. Only names in the bundle's
/// own list are served, so no request path ever reaches the file system.
enum Assets {
    struct Asset: Sendable {
        var bytes: ByteBuffer
        var contentType: String
    }

    static let files: [String: Asset] = {
        var files = [String: Asset]()
        guard let directory = Bundle.module.url(forResource: "assets", withExtension: nil) else { return files }
        for (name, type) in [("marsad.css", "text/css; charset=utf-8"), ("reader.js", "text/javascript; charset=utf-8"), ("favicon.svg", "image/svg+xml")] {
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { continue }
            files[name] = Asset(bytes: ByteBuffer(bytes: data), contentType: type)
        }
        return files
    }()

    static func register(on router: some RouterMethods<MarsadRequestContext>) {
        router.get("assets/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let asset = files[name] else { throw Problem(.notFound, "no such asset") }
            return Response(
                status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: asset.bytes))
        }
        router.get("favicon.ico") { _, _ -> Response in
            guard let asset = files["favicon.svg"] else { throw Problem(.notFound, "no favicon") }
            return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=86400"], body: .init(byteBuffer: asset.bytes))
        }
    }
}
