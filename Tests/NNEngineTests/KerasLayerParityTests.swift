import NNEngine
import Testing

/// Every layer against Keras 3 in training and inference: the same data and initial weights,
/// shuffle off; Dropout in training with the same masks on both sides.
@Suite struct KerasLayerParityTests {
    @Test func fixturesAreLoaded() {
        #expect(KerasLayerCase.all.count >= 14)
    }

    @Test(arguments: KerasLayerCase.all)
    func layersMatchKeras(_ fixture: KerasLayerCase) throws {
        let (model, adapted) = try fixture.makeModel()
        // adapt() computed what Keras's adapt() computed (its statistics are part of the initial weights).
        for (index, (got, expected)) in zip(adapted, fixture.initial_weights).enumerated()
        where fixture.name.hasPrefix("normalization-adapt") && index < 3 {
            let mismatches = zip(got.scalars, expected.values).filter { !agree($0, $1) }
            #expect(mismatches.isEmpty, "adapted weight \(index): \(mismatches.prefix(3))")
        }
        let x = fixture.x.tensor
        let y = fixture.y.tensor
        let history = try model.fit(
            x: x, y: y, options: FitOptions(batchSize: fixture.batch_size, epochs: fixture.epochs, shuffle: false))
        for (name, expected) in fixture.history {
            let got = try #require(history[name], "history has no '\(name)'")
            #expect(got.count == expected.count)
            for (epoch, (g, e)) in zip(got, expected).enumerated() {
                #expect(agree(g, e, relative: 1e-4), "\(name) at epoch \(epoch): got \(g), Keras \(e)")
            }
        }
        let weights = model.weights()
        #expect(weights.count == fixture.final_weights.count)
        for (index, (got, expected)) in zip(weights, fixture.final_weights).enumerated() {
            #expect(got.shape == expected.shape)
            let mismatches = zip(got.scalars, expected.values).filter { !agree($0, $1, relative: 1e-4, absolute: 1e-5) }
            #expect(mismatches.isEmpty, "weight \(index): \(mismatches.prefix(3)) of \(got.count) differ")
        }
        let predictions = try model.predict(x)
        #expect(predictions.shape == fixture.predictions.shape)
        let wrong = zip(predictions.scalars, fixture.predictions.values).filter {
            !agree($0, $1, relative: 1e-4, absolute: 1e-5)
        }
        #expect(wrong.isEmpty, "predictions: \(wrong.prefix(3)) differ")
        let evaluation = try model.evaluate(x: x, y: y)
        for (name, expected) in fixture.evaluate {
            let got = try #require(evaluation[name])
            #expect(agree(got, expected, relative: 1e-4), "evaluate \(name): got \(got), Keras \(expected)")
        }
    }
}
