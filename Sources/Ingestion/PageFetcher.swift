import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Fetches pages over HTTP(S) for `marsad extract URL`: redirects up to a limit, a timeout, a size
/// cap, and a User-Agent that says who is asking.
public final class PageFetcher: Sendable {
    public static let userAgent = "Marsad/0.1 (+https://github.com/marsad; Arabic news extraction)"
    public let maxRedirects: Int
    public let timeout: TimeAmount

    public struct Response: Sendable {
        public var body: [UInt8]
        public var contentType: String?
        public var finalURL: String
    }

    public init(maxRedirects: Int = 5, timeout: TimeAmount = .seconds(20)) {
        self.maxRedirects = maxRedirects
        self.timeout = timeout
    }

    public func fetch(_ url: String, maxBytes: Int) async throws -> Response {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: maxRedirects, allowCycles: false),
            timeout: .init(connect: .seconds(10), read: timeout)
        )
        configuration.decompression = .enabled(limit: .size(maxBytes))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let response = try await get(url, client: client, maxBytes: maxBytes)
            try await client.shutdown()
            return response
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func get(_ url: String, client: HTTPClient, maxBytes: Int) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
        request.headers.add(name: "Accept-Language", value: "ar,en;q=0.5")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch let error as HTTPClientError where error == .redirectLimitReached {
            throw FetchError("more than \(maxRedirects) redirects")
        } catch let error as HTTPClientError where error == .redirectCycleDetected {
            throw FetchError("redirect cycle")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw FetchError("timed out after \(timeout.nanoseconds / 1_000_000_000) s")
        } catch {
            throw FetchError("cannot fetch: \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            throw FetchError("HTTP \(response.status.code) \(response.status.reasonPhrase)")
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
            throw FetchError("response is \(length) bytes, over the \(maxBytes)-byte limit")
        }
        var body = [UInt8]()
        do {
            for try await chunk in response.body {
                if body.count + chunk.readableBytes > maxBytes {
                    throw FetchError("response is over the \(maxBytes)-byte limit")
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError("cannot read the response: \(error)")
        }
        return Response(body: body, contentType: response.headers.first(name: "Content-Type"), finalURL: url)
    }
}

public struct FetchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
