/// The configuration JSON a stored test run carries, reduced to what the gate reads of it: the
/// plan, so that the rules of the specs a test run leaves out are skipped (a suite narrowed on
/// purpose) rather than missing.
package enum PlannedConfiguration {
    /// `{"plan": {"suite": …, "specs": [{"name": …, "settings": {…}}, …]}}`
    package static func json(suite: String = "full", specs: [String]) -> String {
        let planned = specs.map { #"{"name":"\#($0)","settings":{"iterations":1,"warmups":0}}"# }
        return #"{"plan":{"specs":[\#(planned.joined(separator: ","))],"suite":"\#(suite)"}}"#
    }
}
