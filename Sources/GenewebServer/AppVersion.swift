/// The server's version, reported by health routes and `geneweb --version`.
public enum AppVersion {
    public static let current = "0.1.0"
}
