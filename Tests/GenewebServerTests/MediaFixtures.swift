import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// Tiny but whole files of each kind a media upload keeps, and a hostile one of each kind it refuses.
enum MediaFixtures {
    /// A 1×1 PNG.
    static let png = bytes("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    /// A 1×1 GIF89a.
    static let gif = bytes("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
    /// A 1×1 lossless WebP.
    static let webp = bytes("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
    /// A 1×1 baseline JPEG.
    static let jpeg = bytes(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k="
    )
    /// A one-page PDF with no content.
    static let pdf = Array(
        """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)
    static let html = Array("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>".utf8)
    static let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8)

    static func bytes(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64)!) }

    /// A `multipart/form-data` body: the file (when given) and text fields.
    static func form(file: [UInt8]?, fileName: String = "file.bin", fields: [String: String] = [:]) -> (ByteBuffer, HTTPFields) {
        let boundary = "geneweb-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8)
            body += file + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (ByteBuffer(bytes: body), headers)
    }
}

extension TestClientProtocol {
    /// `POST path` with a media form, as `token`.
    func upload(
        _ file: [UInt8]?, fileName: String = "file.bin", fields: [String: String] = [:], token: String?, path: String = "/api/v1/media"
    ) async throws -> TestResponse {
        var (body, headers) = MediaFixtures.form(file: file, fileName: fileName, fields: fields)
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: path, method: .post, headers: headers, body: body)
    }
}
