import Foundation
import NNEngine
import NNLang
import NNPlot
import Testing

@testable import NNTeach

/// Every lesson and example run with the training watcher on every fit, even quiet ones (verbose=0):
/// it must raise no false alarm, and say exactly what a lesson shows on purpose.
@Suite struct LessonDiagnosisTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let programs: [String] = ["lessons", "examples"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
            .filter { $0.hasSuffix(".nn") }.sorted().map { "\(folder)/\($0)" }
    }

    /// What the lessons demonstrate on purpose: a linear network that cannot leave the base rate
    /// (lesson 5), and networks that overfit, the big one and even the regularized one (lessons 8, 9).
    static let expected: [String: [DiagnosisKind]] = [
        "lessons/05-activation-functions.nn": [.baseRate],
        "lessons/08-overfitting.nn": [.overfitting, .overfitting],
        "lessons/09-dropout.nn": [.overfitting, .overfitting],
    ]

    @Test(arguments: programs)
    func noFalseAlarms(_ path: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        let interpreter = Interpreter(output: CapturedOutput())
        var findings: [Finding] = []
        let listener = WatchingListener()
        interpreter.teaching = listener
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Self.root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        try interpreter.run(SourceFile(name: path, text: text))
        findings = listener.watchers.flatMap(\.said)
        #expect(findings.map(\.kind) == Self.expected[path] ?? [], "\(findings.map(\.text))")
    }
}

/// Puts a silent training watcher on every fit and keeps them, to read what they found.
final class WatchingListener: TeachingListener {
    var watchers: [TrainingWatcher] = []

    func trainingObservers(for fit: FitContext) -> [TrainingObserver] {
        let watcher = TrainingWatcher(style: .plain) { _ in }
        watchers.append(watcher)
        return [watcher]
    }
}
