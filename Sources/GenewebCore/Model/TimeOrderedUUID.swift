import Foundation
import Synchronization

extension UUID {
    /// A version 7 UUID (RFC 9562): the Unix time in milliseconds, then a 12-bit counter, then
    /// random bits. Ids made one after the other sort in the order they were made, also within one
    /// millisecond, so the database appends new rows to the end of its id indexes instead of
    /// writing all over them: a large import writes far fewer pages. Random enough (62 bits after
    /// the counter) that ids cannot be guessed; the creation time they reveal is public anyway
    /// (`created_at`).
    public static func timeOrdered() -> UUID {
        let (milliseconds, counter, random) = TimeOrderedClock.shared.nextWithRandom()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: random >> (8 * (15 - index))) }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

/// The process-wide (milliseconds, counter) pair behind `UUID.timeOrdered()`: strictly increasing
/// even when the wall clock steps back or more than 4,096 ids are made in one millisecond.
final class TimeOrderedClock: Sendable {
    static let shared = TimeOrderedClock()
    private let last = Mutex<(milliseconds: UInt64, counter: UInt16)>((0, 0))
    /// Random bits fetched from the system 4 KB at a time: one system call per id was a visible
    /// share of a large import's reading time.
    private let entropy = Mutex<(words: [UInt64], next: Int)>(([], 0))

    func nextWithRandom() -> (milliseconds: UInt64, counter: UInt16, random: UInt64) {
        let (milliseconds, counter) = next()
        let random = entropy.withLock { pool in
            if pool.next >= pool.words.count {
                pool.words = Self.systemRandomWords(512)
                pool.next = 0
            }
            defer { pool.next += 1 }
            return pool.words[pool.next]
        }
        return (milliseconds, counter, random)
    }

    /// `count` words from the system's cryptographic generator: one read of `/dev/urandom` where
    /// there is one, else one call a word.
    static func systemRandomWords(_ count: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: count)
        if let handle = FileHandle(forReadingAtPath: "/dev/urandom") {
            defer { try? handle.close() }
            if let data = try? handle.read(upToCount: count * 8), data.count == count * 8 {
                words.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
                return words
            }
        }
        var generator = SystemRandomNumberGenerator()
        for index in words.indices { words[index] = generator.next() }
        return words
    }

    func next(now: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)) -> (milliseconds: UInt64, counter: UInt16) {
        last.withLock { last in
            if now > last.milliseconds {
                last = (now, 0)
            } else if last.counter < 0xFFF {
                last.counter += 1
            } else {
                // The counter is spent: borrow the next millisecond.
                last = (last.milliseconds + 1, 0)
            }
            return last
        }
    }
}

extension UUID {
    /// The upper-case 8-4-4-4-12 text, as `uuidString` gives it, without going through
    /// `snprintf` (which `uuidString` does on Linux): imports write one for every row and link.
    public var hexString: String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var out = 0
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[out] = UInt8(ascii: "-")
                        out += 1
                    }
                    buffer[out] = hex[Int(byte >> 4)]
                    buffer[out + 1] = hex[Int(byte & 0x0F)]
                    out += 2
                }
                return out
            }
        }
    }
}
