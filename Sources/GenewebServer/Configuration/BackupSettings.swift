import Foundation

/// Scheduled backups (`GENEWEB_BACKUP_*`): where archives go, how often, how many are kept.
public struct BackupSettings: Sendable, Equatable {
    /// Folder of the archives (`GENEWEB_BACKUP_DIR`); nil: `backups` in the data directory (on
    /// Fly.io, the `/data` volume).
    public var directory: String?
    /// Time between scheduled backups; nil: none (`GENEWEB_BACKUP_INTERVAL=0`).
    public var interval: Duration? = .seconds(24 * 3600)
    /// Scheduled archives kept; older ones are deleted after each new one.
    public var keep = 7

    public init() {}

    /// The folder of archives for a server whose data directory is `dataDirectory`.
    public func folder(dataDirectory: String) -> String {
        directory ?? (dataDirectory as NSString).appendingPathComponent("backups")
    }

    mutating func load(from env: EnvironmentReader) throws(ConfigurationError) {
        directory = env.string("GENEWEB_BACKUP_DIR")
        if let text = env.string("GENEWEB_BACKUP_INTERVAL") {
            guard let seconds = Self.seconds(in: text) else {
                throw ConfigurationError(
                    variable: "GENEWEB_BACKUP_INTERVAL", value: text,
                    expected: "a duration such as 24h, 6h or 90m (at least 5m), or 0 for no scheduled backups")
            }
            interval = seconds == 0 ? nil : .seconds(seconds)
        }
        if let count = try env.integer("GENEWEB_BACKUP_KEEP", in: 1...1000) { keep = count }
    }

    /// Seconds of `24h`, `90m`, `3600s`, `2d` or a bare number of seconds; 0 stays 0; nil for
    /// anything else or less than five minutes (a backup reads the whole database).
    static func seconds(in text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var digits = Substring(text.lowercased())
        var unit = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard digits.count <= 6, let value = Int(digits), value >= 0 else { return nil }
        let seconds = value * unit
        return seconds == 0 || seconds >= 300 ? seconds : nil
    }
}
