/// GeneWeb's occurrence numbers: persons with the same first name and surname (by lookup key)
/// are told apart by a number, 0 for the first, then 1, 2... The key `jean.1.dupont` is the
/// second Jean Dupont of a base.
public enum Occurrence {
    /// The largest occurrence number read from a file or a person key. Real bases stay far below
    /// it; the bound keeps every number read fit for arithmetic and for the 32-bit columns of
    /// both engines.
    public static let maximum = Int(Int32.max)

    /// The number a new person gets: the smallest not yet taken (numbers freed by deletions are
    /// reused, as in GeneWeb).
    public static func next(taken: some Sequence<Int>) -> Int {
        let used = Set(taken)
        var candidate = 0
        while used.contains(candidate) { candidate += 1 }
        return candidate
    }

    /// Numbers every name of a list in order: the n-th time a (first name, surname) pair appears
    /// it gets n - 1. Used when importing files that carry no occurrence numbers.
    public static func assign(_ names: [(firstName: String, surname: String)]) -> [Int] {
        var numbering = Numbering()
        return names.map { numbering.next(firstName: $0.firstName, surname: $0.surname) }
    }

    /// `assign` one name at a time, for files read as a stream.
    public struct Numbering {
        private var counters: [String: Int] = [:]

        public init() {}

        /// The number of this name: how many times it came before.
        public mutating func next(firstName: String, surname: String) -> Int {
            let key = NameNormalizer.key(firstName) + "\u{0}" + NameNormalizer.key(surname)
            let number = counters[key, default: 0]
            counters[key] = number + 1
            return number
        }
    }
}
