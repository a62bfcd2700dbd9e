import Foundation
import Testing

@testable import Regression

/// Change points in short histories (20 to 40 runs) with an episode: a level that goes up by
/// 60 % (or 30 %) for a few runs and comes back is two change points, one at each edge, with the
/// default settings — the window adapts to the history's length.
@Suite struct ChangePointEpisodeTests {
    static let episodes: [SyntheticEpisode] = [
        SyntheticEpisode(runs: 20, start: 8, length: 5, change: 0.6),
        SyntheticEpisode(runs: 25, start: 10, length: 6, change: 0.6),
        SyntheticEpisode(runs: 30, start: 12, length: 7, change: 0.6),
        SyntheticEpisode(runs: 40, start: 16, length: 10, change: 0.6),
        SyntheticEpisode(runs: 40, start: 25, length: 8, change: 0.3),
    ]

    @Test(arguments: episodes)
    func anEpisodeIsTwoChangePoints(_ episode: SyntheticEpisode) {
        var score = DetectionScore()
        var elsewhere = 0
        for seed in UInt64(1)...20 {
            let found = ChangePointDetector().changePoints(in: episode.series(seed: seed)).map(\.index)
            for edge in episode.truth {
                score.add(detected: found.filter { abs($0 - edge) <= 2 }, truth: edge...edge, tolerance: 2)
            }
            elsewhere += found.filter { index in !episode.truth.contains { abs($0 - index) <= 2 } }.count
        }
        print("episode, \(episode.testDescription): \(score); \(elsewhere) elsewhere")
        #expect(score.recall >= 0.95, "edges found: \(score)")
        #expect(elsewhere <= 4, "change points away from the episode's edges: \(elsewhere) in 20 histories")
    }

    /// The same histories in one fixed window of 50 (Otava's way) rarely show the episode: the
    /// reason the window adapts to a short history.
    @Test func oneWindowOverAShortHistoryMissesTheEpisode() {
        let episode = SyntheticEpisode(runs: 25, start: 10, length: 6, change: 0.6)
        let detector = ChangePointDetector()
        #expect(detector.window(forHistoryOf: 25) == 12)
        var unadapted = 0
        var adapted = 0
        for seed in UInt64(1)...20 {
            let series = episode.series(seed: seed)
            let whole = detector.split(series, maxPValue: 0.01, window: 50)
            unadapted += episode.bothEdges(in: whole.map(\.index)) ? 1 : 0
            adapted += episode.bothEdges(in: detector.changePoints(in: series).map(\.index)) ? 1 : 0
        }
        #expect(unadapted <= 5 && adapted >= 19, "both edges: \(unadapted) of 20 in one window, \(adapted) adapted")
    }

    @Test func theWindowAdaptsToTheHistory() {
        let detector = ChangePointDetector()
        #expect(detector.window(forHistoryOf: 10) == ChangePointDetector.shortestWindow)
        #expect(detector.window(forHistoryOf: 40) == 20)
        #expect(detector.window(forHistoryOf: 100) == 50)
        #expect(detector.window(forHistoryOf: 1_000) == 50)
        let narrow = ChangePointDetector(settings: ChangePointSettings(window: 6))
        #expect(narrow.window(forHistoryOf: 40) == 6)
    }

    /// Pure noise of 20 to 40 runs: the shorter windows do not invent levels.
    @Test func shortNoiseHasFewChangePoints() {
        var found = 0
        for runs in [20, 25, 30, 40] {
            for seed in UInt64(1)...20 {
                let noise = SyntheticEpisode(runs: runs, start: 0, length: 0, change: 0)
                found += ChangePointDetector().changePoints(in: noise.series(seed: seed)).count
            }
        }
        #expect(found <= 3, "\(found) change points in 80 histories of noise")
    }
}
