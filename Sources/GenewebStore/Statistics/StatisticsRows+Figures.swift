import Foundation
import GenewebCore

/// The figures of `BaseStatistics` over the rows, with the meaning the SQL of `Visibility` and
/// of the former queries gave them (NULL compares false, integer division truncates, averages of
/// whole days); `StatisticsParityTests` holds that SQL and compares. Two differences, on data the
/// SQL mishandled: a living person with a birth year but no birth day (a dated baptism beside an
/// undated birth) is listed after the others among the oldest living, where the SQL sorted them
/// first on SQLite and failed to decode their age; and links to a person or family of another
/// base (which the store never writes) are ignored.
extension StatisticsRows {
    /// Which persons `visibility` lets through: `Visibility.condition` evaluated here.
    func visible(_ visibility: Visibility) -> [Bool] {
        switch visibility {
        case .everyone: return [Bool](repeating: true, count: count)
        case .namesPublic: return access.map { $0 != .private }
        case .notLiving(let rule): return notLiving(rule)
        case .publicView(let rule):
            let dead = notLiving(rule)
            return (0..<count).map { access[$0] == .public || (access[$0] != .private && dead[$0]) }
        }
    }

    /// `Visibility.notLiving`: dead, born more than a lifespan ago, or undated with a marriage
    /// older than the rule's or a child born more than a lifespan ago.
    func notLiving(_ rule: LivingRule) -> [Bool] {
        let lifespan = rule.lifespanCutoff
        let marriage = rule.marriageCutoff
        return (0..<count).map { person in
            if deceased[person] { return true }
            let latest = birthLatest[person]
            if latest != Self.none { return latest <= lifespan }
            return familiesAsParent[person].contains { family in
                let married = marriageSort[Int(family)]
                if married != Self.none && married < marriage { return true }
                return childrenOfFamily[Int(family)].contains { child in
                    let born = birthSort[Int(child)]
                    return born != Self.none && born < lifespan
                }
            }
        }
    }

    /// Everything but the two lists of persons, whose names are read afterwards.
    func figures(_ visibility: Visibility, rule: LivingRule, listLength: Int) -> (
        statistics: BaseStatistics, longestLived: [Listed], oldestLiving: [Listed]
    ) {
        let visible = visible(visibility)
        var stats = BaseStatistics()
        let countsLiving: Bool
        if case .everyone = visibility { countsLiving = true } else { countsLiving = false }
        let dead = countsLiving ? notLiving(rule) : []

        var births: [Int: Int] = [:]
        var lifeSpans = Averages()
        var deathsByAge: [Pair: Int] = [:]
        for person in 0..<count where visible[person] {
            stats.persons += 1
            switch sexes[person] {
            case .male: stats.men += 1
            case .female: stats.women += 1
            default: break
            }
            if deceased[person] { stats.deceased += 1 }
            let (birth, death) = (birthSort[person], deathSort[person])
            if birth != Self.none { stats.withBirthDate += 1 }
            if death != Self.none { stats.withDeathDate += 1 }
            let year = birthYear[person]
            if year != Self.none && year > 0 { births[year / 100 * 100, default: 0] += 1 }
            guard birth != Self.none, death != Self.none, death >= birth else { continue }
            if year != Self.none && year > 0 { lifeSpans.add(year: year, sex: sexes[person], days: death &- birth) }
            let deathYear = deathYear[person]
            if year != Self.none, deathYear != Self.none {
                let (born, died) = (birthMonthDay[person], deathMonthDay[person])
                let age = deathYear &- year &- (born != Self.none && died != Self.none && died < born ? 1 : 0)
                deathsByAge[Pair(first: age >= 100 ? 10 : age / 10, sex: sexes[person]), default: 0] += 1
            }
        }
        stats.unknownSex = stats.persons - stats.men - stats.women
        if countsLiving { stats.living = dead.count(where: { !$0 }) }
        stats.birthsByCentury = births.sorted { $0.key < $1.key }.map { (century: $0.key, persons: $0.value) }
        stats.lifeExpectancy = lifeSpans.averages()
        stats.deathsByAge = deathsByAge.sorted { ($0.key.first, $0.key.sex.rawValue) < ($1.key.first, $1.key.sex.rawValue) }.map {
            (decade: $0.key.first, sex: $0.key.sex, persons: $0.value)
        }

        // A family counts, and gives ages at marriage, when every parent in it is visible.
        var marriages = Averages()
        for family in 0..<familyCount {
            let parents = parentsOfFamily[family]
            guard parents.allSatisfy({ visible[Int($0)] }) else { continue }
            stats.families += 1
            let married = marriageSort[family]
            guard married != Self.none else { continue }
            for parent in parents.map(Int.init) {
                let (year, birth) = (birthYear[parent], birthSort[parent])
                guard year != Self.none, year > 0, birth != Self.none, married > birth else { continue }
                marriages.add(year: year, sex: sexes[parent], days: married &- birth)
            }
        }
        stats.ageAtMarriage = marriages.averages()

        var firstChildren = Averages()
        for person in 0..<count where visible[person] {
            let (year, birth) = (birthYear[person], birthSort[person])
            guard year != Self.none, year > 0, birth != Self.none else { continue }
            var first = Int.max
            for family in familiesAsParent[person] {
                for child in childrenOfFamily[Int(family)] where visible[Int(child)] {
                    let born = birthSort[Int(child)]
                    if born != Self.none && born > birth && born < first { first = born }
                }
            }
            if first != Int.max { firstChildren.add(year: year, sex: sexes[person], days: first &- birth) }
        }
        stats.ageAtFirstChild = firstChildren.averages()
        let length = max(0, listLength)
        return (stats, longestLived(visible, length), countsLiving ? oldestLiving(dead, rule: rule, length) : [])
    }

    /// A person of one of the lists, with what their age is worked out from.
    struct Listed: Sendable {
        let id: UUID
        let birthYear: Int?
        let birthMonthDay: Int?
        let endYear: Int?
        let endMonthDay: Int?
        let days: Int
    }

    /// The longest lives among the visible, longest first, then by id.
    private func longestLived(_ visible: [Bool], _ length: Int) -> [Listed] {
        var first = FirstOnes<Int>(length: length) { a, b in
            let (x, y) = (deathSort[a] &- birthSort[a], deathSort[b] &- birthSort[b])
            return x != y ? x > y : Self.precedes(ids[a], ids[b])
        }
        for person in 0..<count where visible[person] && birthSort[person] != Self.none && deathSort[person] != Self.none {
            if deathSort[person] >= birthSort[person] { first.offer(person) }
        }
        return first.kept.map { person in
            Listed(
                id: ids[person], birthYear: value(birthYear[person]), birthMonthDay: value(birthMonthDay[person]),
                endYear: value(deathYear[person]), endMonthDay: value(deathMonthDay[person]), days: deathSort[person] &- birthSort[person])
        }
    }

    /// The living with a birth day, born first (persons whose birth has no day last), then by id.
    private func oldestLiving(_ dead: [Bool], rule: LivingRule, _ length: Int) -> [Listed] {
        let today = DateCalendar.gregorian.date(julianDay: rule.today)
        var first = FirstOnes<Int>(length: length) { a, b in
            let (x, y) = (birthSort[a], birthSort[b])
            if x != y { return x == Self.none ? false : y == Self.none ? true : x < y }
            return Self.precedes(ids[a], ids[b])
        }
        for person in 0..<count where !dead[person] && birthLatest[person] != Self.none { first.offer(person) }
        return first.kept.map { person in
            Listed(
                id: ids[person], birthYear: value(birthYear[person]), birthMonthDay: value(birthMonthDay[person]), endYear: today.year,
                endMonthDay: today.month * 100 + today.day, days: birthSort[person] == Self.none ? 0 : rule.today &- birthSort[person])
        }
    }

    /// The first `length` of the values offered, in `precedes` order, without sorting them all.
    private struct FirstOnes<Value> {
        let length: Int
        let precedes: (Value, Value) -> Bool
        private(set) var kept: [Value] = []

        init(length: Int, precedes: @escaping (Value, Value) -> Bool) {
            self.length = length
            self.precedes = precedes
        }

        mutating func offer(_ value: Value) {
            guard length > 0 else { return }
            if kept.count == length {
                guard let last = kept.last, precedes(value, last) else { return }
                kept.removeLast()
            }
            let place = kept.firstIndex { precedes(value, $0) } ?? kept.endIndex
            kept.insert(value, at: place)
        }
    }

    private func value(_ column: Int) -> Int? { column == Self.none ? nil : column }

    /// Ids in the databases' order: PostgreSQL's bytes, SQLite's upper-case text (the same order).
    static func precedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
    }

    private struct Pair: Hashable {
        let first: Int
        let sex: Sex
    }

    /// Sums of whole days by century of birth and sex, as SQL's `AVG` over them.
    private struct Averages {
        var sums: [Pair: (persons: Int, days: Int)] = [:]

        mutating func add(year: Int, sex: Sex, days: Int) {
            let key = Pair(first: year / 100 * 100, sex: sex)
            let sum = sums[key, default: (0, 0)]
            sums[key] = (sum.persons + 1, sum.days &+ days)
        }

        func averages() -> [CenturyAverage] {
            sums.sorted { ($0.key.first, $0.key.sex.rawValue) < ($1.key.first, $1.key.sex.rawValue) }.map { key, sum in
                CenturyAverage(
                    century: key.first, sex: key.sex, persons: sum.persons,
                    averageYears: (Double(sum.days) / Double(sum.persons) / StatisticsRepository.yearDays * 10).rounded() / 10)
            }
        }
    }
}
