import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// HTTP/1.1 written by hand on a loopback socket, for requests no client library sends: two
/// `Host` lines, an absolute-form target, a client that goes away mid-request.
public enum RawHTTP {
    /// Sends `request` (CRLF line ends, as given) to 127.0.0.1:`port`, closes the sending side,
    /// and returns everything the server answers until it closes the connection or `timeout` passes.
    public static func exchange(port: Int, _ request: String, timeout: TimeInterval = 30) throws -> String {
        let socket = try connect(port: port)
        defer { close(socket) }
        var timeval = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeval, socklen_t(MemoryLayout<timeval>.size))
        try send(socket, Data(request.utf8))
        shutdown(socket, Int32(SHUT_WR))
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// The status code of the first response in `answer` (`HTTP/1.1 400 Bad Request` → 400).
    public static func status(of answer: String) -> Int? {
        answer.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
    }

    /// An open TCP connection to 127.0.0.1:`port`; the caller closes it.
    public static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw RawHTTPError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw RawHTTPError.connect(errno)
        }
        return socket
    }

    /// Writes all of `data`.
    public static func send(_ socket: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var sent = 0
            while sent < bytes.count {
                let count = Glibc.send(socket, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { throw RawHTTPError.send(errno) }
                sent += count
            }
        }
    }
}

public enum RawHTTPError: Error {
    case socket(Int32)
    case connect(Int32)
    case send(Int32)
}
