import Foundation
import Testing

/// Golden transcripts: every program (and notebook) in examples/, lessons/ and Scripts is run with
/// `nn` (unattended, no terminal) and what it prints must equal the committed transcript exactly.
/// To re-record on purpose: `NNLAB_RECORD=1 swift test --filter TranscriptTests`, then review the diff.
@Suite struct TranscriptTests {
    struct Script: CustomTestStringConvertible, Sendable {
        let folder: String
        let name: String
        /// Extra `nn` arguments for this run (from a `# runs: a | b` first line), and the run's number.
        var arguments: [String] = []
        var run = 0
        var testDescription: String {
            "\(folder)/\(name)" + (arguments.isEmpty ? "" : " " + arguments.joined(separator: " "))
        }
        var transcript: URL {
            NNProcess.root.appendingPathComponent(
                "Tests/TranscriptTests/Transcripts/\(folder.split(separator: "/").last ?? "")/\(name)\(run == 0 ? "" : ".\(run)").txt"
            )
        }
    }

    static let scripts: [Script] = ["examples", "lessons", "Tests/TranscriptTests/Scripts"].flatMap { folder in
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: NNProcess.root.appendingPathComponent(folder).path))
            ?? []
        return names.filter { $0.hasSuffix(".nn") || $0.hasSuffix(".ipynb") }.sorted().flatMap { name -> [Script] in
            let text =
                (try? String(contentsOf: NNProcess.root.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8))
                ?? ""
            guard let first = text.split(separator: "\n").first, first.hasPrefix("# runs:") else {
                return [Script(folder: folder, name: name)]
            }
            let runs = first.dropFirst("# runs:".count).split(separator: "|", omittingEmptySubsequences: false)
            return runs.enumerated().map { index, run in
                Script(
                    folder: folder, name: name, arguments: run.split(separator: " ").map(String.init), run: index + 1)
            }
        }
    }

    @Test func examplesExist() { #expect(TranscriptTests.scripts.filter { $0.folder == "examples" }.count >= 2) }

    @Test(arguments: TranscriptTests.scripts)
    func transcriptMatches(_ script: Script) throws {
        let result = try NNProcess.run(script.arguments + ["\(script.folder)/\(script.name)"])
        let transcript =
            result.output + (result.error.isEmpty ? "" : "--- stderr ---\n" + result.error)
            + (result.status == 0 ? "" : "--- exit status \(result.status) ---\n")
        if ProcessInfo.processInfo.environment["NNLAB_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: script.transcript.deletingLastPathComponent(), withIntermediateDirectories: true)
            try transcript.write(to: script.transcript, atomically: false, encoding: .utf8)
            return
        }
        let expected = try #require(
            try? String(contentsOf: script.transcript, encoding: .utf8),
            "no transcript for \(script.testDescription): record with NNLAB_RECORD=1")
        let got = transcript.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        #expect(
            transcript == expected,
            "line \(firstDifference + 1): got \(firstDifference < got.count ? String(got[firstDifference]) : "<end>"), expected \(firstDifference < want.count ? String(want[firstDifference]) : "<end>")"
        )
    }
}
