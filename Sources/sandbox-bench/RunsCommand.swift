import ArgumentParser
import Foundation
import ResultsStore

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show and delete the runs in the results database.",
        subcommands: [RunsListCommand.self, RunsShowCommand.self, RunsDeleteCommand.self],
        defaultSubcommand: RunsListCommand.self
    )
}
