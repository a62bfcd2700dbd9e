import PackagePlugin

/// Embeds every `.sql` file of a target's folder into the target's code, in file-name order, so
/// that the folder itself is the one list of migrations: a new numbered file is picked up by the
/// next build, with nothing else to edit.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles(withSuffix: "sql").map(\.url).sorted {
            $0.lastPathComponent < $1.lastPathComponent
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migrations of \(target.name)",
                executable: try context.tool(named: "migration-embedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
