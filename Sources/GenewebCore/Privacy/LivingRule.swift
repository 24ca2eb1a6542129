import Foundation

/// What the tree says about a person's age beyond their own events.
public struct LivingEvidence: Sendable, Equatable {
    /// Julian day of the earliest dated birth (or baptism) among their children.
    public var earliestChildBirth: Int?
    /// Julian day of the earliest dated marriage of theirs.
    public var earliestMarriage: Int?

    public init(earliestChildBirth: Int? = nil, earliestMarriage: Int? = nil) {
        self.earliestChildBirth = earliestChildBirth
        self.earliestMarriage = earliestMarriage
    }
}

/// Who counts as living, the rule of API.md: no death recorded, and either born less than 100
/// years ago, or birth unknown with nothing showing otherwise (a child born more than 100 years
/// ago, a marriage more than 80 years ago). When in doubt, living: hiding a dead person's name
/// costs a click, showing a living person's costs their privacy.
public struct LivingRule: Sendable {
    /// Today as a Julian day.
    public let today: Int
    public static let lifespanYears = 100
    public static let marriageYears = 80

    public init(now: Date = Date()) {
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now)
        today = DateCalendar.gregorian.julianDay(year: components.year ?? 2000, month: components.month ?? 1, day: components.day ?? 1)
    }

    /// Days in `years` years, close enough for a threshold of decades.
    private static func days(_ years: Int) -> Int { years * 36525 / 100 }

    /// Births (latest possible day) up to this day are more than a lifespan ago: not living.
    public var lifespanCutoff: Int { today - Self.days(Self.lifespanYears) }
    /// Marriages before this day are too old for a living spouse.
    public var marriageCutoff: Int { today - Self.days(Self.marriageYears) }

    /// Whether the person needs the evidence of their families to be judged (no death, no birth).
    public func needsEvidence(_ person: Person) -> Bool {
        !isDead(person) && birthDay(person) == nil
    }

    public func isLiving(_ person: Person, evidence: LivingEvidence = LivingEvidence()) -> Bool {
        if isDead(person) { return false }
        if let birth = birthDay(person) { return today - birth < Self.days(Self.lifespanYears) }
        if let child = evidence.earliestChildBirth, today - child > Self.days(Self.lifespanYears) { return false }
        if let marriage = evidence.earliestMarriage, today - marriage > Self.days(Self.marriageYears) { return false }
        return true
    }

    private func isDead(_ person: Person) -> Bool {
        person.deathStatus.isDead || person.death != nil || person.burial != nil
    }

    /// The latest day the person may have been born on, from birth or baptism.
    private func birthDay(_ person: Person) -> Int? {
        (person.birth?.date ?? person.baptism?.date)?.calendarDate?.latestJulianDay
    }
}
