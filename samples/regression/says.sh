#!/bin/sh
# A judge for this suite (JUDGES in gemini-live-test(1)): it reads the turn as JSON on stdin and passes when
# the model's reply holds the word given as its argument, in any letter case. A real judge would put the
# criterion to a person or a language model; this one shows the protocol with nothing beyond sh and grep.
set -eu
word=$1
request=$(cat)
# The criterion and the input come before the reply's members; cut them off so they are not judged.
reply=${request#*\"output_transcript\":}
case $reply in
  'null,"text":null,'*) echo "unsure: no transcript and no text to judge" ;;
  *)
    if printf '%s' "$reply" | grep -qi -- "$word"; then
      echo "pass: the reply says $word"
    else
      echo "fail: the reply does not say $word"
    fi
    ;;
esac
