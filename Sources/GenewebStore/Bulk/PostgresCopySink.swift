import GenewebCore
import Logging
import NIOCore
import PostgresNIO

/// Rows through `COPY table (columns) FROM STDIN` in PostgreSQL's text format: one round trip a
/// batch, parsed by the server without planning an `INSERT` for each row.
struct PostgresCopySink: BulkRowSink {
    let connection: PostgresConnection
    let logger: Logger

    /// Bytes sent to the server in one `CopyData` message.
    static let chunkBytes = 1 << 20

    func insert(_ rows: BulkRows) async throws {
        guard !rows.rows.isEmpty else { return }
        try await connection.copyFrom(table: rows.table, columns: rows.columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(Self.chunkBytes + 65536)
            for row in rows.rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    switch value {
                    case .null: buffer.writeStaticString("\\N")
                    case .integer(let int): buffer.writeString(String(int))
                    case .text(let text), .json(let text): Self.writeEscaped(text, to: &buffer)
                    case .uuid(let uuid): buffer.writeString(uuid.hexString)
                    }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= Self.chunkBytes {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// The text format's escapes: backslash, tab, newline and carriage return are the only bytes
    /// with a meaning; everything else (UTF-8 included) goes as it is.
    static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[runStart..<index]))
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                default: buffer.writeStaticString("\\r")
                }
                runStart = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[runStart...]))
        }
    }
}
