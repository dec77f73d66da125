import NNEngine
import Testing

/// NNEngine against Keras 3 on the same networks, data and initial weights (shuffle off).
@Suite struct KerasParityTests {
    @Test func fixturesAreLoaded() {
        #expect(KerasCase.all.count >= 45)
    }

    @Test(arguments: KerasCase.all)
    func trainingMatchesKeras(_ fixture: KerasCase) throws {
        let model = try fixture.makeModel()
        let history = try model.fit(
            x: fixture.x.tensor, y: fixture.y.tensor,
            options: FitOptions(
                batchSize: fixture.batch_size, epochs: fixture.epochs, shuffle: false,
                validationSplit: fixture.validation_split))
        for (name, expected) in fixture.history {
            let got = try #require(history[name], "history has no '\(name)'")
            #expect(got.count == expected.count)
            for (epoch, (g, e)) in zip(got, expected).enumerated() {
                #expect(agree(g, e), "\(name) at epoch \(epoch): got \(g), Keras \(e)")
            }
        }
        for (index, (got, expected)) in zip(model.weights(), fixture.final_weights).enumerated() {
            #expect(got.shape == expected.shape)
            let mismatches = zip(got.scalars, expected.values).filter { !agree($0, $1) }
            #expect(mismatches.isEmpty, "weight \(index): \(mismatches.prefix(3)) of \(got.count) differ")
        }
        let predictions = try model.predict(fixture.x.tensor)
        #expect(predictions.shape == fixture.predictions.shape)
        let wrong = zip(predictions.scalars, fixture.predictions.values).filter { !agree($0, $1) }
        #expect(wrong.isEmpty, "predictions: \(wrong.prefix(3)) differ")
        let evaluation = try model.evaluate(x: fixture.x.tensor, y: fixture.y.tensor)
        for (name, expected) in fixture.evaluate {
            let got = try #require(evaluation[name])
            #expect(agree(got, expected), "evaluate \(name): got \(got), Keras \(expected)")
        }
    }
}
