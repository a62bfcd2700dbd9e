import BenchModel
import Foundation
import Testing

@testable import ResultsStore

/// The chain of a run's decisions (`DecisionChain`), as values: intact, it passes; with a link
/// deleted, moved, relinked or its head removed, it says what happened, naming the run.
@Suite struct DecisionChainTests {
    /// Three decisions chained as sandbox-bench writes them.
    static let chain: [DecisionChain.Link] = {
        var links: [DecisionChain.Link] = []
        for (id, digest) in [(Int64(3), "sha256:aa"), (7, "sha256:bb"), (9, "sha256:cc")] {
            let previous = DecisionChain.predecessor(after: links)
            links.append(.init(id: id, after: previous, digest: digest))
        }
        return links
    }()

    @Test func anIntactChainPasses() {
        let head = DecisionChain.head(run: 4, links: Self.chain)
        #expect(head.count == 3)
        #expect(DecisionChain.problem(run: 4, head: head, links: Self.chain) == nil)
        #expect(Self.chain.map(\.previousID) == [nil, 3, 7])
        #expect(Self.chain.map(\.previousDigest) == [nil, "sha256:aa", "sha256:bb"])
        // A run without decisions has a head of its own.
        let empty = DecisionChain.head(run: 4, links: [])
        #expect(empty.count == 0 && empty.digest?.hasPrefix("sha256:") == true)
        #expect(DecisionChain.problem(run: 4, head: empty, links: []) == nil)
    }

    @Test func theHeadSealsTheRunTheCountAndEveryLink() {
        let head = DecisionChain.head(run: 4, links: Self.chain)
        #expect(DecisionChain.head(run: 5, links: Self.chain) != head)
        #expect(DecisionChain.head(run: 4, links: Array(Self.chain.dropLast())) != head)
        var edited = Self.chain
        edited[0].digest = "sha256:ab"
        #expect(DecisionChain.head(run: 4, links: edited).digest != head.digest)
        #expect(DecisionChain.head(run: 4, links: []) != DecisionChain.head(run: 5, links: []))
    }

    @Test func theLatestDeletedIsSeenByTheHead() throws {
        let head = DecisionChain.head(run: 4, links: Self.chain)
        let problem = try #require(DecisionChain.problem(run: 4, head: head, links: Array(Self.chain.dropLast())))
        #expect(problem.contains("run 4 holds 2 of the 3 decision(s) its head counts"))
        // With the count set to match, the head's digest still tells.
        let recounted = DecisionChain.Head(count: 2, digest: head.digest)
        let again = try #require(DecisionChain.problem(run: 4, head: recounted, links: Array(Self.chain.dropLast())))
        #expect(again.contains("not those its head seals"))
    }

    @Test func oneInTheMiddleDeletedBreaksALink() throws {
        let head = DecisionChain.head(run: 4, links: Self.chain)
        let problem = try #require(DecisionChain.problem(run: 4, head: head, links: [Self.chain[0], Self.chain[2]]))
        #expect(problem.contains("decision 9 of run 4 follows decision 7, but the one before it is decision 3"))
        // Relinked by hand, the count and the head still tell.
        var relinked = [Self.chain[0], Self.chain[2]]
        relinked[1].previousID = 3
        relinked[1].previousDigest = "sha256:aa"
        #expect(DecisionChain.problem(run: 4, head: head, links: relinked)?.contains("holds 2 of the 3") == true)
    }

    @Test func allDeletedOrTheHeadRemovedIsSeen() throws {
        let head = DecisionChain.head(run: 4, links: Self.chain)
        let problem = try #require(DecisionChain.problem(run: 4, head: head, links: []))
        #expect(problem.contains("run 4 holds 0 of the 3 decision(s)"))
        let cleared = DecisionChain.Head(count: 0, digest: nil)
        #expect(DecisionChain.problem(run: 4, head: cleared, links: [])?.contains("run 4 has no head") == true)
    }

    @Test func aDecisionMovedToAnotherRunIsAStrangerThere() throws {
        let other: [DecisionChain.Link] = [.init(id: 2, previousID: nil, previousDigest: nil, digest: "sha256:dd")]
        let head = DecisionChain.head(run: 5, links: other)
        let moved = other + [Self.chain[2]]
        let problem = try #require(DecisionChain.problem(run: 5, head: head, links: moved))
        #expect(problem.contains("decision 9 of run 5 follows decision 7, but the one before it is decision 2"))
        // Moved as a run's first decision, its link points at a decision the run does not have.
        let first = try #require(
            DecisionChain.problem(run: 6, head: DecisionChain.head(run: 6, links: []), links: [Self.chain[2]]))
        #expect(first.contains("follows decision 7, but the one before it is none"))
    }

    /// The seal of a decision stored from version 8 covers its link; one from version 6 or 7 its content.
    @Test func theSealCoversTheLink() {
        let decision = DecisionRecord(
            runID: 4, decidedAt: Date(timeIntervalSince1970: 1_767_232_800), toolVersion: "1.0", verdict: .alert,
            alertCount: 1, baseline: .none, document: "{}")
        let first = DecisionSeal.digest(of: decision, after: nil)
        let second = DecisionSeal.digest(of: decision, after: .init(id: 3, digest: "sha256:aa"))
        #expect(first != second)
        #expect(second != DecisionSeal.digest(of: decision, after: .init(id: 2, digest: "sha256:aa")))
        #expect(second != DecisionSeal.digest(of: decision, after: .init(id: 3, digest: "sha256:ab")))
        #expect(DecisionSeal.contentDigest(of: decision) != first)
    }
}
