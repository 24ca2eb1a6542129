/// Writes a zip archive whose entries are stored, not compressed, a piece at a time: each call
/// returns the bytes to send next, so an archive streams out without being held whole.
///
/// Stored entries are enough for what we pack (pictures and PDFs are compressed already; the
/// GEDCOM text is the small part) and need no zlib, which Foundation on Linux does not offer.
/// An entry whose size is known up front carries it in its local header; one written as it is
/// made (the GEDCOM file) is followed by a data descriptor. No zip64: an archive stops at 4 GB
/// and 65,535 entries (`ZipError.tooLarge`).
public struct ZipWriter: Sendable {
    private struct Central {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt32
        let offset: UInt32
        let descriptor: Bool
    }

    private var offset: UInt64 = 0
    private var entries: [Central] = []
    private var streamed: (name: [UInt8], offset: UInt32, crc: CRC32, size: UInt64)?

    public init() {}

    /// A whole entry: its local header then its bytes.
    public mutating func entry(named name: String, bytes: [UInt8]) throws(ZipError) -> [UInt8] {
        let nameBytes = try checkedName(name)
        guard bytes.count < Int(UInt32.max) else { throw .tooLarge }
        let crc = CRC32.checksum(bytes)
        let start = try position()
        var out = localHeader(name: nameBytes, crc: crc, size: UInt32(bytes.count), descriptor: false)
        out += bytes
        entries.append(Central(name: nameBytes, crc: crc, size: UInt32(bytes.count), offset: start, descriptor: false))
        offset += UInt64(out.count)
        return out
    }

    /// Starts an entry whose bytes follow through `append`; `endEntry` closes it.
    public mutating func beginEntry(named name: String) throws(ZipError) -> [UInt8] {
        let nameBytes = try checkedName(name)
        let start = try position()
        let out = localHeader(name: nameBytes, crc: 0, size: 0, descriptor: true)
        streamed = (nameBytes, start, CRC32(), 0)
        offset += UInt64(out.count)
        return out
    }

    /// Counts `bytes` into the open entry; the caller sends them as they are.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(ZipError) {
        guard var open = streamed else { throw .misuse }
        open.crc.update(bytes)
        open.size += UInt64(bytes.count)
        offset += UInt64(bytes.count)
        guard open.size < UInt64(UInt32.max) else { throw .tooLarge }
        streamed = open
    }

    /// The data descriptor of the open entry.
    public mutating func endEntry() throws(ZipError) -> [UInt8] {
        guard let open = streamed else { throw .misuse }
        streamed = nil
        var out: [UInt8] = []
        out.appendLittleEndian(UInt32(0x0807_4B50))
        out.appendLittleEndian(open.crc.value)
        out.appendLittleEndian(UInt32(open.size))
        out.appendLittleEndian(UInt32(open.size))
        entries.append(Central(name: open.name, crc: open.crc.value, size: UInt32(open.size), offset: open.offset, descriptor: true))
        offset += UInt64(out.count)
        return out
    }

    /// The central directory and its end record: the archive's last bytes.
    public mutating func finish() throws(ZipError) -> [UInt8] {
        guard streamed == nil else { throw .misuse }
        guard entries.count <= Int(UInt16.max) else { throw .tooLarge }
        let directoryStart = try position()
        var out: [UInt8] = []
        for entry in entries {
            out.appendLittleEndian(UInt32(0x0201_4B50))
            out.appendLittleEndian(UInt16(20))  // made by: MS-DOS attributes, zip 2.0
            out += commonFields(name: entry.name, crc: entry.crc, size: entry.size, descriptor: entry.descriptor)
            out.appendLittleEndian(UInt16(0))  // comment length
            out.appendLittleEndian(UInt16(0))  // disk number
            out.appendLittleEndian(UInt16(0))  // internal attributes
            out.appendLittleEndian(UInt32(0))  // external attributes
            out.appendLittleEndian(entry.offset)
            out += entry.name
        }
        let directorySize = UInt32(out.count)
        guard UInt64(directoryStart) + UInt64(out.count) < UInt64(UInt32.max) else { throw .tooLarge }
        out.appendLittleEndian(UInt32(0x0605_4B50))
        out.appendLittleEndian(UInt16(0))
        out.appendLittleEndian(UInt16(0))
        out.appendLittleEndian(UInt16(entries.count))
        out.appendLittleEndian(UInt16(entries.count))
        out.appendLittleEndian(directorySize)
        out.appendLittleEndian(directoryStart)
        out.appendLittleEndian(UInt16(0))
        offset += UInt64(out.count)
        return out
    }

    private func position() throws(ZipError) -> UInt32 {
        guard offset < UInt64(UInt32.max) else { throw .tooLarge }
        return UInt32(offset)
    }

    private func checkedName(_ name: String) throws(ZipError) -> [UInt8] {
        guard streamed == nil else { throw .misuse }
        guard ZipEntryName.isSafe(name) else { throw .unsafeName(name) }
        return Array(name.utf8)
    }

    private func localHeader(name: [UInt8], crc: UInt32, size: UInt32, descriptor: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLittleEndian(UInt32(0x0403_4B50))
        out += commonFields(name: name, crc: crc, size: size, descriptor: descriptor)
        out += name
        return out
    }

    /// From "version needed" to "extra field length", the same in both headers.
    private func commonFields(name: [UInt8], crc: UInt32, size: UInt32, descriptor: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLittleEndian(UInt16(20))  // version needed: 2.0
        out.appendLittleEndian(UInt16(descriptor ? 0x0808 : 0x0800))  // UTF-8 names; sizes after the data
        out.appendLittleEndian(UInt16(0))  // method: stored
        out.appendLittleEndian(UInt16(0))  // time 00:00
        out.appendLittleEndian(UInt16(0x21))  // date 1980-01-01: archives of the same base are the same bytes
        out.appendLittleEndian(crc)
        out.appendLittleEndian(size)
        out.appendLittleEndian(size)
        out.appendLittleEndian(UInt16(name.count))
        out.appendLittleEndian(UInt16(0))
        return out
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var little = value.littleEndian
        Swift.withUnsafeBytes(of: &little) { append(contentsOf: $0) }
    }
}
