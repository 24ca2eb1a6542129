import Foundation

/// The number of each id among numbered ids (a graph's persons or families): an open-addressing
/// hash table that holds only the numbers (4 bytes a slot) and reads each id back from the
/// numbered array itself. A dictionary from ids to numbers took about 40 bytes a person and most
/// of the time of building a million-person graph (hashing and probing UUIDs); this takes 8 to
/// 16 bytes a person. Its slots are chunked, so a changed copy copies only the chunk it touches.
struct IDTable: Sendable {
    private static let empty: Int32 = -1
    /// A removed entry: probing goes on past it.
    private static let deleted: Int32 = -2

    private var slots: ChunkedArray<Int32>
    private var bits: Int
    /// Different in each table, so that no chosen set of ids can make every probe collide.
    private let seed: UInt64
    /// Numbers held, and slots no longer empty (numbers and deleted marks).
    private(set) var count = 0
    private var used = 0

    /// A table for about `expected` ids.
    init(expected: Int = 0) {
        bits = Self.bits(for: expected)
        slots = ChunkedArray(repeating: Self.empty, count: 1 << bits)
        seed = UInt64.random(in: 1...UInt64.max)
    }

    /// Each id numbered by its place in `ids` (a later duplicate takes the id's number).
    init(numbering ids: ChunkedArray<UUID>) {
        self.init(expected: ids.count)
        for (number, id) in ids.enumerated() { set(id, Int32(number), in: ids) }
    }

    /// At most half full after `expected` insertions.
    private static func bits(for expected: Int) -> Int {
        var bits = 4
        while 1 << bits < expected * 2 { bits += 1 }
        return bits
    }

    private func home(of id: UUID) -> Int {
        let (high, low) = id.halves
        let mixed = (high &* 0x9E37_79B9_7F4A_7C15 ^ low ^ seed) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - bits))
    }

    /// The number of `id`, whose id is `ids[number]`.
    func find(_ id: UUID, in ids: ChunkedArray<UUID>) -> Int32? {
        let mask = (1 << bits) - 1
        let key = id.halves
        var slot = home(of: id)
        while true {
            let number = slots[slot]
            if number == Self.empty { return nil }
            if number >= 0, ids[Int(number)].halves == key { return number }
            slot = (slot + 1) & mask
        }
    }

    /// Gives `id` the number (`ids[number]` must already be `id`), or removes it (nil).
    mutating func set(_ id: UUID, _ number: Int32?, in ids: ChunkedArray<UUID>) {
        let mask = (1 << bits) - 1
        let key = id.halves
        var slot = home(of: id)
        var free: Int?
        while true {
            let held = slots[slot]
            if held == Self.empty { break }
            if held == Self.deleted {
                if free == nil { free = slot }
            } else if ids[Int(held)].halves == key {
                if let number {
                    slots[slot] = number
                } else {
                    slots[slot] = Self.deleted
                    count -= 1
                }
                return
            }
            slot = (slot + 1) & mask
        }
        guard let number else { return }
        if let free {
            slots[free] = number
        } else {
            slots[slot] = number
            used += 1
        }
        count += 1
        // Kept under three quarters full (deleted marks included), so probes stay short.
        if used * 4 > (1 << bits) * 3 { rehash(ids: ids) }
    }

    /// Builds the table again at the size its numbers need, without deleted marks: a cost of the
    /// whole table, paid once every few hundred thousand changes.
    private mutating func rehash(ids: ChunkedArray<UUID>) {
        let numbers = slots.filter { $0 >= 0 }
        var table = IDTable(expected: max(numbers.count, 1 << (bits - 1)))
        for number in numbers { table.set(ids[Int(number)], number, in: ids) }
        self = table
    }

    var allocatedBytes: Int { slots.allocatedBytes }
}

extension UUID {
    /// The 16 bytes as two integers: compared and hashed without going through the tuple.
    var halves: (UInt64, UInt64) {
        withUnsafeBytes(of: uuid) { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }
}

/// Ids numbered by their place in a list, looked up like the graph's (`IDTable`): for readers of
/// a base outside the graph, such as the statistics' scans, where a dictionary's hashing of a
/// million UUIDs was a sixth of the time.
public struct IDNumbering: Sendable {
    private let ids: ChunkedArray<UUID>
    private let table: IDTable

    public init(_ ids: [UUID]) {
        self.ids = ChunkedArray(ids)
        table = IDTable(numbering: self.ids)
    }

    /// The place of `id` in the list (the last one when listed twice), or nil.
    public func number(of id: UUID) -> Int32? {
        table.find(id, in: ids)
    }
}
