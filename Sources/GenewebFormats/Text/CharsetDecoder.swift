import Foundation

/// Turns the bytes of one line into a String, for every charset of `Charset`.
public enum CharsetDecoder {
    /// Decodes `bytes`; invalid sequences become U+FFFD rather than failing the file.
    public static func decode(_ bytes: some Collection<UInt8>, as charset: Charset) -> String {
        switch charset {
        case .utf8, .ascii:
            return String(decoding: bytes, as: UTF8.self)
        case .utf16LittleEndian, .utf16BigEndian:
            let array = Array(bytes)
            var units: [UInt16] = []
            units.reserveCapacity(array.count / 2)
            var index = 0
            while index + 1 < array.count {
                let pair =
                    charset == .utf16LittleEndian
                    ? UInt16(array[index]) | UInt16(array[index + 1]) << 8
                    : UInt16(array[index]) << 8 | UInt16(array[index + 1])
                units.append(pair)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .windows1252:
            return singleByte(bytes, high: SingleByteTables.windows1252High)
        case .cp437:
            return singleByte(bytes, high: SingleByteTables.cp437High)
        case .macRoman:
            return singleByte(bytes, high: SingleByteTables.macRomanHigh)
        case .ansel:
            return ANSEL.decode(bytes)
        }
    }

    /// Bytes below 0x80 are ASCII; 0x80–0xFF come from a 128-entry table.
    static func singleByte(_ bytes: some Collection<UInt8>, high: [UInt32]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte < 0x80 ? UInt32(byte) : high[Int(byte) - 0x80]
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
