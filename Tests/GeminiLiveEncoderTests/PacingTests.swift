import Testing

@testable import GeminiLiveEncoder

/// A clock that only moves when told to, recording every sleep.
final class ManualClock: PacingClock {
    var time: Double = 1_000
    var sleeps: [Double] = []

    func now() -> Double { time }

    func sleep(until deadline: Double) {
        sleeps.append(deadline)
        if deadline > time { time = deadline }
    }
}

@Suite struct PacingTests {
    @Test("chunks are released when their audio has been 'recorded', at any speed", arguments: [1.0, 2.0, 0.5])
    func pacerSchedulesByMediaTime(speed: Double) {
        let clock = ManualClock()
        var pacer = Pacer(clock: clock, speed: speed)
        for chunk in 1...5 { pacer.wait(untilMediaTime: Double(chunk) * 0.1) }
        let expected = (1...5).map { 1_000 + Double($0) * 0.1 / speed }
        #expect(zip(clock.sleeps, expected).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test("a slow writer does not make the pacer sleep more: deadlines stay on the media timeline")
    func pacerDoesNotDrift() {
        let clock = ManualClock()
        var pacer = Pacer(clock: clock, speed: 1)
        pacer.wait(untilMediaTime: 0.1)
        clock.time += 0.5  // a stall downstream
        pacer.wait(untilMediaTime: 0.2)
        pacer.wait(untilMediaTime: 0.7)
        #expect(clock.time == 1_000.7)
    }

    @Test("by count: 30 fps thinned to 1 fps keeps frames 0, 30, 60")
    func thinnerByCount() {
        var thinner = FrameThinner(framesPerSecond: 1, sourceFramesPerSecond: 30, clock: ManualClock())
        let kept = (0..<90).filter { _ in thinner.keepNext() }
        #expect(kept == [0, 30, 60])
    }

    @Test("by arrival: a 1 fps camera with jitter keeps every frame; a burst keeps one")
    func thinnerByArrival() {
        let clock = ManualClock()
        var thinner = FrameThinner(framesPerSecond: 1, sourceFramesPerSecond: nil, clock: clock)
        var kept = 0
        for arrival in [0.0, 0.95, 2.02, 2.9, 4.0] {
            clock.time = 1_000 + arrival
            if thinner.keepNext() { kept += 1 }
        }
        #expect(kept == 5)
        clock.time += 1
        let burst = (0..<3).map { _ in thinner.keepNext() }
        #expect(burst == [true, false, false])
    }

    @Test func zeroFpsKeepsEverything() {
        var thinner = FrameThinner(framesPerSecond: 0, sourceFramesPerSecond: nil, clock: ManualClock())
        #expect((0..<10).allSatisfy { _ in thinner.keepNext() })
    }
}
