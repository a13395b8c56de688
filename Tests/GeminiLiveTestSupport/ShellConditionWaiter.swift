/// The one way a test's shell script waits: `wait_until COMMAND [ARG...]` re-runs the command until it
/// succeeds, so the script goes on as soon as the condition holds (a WAV's sample count, a line in a log),
/// however busy the machine is. `ToolRunner.shell` defines it, with `has_lines`, in every script.
enum ShellConditionWaiter {
    /// The shell functions; `giveUpAfter` is the script's own timeout.
    ///
    /// The give-up is only a hang guard, never a pass/fail bound: it comes no sooner than the watchdog
    /// that kills the script, and it is there so that a waiter left behind in a killed pipeline's subshell
    /// does not re-check for ever. Between checks the waiter pauses 20 ms, which only sets how often a
    /// file is looked at.
    static func definitions(giveUpAfter seconds: Double) -> String {
        """
        wait_until() {
          local give_up=$((SECONDS + \(Int(seconds.rounded(.up))) + 1))
          until "$@"; do
            if ((SECONDS > give_up)); then echo "wait_until: gave up waiting for: $*" >&2; return 1; fi
            sleep 0.02
          done
        }
        has_lines() {
          local count
          count=$(grep -c -- "$2" "$3" 2> /dev/null)
          [ "${count:-0}" -ge "$1" ]
        }

        """
    }
}
