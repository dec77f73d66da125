import NNEngine
import Testing

/// A fit stopped by a diverging loss gives back the weights from before the bad step, and the
/// optimizer's state from then too: its moments and iteration count are those of a twin that only
/// ever took the good steps, so training goes on as if the bad steps had never happened.
@Suite struct OptimizerRestoreTests {
    /// Stops training after `step` with a reason, as the training watcher does for divergence.
    final class StopAt: TrainingObserver {
        let step: Int
        init(step: Int) { self.step = step }
        func reasonToStop(epoch: Int, step: Int, loss: Float) -> String? { step == self.step ? "diverging" : nil }
    }

    static let optimizers: [String] = ["momentum", "rmsprop", "adam"]

    func make(_ name: String) throws -> Optimizer {
        switch name {
        case "momentum": try SGD(learningRate: 0.5, momentum: 0.9)
        case "rmsprop": RMSprop(learningRate: 30)
        default: Adam(learningRate: 30)
        }
    }

    func state(_ optimizer: Optimizer, _ parameter: Parameter) -> [[Float]] {
        switch optimizer.snapshot(of: parameter) {
        case .sgd: []
        case .momentum(_, _, _, let velocity), .rmsprop(_, _, _, let velocity): [velocity.scalars]
        case .adam(_, _, _, _, _, _, let m, let v): [m.scalars, v.scalars]
        }
    }

    @Test(arguments: optimizers)
    func theOptimizerGoesBackWithTheWeights(_ name: String) throws {
        let x = Tensor(shape: [64, 1]) { Float($0 % 8) - 3.5 }
        let y = Tensor(shape: [64, 1]) { Float($0 % 8) * 2 }
        let model = try Sequential(layers: [Dense(units: 1)], inputWidth: 1, random: RandomSource(seed: 3))
        let start = model.weights()
        let optimizer = try make(name)
        model.compile(loss: Loss(.meanSquaredError), optimizer: optimizer)
        let history = try model.fit(
            x: x, y: y, options: FitOptions(batchSize: 4, epochs: 1, shuffle: false),
            observer: StopAt(step: 12))
        let stop = try #require(history.stop)
        let restored = try #require(stop.restoredStep)
        // The losses grew on the way, so the copy is from a later step than the first.
        #expect(stop.step == 12 && restored > 1, "restored before step \(restored)")
        #expect(optimizer.iterations == restored - 1)

        let twin = try Sequential(layers: [Dense(units: 1)], inputWidth: 1, random: RandomSource(seed: 3))
        try twin.setWeights(start)
        let twinOptimizer = try make(name)
        twin.compile(loss: Loss(.meanSquaredError), optimizer: twinOptimizer)
        let good = (restored - 1) * 4
        _ = try twin.fit(
            x: Tensor(shape: [good, 1]) { x.scalars[$0] }, y: Tensor(shape: [good, 1]) { y.scalars[$0] },
            options: FitOptions(batchSize: 4, epochs: 1, shuffle: false))
        #expect(model.weights().map(\.scalars) == twin.weights().map(\.scalars))
        #expect(twinOptimizer.iterations == optimizer.iterations)
        for (mine, theirs) in zip(model.parameters, twin.parameters) {
            #expect(state(optimizer, mine) == state(twinOptimizer, theirs))
        }
    }
}
