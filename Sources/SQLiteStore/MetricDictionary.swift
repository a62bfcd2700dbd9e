import BenchModel
import CSQLite

/// The numbers that stand for metric names in samples and summaries; a metric seen for the
/// first time gets a row with the unit and direction its name implies.
struct MetricDictionary {
    let connection: SQLiteConnection
    private var known: [MetricID: Int64] = [:]

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    mutating func id(of metric: MetricID) throws -> Int64 {
        if let id = known[metric] { return id }
        try connection.execute(
            "INSERT INTO metrics (name, spec, unit, direction) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
            [metric.rawValue, metric.spec, metric.unit.rawValue, metric.direction.rawValue])
        guard
            let id = try connection.firstRow(
                "SELECT id FROM metrics WHERE name = ?", [metric.rawValue], { try $0.int64("id") })
        else {
            throw DatabaseError(
                extendedResultCode: SQLITE_ERROR, message: "the metric \(metric) vanished right after it was stored",
                sql: nil)
        }
        known[metric] = id
        return id
    }
}
