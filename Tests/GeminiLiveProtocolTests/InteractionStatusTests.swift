import GeminiLiveProtocol
import Testing

@Suite("interactionStatus: when a completed turn ends the model's task")
struct InteractionStatusTests {
    @Test("IDLE and the deprecated REQUIRES_ACTION end it, IN_PROGRESS does not; without the field turnComplete does")
    func endsInteraction() {
        #expect(ServerContent(turnComplete: true).endsInteraction)
        #expect(ServerContent(turnComplete: true, interactionStatus: "IDLE").endsInteraction)
        #expect(ServerContent(turnComplete: true, interactionStatus: "REQUIRES_ACTION").endsInteraction)
        #expect(!ServerContent(turnComplete: true, interactionStatus: "IN_PROGRESS").endsInteraction)
        #expect(!ServerContent(interactionStatus: "IDLE").endsInteraction, "only with turnComplete")
        #expect(!ServerContent().endsInteraction)
    }
}
