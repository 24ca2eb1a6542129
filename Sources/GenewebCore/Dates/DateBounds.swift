/// The numbers a date may hold: what readers accept as a date, and what the calendars compute with.
extension DMY {
    /// Years of either era a date may have. Beyond them a "year" is no year anyone recorded:
    /// readers keep such a value as a text date. The bound keeps every calendar conversion (Julian
    /// day numbers, Hebrew and French republican years) far from overflow, and every sort key
    /// within the 32-bit columns of both engines.
    public static let supportedYears = -999_999...999_999

    /// Whether year, month and day lie where the calendars compute safely (months up to 13 for
    /// the French complementary days and Hebrew leap years).
    public var isComputable: Bool {
        Self.supportedYears.contains(year) && (0...13).contains(month) && (0...31).contains(day)
    }

    /// The numbers as `day/month/year` text, for a date that cannot be a calendar date.
    public var numbersText: String {
        [day, month].filter { $0 != 0 }.map(String.init).joined(separator: "/") + (day == 0 && month == 0 ? "" : "/") + String(year)
    }
}
