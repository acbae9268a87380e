public import Hummingbird
public import NIOCore

/// Every route's context: Hummingbird's core storage plus the peer's address, which the upload gate
/// reads to keep `--open-uploads` to this machine.
public struct MarsadRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Nil where there is no socket (router tests): the gate then treats the peer as remote.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
