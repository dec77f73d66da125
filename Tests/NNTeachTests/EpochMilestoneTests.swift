import NNEngine
import Testing

@testable import NNTeach

/// The epoch level speaks only at milestones (the loss halving again, accuracy reaching 100%);
/// the step level still sums up every epoch.
@Suite struct EpochMilestoneTests {
    func said(_ level: ExplainLevel, _ epochs: [(loss: Float, accuracy: Float)]) -> [String] {
        var lines: [String] = []
        let teacher = Teacher(level: level, style: .plain) { lines += $0.split(separator: "\n").map(String.init) }
        for (index, epoch) in epochs.enumerated() {
            var logs = Logs()
            logs["loss"] = epoch.loss
            logs["accuracy"] = epoch.accuracy
            teacher.epochDidEnd(epoch: index + 1, logs: logs)
        }
        return lines
    }

    @Test func theEpochLevelSpeaksOnlyAtMilestones() {
        let epochs: [(loss: Float, accuracy: Float)] = [
            (0.8, 0.5), (0.7, 0.6), (0.6, 0.7), (0.39, 0.9), (0.3, 1), (0.19, 1), (0.18, 1),
        ]
        #expect(
            said(.epoch, epochs) == [
                "  epoch 4: the loss is down to half of epoch 1's (0.8000 -> 0.3900)",
                "  epoch 5: every training example is now classified right (accuracy 100%)",
                "  epoch 6: the loss is down to 1/4 of epoch 1's (0.8000 -> 0.1900)",
            ])
        #expect(said(.step, epochs).count == epochs.count)
    }
}
