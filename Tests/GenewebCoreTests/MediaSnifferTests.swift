import Testing

@testable import GenewebCore

@Suite("A media file's type from its first bytes")
struct MediaSnifferTests {
    @Test(
        "the magic bytes of each kept type",
        arguments: [
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], MediaFileType.jpeg),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], .png),
            (Array("RIFF".utf8) + [0x1A, 0, 0, 0] + Array("WEBPVP8L".utf8), .webp),
            (Array("GIF87a".utf8) + [1, 0], .gif),
            (Array("GIF89a".utf8) + [1, 0], .gif),
            (Array("%PDF-1.7\n".utf8), .pdf),
        ] as [([UInt8], MediaFileType)])
    func kept(bytes: [UInt8], type: MediaFileType) {
        #expect(MediaSniffer.type(of: bytes) == type)
    }

    @Test(
        "anything else is none: markup that could run script, other RIFF files, prefixes cut short, empty",
        arguments: [
            Array("<!DOCTYPE html><html>".utf8), Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
            Array("<?xml version=\"1.0\"?><svg/>".utf8), Array("RIFF\u{1A}\0\0\0WAVEfmt ".utf8), Array("GIF88a".utf8),
            [0xFF, 0xD8], Array("%PDF".utf8), Array(" %PDF-1.4".utf8), [],
        ] as [[UInt8]])
    func refused(bytes: [UInt8]) {
        #expect(MediaSniffer.type(of: bytes) == nil)
    }

    @Test("pictures are shown inline, PDF documents are not")
    func inline() {
        #expect(MediaFileType.allCases.filter(\.isImage) == [.jpeg, .png, .webp, .gif])
    }
}
