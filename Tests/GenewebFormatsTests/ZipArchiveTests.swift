import Foundation
import GenewebFormats
import Testing

@Suite("Stored zip archives: written a piece at a time, read without trusting them")
struct ZipArchiveTests {
    static func archive() throws -> [UInt8] {
        var writer = ZipWriter()
        var bytes = try writer.beginEntry(named: "tree.ged")
        for piece in ["0 HEAD\n", "1 CHAR UTF-8\n", "0 TRLR\n"] {
            try writer.append(piece.utf8)
            bytes += Array(piece.utf8)
        }
        bytes += try writer.endEntry()
        bytes += try writer.entry(named: "media/été.bin", bytes: (0..<300).map { UInt8($0 % 256) })
        bytes += try writer.finish()
        return bytes
    }

    @Test("what the writer wrote, streamed or whole, the reader gives back")
    func roundTrip() throws {
        let reader = try ZipReader(try Self.archive())
        #expect(reader.entries.map(\.name) == ["tree.ged", "media/été.bin"])
        #expect(String(decoding: try reader.contents(of: try #require(reader.entry(named: "tree.ged"))), as: UTF8.self) == "0 HEAD\n1 CHAR UTF-8\n0 TRLR\n")
        #expect(try reader.contents(of: try #require(reader.entry(named: "media/été.bin"))) == (0..<300).map { UInt8($0 % 256) })
    }

    @Test("the CRC-32 of zip files")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("names that leave the folder are refused on both sides", arguments: ["../x", "a/../../x", "/etc/passwd", "C:/x", "a\\b", "./x", "", "a\0b"])
    func unsafeNames(name: String) {
        #expect(!ZipEntryName.isSafe(name))
        var writer = ZipWriter()
        #expect(throws: ZipError.self) { try writer.entry(named: name, bytes: []) }
    }

    @Test("every cut of an archive, and every damaged byte of its directory, is an error, never a crash")
    func cutsAndDamage() throws {
        let whole = try Self.archive()
        for length in 0..<whole.count {
            #expect(throws: ZipError.self) {
                let reader = try ZipReader(Array(whole.prefix(length)))
                for entry in reader.entries { _ = try reader.contents(of: entry) }
            }
        }
        let directory = try #require((0..<(whole.count - 4)).first { Array(whole[$0..<($0 + 4)]) == [0x50, 0x4B, 0x01, 0x02] })
        for index in directory..<whole.count {
            var damaged = whole
            damaged[index] ^= 0xFF
            // Either refused, or read with every entry still checked by its CRC.
            if let reader = try? ZipReader(damaged) {
                for entry in reader.entries { _ = try? reader.contents(of: entry) }
            }
        }
    }

    @Test("a compressed entry is refused by name")
    func compressed() throws {
        var bytes = try Self.archive()
        let directory = try #require((0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == [0x50, 0x4B, 0x01, 0x02] })
        bytes[directory + 10] = 8
        #expect(throws: ZipError.compressed("tree.ged")) { try ZipReader(bytes) }
    }
}
