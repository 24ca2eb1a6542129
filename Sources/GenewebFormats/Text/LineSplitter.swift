/// Splits bytes into lines at CR, LF or CRLF, without copying the file: each line is a slice.
public struct LineSplitter<Bytes: RandomAccessCollection>: Sequence, IteratorProtocol where Bytes.Element == UInt8 {
    private let bytes: Bytes
    private var position: Bytes.Index

    public init(_ bytes: Bytes) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    public mutating func next() -> Bytes.SubSequence? {
        guard position < bytes.endIndex else { return nil }
        let start = position
        var index = position
        while index < bytes.endIndex, bytes[index] != 0x0A, bytes[index] != 0x0D {
            index = bytes.index(after: index)
        }
        let line = bytes[start..<index]
        if index < bytes.endIndex {
            let wasCR = bytes[index] == 0x0D
            index = bytes.index(after: index)
            if wasCR, index < bytes.endIndex, bytes[index] == 0x0A { index = bytes.index(after: index) }
        }
        position = index
        return line
    }
}
