import Foundation
import Testing

/// Every line the teacher writes in a golden transcript fits 80 columns (pipes and transcripts
/// get 80): the full-step blocks, from their `-- Step`/`-- Forward pass` heading to the last
/// indented or section line, and the teacher's remarks (`-> …` with their continuation lines).
@Suite struct ExplanationWidthTests {
    static func explanationLines(_ transcript: String) -> [String] {
        var lines: [String] = []
        var inBlock = false
        var inRemark = false
        let sections = ["Layer ", "Loss ", "x = ", "All ", "-- "]
        for line in transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("-- Step") || line.hasPrefix("-- Forward pass") {
                inBlock = true
            } else if inBlock, !(line.hasPrefix(" ") || sections.contains(where: line.hasPrefix)) {
                inBlock = false
            }
            if line.hasPrefix("-> ") || line.hasPrefix("(That was step") {
                inRemark = true
            } else if inRemark, !line.hasPrefix("  ") {
                inRemark = false
            }
            if inBlock || inRemark { lines.append(line) }
        }
        return lines
    }

    @Test func everyExplanationLineFitsEightyColumns() throws {
        let root = NNProcess.root.appendingPathComponent("Tests/TranscriptTests/Transcripts")
        let files =
            FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter {
                $0.hasSuffix(".txt")
            } ?? []
        #expect(files.count > 10)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in Self.explanationLines(text) {
                checked += 1
                #expect(line.count <= 80, "\(file): \(line.count) columns: \(line)")
            }
        }
        #expect(checked > 500)
    }
}
