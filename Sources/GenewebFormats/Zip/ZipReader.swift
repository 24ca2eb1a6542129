/// Reads a zip archive held in memory (an upload, already bounded by the import limit), trusting
/// nothing in it: every offset and size is checked against the bytes there are, the entry count
/// is bounded, names must be safe (`ZipEntryName`), each entry is checked against its CRC-32,
/// and only stored entries are read (what `ZipWriter` writes; no zlib on Linux Foundation).
public struct ZipReader: Sendable {
    /// An entry of the archive: its name and where its bytes are.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let size: Int
        let crc: UInt32
        let localHeaderOffset: Int
    }

    public static let maximumEntries = 20_000

    public let entries: [Entry]
    private let bytes: [UInt8]

    /// Whether `bytes` begin as a zip archive does.
    public static func looksLikeZip(_ bytes: some Collection<UInt8>) -> Bool {
        Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04]
    }

    public init(_ bytes: [UInt8]) throws(ZipError) {
        self.bytes = bytes
        let end = try Self.endRecord(in: bytes)
        let count = Int(bytes.uint16(at: end + 10))
        let directorySize = Int(bytes.uint32(at: end + 12))
        let directoryStart = Int(bytes.uint32(at: end + 16))
        guard count <= Self.maximumEntries else { throw .tooLarge }
        guard directoryStart <= end, directorySize <= end - directoryStart else { throw .malformed("the central directory is out of bounds") }
        var entries: [Entry] = []
        var names = Set<String>()
        var cursor = directoryStart
        for _ in 0..<count {
            guard cursor + 46 <= directoryStart + directorySize, bytes.uint32(at: cursor) == 0x0201_4B50 else {
                throw .malformed("a central directory entry is out of bounds")
            }
            let method = bytes.uint16(at: cursor + 10)
            let crc = bytes.uint32(at: cursor + 16)
            let compressedSize = bytes.uint32(at: cursor + 20)
            let size = bytes.uint32(at: cursor + 24)
            let nameLength = Int(bytes.uint16(at: cursor + 28))
            let extraLength = Int(bytes.uint16(at: cursor + 30))
            let commentLength = Int(bytes.uint16(at: cursor + 32))
            let offset = bytes.uint32(at: cursor + 42)
            let next = cursor + 46 + nameLength + extraLength + commentLength
            guard next <= directoryStart + directorySize else { throw .malformed("a central directory entry is out of bounds") }
            guard let name = String(validating: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self) else {
                throw .malformed("an entry name is not UTF-8")
            }
            cursor = next
            if name.hasSuffix("/") { continue }  // a folder: nothing to read
            guard ZipEntryName.isSafe(name) else { throw .unsafeName(name) }
            guard !names.contains(name) else { throw .duplicate(name) }
            names.insert(name)
            guard [compressedSize, size, offset].allSatisfy({ $0 != UInt32.max }) else { throw .tooLarge }
            guard method == 0 else { throw .compressed(name) }
            guard compressedSize == size else { throw .malformed("\(name) has two sizes") }
            entries.append(Entry(name: name, size: Int(size), crc: crc, localHeaderOffset: Int(offset)))
        }
        self.entries = entries
        // Every entry's bytes must lie before the directory.
        for entry in entries { _ = try range(of: entry, before: directoryStart) }
    }

    /// The entry named `name`, if any.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The bytes of `entry`, checked against its CRC-32.
    public func contents(of entry: Entry) throws(ZipError) -> [UInt8] {
        let data = Array(bytes[try range(of: entry, before: bytes.count)])
        guard CRC32.checksum(data) == entry.crc else { throw .checksum(entry.name) }
        return data
    }

    private func range(of entry: Entry, before limit: Int) throws(ZipError) -> Range<Int> {
        let header = entry.localHeaderOffset
        guard header + 30 <= limit, bytes.uint32(at: header) == 0x0403_4B50 else { throw .malformed("\(entry.name) has no local header") }
        let start = header + 30 + Int(bytes.uint16(at: header + 26)) + Int(bytes.uint16(at: header + 28))
        guard start <= limit, entry.size <= limit - start else { throw .malformed("\(entry.name) is out of bounds") }
        return start..<(start + entry.size)
    }

    /// The end-of-central-directory record: the last 22 bytes, or further back past a comment
    /// of at most 65,535 bytes.
    private static func endRecord(in bytes: [UInt8]) throws(ZipError) -> Int {
        guard bytes.count >= 22 else { throw .malformed("too short") }
        let lowest = max(0, bytes.count - 22 - Int(UInt16.max))
        var position = bytes.count - 22
        while position >= lowest {
            if bytes.uint32(at: position) == 0x0605_4B50, position + 22 + Int(bytes.uint16(at: position + 20)) == bytes.count { return position }
            position -= 1
        }
        throw .malformed("no end of central directory")
    }
}

extension [UInt8] {
    func uint16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func uint32(at index: Int) -> UInt32 {
        UInt32(self[index]) | UInt32(self[index + 1]) << 8 | UInt32(self[index + 2]) << 16 | UInt32(self[index + 3]) << 24
    }
}
