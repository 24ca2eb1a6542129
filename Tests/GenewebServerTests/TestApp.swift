import Foundation
import GenewebServer
import GenewebStore
import GenewebTestSupport
import Hummingbird
import HummingbirdTesting
import Logging

/// The logger of in-process apps: warnings and errors only, so that a failing test is not lost
/// among thousands of access-log lines; `GENEWEB_TEST_LOG_LEVEL=info` (or `debug`) shows them.
let testLogger: Logger = {
    var logger = Logger(label: "geneweb.test")
    let wanted = ProcessInfo.processInfo.environment["GENEWEB_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
    logger.logLevel = wanted ?? .warning
    return logger
}()

/// A configuration for in-process tests: SQLite in a fresh folder unless a storage is given.
/// Rate limiting is off: one test makes hundreds of requests from one address
/// (`RateLimitTests` turns it on).
/// The monitoring token of `testConfiguration(monitored: true)`, for `/metrics` and `/health/detailed`.
let testMonitoringToken = "monitoring-token-for-tests"

func testConfiguration(storage: StorageLocation? = nil, directory: TemporaryDirectory, monitored: Bool = false) -> AppConfiguration {
    var configuration = AppConfiguration(
        host: "127.0.0.1", port: 0, debug: true, dataDirectory: directory.path,
        storage: storage, logLevel: .info, logFormat: .text
    )
    configuration.security.rateLimitPerMinute = 0
    if monitored { configuration.metricsToken = testMonitoringToken }
    return configuration
}

extension TestResponse {
    /// The body decoded as a JSON object.
    var json: [String: Any] {
        get throws {
            let object = try JSONSerialization.jsonObject(with: Data(buffer: body))
            guard let dictionary = object as? [String: Any] else {
                throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: [], debugDescription: "not an object"))
            }
            return dictionary
        }
    }
}
