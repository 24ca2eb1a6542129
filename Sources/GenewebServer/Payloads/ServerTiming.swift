import HTTPTypes

/// A `Server-Timing` header (W3C) for the computation part of a response, so that operators and
/// benchmarks see the graph walk apart from the database reads and JSON around it.
struct ServerTiming {
    private let start = ContinuousClock.now

    /// `Server-Timing: <metric>;dur=<milliseconds since creation>`.
    func header(_ metric: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[HTTPField.Name("Server-Timing")!] = value(metric)
        return fields
    }

    /// The header's value: `<metric>;dur=<milliseconds since creation>`.
    func value(_ metric: String) -> String {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "\(metric);dur=\((milliseconds * 1000).rounded() / 1000)"
    }
}
