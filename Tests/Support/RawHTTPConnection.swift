import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP/1.1 connection on a plain socket, for what URLSession cannot do: send half a body
/// and wait, stop reading a response, or go away in the middle of a request.
public final class RawHTTPConnection: @unchecked Sendable {
    private var fd: Int32

    /// Connects to `127.0.0.1:port`. A small `receiveBuffer` makes a client that stops reading
    /// hold the server's writes sooner.
    public init(port: Int, receiveBuffer: Int32? = nil, timeoutSeconds: Int = 60) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError.timeout("socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close()
            throw TestSetupError.timeout("connect to port \(port) failed")
        }
    }

    /// The head of a request: `METHOD path`, `Host`, then `headers`.
    public static func head(_ method: String, _ path: String, headers: [String: String] = [:]) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// Sends every byte (blocking).
    public func send(_ bytes: some Collection<UInt8>) throws {
        let bytes = Array(bytes)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw TestSetupError.timeout("send failed after \(sent) bytes") }
            sent += count
        }
    }

    /// Reads until the end of the response head; returns the head's text (and never reads the body).
    public func readHead() throws -> String {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !received.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard recv(fd, &byte, 1, 0) == 1 else { throw TestSetupError.timeout("no response head: \(String(decoding: received, as: UTF8.self))") }
            received.append(byte)
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Reads until the server closes the connection (true) or the receive timeout passes (false),
    /// with everything received.
    public func readUntilClosed() -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 { return (String(decoding: received, as: UTF8.self), false) }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// Goes away: the socket is closed (unread data makes it a reset).
    public func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
