extension ScenarioTurn {
    /// Whether the turn's input asks the model for a reply, so that the next turn waits for it: text (sent with
    /// `turnComplete`), `activity_end`, `audio_stream_end`, and audio under the server's activity detection
    /// (the runner ends it with `audioStreamEnd`). A picture, silence, `activity_start` or audio between manual
    /// markers only adds to the input of the turn that follows.
    public func awaitsReply(activityDetection: ScenarioSetup.ActivityDetection) -> Bool {
        switch input {
        case .text, .activityEnd, .audioStreamEnd: true
        case .audio: activityDetection == .server
        case .image, .silence, .activityStart: false
        }
    }
}

extension Scenario {
    /// How the scenario's activity detection is set, `.server` for a `setup_file:` (its own setup decides).
    public var activityDetection: ScenarioSetup.ActivityDetection {
        if case .described(let setup) = setup { return setup.activityDetection }
        return .server
    }

    /// For each scenario turn, the index of the recorded turn its expectations are checked against.
    ///
    /// A recording is split into user turns by its frames (`RecordedAttempt`): the inputs up to one that asks
    /// for a reply make one recorded turn. So scenario turns are grouped the same way: each group ends at a
    /// turn that awaits a reply, and every turn of a group maps to that group's recorded turn.
    public var recordedTurnIndices: [Int] {
        var indices: [Int] = []
        var group = 0
        for turn in turns {
            indices.append(group)
            if turn.awaitsReply(activityDetection: activityDetection) { group += 1 }
        }
        return indices
    }
}
