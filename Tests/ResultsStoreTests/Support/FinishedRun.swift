/// A run that `store-benchmark fill` reported as finished: it prints `finished ID STATUS samples=N`
/// after the run's last commit.
struct FinishedRun: Equatable {
    var runID: Int64
    var status: String
    var samples: Int

    init?(line: Substring) {
        let fields = line.split(separator: " ")
        guard fields.count == 4, fields[0] == "finished", let id = Int64(fields[1]),
            let samples = Int(fields[3].dropFirst("samples=".count))
        else { return nil }
        self.init(runID: id, status: String(fields[2]), samples: samples)
    }

    init(runID: Int64, status: String, samples: Int) {
        self.runID = runID
        self.status = status
        self.samples = samples
    }

    /// The runs reported in `output`, in order.
    static func all(in output: String) -> [FinishedRun] {
        output.split(separator: "\n").compactMap(FinishedRun.init(line:))
    }
}
