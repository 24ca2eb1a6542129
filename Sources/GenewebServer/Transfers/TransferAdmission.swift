import HTTPTypes
import Metrics
import Synchronization

/// Admission of exports and imports: at most so many at once in total, and for exports at
/// most so many per client. A request past a bound is refused at once with 429, `Retry-After`
/// and the error JSON (no queue: a client that waits holds a connection as surely as one that
/// runs). Admitted work holds a `TransferPass` until its response body is written.
final class TransferAdmission: Sendable {
    /// Seconds a refused client is told to wait.
    static let retryAfterSeconds = 5

    enum Kind: String, Sendable {
        /// A GEDCOM export, streamed a page at a time.
        case export
        /// A `.gw` export, written from the whole base.
        case wholeBaseExport = "gw_export"
        case `import`
    }

    private struct Running {
        var exports = 0
        var wholeBaseExports = 0
        var imports = 0
        var exportsByClient: [String: Int] = [:]
    }

    let settings: TransferSettings
    private let running = Mutex(Running())

    init(settings: TransferSettings) {
        self.settings = settings
    }

    /// A pass for an export to `client`, or the 429 to answer.
    func admitExport(client: String, wholeBase: Bool) throws(APIError) -> TransferPass {
        let settings = self.settings
        let admitted = running.withLock { running -> Bool in
            guard running.exports < settings.exportsInTotal,
                running.exportsByClient[client, default: 0] < settings.exportsPerClient,
                !wholeBase || running.wholeBaseExports < settings.wholeBaseExportsInTotal
            else { return false }
            running.exports += 1
            running.exportsByClient[client, default: 0] += 1
            if wholeBase { running.wholeBaseExports += 1 }
            return true
        }
        guard admitted else {
            throw refusal(
                wholeBase ? .wholeBaseExport : .export,
                detail: wholeBase
                    ? "Too many exports at once: at most \(settings.exportsPerClient) per client, \(settings.exportsInTotal) in total and \(settings.wholeBaseExportsInTotal) in .gw; retry later"
                    : "Too many exports at once: at most \(settings.exportsPerClient) per client and \(settings.exportsInTotal) in total; retry later")
        }
        return TransferPass { [weak self] in
            self?.running.withLock { running in
                running.exports -= 1
                if wholeBase { running.wholeBaseExports -= 1 }
                let left = running.exportsByClient[client, default: 1] - 1
                running.exportsByClient[client] = left > 0 ? left : nil
            }
        }
    }

    /// A pass for an import, or the 429 to answer.
    func admitImport() throws(APIError) -> TransferPass {
        let limit = settings.importsInTotal
        let admitted = running.withLock { running -> Bool in
            guard running.imports < limit else { return false }
            running.imports += 1
            return true
        }
        guard admitted else {
            throw refusal(.import, detail: "Another import is running (at most \(limit) at once); retry later")
        }
        return TransferPass { [weak self] in
            self?.running.withLock { $0.imports -= 1 }
        }
    }

    /// Exports and imports running now, for tests and metrics.
    var runningCounts: (exports: Int, imports: Int) {
        running.withLock { ($0.exports, $0.imports) }
    }

    private func refusal(_ kind: Kind, detail: String) -> APIError {
        Counter(label: "geneweb_transfers_refused_total", dimensions: [("kind", kind.rawValue)]).increment()
        var headers = HTTPFields()
        headers[.retryAfter] = String(Self.retryAfterSeconds)
        return APIError(.tooManyRequests, detail: detail, headers: headers, retryAfter: Self.retryAfterSeconds)
    }
}

/// The right to run one export or import; given back once, by `release()` or when the last
/// reference goes (a response dropped before its body was written).
final class TransferPass: Sendable {
    private let onRelease: Mutex<(@Sendable () -> Void)?>

    init(onRelease: @escaping @Sendable () -> Void) {
        self.onRelease = Mutex(onRelease)
    }

    func release() {
        let action = onRelease.withLock { action -> (@Sendable () -> Void)? in
            defer { action = nil }
            return action
        }
        action?()
    }

    deinit { release() }
}
