import Foundation
import HTTPTypes
import Hummingbird

/// The API's OpenAPI 3.1 description, written by hand beside the code it describes
/// (`Resources/openapi.json`); `OpenAPITests` checks real responses against it.
enum OpenAPIDocument {
    static let bytes: [UInt8]? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else { return nil }
        return Array(data)
    }()

    static func response() throws -> Response {
        guard let bytes else { throw Problem(.internalServerError, "the OpenAPI document is missing from this build") }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
